// The client's calls against the sandbox, in both formats: every public method
// (one table entry each), every error the sandbox produces, and the fault
// switches as the client sees them. No nock here: real HTTP on 127.0.0.1.
import { afterEach, describe, expect, test } from 'vitest'
import { computeHash } from '../src/client/auth-hash.js'
import { loadCodec } from '../src/codec/load-codec.js'
import {
  ApiError,
  AuthenticationError,
  createClient,
  IletiMerkeziError,
  NetworkError,
  NotFoundError,
  ProtocolError,
  TimeoutError,
  type ClientOptions,
  type Format,
  type IletiMerkeziClient,
} from '../src/index.js'
import { defaultSeed, startSandbox, type Sandbox } from '../src/testing/index.js'

const formats: readonly Format[] = ['json', 'xml']
const running: Sandbox[] = []

afterEach(async () => {
  await Promise.all(running.splice(0).map((sandbox) => sandbox.close()))
})

async function freshSandbox(): Promise<Sandbox> {
  const sandbox = await startSandbox()
  running.push(sandbox)
  return sandbox
}

function clientOf(sandbox: Sandbox, format: Format, options: Partial<ClientOptions> = {}): IletiMerkeziClient {
  return createClient({ baseUrl: sandbox.url, key: sandbox.key, secret: sandbox.secret!, format, ...options })
}

async function collect<Item>(items: AsyncIterable<Item>): Promise<Item[]> {
  const all: Item[] = []
  for await (const item of items) all.push(item)
  return all
}

async function rejectionOf(promise: Promise<unknown>): Promise<IletiMerkeziError> {
  const outcome = await promise.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  )
  if (!('error' in outcome)) throw new Error(`expected a rejection, got ${JSON.stringify(outcome.value)}`)
  expect(outcome.error).toBeInstanceOf(IletiMerkeziError)
  return outcome.error as IletiMerkeziError
}

// Results are plain data: no class instance anywhere, whichever codec decoded them.
function expectPlainData(value: unknown, path = 'result'): void {
  if (value === null || typeof value !== 'object') return
  const prototype = Object.getPrototypeOf(value)
  expect(prototype === Object.prototype || prototype === Array.prototype, `${path} is plain data`).toBe(true)
  for (const [key, item] of Object.entries(value)) expectPlainData(item, `${path}.${key}`)
}

const seedContact = (id: number) => defaultSeed.contacts.find((contact) => contact.id === id)!

// ---- every public method ---------------------------------------------------

interface MethodCase {
  /** The public method, as a caller writes it: `'contacts.get'`. */
  method: string
  /** Calls it on a client of a fresh sandbox holding the default seed; an `…All` method's items are collected. */
  call: (client: IletiMerkeziClient) => Promise<unknown>
  /** Checks the result (and, for a change, the sandbox's store). Runs in both formats. */
  check: (result: unknown, sandbox: Sandbox) => void
}

// One entry per public method. A method added to the client fails the coverage test below until it has one.
const methodCases: MethodCase[] = [
  {
    method: 'senders.list',
    call: (client) => client.senders.list(),
    check: (result) => expect(result).toEqual(['APITEST', 'eMarka']),
  },
  {
    method: 'contacts.get',
    call: (client) => client.contacts.get(1001),
    check: (result) => expect(result).toEqual(seedContact(1001)),
  },
  {
    method: 'contacts.search',
    call: (client) => client.contacts.search({ key: 'yılmaz' }),
    check: (result) => expect(result).toEqual({ contacts: [seedContact(1001)], page: 1, rowCount: 1000 }),
  },
  {
    method: 'contacts.searchAll',
    // Four e-mails hold "example": pages of two, then a third page the sandbox answers 465 (no match).
    call: (client) => collect(client.contacts.searchAll({ key: 'example', rowCount: 2 })),
    check: (result) => expect(result).toEqual([1001, 1002, 1004, 1005].map(seedContact)),
  },
  {
    method: 'groups.create',
    call: (client) => client.groups.create({ name: 'Yeni ]]> & <grup>', parent: 7 }),
    check: (result, sandbox) => {
      expect(result).toEqual({ id: 1006, name: 'Yeni ]]> & <grup>' })
      expect(sandbox.store.groups.get(1006)).toEqual({ id: 1006, name: 'Yeni ]]> & <grup>', parent: 7 })
    },
  },
]

function publicMethodsOf(client: IletiMerkeziClient): string[] {
  return Object.entries(client).flatMap(([namespace, api]) => Object.keys(api as object).map((method) => `${namespace}.${method}`))
}

test('every public method of the client has an entry in this table', async () => {
  const client = clientOf(await freshSandbox(), 'json')
  const covered = new Set(methodCases.map((entry) => entry.method))
  expect(publicMethodsOf(client).filter((method) => !covered.has(method))).toEqual([])
})

describe.each(methodCases.map((entry) => [entry.method, entry] as const))('%s against the sandbox', (_method, entry) => {
  const results = new Map<Format, unknown>()

  test.each(formats)('%s', async (format) => {
    const sandbox = await freshSandbox()
    const result = await entry.call(clientOf(sandbox, format))
    entry.check(result, sandbox)
    expectPlainData(result)
    expect(sandbox.requests.every((request) => request.format === format)).toBe(true)
    results.set(format, result)
  })

  test('the results are deep-equal across formats', () => {
    expect(results.size).toBe(formats.length)
    expect(results.get('xml')).toStrictEqual(results.get('json'))
  })
})

// ---- errors the sandbox produces ----------------------------------------------

interface Wire {
  url: string
  body: string
}

// A fetch that changes the request on its way out: how a test gets past the client's own input checks
// (or sends a broken body) while the answer still goes through the client's decoding and error map.
function rewritingFetch(rewrite: (wire: Wire) => Wire): typeof globalThis.fetch {
  return async (input, init) => {
    const request = new Request(input, init)
    const wire = rewrite({ url: request.url, body: await request.text() })
    return globalThis.fetch(wire.url, { method: 'POST', headers: request.headers, body: wire.body, signal: request.signal })
  }
}

interface ErrorCase {
  title: string
  call: (sandbox: Sandbox, format: Format) => Promise<unknown>
  error: typeof ApiError
  code: number
}

const errorCases: ErrorCase[] = [
  {
    title: '401 for a wrong secret',
    call: (sandbox, format) => clientOf(sandbox, format, { secret: 'not-the-secret' }).senders.list(),
    error: AuthenticationError,
    code: 401,
  },
  {
    title: '401 for a wrong key',
    call: (sandbox, format) => clientOf(sandbox, format, { key: 'not-the-key' }).contacts.get(1001),
    error: AuthenticationError,
    code: 401,
  },
  {
    title: '465 for a contact that does not exist',
    call: (sandbox, format) => clientOf(sandbox, format).contacts.get(99_999),
    error: NotFoundError,
    code: 465,
  },
  {
    title: '463 for a parent group that does not exist',
    call: (sandbox, format) => clientOf(sandbox, format).groups.create({ name: 'Alt grup', parent: 99_999 }),
    error: NotFoundError,
    code: 463,
  },
  {
    title: '461 from the server for an empty group name (the client check bypassed)',
    call: (sandbox, format) =>
      clientOf(sandbox, format, { fetch: rewritingFetch((wire) => ({ ...wire, body: wire.body.replace('PLACEHOLDER-NAME', '') })) })
        .groups.create({ name: 'PLACEHOLDER-NAME' }),
    error: ApiError,
    code: 461,
  },
  {
    title: '471 from the server for a 2-character search key (the client check bypassed)',
    call: (sandbox, format) =>
      clientOf(sandbox, format, { fetch: rewritingFetch((wire) => ({ ...wire, body: wire.body.replace('PLACEHOLDER-KEY', 'ab') })) })
        .contacts.search({ key: 'PLACEHOLDER-KEY' }),
    error: ApiError,
    code: 471,
  },
  {
    title: '404 for an unknown method',
    call: (sandbox, format) =>
      clientOf(sandbox, format, { fetch: rewritingFetch((wire) => ({ ...wire, url: wire.url.replace('get-sender', 'no-such-method') })) })
        .senders.list(),
    error: ApiError,
    code: 404,
  },
  {
    title: '400 for a body it cannot parse',
    call: (sandbox, format) =>
      clientOf(sandbox, format, { fetch: rewritingFetch((wire) => ({ ...wire, body: wire.body.slice(0, wire.body.length - 12) })) })
        .contacts.get(1001),
    error: ApiError,
    code: 400,
  },
]

describe.each(errorCases.map((entry) => [entry.title, entry] as const))('%s', (_title, entry) => {
  test.each(formats)('%s: arrives as the right error class', async (format) => {
    const sandbox = await freshSandbox()
    const error = await rejectionOf(entry.call(sandbox, format))
    expect(error).toBeInstanceOf(entry.error)
    // The exact class: a 404 (no such method) is a plain ApiError, not a NotFoundError.
    expect(error.constructor).toBe(entry.error)
    expect(error.code).toBe(entry.code)
    expect((error as ApiError).httpStatus).toBe(entry.code)
    expect(error.format).toBe(format)
    // The provider's own (Turkish) message, and never a credential.
    expect(error.message).not.toMatch(/^status \d+$/)
    const everything = JSON.stringify({ ...error, message: error.message, stack: error.stack })
    for (const credential of [sandbox.hash, sandbox.secret!, 'not-the-secret', await computeHash(sandbox.key, 'not-the-secret')]) {
      expect(everything).not.toContain(credential)
    }
    expect(sandbox.requests.at(-1)?.status).toBe(entry.code)
  })
})

describe.each(formats)('the sandbox on the wire, %s', (format) => {
  async function rawPost(sandbox: Sandbox, operation: string, content: Record<string, unknown>, hash = sandbox.hash) {
    const codec = await loadCodec(format)
    const response = await fetch(`${sandbox.url}/${codec.pathFor(operation)}`, {
      method: 'POST',
      headers: { 'content-type': codec.contentType },
      body: codec.encodeRequest({ authentication: { key: sandbox.key, hash }, ...content }),
    })
    const text = await response.text()
    return { response, decoded: codec.decodeResponse(text, []), contentType: codec.contentType }
  }

  const reasonOf = (response: Response) => Buffer.from(response.statusText, 'latin1').toString('utf8')

  test('a raw POST with a 2-character search key: 471 in the body and in the status line, Turkish reason phrase', async () => {
    const sandbox = await freshSandbox()
    const { response, decoded, contentType } = await rawPost(sandbox, 'search-contacts', { search: { key: 'ab' } })
    expect(response.status).toBe(471)
    expect(reasonOf(response)).toBe('Arama terimi en az 3 karakter olmalıdır')
    expect(response.headers.get('content-type')).toBe(contentType)
    expect(Number(decoded.status?.code)).toBe(471)
    expect(decoded.status?.message).toBe('Arama terimi en az 3 karakter olmalıdır')
  })

  test('a wrong hash is 401 before the method runs', async () => {
    const sandbox = await freshSandbox()
    const before = sandbox.store.groups.size
    const { response, decoded } = await rawPost(sandbox, 'add-group', { group: { name: 'X', parent: '' } }, 'f'.repeat(64))
    expect(response.status).toBe(401)
    expect(reasonOf(response)).toBe('Üyelik bilgileri hatalı')
    expect(Number(decoded.status?.code)).toBe(401)
    expect(sandbox.store.groups.size).toBe(before)
  })

  test('an unknown method answers 404 in the format it was asked in', async () => {
    const sandbox = await freshSandbox()
    const { response, decoded, contentType } = await rawPost(sandbox, 'toString', {})
    expect(response.status).toBe(404)
    expect(response.headers.get('content-type')).toBe(contentType)
    expect(Number(decoded.status?.code)).toBe(404)
  })
})

// ---- fault switches, through the client ----------------------------------------------

describe.each(formats)('fault switches seen through the client, %s', (format) => {
  test('a burst of 503s shorter than the retries: the read succeeds', async () => {
    const sandbox = await freshSandbox()
    sandbox.faults.inject({ kind: 'status', status: 503 }, { times: 2 })
    expect(await clientOf(sandbox, format, { retry: 2 }).senders.list()).toEqual(['APITEST', 'eMarka'])
    expect(sandbox.requests.map((request) => request.status)).toEqual([503, 503, 200])
  })

  test('a burst longer than the retries: ApiError 503 with the HTTP status', async () => {
    const sandbox = await freshSandbox()
    sandbox.faults.inject({ kind: 'status' }, { times: 3 })
    const error = await rejectionOf(clientOf(sandbox, format, { retry: 2 }).senders.list())
    expect(error).toBeInstanceOf(ApiError)
    expect(error.code).toBe(503)
    expect((error as ApiError).httpStatus).toBe(503)
    expect(sandbox.requests).toHaveLength(3)
  })

  test('Retry-After is honoured before the next attempt', async () => {
    const sandbox = await freshSandbox()
    sandbox.faults.inject({ kind: 'status', status: 503, retryAfter: 1 })
    const started = performance.now()
    expect(await clientOf(sandbox, format, { retry: 1 }).contacts.get(1002)).toEqual(seedContact(1002))
    // Without the header the first backoff is at most 200 ms.
    expect(performance.now() - started).toBeGreaterThanOrEqual(950)
    expect(sandbox.requests.map((request) => request.status)).toEqual([503, 200])
  })

  test('a connection reset: NetworkError without retries, success with one', async () => {
    const sandbox = await freshSandbox()
    sandbox.faults.inject({ kind: 'reset' })
    const error = await rejectionOf(clientOf(sandbox, format, { retry: 0 }).senders.list())
    expect(error).toBeInstanceOf(NetworkError)
    expect(error).not.toBeInstanceOf(TimeoutError)
    sandbox.faults.inject({ kind: 'reset' })
    expect(await clientOf(sandbox, format, { retry: 1 }).senders.list()).toEqual(['APITEST', 'eMarka'])
    expect(sandbox.requests.map((request) => request.status)).toEqual(['reset', 'reset', 200])
  })

  test('a delay past the timeout: TimeoutError', async () => {
    const sandbox = await freshSandbox()
    sandbox.faults.inject({ kind: 'delay', ms: 1_000 })
    const error = await rejectionOf(clientOf(sandbox, format, { retry: 0, timeout: 150 }).senders.list())
    expect(error).toBeInstanceOf(TimeoutError)
  })

  test('a delay within the timeout: the answer, late', async () => {
    const sandbox = await freshSandbox()
    sandbox.faults.inject({ kind: 'delay', ms: 200 })
    const started = performance.now()
    expect(await clientOf(sandbox, format, { retry: 0 }).senders.list()).toEqual(['APITEST', 'eMarka'])
    expect(performance.now() - started).toBeGreaterThanOrEqual(190)
  })

  test('a body cut off: ProtocolError with HTTP 200, not retried', async () => {
    const sandbox = await freshSandbox()
    sandbox.faults.inject({ kind: 'malformed' })
    const error = await rejectionOf(clientOf(sandbox, format, { retry: 2 }).contacts.get(1001))
    expect(error).toBeInstanceOf(ProtocolError)
    expect((error as ProtocolError).httpStatus).toBe(200)
    expect((error as ProtocolError).bodySnippet).not.toContain(sandbox.hash)
    expect(sandbox.requests).toEqual([{ operation: 'get-contact', format, status: 200, fault: 'malformed' }])
  })

  test("a proxy's HTML page with HTTP 502: ApiError 502", async () => {
    const sandbox = await freshSandbox()
    sandbox.faults.inject({ kind: 'malformed', status: 502, body: '<html><body><h1>502 Bad Gateway</h1></body></html>' })
    const error = await rejectionOf(clientOf(sandbox, format, { retry: 0 }).senders.list())
    expect(error.constructor).toBe(ApiError)
    expect(error.code).toBe(502)
  })

  test('a fault scoped to one method leaves the others alone', async () => {
    const sandbox = await freshSandbox()
    sandbox.faults.inject({ kind: 'status', status: 503 }, { operation: 'get-contact', times: Infinity })
    const client = clientOf(sandbox, format, { retry: 0 })
    expect(await client.senders.list()).toEqual(['APITEST', 'eMarka'])
    expect((await rejectionOf(client.contacts.get(1001))).code).toBe(503)
    expect((await rejectionOf(client.contacts.get(1001))).code).toBe(503)
    expect(sandbox.faults.pending).toBe(Infinity)
    sandbox.faults.clear()
    expect(await client.contacts.get(1001)).toEqual(seedContact(1001))
  })

  test('a change is sent once: a 503 on groups.create is not retried and creates nothing', async () => {
    const sandbox = await freshSandbox()
    const before = sandbox.store.groups.size
    sandbox.faults.inject({ kind: 'status', status: 503 })
    const client = clientOf(sandbox, format, { retry: 2 })
    expect((await rejectionOf(client.groups.create({ name: 'Bir kez' }))).code).toBe(503)
    expect(sandbox.requests).toHaveLength(1)
    expect(sandbox.store.groups.size).toBe(before)
    // Opting in for that one call retries it, and the group exists once.
    sandbox.faults.inject({ kind: 'status', status: 503 })
    expect(await client.groups.create({ name: 'Bir kez' }, { retry: 1 })).toEqual({ id: 1006, name: 'Bir kez' })
    expect(sandbox.store.groups.size).toBe(before + 1)
  })
})

test('a fault scope naming no endpoint, or no request, is refused', async () => {
  const sandbox = await freshSandbox()
  expect(() => sandbox.faults.inject({ kind: 'reset' }, { operation: 'get-senders' })).toThrow(RangeError)
  expect(() => sandbox.faults.inject({ kind: 'reset' }, { times: 0 })).toThrow(RangeError)
  expect(sandbox.faults.pending).toBe(0)
})
