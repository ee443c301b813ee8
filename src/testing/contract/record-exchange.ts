import type { Codec } from '../../codec/codec.js'
import { IletiMerkeziError } from '../../errors/index.js'
import { settleAnswer } from '../../normalize/read-answer.js'
import type { AnyOperation } from '../../operations/index.js'
import { isRecord } from '../../wire/tree.js'
import type { Expected } from '../fixture-cases.js'
import { personalValues, scrubCredentials, scrubText, type Masker } from './mask.js'
import { toNeutralTree } from './neutral-tree.js'

/** One exchange as it goes to disk: credentials out, personal data masked, the outcome computed. */
export interface WrittenExchange {
  input: Readonly<Record<string, unknown>>
  httpStatus: number
  request: string
  response: string
  expected: Expected
}

const placeholders = { key: '{{key}}', hash: '{{hash}}' } as const

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

/**
 * The exchange as it is written: the request's and the answer's content
 * with the credentials replaced by `{{key}}`/`{{hash}}` (in any text, as a
 * server may echo them) and personal data replaced by stand-ins, each body
 * written again by its codec. An answer no codec can read (an HTML page, a
 * cut-off body) is kept as text, with the same values replaced in it.
 */
export function recordExchange(exchange: {
  operation: AnyOperation
  codec: Codec
  requestBody: string
  httpStatus: number
  statusText: string
  responseBody: string
  masker: Masker | undefined
}): WrittenExchange {
  const { operation, codec, masker } = exchange
  const { authentication, ...sent } = codec.decodeRequest(exchange.requestBody, [])
  const key = isRecord(authentication) ? String(authentication['key'] ?? '') : ''
  const hash = isRecord(authentication) ? String(authentication['hash'] ?? '') : ''
  // Longest first: a key that is part of the hash must not cut the hash in two.
  const credentials = ([[hash, placeholders.hash], [key, placeholders.key]] as const).slice().sort((a, b) => b[0].length - a[0].length)
  const input = scrubCredentials(masker ? masker.maskTree(sent) : sent, credentials)
  const request = codec.encodeRequest({ authentication: { ...placeholders }, ...toNeutralTree(input, []) })

  let response: string
  try {
    const decoded = codec.decodeResponse(exchange.responseBody, operation.lists)
    const content = scrubCredentials(masker ? masker.maskTree(decoded.body) : decoded.body, credentials)
    response = codec.encodeResponse(toNeutralTree(content, operation.lists))
  } catch {
    const replacements = masker ? masker.replacements(personalValues(sent)) : []
    response = scrubText(scrubText(exchange.responseBody, credentials), replacements)
  }
  return {
    input,
    httpStatus: exchange.httpStatus,
    // As the codec writes them: the bodies the client would have sent and read, byte for byte.
    request,
    response,
    expected: outcomeOf(operation, codec, input, exchange.httpStatus, response),
  }
}

