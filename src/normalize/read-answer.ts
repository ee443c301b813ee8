import * as v from 'valibot'
import type { Codec } from '../codec/codec.js'
import { apiErrorFor, IletiMerkeziError, ProtocolError, type ErrorContext } from '../errors/index.js'
import { snippet } from '../errors/redact.js'
import type { AnyOperation } from '../operations/index.js'
import { issuePath } from '../schemas/validate.js'
import type { HttpAnswer } from '../transport/post.js'
import type { DecodedResponse } from '../wire/tree.js'

export interface AnswerContext extends ErrorContext {
  secrets: readonly string[]
}

/** A typed result and the provider's status code that came with it (200, or an `emptyOn` code). */
export interface SettledAnswer<Output> {
  result: Output
  code: number | undefined
}

const success = 200
const messageLength = 300

function statusCode(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isInteger(value)) return value
  if (typeof value === 'string' && /^\s*\d+\s*$/.test(value)) return Number(value)
  return undefined
}

function issueSummary(issues: readonly v.BaseIssue<unknown>[]): string {
  return issues
    .slice(0, 3)
    .map((issue) => `${issuePath(issue) || '(root)'}: ${issue.message}`)
    .join('; ')
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : 'unknown error'
}

/**
 * Turns one HTTP answer into the operation's typed result, or throws the
 * typed error it stands for. The body's status wins over the HTTP status
 * when the body can be read and holds one.
 */
export function readAnswer<Output>(operation: AnyOperation, input: unknown, codec: Codec, answer: HttpAnswer, context: AnswerContext): Output {
  return settleAnswer<Output>(operation, input, codec, answer, context).result
}

/**
 * {@link readAnswer}, with the status code beside the result. Whatever the
 * body holds, this returns or throws an {@link IletiMerkeziError}: nothing
 * a server sends surfaces as a `TypeError`.
 */
export function settleAnswer<Output>(
  operation: AnyOperation,
  input: unknown,
  codec: Codec,
  answer: HttpAnswer,
  context: AnswerContext,
): SettledAnswer<Output> {
  const { secrets, ...errorContext } = context
  const where = { ...errorContext, httpStatus: answer.status, ...(answer.retryAfterMs === undefined ? {} : { retryAfterMs: answer.retryAfterMs }) }
  // Parser and schema messages may quote the body, and a body may echo the request: redacted whole, then
  // kept short. Nothing is appended after the cut (what follows a cut credential would hide its end).
  const protocolError = (message: string, code?: number) =>
    new ProtocolError(snippet(message, secrets, messageLength), { ...where, code, bodySnippet: snippet(answer.text, secrets) })

  let decoded: DecodedResponse | undefined
  let failure = ''
  try {
    decoded = codec.decodeResponse(answer.text, operation.lists)
  } catch (error) {
    // A DecodeFailure, or anything a parser throws on input it was never meant to see.
    failure = describe(error)
  }

  const code = statusCode(decoded?.status?.code)
  if (decoded === undefined || code === undefined) {
    const problem = decoded === undefined ? failure : 'the body holds no status code'
    if (answer.status >= 200 && answer.status < 300) throw protocolError(`the HTTP ${answer.status} answer cannot be read: ${problem}`)
    // A proxy's page or an empty body: the HTTP status is all there is to go on. It is an error even where the
    // operation reads the same code as "nothing found" (465 for a search): only the body's own status says that.
    const message = `HTTP ${answer.status}${answer.statusText ? ` ${answer.statusText}` : ''}`
    throw apiErrorFor(snippet(message, secrets, messageLength), { ...where, code: answer.status })
  }

  if (code === success) return { result: finish(operation, decoded.body, input, (message) => protocolError(message, code)), code }
  if (operation.emptyOn?.includes(code)) return { result: finish(operation, {}, input, (message) => protocolError(message, code)), code }
  const message = typeof decoded.status?.message === 'string' && decoded.status.message !== '' ? decoded.status.message : `status ${code}`
  throw apiErrorFor(snippet(message, secrets, messageLength), { ...where, code })
}

function finish<Output>(
  operation: AnyOperation,
  body: Readonly<Record<string, unknown>>,
  input: unknown,
  protocolError: (message: string) => ProtocolError,
): Output {
  try {
    const checked = v.safeParse(operation.response, body)
    if (!checked.success) throw protocolError(`the answer does not fit ${operation.name}: ${issueSummary(checked.issues)}`)
    return operation.result(checked.output, input) as Output
  } catch (error) {
    if (error instanceof IletiMerkeziError) throw error
    // A schema or result function that trips over a shape nobody foresaw: still the answer's fault.
    throw protocolError(`the answer could not be read as ${operation.name}: ${describe(error)}`)
  }
}
