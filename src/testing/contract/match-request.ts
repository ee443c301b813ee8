import { isRecord } from '../../wire/tree.js'
import { identityOf, standInKey, type Masker, type StandInKind } from './mask.js'

/**
 * Matching a live request to a recorded one, in either format.
 *
 * A request is compared as its leaves: (dotted path, text) pairs, the
 * authentication left out. That makes JSON and XML comparable: XML reads
 * every value as text, and the one place the two spell a request
 * differently (a list of one-field records: JSON `{"group": [{"id": 7}]}`,
 * XML `<id>7</id>` repeated) is folded to the XML spelling first.
 */
export interface RequestLeaf {
  /** `contact.id`. */
  path: string
  /** The path's names, for the personal-data rules. */
  names: readonly string[]
  text: string
}

/** The request's content as leaves, authentication left out, in document order. */
export function requestLeaves(content: Readonly<Record<string, unknown>>): RequestLeaf[] {
  const leaves: RequestLeaf[] = []
  const walk = (value: unknown, names: readonly string[]) => {
    if (Array.isArray(value)) for (const item of value) walk(item, names)
    else if (isRecord(value)) {
      const folded = foldRecordList(value)
      for (const [name, child] of Object.entries(folded)) if (names.length > 0 || name !== 'authentication') walk(child, [...names, name])
    } else leaves.push({ path: names.join('.'), names, text: value === null || value === undefined ? '' : String(value) })
  }
  walk(content, [])
  return leaves
}

// `{ group: [{ id: 7 }, { id: 12 }] }` → `{ id: [7, 12] }`: JSON's spelling of a record list, as XML writes it.
function foldRecordList(value: Readonly<Record<string, unknown>>): Readonly<Record<string, unknown>> {
  const names = Object.keys(value)
  if (names.length !== 1) return value
  const records = value[names[0]!]
  if (!Array.isArray(records) || records.length === 0) return value
  const fields = records.map((record) => (isRecord(record) ? Object.keys(record) : []))
  const field = fields[0]?.[0]
  if (field === undefined || !fields.every((keys) => keys.length === 1 && keys[0] === field)) return value
  return { [field]: records.map((record) => (record as Record<string, unknown>)[field]) }
}

/** One difference between a live request and a recorded one, said for a person: paths and recorded stand-ins, never a live value. */
export type Difference = string

interface Comparison {
  differences: Difference[]
  /** Bindings the match would add: (live identity, recorded stand-in). */
  binds: [string, string][]
  /** The masked places a match could not check (no masking key): their paths. */
  unchecked: string[]
}

/** How a recorded request's masked values are checked: with the key that made them, or by consistent binding. */
export interface MatchSettings {
  masker: Masker
  /** Whether the case was masked with the key this masker holds (`maskKey` in case.json). */
  sameKey: boolean
}

type LeafOutcome = 'same' | 'unchecked' | 'differs'

// A masked leaf: the very value, the key's stand-in for it, or (without the key) a stand-in it may stand behind.
function compareMasked(
  kind: StandInKind,
  live: string,
  recorded: string,
  settings: MatchSettings,
  pending: Map<string, string>,
  binds: [string, string][],
): LeafOutcome {
  const identity = identityOf(kind, live)
  if (identity === identityOf(kind, recorded)) return 'same'
  const standIn = standInKey(recorded)
  if (standIn === undefined) return 'differs'
  if (settings.sameKey) return settings.masker.keyedCandidates(kind, live).includes(standIn) ? 'same' : 'differs'
  const known = settings.masker.boundTo(identity) ?? pending.get(identity)
  if (known !== undefined) return known === standIn ? 'unchecked' : 'differs'
  // That stand-in already stands for another live value.
  const owner = settings.masker.ownerOf(standIn) ?? [...pending].find(([, given]) => given === standIn)?.[0]
  if (owner !== undefined) return 'differs'
  pending.set(identity, standIn)
  binds.push([identity, standIn])
  return 'unchecked'
}

/** How a live request differs from a recorded one (nothing: it matches), the bindings a match adds, and what it could not check. */
export function compareRequests(live: readonly RequestLeaf[], recorded: readonly RequestLeaf[], settings: MatchSettings): Comparison {
  const { masker } = settings
  const differences: Difference[] = []
  const binds: Comparison['binds'] = []
  const unchecked: string[] = []
  const pending = new Map<string, string>()
  const byPath = (leaves: readonly RequestLeaf[]) => {
    const grouped = new Map<string, RequestLeaf[]>()
    for (const leaf of leaves) grouped.set(leaf.path, [...(grouped.get(leaf.path) ?? []), leaf])
    return grouped
  }
  // A recorded value is quoted when it is a stand-in or a value the masker keeps; a live one only when kept.
  const quoted = (leaf: RequestLeaf) => (masker.kindAt(leaf.names, leaf.text) === undefined || standInKey(leaf.text) !== undefined ? JSON.stringify(leaf.text) : 'another value')
  const liveByPath = byPath(live)
  const recordedByPath = byPath(recorded)
  for (const [path, recordedLeaves] of recordedByPath) {
    const liveLeaves = liveByPath.get(path) ?? []
    if (liveLeaves.length === 0) {
      differences.push(`${path}: recorded, not in this request`)
      continue
    }
    if (liveLeaves.length !== recordedLeaves.length) differences.push(`${path}: ${recordedLeaves.length} value(s) recorded, ${liveLeaves.length} asked`)
    recordedLeaves.forEach((leaf, index) => {
      const asked = liveLeaves[index]
      if (asked === undefined) return
      const kind = masker.kindAt(asked.names, asked.text)
      if (kind === undefined) {
        if (asked.text !== leaf.text) differences.push(`${path}: recorded ${quoted(leaf)}, asked ${JSON.stringify(asked.text)}`)
        return
      }
      const outcome = compareMasked(kind, asked.text, leaf.text, settings, pending, binds)
      if (outcome === 'unchecked') unchecked.push(path)
      else if (outcome === 'differs') {
        differences.push(
          settings.sameKey && standInKey(leaf.text) !== undefined
            ? `${path}: holds another value than the one recorded (recorded ${quoted(leaf)})`
            : `${path}: recorded ${quoted(leaf)}, asked a value that stands for another one`,
        )
      }
    })
  }
  for (const path of liveByPath.keys()) if (!recordedByPath.has(path)) differences.push(`${path}: in this request, not recorded`)
  return { differences, binds, unchecked: [...new Set(unchecked)] }
}
