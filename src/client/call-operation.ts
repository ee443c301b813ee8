import * as v from 'valibot'
import { loadCodec } from '../codec/load-codec.js'
import { AbortError, ValidationError, type ErrorContext } from '../errors/index.js'
import { readAnswer } from '../normalize/read-answer.js'
import type { Operation } from '../operations/index.js'
import { validate } from '../schemas/validate.js'
import { post, type HttpAnswer } from '../transport/post.js'
import { computeHash } from './auth-hash.js'
import { callOptionsSchema, clientOptionsSchema, type CallOptions } from './client-options.js'
import { delayBefore, isRetryable, sleep } from './retry-policy.js'

export type ResolvedOptions = v.InferOutput<typeof clientOptionsSchema>

/** Sends one operation: validate → encode → post (with retries) → decode → normalize. */
export type CallOperation = <Args, Input, Response, Output>(
  operation: Operation<Args, Input, Response, Output>,
  args: Args,
  callOptions: CallOptions | undefined,
) => Promise<Output>

export function createCallOperation(options: ResolvedOptions): CallOperation {
  const { key, format } = options
  const baseUrl = options.baseUrl.replace(/\/+$/, '')
  const hash = options.hash !== undefined ? Promise.resolve(options.hash) : computeHash(key, options.secret!)
  const codec = loadCodec(format)
  // Silences an unhandled rejection until a call awaits these; the call then sees the failure itself.
  hash.catch(() => {})
  codec.catch(() => {})

  return async (operation, args, callOptions) => {
    const context: ErrorContext = { operation: operation.name, format }
    const call = validate(callOptionsSchema, callOptions, context)
    const input = validate(operation.input, args, context, operation.inputCodes)
    if (operation.formats !== undefined && !operation.formats.includes(format)) {
      const offered = operation.formats.join(' or ')
      throw new ValidationError([{ path: '', message: `${operation.name} is offered by the provider in ${offered} only; this client uses ${format}` }], context)
    }
    const [activeCodec, activeHash] = await Promise.all([codec, hash])
    const secrets = [activeHash, ...(options.secret === undefined ? [] : [options.secret])]
    const body = activeCodec.encodeRequest({ authentication: { key, hash: activeHash }, ...operation.request(input) })
    const retries = operation.safeToRetry ? (call.retry ?? options.retry) : (call.retry ?? 0)
    const abortError = () => new AbortError('the call was aborted', context)

    for (let attempt = 0; ; attempt++) {
      let answer: HttpAnswer | undefined
      try {
        answer = await post({
          url: `${baseUrl}/${activeCodec.pathFor(operation.name)}`,
          body,
          contentType: activeCodec.contentType,
          timeout: call.timeout ?? options.timeout,
          signal: call.signal,
          fetch: options.fetch as typeof globalThis.fetch | undefined,
          context,
          secrets,
        })
        return readAnswer(operation, input, activeCodec, answer, { ...context, secrets })
      } catch (error) {
        if (attempt >= retries || !isRetryable(error)) throw error
        await sleep(delayBefore(attempt, answer?.retryAfterMs), call.signal, abortError)
      }
    }
  }
}
