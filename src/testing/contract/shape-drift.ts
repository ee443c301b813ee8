import type { Codec } from '../../codec/codec.js'
import type { AnyOperation } from '../../operations/index.js'
import type { Expected } from '../fixture-cases.js'
import { isRecord } from '../../wire/tree.js'

/** One way an answer's shape moved away from the recording. */
export interface Drift {
  /**
   * `added`: a field the recording did not have; `gone`: a recorded field
   * missing; `type`: a value of another type (number ↔ text, list ↔ record);
   * `status`: another HTTP status or another status code in the body;
   * `unreadable`: the answer no longer decodes in its format.
   */
  kind: 'added' | 'gone' | 'type' | 'status' | 'unreadable'
  /** Where, as a dotted path under `response` (`contact.email`); `(http)` for the HTTP status. */
  path: string
  /** What the recording had there (a type or a status), where it applies. */
  recorded?: string
  /** What the server answers now. */
  now?: string
}

/** A drift entry as one short phrase: `gone: contact.email`, `type: contact.id: number → text`. */
export function describeDrift(drift: Drift): string {
  const change = drift.recorded !== undefined || drift.now !== undefined ? `: ${drift.recorded ?? '—'} → ${drift.now ?? '—'}` : ''
  return `${drift.kind}: ${drift.path}${change}`
}

function kindOf(value: unknown): string {
  if (value === null || value === undefined) return 'null'
  if (Array.isArray(value)) return 'list'
  if (isRecord(value)) return 'record'
  if (typeof value === 'string') return 'text'
  return typeof value
}

// The items of a list read as one: every field any item has, with the first value met. Items
// that differ in which optional fields they fill are then not read as drift.
function representative(items: readonly unknown[]): unknown {
  if (items.length === 0 || !items.every(isRecord)) return items[0]
  const merged: Record<string, unknown> = {}
  for (const item of items as Readonly<Record<string, unknown>>[]) for (const [name, value] of Object.entries(item)) if (!(name in merged)) merged[name] = value
  return merged
}

// A record's fields, less the indentation an XML body may carry between elements (`#text` holding only
// white space): a pretty-printed recording and a compact answer have one shape.
function fields(record: Readonly<Record<string, unknown>>): Readonly<Record<string, unknown>> {
  const text = record['#text']
  if (typeof text !== 'string' || text.trim() !== '') return record
  const { ['#text']: _, ...rest } = record
  return rest
}

/**
 * How the shape of `now` differs from that of `recorded` (both decoded by
 * the same codec): fields added or gone, a type changed, the body's status
 * code changed. Values that differ but keep their type are not drift; an
 * empty list says nothing of its items' shape.
 */
export function shapeDrift(recorded: unknown, now: unknown, path = ''): Drift[] {
  const where = path === '' ? '(body)' : path
  if (path === 'status.code') return String(recorded) === String(now) ? [] : [{ kind: 'status', path, recorded: String(recorded), now: String(now) }]
  const was = kindOf(recorded)
  const is = kindOf(now)
  if (was !== is) return [{ kind: 'type', path: where, recorded: was, now: is }]
  if (was === 'list') {
    const [before, after] = [recorded as unknown[], now as unknown[]]
    if (before.length === 0 || after.length === 0) return []
    return shapeDrift(representative(before), representative(after), path)
  }
  if (was !== 'record') return []
  const [before, after] = [fields(recorded as Readonly<Record<string, unknown>>), fields(now as Readonly<Record<string, unknown>>)]
  const drift: Drift[] = []
  const join = (name: string) => (path === '' ? name : `${path}.${name}`)
  for (const name of Object.keys(before)) if (!(name in after)) drift.push({ kind: 'gone', path: join(name) })
  for (const name of Object.keys(after)) if (!(name in before)) drift.push({ kind: 'added', path: join(name) })
  for (const name of Object.keys(before)) if (name in after) drift.push(...shapeDrift(before[name], after[name], join(name)))
  return drift
}

function decoded(read: () => unknown): unknown {
  try {
    return read()
  } catch {
    return undefined
  }
}

/**
 * How a live answer moved away from a recorded one, both read by `codec`:
 * another HTTP status, a body that no longer reads (or now does), or
 * {@link shapeDrift}.
 */
export function answerDrift(
  codec: Codec,
  operation: AnyOperation,
  recorded: { status: number; text: string },
  now: { status: number; text: string },
): Drift[] {
  const drift: Drift[] = []
  if (now.status !== recorded.status) drift.push({ kind: 'status', path: '(http)', recorded: String(recorded.status), now: String(now.status) })
  const before = decoded(() => codec.decodeResponse(recorded.text, operation.lists).body)
  const after = decoded(() => codec.decodeResponse(now.text, operation.lists).body)
  if (before !== undefined && after === undefined) drift.push({ kind: 'unreadable', path: '(body)', recorded: codec.format, now: 'not readable' })
  else if (before === undefined && after !== undefined) drift.push({ kind: 'type', path: '(body)', recorded: 'not readable', now: codec.format })
  else if (before !== undefined && after !== undefined) drift.push(...shapeDrift(before, after))
  return drift
}

/**
 * How the outcome the client gets moved away from a recorded one: another
 * error (or an error where a result was), or the result's shape. What a
 * case recorded in the other format is held to: the two formats spell an
 * answer differently, the client's result is the same.
 */
export function outcomeDrift(recorded: Expected, now: Expected): Drift[] {
  const said = (outcome: Expected) => ('error' in outcome ? `${outcome.error.class}${outcome.error.code === undefined ? '' : ` ${outcome.error.code}`}` : 'result')
  if (said(recorded) !== said(now)) return [{ kind: 'status', path: '(outcome)', recorded: said(recorded), now: said(now) }]
  return 'result' in recorded && 'result' in now ? shapeDrift(recorded.result, now.result, '') : []
}

/**
 * Whether an answer refuses the credentials: HTTP 401 or 403, or code 401 in
 * its body (the provider's other spelling, in an HTTP 200). `verify` and
 * `verifyFixtures` say so instead of reporting drift.
 */
export function refusesCredentials(codec: Codec, operation: AnyOperation, answer: { status: number; text: string }): boolean {
  if (answer.status === 401 || answer.status === 403) return true
  const body = decoded(() => codec.decodeResponse(answer.text, operation.lists).body)
  const status = isRecord(body) ? body['status'] : undefined
  return isRecord(status) && String(status['code']) === '401'
}
