import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { gzipSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { createCallOperation } from '../src/client/call-operation.js'
import { clientOptionsSchema, defaultMaxResponseBytes } from '../src/client/client-options.js'
import { delayBefore } from '../src/client/retry-policy.js'
import {
  AbortError,
  ApiError,
  createClient,
  IletiMerkeziError,
  NetworkError,
  NotFoundError,
  ProtocolError,
  TimeoutError,
  ValidationError,
  type ClientSettings,
  type RetryEvent,
} from '../src/index.js'
import { operationTable, type AnyOperation } from '../src/operations/index.js'
import { validate } from '../src/schemas/validate.js'
import { parseRetryAfter } from '../src/transport/retry-after.js'
import { rejectionOf } from './support/outcomes.js'

// Every test here talks to a fetch double or to a node:http server on 127.0.0.1: never the network.

const okSenders = '{"response":{"status":{"code":200,"message":"İşlem başarılı"},"senders":{"sender":["A"]}}}'
const busy = '{"response":{"status":{"code":503,"message":"Sunucu geçici olarak servis dışı"}}}'

type Reply = (request: Request) => Response | Promise<Response>

/** A fetch that answers from a script, one reply a request (the last one repeats), and records what it was sent. */
function scriptedFetch(...replies: Reply[]) {
  const requests: Request[] = []
  const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = input instanceof Request ? input : new Request(input, init)
    requests.push(request)
    const reply = replies[Math.min(requests.length, replies.length) - 1]!
    return reply(request)
  }) as typeof globalThis.fetch
  return { fetch, requests }
}

const answer = (body: string, status = 200, headers: Record<string, string> = {}): Reply => () => new Response(body, { status, headers })
const failWith = (error: unknown): Reply => () => Promise.reject(error)
/** Never answers; honours the request's signal the way fetch does. */
const hang: Reply = (request) =>
  new Promise((_resolve, reject) => request.signal.addEventListener('abort', () => reject(request.signal.reason), { once: true }))
/** Never answers and ignores every signal: a broken fetch. */
const hangDeaf: Reply = () => new Promise(() => {})

function client(fetch: typeof globalThis.fetch, options: Partial<ClientSettings> = {}) {
  return createClient({ key: 'transport-key', secret: 'transport-secret', fetch, ...options })
}


/** A body that never ends, counting what was pulled from it. */
function endlessBody(chunkBytes = 64 * 1024) {
  const stats = { pulled: 0, cancelled: false }
  const chunk = new Uint8Array(chunkBytes).fill(0x61)
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      stats.pulled += chunk.byteLength
      controller.enqueue(chunk)
    },
    cancel() {
      stats.cancelled = true
    },
  })
  return { stream, stats }
}

describe('the response body cap (maxResponseBytes)', () => {
  test('an endless body is cut off while streaming: a ProtocolError with the HTTP status, the rest never read', async () => {
    const { stream, stats } = endlessBody()
    const { fetch } = scriptedFetch(() => new Response(stream, { status: 200 }))
    const error = await rejectionOf(client(fetch, { maxResponseBytes: 256 * 1024 }).senders.list())
    expect(error).toBeInstanceOf(ProtocolError)
    expect(error).toMatchObject({ httpStatus: 200, operation: 'get-sender', format: 'json' })
    expect(error.message).toContain('maxResponseBytes')
    expect((error as ProtocolError).bodySnippet.length).toBeLessThanOrEqual(200)
    expect(stats.pulled).toBeLessThanOrEqual(256 * 1024 + 2 * 64 * 1024)
    expect(stats.cancelled).toBe(true)
  })

  test('the default cap is 5 MiB, and it holds without the option', async () => {
    expect(defaultMaxResponseBytes).toBe(5 * 1024 * 1024)
    const { stream, stats } = endlessBody(1024 * 1024)
    const { fetch } = scriptedFetch(() => new Response(stream, { status: 200 }))
    expect(await rejectionOf(client(fetch).senders.list())).toBeInstanceOf(ProtocolError)
    expect(stats.pulled).toBeLessThanOrEqual(defaultMaxResponseBytes + 2 * 1024 * 1024)
  })

  test('a Content-Length over the cap is refused before the body is read', async () => {
    const { stream, stats } = endlessBody()
    const { fetch } = scriptedFetch(() => new Response(stream, { status: 502, headers: { 'content-length': '999999999' } }))
    const error = await rejectionOf(client(fetch, { maxResponseBytes: 1000, retry: 0 }).senders.list())
    expect(error).toMatchObject({ name: 'ProtocolError', httpStatus: 502 })
    expect(stats.pulled).toBeLessThanOrEqual(64 * 1024) // at most what the stream queued on its own
  })

  test('a body of exactly the cap is read; one byte more is not', async () => {
    const padded = okSenders.padEnd(okSenders.length + 10, ' ')
    const size = new TextEncoder().encode(padded).byteLength
    const ok = scriptedFetch(answer(padded))
    expect(await client(ok.fetch, { maxResponseBytes: size }).senders.list()).toEqual(['A'])
    const over = scriptedFetch(answer(padded))
    expect(await rejectionOf(client(over.fetch, { maxResponseBytes: size - 1 }).senders.list())).toBeInstanceOf(ProtocolError)
  })

  test('an over-cap answer is not retried, even for a read', async () => {
    const { fetch, requests } = scriptedFetch(answer('x'.repeat(5000), 503))
    expect(await rejectionOf(client(fetch, { maxResponseBytes: 100, retry: 3 }).senders.list())).toBeInstanceOf(ProtocolError)
    expect(requests).toHaveLength(1)
  })

  test.each([0, -1, 1.5, '1000', Number.NaN])('createClient refuses maxResponseBytes %s', (value) => {
    expect(() => createClient({ key: 'k', secret: 's', maxResponseBytes: value as number })).toThrow(ValidationError)
  })
})

describe('against a real HTTP server on 127.0.0.1', () => {
  let server: Server
  let baseUrl = ''
  const routes = new Map<string, (response: import('node:http').ServerResponse) => void>()

  beforeAll(async () => {
    server = createServer((request, response) => {
      request.resume()
      request.on('end', () => routes.get(request.url ?? '')?.(response))
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`
  })
  afterAll(async () => {
    server.closeAllConnections()
    await new Promise((resolve) => server.close(resolve))
  })

  test('a gzip bomb is counted after decompression: 64 MiB of zeros in a small gzip body is refused', async () => {
    const bomb = gzipSync(Buffer.alloc(64 * 1024 * 1024))
    expect(bomb.byteLength).toBeLessThan(200 * 1024)
    routes.set('/v1/get-sender/json', (response) => {
      response.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip', 'content-length': String(bomb.byteLength) })
      response.end(bomb)
    })
    const error = await rejectionOf(createClient({ key: 'k', secret: 's', baseUrl, maxResponseBytes: 1024 * 1024 }).senders.list())
    expect(error).toMatchObject({ name: 'ProtocolError', httpStatus: 200 })
  })

  test('the timeout covers the body: a server that trickles forever is a TimeoutError', async () => {
    routes.set('/v1/get-contact/json', (response) => {
      response.writeHead(200, { 'content-type': 'application/json' })
      response.write('{"response":')
      const timer = setInterval(() => response.write(' '), 20)
      response.on('close', () => clearInterval(timer))
    })
    const started = performance.now()
    const error = await rejectionOf(createClient({ key: 'k', secret: 's', baseUrl, timeout: 300, retry: 0 }).contacts.get(1))
    expect(error).toBeInstanceOf(TimeoutError)
    expect(error.operation).toBe('get-contact')
    expect(performance.now() - started).toBeLessThan(2000)
  })

  test('an abort while the body trickles is an AbortError at once', async () => {
    routes.set('/v1/get-group/json', (response) => {
      response.writeHead(200, { 'content-type': 'application/json' })
      const timer = setInterval(() => response.write(' '), 20)
      response.on('close', () => clearInterval(timer))
    })
    const controller = new AbortController()
    setTimeout(() => controller.abort(), 100)
    const error = await rejectionOf(createClient({ key: 'k', secret: 's', baseUrl, timeout: 0 }).groups.get(7, { signal: controller.signal }))
    expect(error).toBeInstanceOf(AbortError)
    expect(error.name).toBe('AbortError')
  })

  test("the provider's raw UTF-8 reason phrase reads as Turkish", async () => {
    routes.set('/v1/get-balance/json', (response) => {
      response.writeHead(401, Buffer.from('Üyelik bilgileri hatalı', 'utf8').toString('latin1'), { 'content-type': 'text/html' })
      response.end('<html>nope</html>')
    })
    const error = await rejectionOf(createClient({ key: 'k', secret: 's', baseUrl }).account.balance())
    expect(error).toMatchObject({ name: 'AuthenticationError', code: 401, httpStatus: 401 })
    expect(error.message).toContain('Üyelik bilgileri hatalı')
  })
})

describe('timeouts and aborts', () => {
  test('a fetch that ignores its signal still times out', async () => {
    const { fetch, requests } = scriptedFetch(hangDeaf)
    const error = await rejectionOf(client(fetch, { timeout: 50 }).senders.list({ retry: 0 }))
    expect(error).toBeInstanceOf(TimeoutError)
    expect(error.message).toContain('50 ms')
    expect(requests).toHaveLength(1)
  })

  test('a timeout is retried for a read and the retry can succeed', async () => {
    const { fetch, requests } = scriptedFetch(hang, answer(okSenders))
    expect(await client(fetch, { timeout: 50 }).senders.list()).toEqual(['A'])
    expect(requests).toHaveLength(2)
  })

  test('the per-call timeout wins over the client one', async () => {
    const { fetch } = scriptedFetch(hang)
    const started = performance.now()
    await expect(client(fetch, { timeout: 60_000 }).senders.list({ timeout: 40, retry: 0 })).rejects.toBeInstanceOf(TimeoutError)
    expect(performance.now() - started).toBeLessThan(1000)
  })

  test('an aborted signal sends nothing, in both formats', async () => {
    for (const format of ['json', 'xml'] as const) {
      const { fetch, requests } = scriptedFetch(answer(okSenders))
      const error = await rejectionOf(client(fetch, { format }).senders.list({ signal: AbortSignal.abort() }))
      expect(error).toBeInstanceOf(AbortError)
      expect(error.format).toBe(format)
      expect(requests).toHaveLength(0)
    }
  })

  test('an abort during the wait before a retry is an AbortError at once, and nothing more is sent', async () => {
    const { fetch, requests } = scriptedFetch(answer(busy, 503, { 'retry-after': '20' }))
    const controller = new AbortController()
    const retries: RetryEvent[] = []
    const call = client(fetch, { hooks: { onRetry: (event) => void retries.push(event) } }).senders.list({ signal: controller.signal })
    await new Promise((resolve) => setTimeout(resolve, 100))
    expect(retries).toHaveLength(1)
    const aborted = performance.now()
    controller.abort()
    const error = await rejectionOf(call)
    expect(error).toBeInstanceOf(AbortError)
    expect(performance.now() - aborted).toBeLessThan(200)
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(requests).toHaveLength(1)
  })

  test('a caller signal used for many calls does not pile up listeners', async () => {
    const { fetch } = scriptedFetch(answer(okSenders))
    const controller = new AbortController()
    let added = 0
    let removed = 0
    const add = controller.signal.addEventListener.bind(controller.signal)
    const remove = controller.signal.removeEventListener.bind(controller.signal)
    controller.signal.addEventListener = ((...args: Parameters<typeof add>) => (added++, add(...args))) as typeof add
    controller.signal.removeEventListener = ((...args: Parameters<typeof remove>) => (removed++, remove(...args))) as typeof remove
    const api = client(fetch)
    for (let index = 0; index < 20; index++) await api.senders.list({ signal: controller.signal })
    expect(added).toBeGreaterThan(0)
    expect(removed).toBe(added)
  })
})

describe('searchAll: an abort stops the read-ahead and sends nothing more', () => {
  const contact = (id: number) => ({ id, name: `N${id}`, surname: '', email: '', gsm: '0532', custom_fields: [], groups: [] })
  const page = (ids: number[]) => JSON.stringify({ response: { status: { code: 200, message: 'ok' }, contacts: ids.map(contact) } })

  test('abort while the next page is in flight', async () => {
    const { fetch, requests } = scriptedFetch(answer(page([1, 2])), hang)
    const controller = new AbortController()
    const iterator = client(fetch).contacts.searchAll({ key: 'abc', rowCount: 2 }, { signal: controller.signal })[Symbol.asyncIterator]()
    expect((await iterator.next()).value).toMatchObject({ id: 1 })
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect(requests).toHaveLength(2) // page 2 is on its way
    controller.abort()
    const error = await rejectionOf(iterator.next())
    expect(error).toBeInstanceOf(AbortError)
    expect(error.operation).toBe('search-contacts')
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(requests).toHaveLength(2)
    expect(requests[1]!.signal.aborted).toBe(true)
  })

  test('abort after the next page already arrived: no more items, an AbortError, no page 3', async () => {
    const { fetch, requests } = scriptedFetch(answer(page([1, 2])), answer(page([3, 4])), answer(page([5, 6])))
    const controller = new AbortController()
    const iterator = client(fetch).contacts.searchAll({ key: 'abc', rowCount: 2 }, { signal: controller.signal })[Symbol.asyncIterator]()
    await iterator.next()
    await new Promise((resolve) => setTimeout(resolve, 30))
    controller.abort()
    expect(await rejectionOf(iterator.next())).toBeInstanceOf(AbortError)
    expect(requests).toHaveLength(2)
  })

  test('leaving the loop early calls off the read-ahead without an unhandled rejection', async () => {
    const { fetch, requests } = scriptedFetch(answer(page([1, 2])), hang)
    const unhandled: unknown[] = []
    const onUnhandled = (reason: unknown) => void unhandled.push(reason)
    process.on('unhandledRejection', onUnhandled)
    try {
      for await (const found of client(fetch).contacts.searchAll({ key: 'abc', rowCount: 2 })) {
        expect(found.id).toBe(1)
        break
      }
      await new Promise((resolve) => setTimeout(resolve, 50))
      // The read-ahead is either never sent (called off before it left) or sent and then aborted.
      expect(requests.length === 1 || requests[1]!.signal.aborted).toBe(true)
      expect(requests.length).toBeLessThanOrEqual(2)
      expect(unhandled).toEqual([])
    } finally {
      process.off('unhandledRejection', onUnhandled)
    }
  })
})

describe('Retry-After', () => {
  test.each([
    ['0', 0],
    ['1', 1000],
    ['2.5', 2500],
    ['1.25', 1250],
    ['1.', undefined],
    [' 7 ', 7000],
    ['', undefined],
    ['-3', undefined],
    ['soon', undefined],
    ['12abc', undefined],
  ])('parseRetryAfter(%j) is %s ms', (header, expected) => {
    expect(parseRetryAfter(header)).toBe(expected)
  })

  test('an HTTP-date reads as the time until then; a past one as 0', () => {
    const now = Date.parse('Wed, 21 Oct 2026 07:28:00 GMT')
    expect(parseRetryAfter('Wed, 21 Oct 2026 07:28:05 GMT', now)).toBe(5000)
    expect(parseRetryAfter('Wed, 21 Oct 2026 07:27:00 GMT', now)).toBe(0)
    expect(parseRetryAfter(null, now)).toBeUndefined()
  })

  async function retryDelayFor(headers: Record<string, string>, status = 503): Promise<number> {
    const { fetch } = scriptedFetch(answer(busy, status, headers), answer(okSenders))
    const delays: number[] = []
    const controller = new AbortController()
    const call = client(fetch, { hooks: { onRetry: (event) => (delays.push(event.delayMs), controller.abort()) } }).senders.list({ signal: controller.signal })
    await call.catch(() => {})
    expect(delays).toHaveLength(1)
    return delays[0]!
  }

  test('seconds are honoured', async () => {
    expect(await retryDelayFor({ 'retry-after': '3' })).toBe(3000)
    expect(await retryDelayFor({ 'retry-after': '2' }, 429)).toBe(2000)
  })

  test('an HTTP-date is honoured', async () => {
    const delay = await retryDelayFor({ 'retry-after': new Date(Date.now() + 4000).toUTCString() })
    expect(delay).toBeGreaterThan(2500)
    expect(delay).toBeLessThanOrEqual(4000)
  })

  test('a long Retry-After is capped at 30 s', async () => {
    expect(await retryDelayFor({ 'retry-after': '86400' })).toBe(30_000)
  })

  test('without Retry-After: exponential backoff with full jitter, capped', async () => {
    const delay = await retryDelayFor({})
    expect(delay).toBeGreaterThanOrEqual(0)
    expect(delay).toBeLessThan(200)
    for (let attempt = 0; attempt < 12; attempt++) {
      const samples = Array.from({ length: 200 }, () => delayBefore(attempt, undefined))
      const ceiling = Math.min(5000, 200 * 2 ** attempt)
      expect(Math.max(...samples)).toBeLessThan(ceiling)
      expect(Math.min(...samples)).toBeGreaterThanOrEqual(0)
      expect(new Set(samples).size).toBeGreaterThan(100) // jittered, not a fixed schedule
    }
  })
})

describe('what is retried', () => {
  const networkDown = Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }) })
  const retried: [string, Reply][] = [
    ['HTTP 408', answer('<html>timeout</html>', 408, { 'retry-after': '0' })],
    ['HTTP 429', answer('{"response":{"status":{"code":429,"message":"slow down"}}}', 429, { 'retry-after': '0' })],
    ['HTTP 500', answer('<html>oops</html>', 500, { 'retry-after': '0' })],
    ['HTTP 502 from a proxy', answer('<html>bad gateway</html>', 502, { 'retry-after': '0' })],
    ['HTTP 503', answer(busy, 503, { 'retry-after': '0' })],
    ['HTTP 504', answer('', 504, { 'retry-after': '0' })],
    ['503 in the body under HTTP 200', answer(busy, 200, { 'retry-after': '0' })],
    ['a network error', failWith(networkDown)],
  ]
  test.each(retried)('a read is retried on %s', async (_label, first) => {
    const { fetch, requests } = scriptedFetch(first, answer(okSenders))
    expect(await client(fetch).senders.list()).toEqual(['A'])
    expect(requests).toHaveLength(2)
  })

  const final: [string, Reply, typeof IletiMerkeziError][] = [
    ['HTTP 400', answer('{"response":{"status":{"code":400,"message":"İstek çözümlenemedi"}}}', 400), ApiError],
    ['HTTP 401', answer('{"response":{"status":{"code":401,"message":"Üyelik bilgileri hatalı"}}}', 401), ApiError],
    ['code 465', answer('{"response":{"status":{"code":465,"message":"Kişi bulunamadı."}}}', 465), NotFoundError],
    ['a truncated body', answer('{"response":{"status":{"code":200', 200), ProtocolError],
    ['an HTML page under HTTP 200', answer('<!DOCTYPE html><html>hi</html>', 200), ProtocolError],
  ]
  test.each(final)('a read is not retried on %s', async (_label, first, ErrorClass) => {
    const { fetch, requests } = scriptedFetch(first, answer(okSenders))
    expect(await rejectionOf(client(fetch, { retry: 5 }).senders.list())).toBeInstanceOf(ErrorClass)
    expect(requests).toHaveLength(1)
  })

  test('a read gives up after `retry` extra attempts, with the last error', async () => {
    const { fetch, requests } = scriptedFetch(answer(busy, 503, { 'retry-after': '0' }))
    expect(await rejectionOf(client(fetch, { retry: 3 }).senders.list())).toMatchObject({ name: 'ApiError', code: 503, httpStatus: 503 })
    expect(requests).toHaveLength(4)
  })

  test('retry 0, per call or per client, means one attempt', async () => {
    const first = scriptedFetch(answer(busy, 503))
    await rejectionOf(client(first.fetch, { retry: 0 }).senders.list())
    const second = scriptedFetch(answer(busy, 503))
    await rejectionOf(client(second.fetch, { retry: 4 }).senders.list({ retry: 0 }))
    expect([first.requests.length, second.requests.length]).toEqual([1, 1])
  })
})

describe('every operation that changes data is sent once unless the call opts in', () => {
  // One valid input per operation; a new operation without one fails the table test below, on purpose.
  const samples: Record<string, unknown> = {
    'get-contact': { id: 1001 },
    'search-contacts': { key: 'ayşe' },
    'get-sender': {},
    'add-group': { name: 'Yeni' },
    'get-groups': {},
    'get-group': { id: 7 },
    'edit-group': { id: 7, name: 'Yeni ad' },
    'delete-group': { id: 20 },
    'get-group-contacts': { id: 7 },
    'add-contact': { name: 'Ayşe', gsm: '05321234567' },
    'edit-contact': { id: 1001, name: 'Ayşe' },
    'delete-contact': { id: 1005 },
    'send-sms': { sender: 'eMarka', text: 'Merhaba', recipients: ['05321234567'] },
    'cancel-order': { orderId: '12345' },
    'get-report': { orderId: '12345' },
    'get-reports': { start: '2024-11-01', end: '2024-11-05' },
    'get-balance': {},
    'get-blacklist': {},
    'add-blacklist': { number: '05321234567' },
    'delete-blacklist': { number: '05321234567' },
  }
  const reads = /^(get|search)-/

  test('every operation has a sample input, and reads are exactly the operations marked safe to retry', () => {
    for (const operation of operationTable) {
      expect(samples, `add a sample input for ${operation.name}`).toHaveProperty([operation.name])
      expect(operation.safeToRetry, `${operation.name}: safeToRetry`).toBe(reads.test(operation.name))
    }
  })

  function callerFor(operation: AnyOperation, fetch: typeof globalThis.fetch, retry: number) {
    const format = operation.formats?.[0] ?? 'json'
    return createCallOperation(validate(clientOptionsSchema, { key: 'k', secret: 's', fetch, retry, format }, {}))
  }

  describe.each(operationTable.map((operation) => [operation.name, operation] as const))('%s', (name, operation) => {
    test(operation.safeToRetry ? 'a read: retried as the client says' : 'a write: one attempt whatever the client retry says', async () => {
      const { fetch, requests } = scriptedFetch(answer(busy, 503, { 'retry-after': '0' }))
      const error = await rejectionOf(callerFor(operation, fetch, 3)(operation, samples[name], undefined))
      expect(error).toMatchObject({ name: 'ApiError', code: 503, httpStatus: 503, operation: name })
      expect(requests).toHaveLength(operation.safeToRetry ? 4 : 1)
    })

    test('a network failure: the same', async () => {
      const { fetch, requests } = scriptedFetch(failWith(new TypeError('fetch failed')))
      const error = await rejectionOf(callerFor(operation, fetch, 2)(operation, samples[name], undefined))
      expect(error).toBeInstanceOf(NetworkError)
      expect(requests).toHaveLength(operation.safeToRetry ? 3 : 1)
    })

    test('the call opts in with its own retry', async () => {
      const { fetch, requests } = scriptedFetch(answer(busy, 503, { 'retry-after': '0' }))
      await rejectionOf(callerFor(operation, fetch, 0)(operation, samples[name], { retry: 1 }))
      expect(requests).toHaveLength(2)
    })
  })
})

describe('every error says where it happened', () => {
  test('an ApiError carries code, httpStatus, operation and format', async () => {
    const { fetch } = scriptedFetch(answer('<response><status><code>465</code><message>Kişi bulunamadı.</message></status></response>', 465))
    const error = await rejectionOf(client(fetch, { format: 'xml' }).contacts.get(5))
    expect(error).toMatchObject({ name: 'NotFoundError', code: 465, httpStatus: 465, operation: 'get-contact', format: 'xml' })
  })

  test('a ProtocolError carries the body status where there was one, the HTTP status and a short snippet', async () => {
    const { fetch } = scriptedFetch(answer(`{"response":{"status":{"code":200},"contact":{"id":"not a number"}},"pad":"${'x'.repeat(500)}"}`, 201))
    const error = (await rejectionOf(client(fetch).contacts.get(5))) as ProtocolError
    expect(error).toMatchObject({ name: 'ProtocolError', code: 200, httpStatus: 201, operation: 'get-contact', format: 'json' })
    expect(error.bodySnippet.length).toBe(200)
  })

  test('a NetworkError carries the operation, the format and the cause', async () => {
    const cause = new TypeError('fetch failed')
    const { fetch } = scriptedFetch(failWith(cause))
    const error = await rejectionOf(client(fetch, { retry: 0, format: 'xml' }).groups.list())
    expect(error).toMatchObject({ name: 'NetworkError', operation: 'get-groups', format: 'xml' })
    expect(error.cause).toBe(cause)
  })

  test('something that is not an Error thrown by fetch is still a NetworkError', async () => {
    const { fetch } = scriptedFetch(failWith('a string'))
    expect(await rejectionOf(client(fetch, { retry: 0 }).senders.list())).toBeInstanceOf(NetworkError)
  })
})
