import { describe, expect, test } from 'vitest'
import {
  ApiError,
  createClient,
  ValidationError,
  type CallErrorEvent,
  type ClientHooks,
  type ClientSettings,
  type RequestEvent,
  type ResponseEvent,
  type RetryEvent,
} from '../src/index.js'

// The hooks option: what each hook sees, in which order, and that no hook can break a call.

const okSenders = '{"response":{"status":{"code":200,"message":"İşlem başarılı"},"senders":{"sender":["A"]}}}'
const busy = '{"response":{"status":{"code":503,"message":"Sunucu geçici olarak servis dışı"}}}'

function scriptedFetch(...bodies: [string, number, Record<string, string>?][]) {
  let calls = 0
  const fetch = (async () => {
    const [body, status, headers] = bodies[Math.min(calls++, bodies.length - 1)]!
    return new Response(body, { status, headers: headers ?? {} })
  }) as typeof globalThis.fetch
  return { fetch, calls: () => calls }
}

type Recorded = ['onRequest', RequestEvent] | ['onResponse', ResponseEvent] | ['onRetry', RetryEvent] | ['onError', CallErrorEvent]

function recorder() {
  const events: Recorded[] = []
  const hooks: ClientHooks = {
    onRequest: (event) => void events.push(['onRequest', event]),
    onResponse: (event) => void events.push(['onResponse', event]),
    onRetry: (event) => void events.push(['onRetry', event]),
    onError: (event) => void events.push(['onError', event]),
  }
  return { events, hooks, names: () => events.map(([name]) => name) }
}

function client(fetch: typeof globalThis.fetch, options: Partial<ClientSettings> = {}) {
  return createClient({ key: 'hook-key', secret: 'hook-secret', fetch, ...options })
}

describe('what the hooks see', () => {
  test('a success: one request, one response with the HTTP status, the code and a duration', async () => {
    const { events, hooks, names } = recorder()
    await client(scriptedFetch([okSenders, 200]).fetch, { hooks, format: 'json' }).senders.list()
    expect(names()).toEqual(['onRequest', 'onResponse'])
    expect(events[0]![1]).toEqual({ operation: 'get-sender', format: 'json', attempt: 1, url: 'https://api.iletimerkezi.com/v1/get-sender/json' })
    const response = events[1]![1] as ResponseEvent
    expect(response).toMatchObject({ operation: 'get-sender', format: 'json', attempt: 1, httpStatus: 200, code: 200 })
    expect(response.durationMs).toBeGreaterThanOrEqual(0)
    expect(Object.keys(response).sort()).toEqual(['attempt', 'code', 'durationMs', 'format', 'httpStatus', 'operation', 'url'])
  })

  test('a retry: request, response, retry (with the error and the wait), request, response', async () => {
    const { events, hooks, names } = recorder()
    await client(scriptedFetch([busy, 503, { 'retry-after': '0' }], [okSenders, 200]).fetch, { hooks }).senders.list()
    expect(names()).toEqual(['onRequest', 'onResponse', 'onRetry', 'onRequest', 'onResponse'])
    const retry = events[2]![1] as RetryEvent
    expect(retry).toMatchObject({ attempt: 1, httpStatus: 503, code: 503, delayMs: 0 })
    expect(retry.error).toBeInstanceOf(ApiError)
    expect((events[3]![1] as RequestEvent).attempt).toBe(2)
    expect(events[4]![1]).toMatchObject({ attempt: 2, httpStatus: 200, code: 200 })
  })

  test('the XML format says so, and its URL has no /json', async () => {
    const { events, hooks } = recorder()
    const xml = '<response><status><code>200</code></status><senders><sender>A</sender></senders></response>'
    await client(scriptedFetch([xml, 200]).fetch, { hooks, format: 'xml', baseUrl: 'http://127.0.0.1:9/v1/' }).senders.list()
    expect(events[0]![1]).toEqual({ operation: 'get-sender', format: 'xml', attempt: 1, url: 'http://127.0.0.1:9/v1/get-sender' })
  })

  test('a failure: onError once, with the very error the call rejects with, after every attempt', async () => {
    const { events, hooks, names } = recorder()
    const error = await client(scriptedFetch([busy, 503, { 'retry-after': '0' }]).fetch, { hooks, retry: 1 })
      .senders.list()
      .catch((caught: unknown) => caught)
    expect(names()).toEqual(['onRequest', 'onResponse', 'onRetry', 'onRequest', 'onResponse', 'onError'])
    const failed = events.at(-1)![1] as CallErrorEvent
    expect(failed.error).toBe(error)
    expect(failed).toMatchObject({ operation: 'get-sender', attempt: 2, httpStatus: 503, code: 503 })
    expect(failed.durationMs).toBeGreaterThanOrEqual((events[1]![1] as ResponseEvent).durationMs)
  })

  test('an input refused before sending: onError only, attempt 0 and no URL', async () => {
    const { events, hooks, names } = recorder()
    const { fetch, calls } = scriptedFetch([okSenders, 200])
    await expect(client(fetch, { hooks }).contacts.search({ key: 'ab' })).rejects.toBeInstanceOf(ValidationError)
    expect(names()).toEqual(['onError'])
    expect(events[0]![1]).toMatchObject({ operation: 'search-contacts', attempt: 0, url: undefined, httpStatus: undefined, code: 471 })
    expect(calls()).toBe(0)
  })

  test('an answer that does not fit still reports its response before the error', async () => {
    const { events, hooks, names } = recorder()
    await client(scriptedFetch(['<html>proxy</html>', 200]).fetch, { hooks }).senders.list().catch(() => {})
    expect(names()).toEqual(['onRequest', 'onResponse', 'onError'])
    expect(events[1]![1]).toMatchObject({ httpStatus: 200, code: undefined })
    expect(events[2]![1]).toMatchObject({ httpStatus: 200, error: { name: 'ProtocolError' } })
  })

  test('a network failure has no HTTP status and no response event', async () => {
    const { events, hooks, names } = recorder()
    const fetch = (async () => {
      throw new TypeError('fetch failed')
    }) as typeof globalThis.fetch
    await client(fetch, { hooks, retry: 0 }).senders.list().catch(() => {})
    expect(names()).toEqual(['onRequest', 'onError'])
    expect(events[1]![1]).toMatchObject({ httpStatus: undefined, code: undefined, error: { name: 'NetworkError' } })
  })

  test('events are frozen copies: one hook cannot change what the next call or hook sees', async () => {
    const seen: RequestEvent[] = []
    const hooks: ClientHooks = {
      onRequest(event) {
        seen.push(event)
        ;(event as { attempt: number }).attempt = 99
      },
    }
    await client(scriptedFetch([okSenders, 200]).fetch, { hooks }).senders.list()
    expect(Object.isFrozen(seen[0])).toBe(true)
    expect(seen[0]!.attempt).toBe(1)
  })
})

describe('no hook can break a call', () => {
  const throwing: ClientHooks = {
    onRequest: () => {
      throw new Error('request hook')
    },
    onResponse: () => {
      throw new Error('response hook')
    },
    onRetry: () => {
      throw new Error('retry hook')
    },
    onError: () => {
      throw new Error('error hook')
    },
  }

  test('throwing hooks: the call succeeds, retries included', async () => {
    const { fetch, calls } = scriptedFetch([busy, 503, { 'retry-after': '0' }], [okSenders, 200])
    expect(await client(fetch, { hooks: throwing }).senders.list()).toEqual(['A'])
    expect(calls()).toBe(2)
  })

  test('throwing hooks: a failing call rejects with its own error, not the hook’s', async () => {
    const error = await client(scriptedFetch([busy, 503]).fetch, { hooks: throwing, retry: 0 })
      .senders.list()
      .catch((caught: unknown) => caught)
    expect(error).toMatchObject({ name: 'ApiError', code: 503 })
  })

  test('async hooks that reject leave no unhandled rejection', async () => {
    const unhandled: unknown[] = []
    const onUnhandled = (reason: unknown) => void unhandled.push(reason)
    process.on('unhandledRejection', onUnhandled)
    try {
      const rejecting = async () => {
        throw new Error('async hook')
      }
      const hooks = { onRequest: rejecting, onResponse: rejecting, onRetry: rejecting, onError: rejecting } as unknown as ClientHooks
      const { fetch } = scriptedFetch([busy, 503, { 'retry-after': '0' }], [busy, 503])
      await client(fetch, { hooks, retry: 1 }).senders.list().catch(() => {})
      await new Promise((resolve) => setTimeout(resolve, 20))
      expect(unhandled).toEqual([])
    } finally {
      process.off('unhandledRejection', onUnhandled)
    }
  })
})

describe('createClient checks the hooks option', () => {
  test.each([
    ['a misspelt hook name', { onReqest: () => {} }],
    ['a hook that is not a function', { onError: 'log' }],
    ['hooks that are not an object', 'verbose'],
  ])('refuses %s', (_label, hooks) => {
    expect(() => createClient({ key: 'k', secret: 's', hooks: hooks as never })).toThrow(ValidationError)
  })

  test('accepts some hooks, or none', () => {
    expect(() => createClient({ key: 'k', secret: 's', hooks: { onError: () => {} } })).not.toThrow()
    expect(() => createClient({ key: 'k', secret: 's', hooks: {} })).not.toThrow()
  })
})
