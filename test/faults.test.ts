import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import {
  AbortError,
  ApiError,
  createClient,
  IletiMerkeziError,
  NetworkError,
  ProtocolError,
  TimeoutError,
  type ClientSettings,
  type IletiMerkeziClient,
} from '../src/index.js'
import { startSandbox, type Fault, type FaultScope, type Sandbox, type SandboxOptions } from '../src/testing/index.js'

// The client against the sandbox's fault switches, in both formats: reads ride out delays, resets,
// 503 bursts and proxy pages; creates are sent exactly once whatever happens, and the store shows it.

let sandbox: Sandbox
beforeEach(async () => {
  sandbox = await startSandbox()
})
afterEach(async () => {
  await sandbox.close()
})

const faultDelayMs = 200
const timeout = 80

function clientFor(format: 'json' | 'xml', options: Partial<ClientSettings> = {}): IletiMerkeziClient {
  return createClient({ baseUrl: sandbox.url, key: sandbox.key, secret: sandbox.secret!, format, timeout, ...options })
}

function requestsTo(operation: string) {
  return sandbox.requests.filter((request) => request.operation === operation)
}

/** Waits until the sandbox has logged `count` requests to `operation` (a delayed one is logged late), then a little more. */
async function settled(operation: string, count: number): Promise<void> {
  const deadline = Date.now() + faultDelayMs + 2000
  while (requestsTo(operation).length < count && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10))
  await new Promise((resolve) => setTimeout(resolve, 30))
}

async function outcome(call: Promise<unknown>): Promise<{ value?: unknown; error?: IletiMerkeziError }> {
  try {
    return { value: await call }
  } catch (error) {
    expect(error, 'only this library’s errors').toBeInstanceOf(IletiMerkeziError)
    return { error: error as IletiMerkeziError }
  }
}

interface Read {
  operation: string
  call: (client: IletiMerkeziClient) => Promise<unknown>
}

const reads: Read[] = [
  { operation: 'get-contact', call: (client) => client.contacts.get(1001) },
  { operation: 'search-contacts', call: (client) => client.contacts.search({ key: 'example' }) },
  { operation: 'get-sender', call: (client) => client.senders.list() },
  { operation: 'get-groups', call: (client) => client.groups.list() },
  { operation: 'get-balance', call: (client) => client.account.balance() },
]

interface ReadFault {
  label: string
  faults: [Fault, FaultScope?][]
  retry?: number
  /** `'ok'`: the right data after retries; else the error class. */
  expect: 'ok' | typeof IletiMerkeziError
  requests: number
  minElapsedMs?: number
}

const proxyPage = '<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>'
const readFaults: ReadFault[] = [
  { label: 'a delay past the timeout, then an answer', faults: [[{ kind: 'delay', ms: faultDelayMs }]], expect: 'ok', requests: 2 },
  { label: 'a delay past the timeout, retry 0', faults: [[{ kind: 'delay', ms: faultDelayMs }]], retry: 0, expect: TimeoutError, requests: 1 },
  { label: 'a reset', faults: [[{ kind: 'reset' }]], expect: 'ok', requests: 2 },
  { label: 'resets on every attempt', faults: [[{ kind: 'reset' }, { times: 3 }]], retry: 2, expect: NetworkError, requests: 3 },
  { label: 'a 503 burst without Retry-After', faults: [[{ kind: 'status', status: 503 }, { times: 2 }]], retry: 2, expect: 'ok', requests: 3 },
  { label: 'a 503 burst longer than the retries', faults: [[{ kind: 'status', status: 503 }, { times: 3 }]], retry: 2, expect: ApiError, requests: 3 },
  { label: 'a 503 with Retry-After: 1', faults: [[{ kind: 'status', status: 503, retryAfter: 1 }]], expect: 'ok', requests: 2, minElapsedMs: 950 },
  { label: 'a 429 with Retry-After: 0', faults: [[{ kind: 'status', status: 429, retryAfter: 0 }]], expect: 'ok', requests: 2 },
  { label: 'a garbage body (cut off, HTTP 200)', faults: [[{ kind: 'malformed' }]], expect: ProtocolError, requests: 1 },
  { label: 'a proxy page under HTTP 200', faults: [[{ kind: 'malformed', body: proxyPage, status: 200 }]], expect: ProtocolError, requests: 1 },
  { label: 'a proxy page under HTTP 502', faults: [[{ kind: 'malformed', body: proxyPage, status: 502 }]], expect: 'ok', requests: 2 },
  { label: 'a delay, a reset and a 503 in a row', faults: [[{ kind: 'delay', ms: faultDelayMs }], [{ kind: 'reset' }], [{ kind: 'status' }]], retry: 3, expect: 'ok', requests: 4 },
]

describe.each(['json', 'xml'] as const)('%s', (format) => {
  describe.each(readFaults.map((fault, index) => [fault.label, fault, reads[index % reads.length]!] as const))('a read, %s', (_label, fault, read) => {
    test(`${read.operation}: ${fault.expect === 'ok' ? 'retried to the right data' : `a ${fault.expect.name}`}, ${fault.requests} request(s)`, async () => {
      const reference = await read.call(clientFor(format))
      sandbox.requests.length = 0
      for (const [injected, scope] of fault.faults) sandbox.faults.inject(injected, { operation: read.operation, ...scope })
      const client = clientFor(format, fault.retry === undefined ? {} : { retry: fault.retry })
      const started = performance.now()
      const result = await outcome(read.call(client))
      const elapsed = performance.now() - started
      if (fault.expect === 'ok') {
        if (result.error) throw result.error
        expect(result.value).toEqual(reference)
      } else {
        expect(result.error).toBeInstanceOf(fault.expect)
        expect(result.error).toMatchObject({ operation: read.operation, format })
      }
      if (fault.minElapsedMs !== undefined) expect(elapsed).toBeGreaterThanOrEqual(fault.minElapsedMs)
      await settled(read.operation, fault.requests)
      expect(requestsTo(read.operation)).toHaveLength(fault.requests)
      expect(sandbox.faults.pending).toBe(0)
    })
  })

  interface Create {
    label: string
    operation: string
    call: (client: IletiMerkeziClient) => Promise<unknown>
    size: () => number
  }
  const creates: Create[] = [
    { label: 'groups.create', operation: 'add-group', call: (client) => client.groups.create({ name: 'Arıza testi' }), size: () => sandbox.store.groups.size },
    { label: 'contacts.create', operation: 'add-contact', call: (client) => client.contacts.create({ name: 'Arıza', gsm: '05320000000' }), size: () => sandbox.store.contacts.size },
    { label: 'sms.send', operation: 'send-sms', call: (client) => client.sms.send({ sender: 'eMarka', text: 'Arıza testi', recipients: ['05321234567'] }), size: () => sandbox.store.orders.size },
  ]
  const createFaults: [string, Fault, typeof IletiMerkeziError, 0 | 1][] = [
    ['a delay past the timeout (the sandbox still carries it out)', { kind: 'delay', ms: faultDelayMs }, TimeoutError, 1],
    ['a reset', { kind: 'reset' }, NetworkError, 0],
    ['a 503 without Retry-After', { kind: 'status', status: 503 }, ApiError, 0],
    ['a 503 with Retry-After: 0', { kind: 'status', status: 503, retryAfter: 0 }, ApiError, 0],
    ['a 429', { kind: 'status', status: 429, retryAfter: 0 }, ApiError, 0],
    ['a garbage body (carried out, answer cut off)', { kind: 'malformed' }, ProtocolError, 1],
    ['a proxy page under HTTP 502 (carried out)', { kind: 'malformed', body: proxyPage, status: 502 }, ApiError, 1],
  ]

  describe.each(creates.map((create) => [create.label, create] as const))('%s is sent exactly once', (_label, create) => {
    test.each(createFaults)('%s', async (_fault, fault, ErrorClass, change) => {
      const before = create.size()
      sandbox.faults.inject(fault, { operation: create.operation, times: 10 })
      // The client would retry a read five times: a create must still go out once.
      const result = await outcome(create.call(clientFor(format, { retry: 5 })))
      expect(result.error).toBeInstanceOf(ErrorClass)
      expect(result.error).toMatchObject({ operation: create.operation, format })
      await settled(create.operation, 1)
      expect(requestsTo(create.operation)).toHaveLength(1)
      expect(create.size()).toBe(before + change)
      sandbox.faults.clear()
    })

    test('opting in per call retries it, and it goes through once', async () => {
      const before = create.size()
      sandbox.faults.inject({ kind: 'status', status: 503, retryAfter: 0 }, { operation: create.operation })
      const result = await outcome(create.call(clientFor(format, { retry: 0 })))
      expect(result.error).toBeInstanceOf(ApiError)
      sandbox.faults.inject({ kind: 'status', status: 503, retryAfter: 0 }, { operation: create.operation })
      const client = clientFor(format)
      const retried = await outcome(
        create.label === 'groups.create'
          ? client.groups.create({ name: 'Arıza testi' }, { retry: 1 })
          : create.label === 'contacts.create'
            ? client.contacts.create({ name: 'Arıza', gsm: '05320000000' }, { retry: 1 })
            : client.sms.send({ sender: 'eMarka', text: 'Başka bir metin', recipients: ['05321234567'] }, { retry: 1 }),
      )
      if (retried.error) throw retried.error
      expect(requestsTo(create.operation)).toHaveLength(3)
      expect(create.size()).toBe(before + 1)
    })
  })

  test('an abort during a searchAll read-ahead: an AbortError, and no page after it is asked for', async () => {
    // Pages 1 and 2 are both late: page 2 (the read-ahead) is still on its way when the caller aborts.
    sandbox.faults.inject({ kind: 'delay', ms: faultDelayMs }, { operation: 'search-contacts', times: 2 })
    const controller = new AbortController()
    const walk = clientFor(format, { timeout: 5000 }).contacts.searchAll({ key: 'example', rowCount: 1 }, { signal: controller.signal })[Symbol.asyncIterator]()
    expect((await walk.next()).done).toBe(false)
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect(sandbox.faults.pending).toBe(0) // page 2 has taken its delay: it is in flight
    controller.abort()
    const rest = await outcome(walk.next())
    expect(rest.error).toBeInstanceOf(AbortError)
    expect(rest.error).toMatchObject({ operation: 'search-contacts', format })
    await settled('search-contacts', 2)
    expect(requestsTo('search-contacts')).toHaveLength(2)
  })
})

// The production behaviours the sandbox imitates, under faults: duplicate-order detection (451) as
// the safety net of a send retried after a lost answer, the provider's rate limit (429) and
// compressed answers.
describe.each(['json', 'xml'] as const)('%s, production behaviours', (format) => {
  async function restart(options: SandboxOptions & { hash?: undefined }): Promise<void> {
    await sandbox.close()
    sandbox = await startSandbox(options)
  }
  const order = { sender: 'eMarka', text: 'Siparişiniz hazır.', recipients: ['05321234567', '05339998877'] }

  test('a send whose answer was lost, retried by the caller: 451 on the retry, one order stored', async () => {
    await restart({ duplicateOrders: true })
    const before = sandbox.store.orders.size
    // Carried out, but the answer is a proxy page: the caller cannot know the order went through.
    sandbox.faults.inject({ kind: 'malformed', body: proxyPage, status: 502 }, { operation: 'send-sms' })
    const client = clientFor(format, { timeout: 5000 })
    const lost = await outcome(client.sms.send(order))
    expect(lost.error).toBeInstanceOf(ApiError)
    const retried = await outcome(client.sms.send(order))
    expect(retried.error).toMatchObject({ code: 451, operation: 'send-sms', format })
    expect(retried.error!.message).toContain('duplicate order')
    expect(sandbox.store.orders.size).toBe(before + 1)
    expect(requestsTo('send-sms').map((request) => request.status)).toEqual([502, 451])
  })

  test('the rate limit: reads wait out the 429s and succeed; a send over it fails once with RateLimitError', async () => {
    await restart({ rateLimit: 3 })
    // Ten reads at three a second: the last ones need four rounds, so five attempts leave room.
    const client = clientFor(format, { timeout: 5000, retry: 5 })
    const results = await Promise.all(reads.flatMap((read) => [read.call(client), read.call(client)]))
    expect(results).toHaveLength(10)
    expect(sandbox.requests.filter((request) => request.status === 429).length).toBeGreaterThan(0)
    expect(sandbox.requests.filter((request) => request.status === 200)).toHaveLength(10)

    // A fresh window, so the reads above do not count against the sends.
    await restart({ rateLimit: 1 })
    const sender = clientFor(format, { timeout: 5000, retry: 3 })
    const before = sandbox.store.orders.size
    const sends = await Promise.all([1, 2, 3].map((index) => outcome(sender.sms.send({ ...order, text: `${order.text} ${index}` }))))
    const refused = sends.filter((send) => send.error)
    expect(refused.length).toBe(2)
    for (const send of refused) expect(send.error).toMatchObject({ name: 'RateLimitError', code: 429 })
    expect(requestsTo('send-sms')).toHaveLength(3)
    expect(sandbox.store.orders.size).toBe(before + 1)
  })

  test('gzip answers through delays, resets and 503s: the read still gives the right data', async () => {
    const encodings: (string | null)[] = []
    const recording: typeof fetch = async (input, init) => {
      const response = await fetch(input, init)
      encodings.push(response.headers.get('content-encoding'))
      return response
    }
    sandbox.faults.inject({ kind: 'status', status: 503, retryAfter: 0 })
    sandbox.faults.inject({ kind: 'reset' })
    const result = await outcome(clientFor(format, { fetch: recording, retry: 3, timeout: 5000 }).contacts.search({ key: 'example' }))
    expect(result.error).toBeUndefined()
    expect((result.value as { contacts: unknown[] }).contacts).toHaveLength(4)
    // The 503 and the answer came compressed; the reset gave no answer at all.
    expect(encodings).toEqual(['gzip', 'gzip'])
  })
})
