import { sleep } from '../client/retry-policy.js'
import { AbortError } from '../errors/index.js'
/**
 * Spaces out work to at most `perSecond` units a second, across everything
 * that asks: each caller reserves the time its units take, so the average
 * rate holds however many orders are in flight. A pause (a 429's
 * `Retry-After`) holds every caller back.
 */
export class RateLimiter {
  #next = 0
  readonly #msPerUnit: number

  constructor(perSecond: number | undefined) {
    this.#msPerUnit = perSecond === undefined ? 0 : 1000 / perSecond
  }

  /** Milliseconds to wait before starting `units`; the time is reserved at once. */
  reserve(units: number, now: number): number {
    if (this.#msPerUnit === 0 && this.#next <= now) return 0
    const start = Math.max(now, this.#next)
    this.#next = start + units * this.#msPerUnit
    return start - now
  }

  /** Nothing starts before `until`. */
  pauseUntil(until: number): void {
    this.#next = Math.max(this.#next, until)
  }
}

/** Resolves after `ms`, or at once (to `false`) when the signal aborts: the client's own `sleep`, told as a boolean. */
export function wait(ms: number, signal: AbortSignal | undefined): Promise<boolean> {
  if (signal?.aborted) return Promise.resolve(false)
  if (ms <= 0) return Promise.resolve(true)
  return sleep(ms, signal, () => new AbortError('the campaign was stopped')).then(
    () => true,
    () => false,
  )
}
