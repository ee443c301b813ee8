import * as v from 'valibot'
import { DecodeFailure, type Codec } from '../codec/codec.js'
import { apiErrorFor, ProtocolError, type ErrorContext } from '../errors/index.js'
import { redact, snippet } from '../errors/redact.js'
import type { AnyOperation } from '../operations/index.js'
import type { HttpAnswer } from '../transport/post.js'
import type { DecodedResponse } from '../wire/tree.js'

export interface AnswerContext extends ErrorContext {
  secrets: readonly string[]
}

const success = 200

function statusCode(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isInteger(value)) return value
  if (typeof value === 'string' && /^\s*\d+\s*$/.test(value)) return Number(value)
  return undefined
}

function issueSummary(issues: readonly v.BaseIssue<unknown>[]): string {
  return issues
    .slice(0, 3)
    .map((issue) => `${(issue.path ?? []).map((item) => String(item.key)).join('.') || '(root)'}: ${issue.message}`)
    .join('; ')
}

/**
 * Turns one HTTP answer into the operation's typed result, or throws the
 * typed error it stands for. The body's status wins over the HTTP status
 * when the body can be read and holds one.
 */
export function readAnswer<Output>(
  operation: AnyOperation,
  input: unknown,
  codec: Codec,
  answer: HttpAnswer,
  context: AnswerContext,
): Output {
  const { secrets, ...errorContext } = context
  const where = { ...errorContext, httpStatus: answer.status }
  const protocolError = (message: string) =>
    new ProtocolError(message, { ...where, bodySnippet: snippet(answer.text, secrets) })

  let decoded: DecodedResponse | undefined
  let failure = ''
  try {
    decoded = codec.decodeResponse(answer.text, operation.lists)
  } catch (error) {
    if (!(error instanceof DecodeFailure)) throw error
    failure = error.message
  }

  const code = statusCode(decoded?.status?.code)
  if (decoded === undefined || code === undefined) {
    const problem = decoded === undefined ? failure : 'the body holds no status code'
    if (answer.status >= 200 && answer.status < 300) throw protocolError(`${problem} (HTTP ${answer.status})`)
    // A proxy's page or an empty body: the HTTP status is all there is to go on.
    const message = `HTTP ${answer.status}${answer.statusText ? ` ${answer.statusText}` : ''}`
    if (operation.emptyOn?.includes(answer.status)) return finish(operation, {}, input, protocolError)
    throw apiErrorFor(message, { ...where, code: answer.status })
  }

  if (code === success) return finish(operation, decoded.body, input, protocolError)
  if (operation.emptyOn?.includes(code)) return finish(operation, {}, input, protocolError)
  const message = typeof decoded.status?.message === 'string' && decoded.status.message !== '' ? decoded.status.message : `status ${code}`
  throw apiErrorFor(redact(message, secrets), { ...where, code })
}

function finish<Output>(
  operation: AnyOperation,
  body: Readonly<Record<string, unknown>>,
  input: unknown,
  protocolError: (message: string) => ProtocolError,
): Output {
  const checked = v.safeParse(operation.response, body)
  if (!checked.success) throw protocolError(`the answer does not fit ${operation.name}: ${issueSummary(checked.issues)}`)
  return operation.result(checked.output, input) as Output
}
