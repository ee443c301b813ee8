import type { KyInstance } from 'ky'
import { AbortError, NetworkError, ProtocolError, TimeoutError, type ErrorContext } from '../errors/index.js'
import { redact, safeCause, snippet } from '../errors/redact.js'
import { readCappedBody } from './read-body.js'
import { readReasonPhrase } from './reason-phrase.js'
import { parseRetryAfter } from './retry-after.js'
import { untilAborted } from './until-aborted.js'

/** One HTTP exchange, as the caller needs it: the provider's non-2xx answers are answers too. */
export interface HttpAnswer {
  status: number
  statusText: string
  text: string
  /** From a `Retry-After` header, in milliseconds. */
  retryAfterMs: number | undefined
}

export interface PostRequest {
  url: string
  body: string
  contentType: string
  /** Milliseconds for this attempt, answer and body included; 0 turns the timeout off. */
  timeout: number
  /** The largest body read; a longer one is a {@link ProtocolError}. */
  maxResponseBytes: number
  signal: AbortSignal | undefined
  fetch: typeof globalThis.fetch | undefined
  /** Said on every error this raises. */
  context: ErrorContext
  /** Credentials to keep out of every error message and `cause`. */
  secrets: readonly string[]
}

// Looked up at call time, not at import: test doubles that replace `globalThis.fetch` keep working.
const lateBoundFetch: typeof globalThis.fetch = (input, init) => globalThis.fetch(input, init)

/**
 * The `fetch` ky calls: the URL and method of the request ky built, sent
 * with our body as text, our content type and the attempt's signal. A
 * `Request` carrying a body stream (what ky would pass on) makes fetch
 * write the body after the headers, in a later turn: a second packet and a
 * second wake-up for the server, some 0.2 ms a call on loopback. Text goes
 * out with the headers, at once. The content type is set here rather than
 * given to ky, whose option merging builds five `Headers` a call for it (two without).
 */
function sendingFetch(fetch: typeof globalThis.fetch, body: string, contentType: string, signal: AbortSignal): typeof globalThis.fetch {
  return (input) => {
    const request = input as Request
    // The provider never redirects an API call: a redirect is not followed (it would carry the body, key and
    // hash to wherever it points) but handed back, and refused by `post`.
    return fetch(request.url, { method: request.method, headers: { 'content-type': contentType }, body, signal, redirect: 'manual' })
  }
}

// ky is loaded when a client is made, not by `import 'iletimerkezi'`: its import sets up fetch's
// internals (some 30 ms), which a process that never calls (a CLI's --help) need not pay for.
let kyLoaded: KyInstance | undefined
let kyLoading: Promise<KyInstance> | undefined

/** Starts loading ky, for a client that will call soon (as the XML codec is, when a client is made). */
export function loadKy(): Promise<KyInstance> {
  kyLoading ??= import('ky').then(
    (module) => (kyLoaded = module.default),
    (error: unknown) => {
      kyLoading = undefined
      throw error
    },
  )
  return kyLoading
}

// AbortSignal.timeout() aborts with a DOMException named TimeoutError; a polyfill may use a plain Error.
function isTimeoutReason(reason: unknown): boolean {
  return typeof reason === 'object' && reason !== null && (reason as { name?: unknown }).name === 'TimeoutError'
}

/**
 * The error for a call the caller's signal stopped: `TimeoutError` when the
 * signal came from `AbortSignal.timeout()`, else `AbortError`; either way
 * the signal's reason is the `cause` (unless a credential can be reached
 * from it).
 */
export function stoppedBy(signal: AbortSignal, context: ErrorContext, secrets: readonly string[], when = ''): AbortError | TimeoutError {
  const cause = signal.reason === undefined ? undefined : safeCause(signal.reason, secrets)
  if (isTimeoutReason(signal.reason)) return new TimeoutError(`the call's signal timed out${when}`, { ...context, cause })
  return new AbortError(`the call was aborted${when}`, { ...context, cause })
}

/**
 * POSTs one body and reads the whole answer. Throws {@link NetworkError}
 * and its subclasses, or a {@link ProtocolError} for a body over the cap.
 */
export async function post(request: PostRequest): Promise<HttpAnswer> {
  const { signal, secrets } = request
  // The URL is said by every network error; the base URL holds no user name or password (createClient
  // refuses one), and any credential is cut out all the same. Built for an error only: searching the
  // URL for credentials took about 1 % of a call's CPU on loopback, paid by calls that succeed.
  const context = (): ErrorContext => ({ ...request.context, url: redact(request.url, secrets) })
  if (signal?.aborted) throw stoppedBy(signal, context(), secrets, ' before it was sent')
  const ky = kyLoaded ?? (await loadKy())
  if (signal?.aborted) throw stoppedBy(signal, context(), secrets, ' before it was sent')

  // One signal for the whole attempt: the caller's abort and our own deadline, which covers the body
  // too (ky's timeout stops at the headers, and a server may trickle the body forever).
  const attempt = new AbortController()
  let timedOut = false
  const onCallerAbort = () => attempt.abort(signal?.reason)
  signal?.addEventListener('abort', onCallerAbort, { once: true })
  const timer =
    request.timeout > 0
      ? setTimeout(() => {
          timedOut = true
          attempt.abort(new Error('timeout'))
        }, request.timeout)
      : undefined

  let httpStatus: number | undefined
  try {
    const response = await untilAborted(
      ky.post(request.url, {
        // Ours: the deadline covers the body too, retries know which operations are safe to repeat.
        timeout: false,
        retry: 0,
        throwHttpErrors: false,
        fetch: sendingFetch(request.fetch ?? lateBoundFetch, request.body, request.contentType, attempt.signal),
      }),
      attempt.signal,
    )
    httpStatus = response.status
    if (isRedirect(response)) {
      response.body?.cancel().catch(() => {})
      throw new ProtocolError(redirectMessage(response, request.url, secrets), { ...context(), httpStatus, bodySnippet: '' })
    }
    const body = await readCappedBody(response, request.maxResponseBytes, attempt.signal)
    if (!body.complete) {
      throw new ProtocolError(`the answer is larger than maxResponseBytes (${body.reason})`, {
        ...context(),
        httpStatus,
        bodySnippet: snippet(body.head, secrets),
      })
    }
    return {
      status: response.status,
      statusText: readReasonPhrase(response.statusText),
      text: body.text,
      retryAfterMs: parseRetryAfter(response.headers.get('retry-after')),
    }
  } catch (error) {
    if (error instanceof ProtocolError) throw error
    if (signal?.aborted) throw stoppedBy(signal, context(), secrets)
    // ky's and fetch's own errors hold the Request, whose body holds the hash: they are not passed on.
    if (timedOut) throw new TimeoutError(`no answer within ${request.timeout} ms`, context())
    const during = httpStatus === undefined ? '' : ` while reading the body of an HTTP ${httpStatus} answer`
    throw new NetworkError(`the request did not complete${during}: ${redact(describe(error), secrets)}`, {
      ...context(),
      cause: safeCause(error, secrets),
    })
  } finally {
    clearTimeout(timer)
    signal?.removeEventListener('abort', onCallerAbort)
  }
}

// A browser hands a manual redirect back as an opaque answer with status 0, hiding where it points.
function isRedirect(response: Response): boolean {
  return response.type === 'opaqueredirect' || (response.status >= 300 && response.status < 400)
}

/** Says the status and where the redirect points: its origin only, as its path or query may quote the request. */
function redirectMessage(response: Response, url: string, secrets: readonly string[]): string {
  const status = response.type === 'opaqueredirect' ? 'a redirect' : `HTTP ${response.status}`
  const location = response.headers.get('location')
  let target = 'with no Location'
  if (location !== null) {
    try {
      const parsed = new URL(location, url)
      target = `to ${redact(parsed.origin === 'null' ? parsed.protocol : parsed.origin, secrets)}`
    } catch {
      target = 'to an unreadable Location'
    }
  }
  return `the server answered ${status} ${target}; the provider never redirects an API call, so it was not followed`
}

function describe(error: unknown): string {
  try {
    const cause = error instanceof Error ? (error.cause as { code?: unknown } | undefined) : undefined
    const code = typeof cause?.code === 'string' ? ` (${cause.code})` : ''
    return (error instanceof Error ? error.message : String(error)) + code
  } catch {
    return 'an unreadable error'
  }
}
