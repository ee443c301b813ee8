import type { Codec } from '../../codec/codec.js'
import { IletiMerkeziError } from '../../errors/index.js'
import { redact } from '../../errors/redact.js'
import { settleAnswer } from '../../normalize/read-answer.js'
import type { AnyOperation } from '../../operations/index.js'
import { isRecord } from '../../wire/tree.js'
import type { Expected } from '../fixture-cases.js'
import { mapTexts, scrubUnreadable, type Masker } from './mask.js'
import { toNeutralTree } from './neutral-tree.js'

/** One exchange as it goes to disk: credentials out, personal data masked, the outcome computed. */
export interface WrittenExchange {
  input: Readonly<Record<string, unknown>>
  httpStatus: number
  request: string
  response: string
  /** The answer's content type, kept for an answer no codec reads (served as it came). */
  contentType: string | undefined
  expected: Expected
}

/** What the authentication element holds in a recording: the only place a placeholder may stand. */
export const placeholders = { key: '{{key}}', hash: '{{hash}}' } as const

// The operations that use their input for the result read only `page` and `rowCount`, which the
// request carries in its one container (`search.page`, `order.rowCount`): taken from there.
function pagingOf(content: Readonly<Record<string, unknown>>): Record<string, number> {
  const paging: Record<string, number> = {}
  for (const container of Object.values(content)) {
    if (!isRecord(container)) continue
    for (const name of ['page', 'rowCount'] as const) if (container[name] !== undefined && container[name] !== '') paging[name] = Number(container[name])
  }
  return paging
}

/** The result or error the client gets from this answer: what `expected.json` holds. */
export function outcomeOf(operation: AnyOperation, codec: Codec, content: Readonly<Record<string, unknown>>, httpStatus: number, text: string): Expected {
  try {
    const answer = { status: httpStatus, statusText: '', text, retryAfterMs: undefined }
    const { result } = settleAnswer(operation, pagingOf(content), codec, answer, { operation: operation.name, format: codec.format, secrets: [] })
    // As JSON holds it (dates as text, void results as null), the way shipped cases write it.
    return { result: JSON.parse(JSON.stringify(result ?? null)) }
  } catch (error) {
    if (!(error instanceof IletiMerkeziError)) throw error
    return { error: { class: error.name, ...(error.code === undefined ? {} : { code: error.code }) } }
  }
}

const sameOutcome = (a: Expected, b: Expected) => JSON.stringify(a) === JSON.stringify(b)

// A content type as a header writes it (`text/html; charset=utf-8`); anything else is not kept.
function plainContentType(value: string | null): string | undefined {
  return value !== null && /^[\w.+-]{1,40}\/[\w.+-]{1,60}(\s*;\s*charset=[\w-]{1,20})?$/i.test(value) ? value : undefined
}

/**
 * The exchange as it is written: the request's and the answer's content
 * with personal data replaced by stand-ins (unless `masker` is undefined,
 * for `mask: false`) and every credential, or piece of one, cut out by the
 * rule errors use; the authentication element written `{{key}}`/`{{hash}}`.
 * An answer no codec can read is kept scrubbed: its markup, length and cut
 * as they were, so that it replays to the same error class.
 */
export function recordExchange(exchange: {
  operation: AnyOperation
  codec: Codec
  requestBody: string
  httpStatus: number
  contentType: string | null
  responseBody: string
  masker: Masker | undefined
}): WrittenExchange {
  const { operation, codec, masker } = exchange
  const { authentication, ...sent } = codec.decodeRequest(exchange.requestBody, [])
  const credentials = isRecord(authentication) ? [authentication['key'], authentication['hash']].map((value) => String(value ?? '')) : []
  const clean = <T>(tree: T): T => mapTexts(masker ? masker.maskTree(tree) : tree, (text) => redact(text, credentials))
  const input = clean(sent)
  const request = codec.encodeRequest({ authentication: { ...placeholders }, ...toNeutralTree(input, []) })

  let response: string
  let contentType: string | undefined
  try {
    const decoded = codec.decodeResponse(exchange.responseBody, operation.lists)
    response = codec.encodeResponse(toNeutralTree(clean(decoded.body), operation.lists))
  } catch {
    contentType = plainContentType(exchange.contentType)
    const original = outcomeOf(operation, codec, input, exchange.httpStatus, exchange.responseBody)
    response = redact(exchange.responseBody, credentials)
    if (masker) {
      response = scrubUnreadable(response)
      // Scrubbing must not make the body read differently; should it, a body that cannot be read at all stands in.
      if (!sameOutcome(outcomeOf(operation, codec, input, exchange.httpStatus, response), original)) response = exchange.httpStatus >= 300 ? '' : '<'
    }
  }
  return {
    input,
    httpStatus: exchange.httpStatus,
    // As the codec writes them: the bodies the client would have sent and read, byte for byte.
    request,
    response,
    contentType,
    expected: outcomeOf(operation, codec, input, exchange.httpStatus, response),
  }
}
