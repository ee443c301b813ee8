import ky, { TimeoutError as KyTimeoutError } from 'ky'
import { AbortError, NetworkError, TimeoutError, type ErrorContext } from '../errors/index.js'
import { redact, safeCause } from '../errors/redact.js'

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
  /** Milliseconds for this attempt; 0 turns the timeout off. */
  timeout: number
  signal: AbortSignal | undefined
  fetch: typeof globalThis.fetch | undefined
  /** Said on every error this raises. */
  context: ErrorContext
  /** Credentials to keep out of every error message and `cause`. */
  secrets: readonly string[]
}

// Looked up at call time, not at import: test doubles that replace `globalThis.fetch` keep working.
const lateBoundFetch: typeof globalThis.fetch = (input, init) => globalThis.fetch(input, init)

/** POSTs one body and reads the whole answer. Throws only {@link NetworkError} and its subclasses. */
export async function post(request: PostRequest): Promise<HttpAnswer> {
  const { context, signal } = request
  if (signal?.aborted) throw new AbortError('the call was aborted before it was sent', context)
  try {
    const response = await ky.post(request.url, {
      body: request.body,
      headers: { 'content-type': request.contentType },
      timeout: request.timeout === 0 ? false : request.timeout,
      retry: 0,
      throwHttpErrors: false,
      signal,
      fetch: request.fetch ?? lateBoundFetch,
    })
    const text = await response.text()
    return {
      status: response.status,
      statusText: utf8ReasonPhrase(response.statusText),
      text,
      retryAfterMs: parseRetryAfter(response.headers.get('retry-after')),
    }
  } catch (error) {
    if (signal?.aborted) throw new AbortError('the call was aborted', context)
    if (error instanceof KyTimeoutError || (error instanceof Error && error.name === 'TimeoutError')) {
      // ky's own error holds the Request, whose body holds the hash: it is not passed on.
      throw new TimeoutError(`no answer within ${request.timeout} ms`, context)
    }
    throw new NetworkError(`the request did not complete: ${redact(describe(error), request.secrets)}`, {
      ...context,
      cause: safeCause(error, request.secrets),
    })
  }
}

function describe(error: unknown): string {
  const cause = error instanceof Error ? (error.cause as { code?: unknown } | undefined) : undefined
  const code = typeof cause?.code === 'string' ? ` (${cause.code})` : ''
  return (error instanceof Error ? error.message : String(error)) + code
}

// The provider writes its Turkish reason phrase as raw UTF-8; fetch hands it over byte by byte as Latin-1.
function utf8ReasonPhrase(statusText: string): string {
  if (!/[\u0080-\u00ff]/.test(statusText) || /[^\u0000-\u00ff]/.test(statusText)) return statusText
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(statusText, (char) => char.charCodeAt(0)))
  } catch {
    return statusText
  }
}

function parseRetryAfter(header: string | null): number | undefined {
  if (header === null || header.trim() === '') return undefined
  const seconds = Number(header)
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000)
  const date = Date.parse(header)
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now())
}
