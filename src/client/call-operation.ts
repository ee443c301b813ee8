import * as v from 'valibot'
import { EncodeFailure, type Codec } from '../codec/codec.js'
import { loadCodec } from '../codec/load-codec.js'
import { ApiError, IletiMerkeziError, ProtocolError, TimeoutError, ValidationError, type ErrorContext } from '../errors/index.js'
import { redact, safeCause } from '../errors/redact.js'
import { settleAnswer } from '../normalize/read-answer.js'
import type { Operation } from '../operations/index.js'
import { validate } from '../schemas/validate.js'
import { loadKy, post, stoppedBy, type HttpAnswer } from '../transport/post.js'
import { computeHash } from './auth-hash.js'
import { callOptionsSchema, clientOptionsSchema, type CallOptions } from './client-options.js'
import { emit, type ClientHooks } from './hooks.js'
import { delayBefore, isRetryable, sleep } from './retry-policy.js'

export type ResolvedOptions = v.InferOutput<typeof clientOptionsSchema>

/**
 * An operation, or a loader of its module: resources load each operation
 * on its first call, so an app's bundle holds only the endpoints it uses.
 */
export type OperationSource<Args, Input, Response, Output> =
  | Operation<Args, Input, Response, Output>
  | (() => Promise<Operation<Args, Input, Response, Output>>)

/** Sends one operation: validate → encode → post (with retries) → decode → normalize. */
export type CallOperation = <Args, Input, Response, Output>(
  operation: OperationSource<Args, Input, Response, Output>,
  args: Args,
  callOptions: CallOptions | undefined,
) => Promise<Output>

function httpStatusOf(error: unknown): number | undefined {
  return error instanceof ApiError || error instanceof ProtocolError ? error.httpStatus : undefined
}

function codeOf(error: unknown): number | undefined {
  return error instanceof IletiMerkeziError ? error.code : undefined
}

// Only this library's errors leave a call; anything else (a bug) is wrapped, its credentials cut out.
function typed(error: unknown, context: ErrorContext, secrets: readonly string[]): IletiMerkeziError {
  if (error instanceof IletiMerkeziError) return error
  return new IletiMerkeziError('the call failed unexpectedly', { ...context, cause: safeCause(error, secrets) })
}

export function createCallOperation(options: ResolvedOptions): CallOperation {
  const { key, format } = options
  const hooks = options.hooks as ClientHooks | undefined
  const baseUrl = options.baseUrl.replace(/\/+$/, '')
  const hash = options.hash !== undefined ? Promise.resolve(options.hash) : computeHash(key, options.secret!)
  const codec = loadCodec(format)
  // Silences an unhandled rejection until a call awaits these; the call then sees the failure itself.
  hash.catch(() => {})
  codec.catch(() => {})
  loadKy().catch(() => {})
  // Once both are there, calls use them as they are: no promise to wait on each time.
  let ready: readonly [Codec, string] | undefined
  const whenReady = async () => (ready ??= await Promise.all([codec, hash]))
  // The URL as hooks and errors show it: a base URL may hold a token (a proxy's path), and should that
  // be a credential, it is cut out. One search per endpoint, not per call: the credentials are fixed.
  const shownUrls = new Map<string, string>()
  const shown = (url: string, secrets: readonly string[]) => {
    let safe = shownUrls.get(url)
    if (safe === undefined) shownUrls.set(url, (safe = redact(url, secrets)))
    return safe
  }

  async function callOperation<Args, Input, Response, Output>(
    operation: Operation<Args, Input, Response, Output>,
    args: Args,
    callOptions: CallOptions | undefined,
  ): Promise<Output> {
    const context: ErrorContext = { operation: operation.name, format }
    const started = performance.now()
    let secrets: readonly string[] = options.secret === undefined ? [] : [options.secret]
    let url: string | undefined
    let attempt = 0
    try {
      const call = validate(callOptionsSchema, callOptions, context)
      const input = validate(operation.input, args, context, operation.inputCodes)
      if (operation.formats !== undefined && !operation.formats.includes(format)) {
        const offered = operation.formats.join(' or ')
        throw new ValidationError([{ path: '', message: `${operation.name} is offered by the provider in ${offered} only; this client uses ${format}` }], context)
      }
      const [activeCodec, activeHash] = ready ?? (await whenReady())
      secrets = [activeHash, ...secrets]
      const body = encode(() => activeCodec.encodeRequest({ authentication: { key, hash: activeHash }, ...operation.request(input) }), context)
      const retries = operation.safeToRetry ? (call.retry ?? options.retry) : (call.retry ?? 0)
      const timeout = call.timeout ?? options.timeout
      const target = `${baseUrl}/${activeCodec.pathFor(operation.name)}`
      url = shown(target, secrets)
      const abortError = () => stoppedBy(call.signal!, { ...context, url }, secrets)
      // How long each attempt took and each pause between them, for a timeout's message.
      const durations: number[] = []
      const pauses: number[] = []

      for (attempt = 1; ; attempt++) {
        const event = { operation: operation.name, format, attempt, url }
        const sent = performance.now()
        let answer: HttpAnswer | undefined
        emit(hooks, 'onRequest', event)
        try {
          answer = await post({
            url: target,
            body,
            contentType: activeCodec.contentType,
            timeout,
            maxResponseBytes: options.maxResponseBytes,
            signal: call.signal,
            fetch: options.fetch as typeof globalThis.fetch | undefined,
            context,
            secrets,
          })
          const settled = settleAnswer<Output>(operation, input, activeCodec, answer, { ...context, secrets })
          // The timeout covers decoding too: a result read past the deadline came too late (decoding is
          // bounded well below any sensible timeout, so this is a loaded machine's answer, not a hostile one's).
          if (timeout > 0 && performance.now() - sent > timeout) throw new TimeoutError(`no answer within ${timeout} ms (the answer was read and decoded past it)`, { ...context, url })
          // Built only for a hook that will see it: most clients have none, and this is every call's path.
          if (hooks?.onResponse) emit(hooks, 'onResponse', { ...event, httpStatus: answer.status, code: settled.code, durationMs: performance.now() - sent })
          return settled.result
        } catch (error) {
          const durationMs = performance.now() - sent
          durations.push(durationMs)
          if (answer !== undefined) emit(hooks, 'onResponse', { ...event, httpStatus: answer.status, code: codeOf(error), durationMs })
          // The caller's own signal (AbortSignal.timeout() included) ends the call: no retry.
          if (call.signal?.aborted) throw error
          if (attempt > retries || !isRetryable(error)) throw attempt > 1 && error instanceof TimeoutError ? afterAttempts(error, timeout, durations, pauses) : error
          const delayMs = delayBefore(attempt - 1, answer?.retryAfterMs)
          pauses.push(delayMs)
          emit(hooks, 'onRetry', { ...event, error: typed(error, context, secrets), httpStatus: httpStatusOf(error), code: codeOf(error), durationMs, delayMs })
          await sleep(delayMs, call.signal, abortError)
        }
      }
    } catch (error) {
      const failure = typed(error, context, secrets)
      const durationMs = performance.now() - started
      emit(hooks, 'onError', { operation: operation.name, format, attempt, url, error: failure, httpStatus: httpStatusOf(failure), code: failure.code, durationMs })
      throw failure
    }
  }

  // Not async: once an operation is loaded, a call costs no extra turn of the event loop.
  return function callSource<Args, Input, Response, Output>(
    source: OperationSource<Args, Input, Response, Output>,
    args: Args,
    callOptions: CallOptions | undefined,
  ): Promise<Output> {
    if (typeof source !== 'function') return callOperation(source, args, callOptions)
    const loaded = loadedOperations.get(source) as Operation<Args, Input, Response, Output> | undefined
    if (loaded !== undefined) return callOperation(loaded, args, callOptions)
    return source().then(
      (operation) => {
        loadedOperations.set(source, operation)
        return callOperation(operation, args, callOptions)
      },
      (error: unknown) => {
        throw typed(error, { format }, options.secret === undefined ? [] : [options.secret])
      },
    )
  }
}

// An import() of a module already loaded still costs a trip through the loader each time;
// operations are kept once loaded, keyed by their loader.
const loadedOperations = new WeakMap<() => Promise<unknown>, unknown>()

const ms = (value: number) => String(Math.round(value))

// A timeout after retries says what was tried: "no answer within 80 ms after 3 attempts (they waited 80, 81, 80 ms, …)".
function afterAttempts(last: TimeoutError, timeout: number, durations: readonly number[], pauses: readonly number[]): TimeoutError {
  const message = `no answer within ${timeout} ms after ${durations.length} attempts (they waited ${durations.map(ms).join(', ')} ms, with pauses of ${pauses.map(ms).join(', ')} ms between them)`
  return new TimeoutError(message, { code: last.code, operation: last.operation, format: last.format, url: last.url, cause: last })
}

// The schemas refuse what a format cannot carry; should one let something through, nothing broken is sent.
function encode(write: () => string, context: ErrorContext): string {
  try {
    return write()
  } catch (error) {
    if (error instanceof EncodeFailure) throw new ValidationError([{ path: '', message: error.message }], context)
    throw error
  }
}
