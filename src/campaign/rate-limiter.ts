import { sleep } from '../client/retry-policy.js'
import { AbortError } from '../errors/index.js'

const windowMs = 1000

/**
 * Spaces out work across everything that asks (orders of a campaign, one
 * after another, however many are then in flight): a start comes once the
 * one before has had the time its units take at `perSecond` (an even pace,
 * no bursts), and never while the one-second window before it already holds
 * `perSecond` units less its own (spacing alone lets a small order and a big
 * one share a second). The window counts the moments work truly started, so
 * a start that came late (a busy machine) never lets the next one crowd it.
 * A rate under one a second spaces single units `1 / perSecond` seconds
 * apart. A pause (a 429's `Retry-After`) holds every caller back.
 */
export class RateLimiter {
  readonly #window: number
  readonly #budget: number
  // Starts whose window may still hold a later one: [start, units], in order.
  readonly #recent: [number, number][] = []
  #held = 0
  #floor = 0
  #paced = 0

  constructor(perSecond: number | undefined) {
    this.#window = perSecond === undefined ? 0 : Math.max(windowMs, windowMs / perSecond)
    this.#budget = perSecond === undefined ? Infinity : (perSecond * this.#window) / windowMs
  }

  /** The most units one start may hold so that it fits a window: `Infinity` without a rate. */
  get largest(): number {
    return Math.max(1, Math.floor(this.#budget + 1e-9))
  }

  /** The earliest moment `units` may start, from `now` on (`now` itself when they may start now). */
  due(units: number, now: number): number {
    let start = Math.max(now, this.#floor, this.#paced)
    if (this.#budget === Infinity) return start
    let held = this.#held
    for (const [at, size] of this.#recent) {
      if (held === 0 || held + units <= this.#budget + 1e-9) break
      if (at > start - this.#window) start = at + this.#window
      held -= size
    }
    return start
  }

  /** `units` started at `at` (no earlier than `due` said). */
  started(units: number, at: number): void {
    if (this.#budget === Infinity) return
    while (this.#recent.length > 0 && this.#recent[0]![0] <= at - this.#window) this.#held -= this.#recent.shift()![1]
    this.#recent.push([at, units])
    this.#held += units
    this.#paced = at + (units * this.#window) / this.#budget
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
