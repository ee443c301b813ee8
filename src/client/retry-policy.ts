import { AbortError, ApiError, NetworkError } from '../errors/index.js'

const backoffBaseMs = 200
const backoffCapMs = 5_000
const retryAfterCapMs = 30_000

/** Network failures (timeouts included), 408, 429 and 5xx: worth another attempt. Aborts never are. */
export function isRetryable(error: unknown): boolean {
  if (error instanceof AbortError) return false
  if (error instanceof NetworkError) return true
  if (!(error instanceof ApiError)) return false
  return [error.code, error.httpStatus].some((status) => status === 408 || status === 429 || (status !== undefined && status >= 500 && status < 600))
}

/** How long to wait before attempt `attempt + 1`: the server's `Retry-After` (capped), else full-jitter backoff. */
export function delayBefore(attempt: number, retryAfterMs: number | undefined): number {
  if (retryAfterMs !== undefined) return Math.min(retryAfterMs, retryAfterCapMs)
  return Math.random() * Math.min(backoffCapMs, backoffBaseMs * 2 ** attempt)
}

/** Waits, or rejects with an `AbortError` as soon as the signal aborts. */
export function sleep(ms: number, signal: AbortSignal | undefined, abortError: () => AbortError): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortError())
    const onAbort = () => {
      clearTimeout(timer)
      reject(abortError())
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort)
      resolve()
    }, ms)
    signal?.addEventListener('abort', onAbort, { once: true })
  })
}
