import { sleep } from '../client/retry-policy.js'
import { AbortError } from '../errors/index.js'

const windowMs = 1000

/**
 * Spaces out work across everything that asks (orders of a campaign, in
 * order, however many are in flight): each reservation starts once the one
 * before has had the time its units take at `perSecond` (an even pace, no
 * bursts), and never while the one-second window before it already holds
 * `perSecond` units less its own (spacing alone lets a small order and a
 * big one share a second). A rate under one a second spaces single units
 * `1 / perSecond` seconds apart. A pause (a 429's `Retry-After`) holds
 * every caller back.
 */
export class RateLimiter {
  readonly #window: number
  readonly #budget: number
  // Reservations whose window may still hold a later one: [start, units], starts never decreasing.
  readonly #recent: [number, number][] = []
  #held = 0
  #floor = 0
  #paced = 0

  constructor(perSecond: number | undefined) {
    this.#window = perSecond === undefined ? 0 : Math.max(windowMs, windowMs / perSecond)
    this.#budget = perSecond === undefined ? Infinity : (perSecond * this.#window) / windowMs
  }

  /** The most units one reservation may hold so that it fits a window: `Infinity` without a rate. */
  get largest(): number {
    return Math.max(1, Math.floor(this.#budget + 1e-9))
  }

  /** Milliseconds to wait before starting `units`; the time is reserved at once. */
  reserve(units: number, now: number): number {
    let start = Math.max(now, this.#floor, this.#paced)
    if (this.#budget !== Infinity) {
      for (;;) {
        while (this.#recent.length > 0 && this.#recent[0]![0] <= start - this.#window) this.#held -= this.#recent.shift()![1]
        if (this.#held === 0 || this.#held + units <= this.#budget + 1e-9) break
        start = this.#recent[0]![0] + this.#window
      }
      this.#recent.push([start, units])
      this.#held += units
      this.#paced = start + (units * this.#window) / this.#budget
    }
    return start - now
  }

  /** Nothing starts before `until`. */
  pauseUntil(until: number): void {
    this.#floor = Math.max(this.#floor, until)
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
