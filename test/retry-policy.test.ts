import { afterEach, describe, expect, test, vi } from 'vitest'
import { delayBefore, isRetryable, sleep } from '../src/client/retry-policy.js'
import { AbortError, ApiError, IletiMerkeziError, NetworkError, ProtocolError, TimeoutError, ValidationError } from '../src/index.js'

// The retry policy's guarantees, each asserted by value: which failures are retried, how long the
// wait before each attempt is, and that a wait ends at once on abort.

afterEach(() => {
  vi.restoreAllMocks()
  vi.useRealTimers()
})

const apiError = (code: number, httpStatus?: number) => new ApiError('x', { code, httpStatus })

describe('isRetryable', () => {
  test('network failures and timeouts are retried; an abort never is, though it is a NetworkError', () => {
    expect(isRetryable(new NetworkError('reset', {}))).toBe(true)
    expect(isRetryable(new TimeoutError('slow', {}))).toBe(true)
    expect(new AbortError('stop', {})).toBeInstanceOf(NetworkError)
    expect(isRetryable(new AbortError('stop', {}))).toBe(false)
  })

  test.each([408, 429, 500, 502, 503, 599])('status %i, in the body or the HTTP status line, is retried', (status) => {
    expect(isRetryable(apiError(status))).toBe(true)
    expect(isRetryable(apiError(452, status))).toBe(true)
  })

  test.each([400, 401, 404, 407, 409, 428, 430, 452, 465, 499, 600, 601])('status %i is not retried', (status) => {
    expect(isRetryable(apiError(status))).toBe(false)
    expect(isRetryable(apiError(status, status))).toBe(false)
  })

  test('errors that are not network or API errors are not retried', () => {
    expect(isRetryable(new ProtocolError('bad body', { httpStatus: 503, bodySnippet: '' }))).toBe(false)
    expect(isRetryable(new ValidationError([{ path: '', message: 'no' }], {}))).toBe(false)
    expect(isRetryable(new IletiMerkeziError('odd', {}))).toBe(false)
    expect(isRetryable(new TypeError('fetch failed'))).toBe(false)
    expect(isRetryable(undefined)).toBe(false)
  })
})

describe('delayBefore', () => {
  test('without Retry-After: a random share of 200 ms doubled each attempt, capped at 5 s', () => {
    const ceilings = [200, 400, 800, 1600, 3200, 5000, 5000, 5000]
    for (const [attempt, ceiling] of ceilings.entries()) {
      vi.spyOn(Math, 'random').mockReturnValue(0.999999)
      expect(delayBefore(attempt, undefined)).toBeCloseTo(ceiling * 0.999999, 6)
      vi.spyOn(Math, 'random').mockReturnValue(0.5)
      expect(delayBefore(attempt, undefined)).toBe(ceiling / 2)
      vi.spyOn(Math, 'random').mockReturnValue(0)
      expect(delayBefore(attempt, undefined)).toBe(0)
    }
  })

  test("the server's Retry-After is used as it is, up to 30 s, with no jitter", () => {
    vi.spyOn(Math, 'random').mockReturnValue(0.5)
    expect(delayBefore(0, 0)).toBe(0)
    expect(delayBefore(3, 1_234)).toBe(1_234)
    expect(delayBefore(0, 30_000)).toBe(30_000)
    expect(delayBefore(0, 30_001)).toBe(30_000)
    expect(delayBefore(0, 3_600_000)).toBe(30_000)
  })
})

describe('sleep', () => {
  const abortError = () => new AbortError('the call was aborted', {})

  test('waits the given time, with or without a signal', async () => {
    vi.useFakeTimers()
    let done = false
    const waiting = sleep(1_000, undefined, abortError).then(() => (done = true))
    await vi.advanceTimersByTimeAsync(999)
    expect(done).toBe(false)
    await vi.advanceTimersByTimeAsync(1)
    await waiting
    expect(done).toBe(true)
    const signal = new AbortController().signal
    const second = sleep(10, signal, abortError)
    await vi.advanceTimersByTimeAsync(10)
    await expect(second).resolves.toBeUndefined()
  })

  test('an aborted signal rejects at once, with the error given', async () => {
    const controller = new AbortController()
    controller.abort()
    const error = abortError()
    await expect(sleep(60_000, controller.signal, () => error)).rejects.toBe(error)
  })

  test('an abort during the wait rejects at once and the timer is gone', async () => {
    vi.useFakeTimers()
    const controller = new AbortController()
    const waiting = sleep(60_000, controller.signal, abortError)
    controller.abort()
    await expect(waiting).rejects.toBeInstanceOf(AbortError)
    expect(vi.getTimerCount()).toBe(0)
  })

  test('once the wait is over, a later abort is not listened to', async () => {
    vi.useFakeTimers()
    const controller = new AbortController()
    const made = vi.fn(abortError)
    const waiting = sleep(5, controller.signal, made)
    await vi.advanceTimersByTimeAsync(5)
    await waiting
    controller.abort()
    expect(made).not.toHaveBeenCalled()
  })
})
