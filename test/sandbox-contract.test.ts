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
  InsufficientBalanceError,
  NetworkError,
  NotFoundError,
  ProtocolError,
  TimeoutError,
  type ClientSettings,
  type Format,
  type IletiMerkeziClient,
} from '../src/index.js'
import { defaultSeed, startSandbox, type Sandbox } from '../src/testing/index.js'
import { collect, rejectionOf } from './support/outcomes.js'
import { backendUnderTest } from './support/sandbox-backend.js'

const formats: readonly Format[] = ['json', 'xml']
const running: Sandbox[] = []

afterEach(async () => {
  await Promise.all(running.splice(0).map((sandbox) => sandbox.close()))
})

// 20 January 2025, 10:00 in Turkey: every sandbox on one clock, so timestamps compare across formats.
const fixedClock = Date.parse('2025-01-20T10:00:00+03:00')

async function freshSandbox(): Promise<Sandbox> {
  const sandbox = await startSandbox(backendUnderTest())
  running.push(sandbox)
  sandbox.store.now = () => fixedClock
  return sandbox
}

function clientOf(sandbox: Sandbox, format: Format, options: Partial<ClientSettings> & { secret?: string } = {}): IletiMerkeziClient {
  return createClient({ baseUrl: sandbox.url, key: sandbox.key, secret: sandbox.secret!, format, ...options })
}



// Results are plain data: no class instance anywhere, whichever codec decoded them.
function expectPlainData(value: unknown, path = 'result'): void {
  if (value === null || typeof value !== 'object') return
  const prototype = Object.getPrototypeOf(value)
  expect(prototype === Object.prototype || prototype === Array.prototype, `${path} is plain data`).toBe(true)
  for (const [key, item] of Object.entries(value)) expectPlainData(item, `${path}.${key}`)
}

const seedContact = (id: number) => defaultSeed.contacts.find((contact) => contact.id === id)!
const seedOrderMessages = [
  { number: '+905321234567', status: 111 },
  { number: '+905057023100', status: 111 },
  { number: '+905441234567', status: 112 },
]
const seedOrderSummary = {
  orderId: '247155523',
  status: 114,
  total: 3,
  delivered: 2,
  undelivered: 1,
  waiting: 0,
  submitAt: '2024-12-02T15:13:55+03:00',
  sendAt: '2024-12-02T15:13:55+03:00',
  sender: 'eMarka',
}

// ---- every public method ---------------------------------------------------

interface MethodCase {
  /** The public method, as a caller writes it: `'contacts.get'`. */
  method: string
  /** Calls it on a client of a fresh sandbox holding the default seed; an `…All` method's items are collected. */
  call: (client: IletiMerkeziClient) => Promise<unknown>
  /** Checks the result (and, for a change, the sandbox's store). Runs in every format the method has. */
  check: (result: unknown, sandbox: Sandbox) => void
  /** The formats the provider offers it in, where not both: in the others the client refuses it unsent. */
  formats?: readonly Format[]
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
    method: 'contacts.create',
    call: (client) => client.contacts.create({ name: 'Zeynep', surname: 'Kaya & Ortakları ]]>', gsm: '+905301112233', customFields: [{ id: 3, value: 'Yeni' }], groups: [7] }),
    check: (result, sandbox) => {
      const created = { id: 1006, name: 'Zeynep', surname: 'Kaya & Ortakları ]]>', email: '', gsm: '+905301112233', customFields: [{ id: 3, value: 'Yeni' }], groups: [7] }
      expect(result).toEqual(created)
      expect(sandbox.store.contacts.get(1006)).toEqual(created)
    },
  },
  {
    method: 'contacts.update',
    call: (client) => client.contacts.update({ id: 1002, email: 'mehmet.ozturk@example.com' }),
    check: (result, sandbox) => {
      expect(result).toEqual({ ...seedContact(1002), email: 'mehmet.ozturk@example.com' })
      expect(sandbox.store.contacts.get(1002)?.email).toBe('mehmet.ozturk@example.com')
    },
  },
  {
    method: 'contacts.delete',
    call: (client) => client.contacts.delete(1003),
    check: (result, sandbox) => {
      expect(result).toBeUndefined()
      expect(sandbox.store.contacts.has(1003)).toBe(false)
    },
  },
  {
    method: 'groups.create',
    call: (client) => client.groups.create({ name: 'Yeni ]]> & <grup>', parent: 7 }),
    check: (result, sandbox) => {
      expect(result).toEqual({ id: 1006, name: 'Yeni ]]> & <grup>' })
      expect(sandbox.store.groups.get(1006)).toEqual({ id: 1006, name: 'Yeni ]]> & <grup>', parent: 7 })
    },
  },
  {
    method: 'groups.list',
    call: (client) => client.groups.list(),
    check: (result) =>
      expect(result).toEqual([
        { id: 7, name: 'Müşteriler', count: 2, children: [{ id: 12, name: 'İstanbul Şubesi', count: 2, children: [] }] },
        { id: 20, name: 'Tedarikçiler', count: 1, children: [] },
      ]),
  },
  {
    method: 'groups.get',
    call: (client) => client.groups.get(7),
    check: (result) => expect(result).toEqual({ id: 7, name: 'Müşteriler', count: 2, children: [{ id: 12, name: 'İstanbul Şubesi', count: 2, children: [] }] }),
  },
  {
    method: 'groups.update',
    call: (client) => client.groups.update({ id: 12, name: 'İstanbul Avrupa', parent: 7 }),
    check: (result, sandbox) => {
      expect(result).toEqual({ id: 12, name: 'İstanbul Avrupa' })
      expect(sandbox.store.groups.get(12)).toEqual({ id: 12, name: 'İstanbul Avrupa', parent: 7 })
    },
  },
  {
    method: 'groups.delete',
    call: (client) => client.groups.delete(20),
    check: (result, sandbox) => {
      expect(result).toBeUndefined()
      expect(sandbox.store.groups.has(20)).toBe(false)
      expect(sandbox.store.contacts.get(1004)?.groups).toEqual([])
    },
  },
  {
    method: 'groups.contacts',
    call: (client) => client.groups.contacts({ id: 7 }),
    check: (result) => expect(result).toEqual({ contacts: [seedContact(1001), seedContact(1002)], page: 1, rowCount: 1000 }),
  },
  {
    method: 'groups.contactsAll',
    call: (client) => collect(client.groups.contactsAll({ id: 12, rowCount: 1 })),
    check: (result) => expect(result).toEqual([seedContact(1001), seedContact(1003)]),
  },
  {
    method: 'sms.send',
    call: (client) => client.sms.send({ sender: 'eMarka', text: 'Merhaba ]]> & <b>İndirim</b>', recipients: ['05321234567', '+90 505 702 31 00'] }),
    check: (result, sandbox) => {
      expect(result).toEqual({ orderId: '247155525' })
      expect(sandbox.store.orders.get('247155525')?.messages.map((message) => message.text)).toEqual(['Merhaba ]]> & <b>İndirim</b>', 'Merhaba ]]> & <b>İndirim</b>'])
    },
  },
  {
    method: 'sms.sendCampaign',
    // Each order's `at` (when its send began) is the clock's, not the format's: left out of the comparison.
    call: async (client) => {
      const summary = await client.sms.sendCampaign({ sender: 'eMarka', template: 'Merhaba {name} ]]> &', recipients: [{ gsm: '05321234567', name: 'Ayşe' }, { gsm: '+90 532 123 45 67', name: 'again' }, { gsm: '0532', name: 'short' }] })
      return { ...summary, orders: summary.orders.map(({ at: _at, ...order }) => order) }
    },
    check: (result, sandbox) => {
      expect(result).toMatchObject({ sent: 1, duplicates: 1, invalidCount: 1, complete: true, orders: [{ index: 1, state: 'sent', orderId: '247155525', recipients: 1 }] })
      expect(sandbox.store.orders.get('247155525')?.messages.map((message) => message.text)).toEqual(['Merhaba Ayşe ]]> &'])
    },
  },
  {
    method: 'sms.cancel',
    call: (client) => client.sms.cancel('247155524'),
    check: (result, sandbox) => {
      expect(result).toBeUndefined()
      expect(sandbox.store.orders.get('247155524')?.status).toBe(115)
    },
  },
  {
    method: 'reports.get',
    call: (client) => client.reports.get({ orderId: '247155523' }),
    check: (result) => expect(result).toEqual({ ...seedOrderSummary, price: 0.1116, messages: seedOrderMessages, page: 1, rowCount: 1000 }),
  },
  {
    method: 'reports.getAll',
    call: (client) => collect(client.reports.getAll({ orderId: '247155523', rowCount: 2 })),
    check: (result) => expect(result).toEqual(seedOrderMessages),
  },
  {
    method: 'reports.list',
    call: (client) => client.reports.list({ start: '2024-12-01', end: '2024-12-02' }),
    check: (result) => expect(result).toEqual({ orders: [seedOrderSummary], count: 1, page: 1 }),
    formats: ['json'],
  },
  {
    method: 'account.balance',
    call: (client) => client.account.balance(),
    check: (result) => expect(result).toEqual({ amount: 134.5, sms: 1000 }),
  },
  {
    method: 'blacklist.list',
    call: (client) => client.blacklist.list(),
    check: (result) => expect(result).toEqual({ numbers: ['+905558650220', '+905050047824', '+905309998877'], count: 3, page: 1, rowCount: 1000 }),
  },
  {
    method: 'blacklist.listAll',
    call: (client) => collect(client.blacklist.listAll({ rowCount: 2 })),
    check: (result) => expect(result).toEqual(['+905558650220', '+905050047824', '+905309998877']),
  },
  {
    method: 'blacklist.add',
    call: (client) => client.blacklist.add('0532 123 45 67'),
    check: (result, sandbox) => {
      expect(result).toBeUndefined()
      expect(sandbox.store.blacklist.map((block) => block.number)).toContain('+905321234567')
    },
  },
  {
    method: 'blacklist.remove',
    call: (client) => client.blacklist.remove('+905558650220'),
    check: (result, sandbox) => {
      expect(result).toBeUndefined()
      expect(sandbox.store.blacklist.map((block) => block.number)).not.toContain('+905558650220')
    },
  },
  {
    method: 'consents.add',
    call: (client) =>
      client.consents.add({
        brandCode: 696422,
        consents: [{ recipient: '+905301234567', recipientType: 'BIREYSEL', type: 'MESAJ', status: 'ONAY', source: 'HS_WEB', consentDate: '2025-01-02 10:00:00' }],
      }),
    check: (result, sandbox) => {
      expect(result).toEqual({ accepted: 1, requests: 1, complete: true })
      expect(sandbox.store.consents.find('696422', '05301234567', 'MESAJ', 'BIREYSEL')).toMatchObject({ status: 'ONAY', consentDate: '2025-01-02 10:00:00' })
    },
    formats: ['json'],
  },
  {
    method: 'consents.get',
    call: (client) => client.consents.get({ brandCode: '696422', recipient: '+905321234567' }),
    check: (result) =>
      expect(result).toEqual({ brandCode: '696422', recipient: '+905321234567', recipientType: 'BIREYSEL', type: 'MESAJ', status: 'ONAY', source: 'HS_WEB', consentDate: '2024-09-27T10:00:00+03:00' }),
    formats: ['json'],
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
  const offered = entry.formats ?? formats
  const results = new Map<Format, unknown>()

  test.each(offered)('%s', async (format) => {
    const sandbox = await freshSandbox()
    const result = await entry.call(clientOf(sandbox, format))
    entry.check(result, sandbox)
    expectPlainData(result)
    expect(sandbox.requests.every((request) => request.format === format)).toBe(true)
    // Every answer a success; an `…All` may end on the page past the end, which the provider answers 465.
    const statuses = sandbox.requests.map((request) => request.status)
    expect(statuses.slice(0, -1).every((status) => status === 200)).toBe(true)
    expect([200, 465]).toContain(statuses.at(-1))
    results.set(format, result)
  })

  const refused = formats.filter((format) => !offered.includes(format))
  if (refused.length > 0) {
    test.each(refused)('%s: not offered by the provider, refused before sending', async (format) => {
      const sandbox = await freshSandbox()
      const error = await rejectionOf(entry.call(clientOf(sandbox, format)))
      expect(error.name).toBe('ValidationError')
      expect(sandbox.requests).toEqual([])
    })
  }

  if (offered.length > 1) {
    test('the results are deep-equal across formats', () => {
      expect([...results.keys()]).toEqual(offered)
      for (const format of offered.slice(1)) expect(results.get(format)).toStrictEqual(results.get(offered[0]!))
    })
  }
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
    title: '455 for an order that does not exist',
    call: (sandbox, format) => clientOf(sandbox, format).sms.cancel('999999999'),
    error: NotFoundError,
    code: 455,
  },
  {
    title: '402 when the balance does not cover the order',
    call: (sandbox, format) => {
      sandbox.store.balance.sms = 0
      return clientOf(sandbox, format).sms.send({ sender: 'eMarka', text: 'Merhaba', recipients: ['5321234567'] })
    },
    error: InsufficientBalanceError,
    code: 402,
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

  // The status line carries the message as raw UTF-8 bytes (as the provider's does), which fetch reads as UTF-8.
  const reasonOf = (response: Response) => response.statusText

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
