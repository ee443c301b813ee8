/**
 * The provider's rate limit: at most `perSecond` requests in any second
 * (a sliding window over real time, whatever the store's clock says, since
 * the client waits in real time). Refused requests do not count.
 */
export class RateLimiter {
  // When each request in the last second was let through, oldest first (a ring would do; the window is small).
  readonly #times: number[] = []

  /** Lets a request through (undefined), or says how many whole seconds to wait (for `Retry-After`). */
  admit(perSecond: number, now = performance.now()): number | undefined {
    while (this.#times.length > 0 && this.#times[0]! <= now - 1000) this.#times.shift()
    if (this.#times.length < perSecond) {
      this.#times.push(now)
      return undefined
    }
    // `Retry-After` is in whole seconds; the oldest request leaves the window within one.
    return Math.max(1, Math.ceil((this.#times[this.#times.length - perSecond]! + 1000 - now) / 1000))
  }
}
