import { getEventListeners } from 'node:events'
import { describe, expect, test } from 'vitest'
import { sleep } from '../src/client/retry-policy.js'
import { AbortError, createClient } from '../src/index.js'
import { untilAborted } from '../src/transport/until-aborted.js'

// One signal often outlives many waits: a campaign's, a server's per-shutdown signal, a `…All` walk's.
// Each wait takes its listener off again, whichever way it ends, so listeners never pile up on it;
// and a signal that has already aborted stops a wait that would otherwise never end.

const listenersOn = (signal: AbortSignal) => getEventListeners(signal, 'abort').length
const never = new Promise<never>(() => {})

describe('untilAborted', () => {
  test('a signal already aborted rejects with its reason, even if the promise never settles', async () => {
    const reason = new Error('stopped before')
    await expect(untilAborted(never, AbortSignal.abort(reason))).rejects.toBe(reason)
  })

  test('no listener is left on the signal after the promise resolves, rejects, or the signal aborts', async () => {
    const controller = new AbortController()
    for (let index = 0; index < 50; index++) await untilAborted(Promise.resolve(index), controller.signal)
    for (let index = 0; index < 50; index++) await untilAborted(Promise.reject(new Error('x')), controller.signal).catch(() => undefined)
    expect(listenersOn(controller.signal)).toBe(0)
    const waiting = untilAborted(never, controller.signal)
    expect(listenersOn(controller.signal)).toBe(1)
    controller.abort(new Error('now'))
    await expect(waiting).rejects.toThrow('now')
    expect(listenersOn(controller.signal)).toBe(0)
  })
})

describe("the retry policy's sleep", () => {
  const abortError = () => new AbortError('aborted while waiting')

  test('no listener is left after the wait ends or the signal aborts', async () => {
    const controller = new AbortController()
    for (let index = 0; index < 20; index++) await sleep(0, controller.signal, abortError)
    expect(listenersOn(controller.signal)).toBe(0)
    const waiting = sleep(60_000, controller.signal, abortError)
    controller.abort()
    await expect(waiting).rejects.toThrow('aborted while waiting')
    expect(listenersOn(controller.signal)).toBe(0)
  })
})

describe('calls on one long-lived signal', () => {
  test('a hundred calls, answered or failed, leave no listener on it', async () => {
    const controller = new AbortController()
    let call = 0
    const fetch: typeof globalThis.fetch = async () => {
      call++
      if (call % 2 === 0) throw new TypeError('fetch failed')
      return new Response('{"response":{"status":{"code":200,"message":"OK"},"balance":{"amount":"1","sms":"2"}}}')
    }
    const client = createClient({ key: 'signal-test-key', secret: 'signal-test-secret', retry: 0, fetch })
    for (let index = 0; index < 100; index++) await client.account.balance({ signal: controller.signal }).catch(() => undefined)
    expect(call).toBe(100)
    expect(listenersOn(controller.signal)).toBe(0)
  })

  test('a signal aborted with null as its reason is an AbortError, not a TypeError from reading the reason', async () => {
    const controller = new AbortController()
    controller.abort(null)
    const client = createClient({ key: 'signal-test-key', secret: 'signal-test-secret', retry: 0, fetch: async () => new Response('{}') })
    await expect(client.account.balance({ signal: controller.signal })).rejects.toBeInstanceOf(AbortError)
  })
})
