// The address-book methods against the sandbox, in both formats: what each one
// answers and leaves in the store, the error codes the sandbox gives them, the
// request spellings it reads, and that changes are never sent twice on their own.
import { afterEach, describe, expect, test } from 'vitest'
import {
  ApiError,
  createClient,
  IletiMerkeziError,
  NotFoundError,
  type CallOptions,
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

async function freshSandbox(): Promise<Sandbox> {
  const sandbox = await startSandbox(backendUnderTest())
  running.push(sandbox)
  return sandbox
}

function clientOf(sandbox: Sandbox, format: Format, options: Partial<ClientSettings> = {}): IletiMerkeziClient {
  return createClient({ baseUrl: sandbox.url, key: sandbox.key, secret: sandbox.secret!, format, retry: 0, ...options })
}



// A fetch that changes the request body on its way out: how a test gets past the client's own
// input checks, or sends another client's spelling, while the answer still goes through the client.
function rewritingFetch(rewrite: (body: string) => string): typeof globalThis.fetch {
  return async (input, init) => {
    const request = new Request(input, init)
    const body = rewrite(await request.text())
    return globalThis.fetch(request.url, { method: 'POST', headers: request.headers, body, signal: request.signal })
  }
}

const seedContact = (id: number) => structuredClone(defaultSeed.contacts.find((contact) => contact.id === id)!)

// ---- every address-book method ---------------------------------------------------

interface MethodCase {
  method: string
  call: (client: IletiMerkeziClient) => Promise<unknown>
  check: (result: unknown, sandbox: Sandbox) => void
}

const methodCases: MethodCase[] = [
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
    method: 'groups.update (rename and move under another group)',
    call: (client) => client.groups.update({ id: 12, name: 'Ankara ]]> & <Şube>', parent: 20 }),
    check: (result, sandbox) => {
      expect(result).toEqual({ id: 12, name: 'Ankara ]]> & <Şube>' })
      expect(sandbox.store.groups.get(12)).toEqual({ id: 12, name: 'Ankara ]]> & <Şube>', parent: 20 })
    },
  },
  {
    method: 'groups.update (no parent: a main group)',
    call: (client) => client.groups.update({ id: 12, name: 'İstanbul' }),
    check: (result, sandbox) => {
      expect(result).toEqual({ id: 12, name: 'İstanbul' })
      expect(sandbox.store.groups.get(12)).toEqual({ id: 12, name: 'İstanbul', parent: 0 })
    },
  },
  {
    method: 'groups.delete (with its sub-group; contacts stay, off both groups)',
    call: (client) => client.groups.delete(7),
    check: (result, sandbox) => {
      expect(result).toBeUndefined()
      expect([...sandbox.store.groups.keys()]).toEqual([20])
      expect(sandbox.store.contacts.get(1001)!.groups).toEqual([])
      expect(sandbox.store.contacts.get(1003)!.groups).toEqual([])
      expect(sandbox.store.contacts.get(1004)!.groups).toEqual([20])
      expect(sandbox.store.contacts.size).toBe(defaultSeed.contacts.length)
    },
  },
  {
    method: 'groups.contacts',
    call: (client) => client.groups.contacts({ id: 12, rowCount: 1, page: 2 }),
    check: (result) => expect(result).toEqual({ contacts: [seedContact(1003)], page: 2, rowCount: 1 }),
  },
  {
    method: 'groups.contacts (an empty group: an empty page)',
    call: (client) => client.groups.contacts({ id: 7, page: 3, rowCount: 5 }),
    check: (result) => expect(result).toEqual({ contacts: [], page: 3, rowCount: 5 }),
  },
  {
    method: 'groups.contactsAll',
    call: (client) => collect(client.groups.contactsAll({ id: 7, rowCount: 1 })),
    check: (result, sandbox) => {
      expect(result).toEqual([seedContact(1001), seedContact(1002)])
      // Pages of one: 1 and 2 full, the third answered 465 (past the end), which ends the walk.
      expect(sandbox.requests.map((request) => request.status)).toEqual([200, 200, 465])
    },
  },
  {
    method: 'contacts.create',
    call: (client) =>
      client.contacts.create({ name: 'Deniz', surname: 'Ak & Kara ]]>', gsm: '05000000000', email: 'deniz@örnek.tr', customFields: [{ id: 3, value: ' boşluk ' }], groups: [12, 20] }),
    check: (result, sandbox) => {
      const expected = { id: 1006, name: 'Deniz', surname: 'Ak & Kara ]]>', email: 'deniz@örnek.tr', gsm: '05000000000', customFields: [{ id: 3, value: ' boşluk ' }], groups: [12, 20] }
      expect(result).toEqual(expected)
      expect(sandbox.store.contacts.get(1006)).toEqual(expected)
    },
  },
  {
    method: 'contacts.create (a phone number only)',
    call: (client) => client.contacts.create({ gsm: '+905321112233' }),
    check: (result, sandbox) => {
      const expected = { id: 1006, name: '', surname: '', email: '', gsm: '+905321112233', customFields: [], groups: [] }
      expect(result).toEqual(expected)
      expect(sandbox.store.contacts.get(1006)).toEqual(expected)
    },
  },
  {
    method: 'contacts.update (one field; the rest kept)',
    call: (client) => client.contacts.update({ id: 1001, surname: 'Yılmaz-Öz' }),
    check: (result, sandbox) => {
      expect(result).toEqual({ ...seedContact(1001), surname: 'Yılmaz-Öz' })
      expect(sandbox.store.contacts.get(1001)).toEqual(result)
    },
  },
  {
    method: 'contacts.update (lists replaced, then emptied)',
    call: async (client) => [
      await client.contacts.update({ id: 1001, groups: [20], customFields: [{ id: 3, value: 'yeni' }] }),
      await client.contacts.update({ id: 1001, groups: [], customFields: [] }),
    ],
    check: (result, sandbox) => {
      expect(result).toEqual([
        { ...seedContact(1001), groups: [20], customFields: [{ id: 3, value: 'yeni' }] },
        { ...seedContact(1001), groups: [], customFields: [] },
      ])
      expect(sandbox.store.contacts.get(1001)).toEqual({ ...seedContact(1001), groups: [], customFields: [] })
    },
  },
  {
    method: 'contacts.delete',
    call: (client) => client.contacts.delete(1002),
    check: (result, sandbox) => {
      expect(result).toBeUndefined()
      expect(sandbox.store.contacts.has(1002)).toBe(false)
      expect(sandbox.store.contacts.size).toBe(defaultSeed.contacts.length - 1)
    },
  },
]

describe.each(methodCases.map((entry) => [entry.method, entry] as const))('%s against the sandbox', (_method, entry) => {
  const results = new Map<Format, unknown>()

  test.each(formats)('%s', async (format) => {
    const sandbox = await freshSandbox()
    const result = await entry.call(clientOf(sandbox, format))
    entry.check(result, sandbox)
    expect(sandbox.requests.every((request) => request.format === format)).toBe(true)
    results.set(format, result)
  })

  test('the results are deep-equal across formats', () => {
    expect(results.size).toBe(formats.length)
    expect(results.get('xml')).toStrictEqual(results.get('json'))
  })
})

test('every address-book method has an entry above', async () => {
  const client = clientOf(await freshSandbox(), 'json')
  const covered = new Set(methodCases.map((entry) => entry.method.split(' ')[0]))
  const addressBook = [...Object.keys(client.groups).map((name) => `groups.${name}`), ...['create', 'update', 'delete'].map((name) => `contacts.${name}`)]
  expect(addressBook.filter((method) => method !== 'groups.create' && !covered.has(method))).toEqual([])
})

// ---- the sandbox's error codes, as the client surfaces them -----------------------------

interface ErrorCase {
  title: string
  call: (sandbox: Sandbox, format: Format) => Promise<unknown>
  error: typeof ApiError
  code: number
  /** The store must be as seeded afterwards: nothing was changed by the refused call. */
  storeUnchanged?: boolean
}

const errorCases: ErrorCase[] = [
  { title: 'groups.get: 463 for an unknown group', call: (s, f) => clientOf(s, f).groups.get(99_999), error: NotFoundError, code: 463 },
  { title: 'groups.update: 463 for an unknown group', call: (s, f) => clientOf(s, f).groups.update({ id: 99_999, name: 'A' }), error: NotFoundError, code: 463, storeUnchanged: true },
  { title: 'groups.update: 463 for an unknown parent', call: (s, f) => clientOf(s, f).groups.update({ id: 12, name: 'A', parent: 99_999 }), error: NotFoundError, code: 463, storeUnchanged: true },
  { title: 'groups.update: 463 for the group as its own parent', call: (s, f) => clientOf(s, f).groups.update({ id: 7, name: 'A', parent: 7 }), error: NotFoundError, code: 463, storeUnchanged: true },
  { title: 'groups.update: 463 for a sub-group as parent (a loop)', call: (s, f) => clientOf(s, f).groups.update({ id: 7, name: 'A', parent: 12 }), error: NotFoundError, code: 463, storeUnchanged: true },
  {
    title: 'groups.update: 461 from the server for an empty name (the client check bypassed)',
    call: (s, f) => clientOf(s, f, { fetch: rewritingFetch((body) => body.replace('PLACEHOLDER-NAME', '')) }).groups.update({ id: 12, name: 'PLACEHOLDER-NAME' }),
    error: ApiError,
    code: 461,
    storeUnchanged: true,
  },
  {
    title: 'groups.update: 462 from the server for an empty id (the client check bypassed)',
    call: (s, f) => clientOf(s, f, { fetch: rewritingFetch((body) => body.replace('424242', '""')) }).groups.update({ id: 424_242, name: 'A' }),
    error: ApiError,
    code: 462,
    storeUnchanged: true,
  },
  { title: 'groups.delete: 463 for an unknown group', call: (s, f) => clientOf(s, f).groups.delete(99_999), error: NotFoundError, code: 463, storeUnchanged: true },
  { title: 'groups.contacts: 463 for an unknown group', call: (s, f) => clientOf(s, f).groups.contacts({ id: 99_999 }), error: NotFoundError, code: 463 },
  { title: 'contacts.create: 463 for an unknown group', call: (s, f) => clientOf(s, f).contacts.create({ name: 'A', groups: [7, 99_999] }), error: NotFoundError, code: 463, storeUnchanged: true },
  { title: 'contacts.create: 473 for an unknown custom field', call: (s, f) => clientOf(s, f).contacts.create({ name: 'A', customFields: [{ id: 99, value: 'x' }] }), error: ApiError, code: 473, storeUnchanged: true },
  {
    title: 'contacts.create: 472 from the server when nothing identifies the contact (the client check bypassed)',
    call: (s, f) => clientOf(s, f, { fetch: rewritingFetch((body) => body.replace('PLACEHOLDER-NAME', ' ')) }).contacts.create({ name: 'PLACEHOLDER-NAME', groups: [7] }),
    error: ApiError,
    code: 472,
    storeUnchanged: true,
  },
  { title: 'contacts.update: 465 for an unknown contact', call: (s, f) => clientOf(s, f).contacts.update({ id: 99_999, name: 'A' }), error: NotFoundError, code: 465, storeUnchanged: true },
  { title: 'contacts.update: 463 for an unknown group', call: (s, f) => clientOf(s, f).contacts.update({ id: 1001, groups: [99_999] }), error: NotFoundError, code: 463, storeUnchanged: true },
  { title: 'contacts.update: 473 for an unknown custom field', call: (s, f) => clientOf(s, f).contacts.update({ id: 1001, customFields: [{ id: 99, value: 'x' }] }), error: ApiError, code: 473, storeUnchanged: true },
  {
    title: 'contacts.update: 472 when the change would leave nothing to identify the contact',
    call: (s, f) => clientOf(s, f).contacts.update({ id: 1003, name: '', surname: '', gsm: '' }),
    error: ApiError,
    code: 472,
    storeUnchanged: true,
  },
  { title: 'contacts.delete: 465 for an unknown contact', call: (s, f) => clientOf(s, f).contacts.delete(99_999), error: NotFoundError, code: 465, storeUnchanged: true },
]

describe.each(errorCases.map((entry) => [entry.title, entry] as const))('%s', (_title, entry) => {
  test.each(formats)('%s', async (format) => {
    const sandbox = await freshSandbox()
    const error = await rejectionOf(entry.call(sandbox, format))
    expect(error.constructor).toBe(entry.error)
    expect(error.code).toBe(entry.code)
    expect((error as ApiError).httpStatus).toBe(entry.code)
    expect(error.format).toBe(format)
    expect(sandbox.requests.map((request) => request.status)).toEqual([entry.code])
    if (entry.storeUnchanged) {
      expect([...sandbox.store.groups.values()]).toEqual(defaultSeed.groups)
      expect([...sandbox.store.contacts.values()]).toEqual(defaultSeed.contacts)
    }
  })
})

// ---- what the sandbox reads -------------------------------------------------------

describe('the sandbox reads every request spelling of contact groups', () => {
  const spellings: [string, Format, (body: string) => string][] = [
    ['JSON {"id": [...]} (edit-contact\'s page) sent to add-contact', 'json', (body) => body.replace('{"group":[{"id":7},{"id":12}]}', '{"id":[7,12]}')],
    ['a flat JSON array', 'json', (body) => body.replace('{"group":[{"id":7},{"id":12}]}', '[7,12]')],
    ['JSON ids as strings', 'json', (body) => body.replace('{"group":[{"id":7},{"id":12}]}', '{"group":[{"id":"7"},{"id":"12"}]}')],
    ['XML <groups><group><id> (the old pages)', 'xml', (body) => body.replace('<groups><id>7</id><id>12</id></groups>', '<groups><group><id>7</id></group><group><id>12</id></group></groups>')],
  ]

  test.each(spellings)('%s', async (_title, format, rewrite) => {
    const sandbox = await freshSandbox()
    let rewritten = ''
    const client = clientOf(sandbox, format, { fetch: rewritingFetch((body) => (rewritten = rewrite(body))) })
    const contact = await client.contacts.create({ name: 'A', groups: [7, 12] })
    expect(rewritten).not.toContain('<groups><id>7</id>')
    expect(rewritten).not.toContain('{"group":[{"id":7},{"id":12}]}')
    expect(contact.groups).toEqual([7, 12])
    expect(sandbox.store.contacts.get(contact.id)!.groups).toEqual([7, 12])
  })
})

// ---- changes are sent once -----------------------------------------------------------

const changes: [string, (client: IletiMerkeziClient, options?: CallOptions) => Promise<unknown>, string][] = [
  ['contacts.create', (client, options) => client.contacts.create({ name: 'Bir kez' }, options), 'add-contact'],
  ['contacts.update', (client, options) => client.contacts.update({ id: 1001, name: 'Bir kez' }, options), 'edit-contact'],
  ['contacts.delete', (client, options) => client.contacts.delete(1001, options), 'delete-contact'],
  ['groups.update', (client, options) => client.groups.update({ id: 12, name: 'Bir kez', parent: 7 }, options), 'edit-group'],
  ['groups.delete', (client, options) => client.groups.delete(12, options), 'delete-group'],
]

describe.each(changes)('%s', (_method, change, operation) => {
  test.each(formats)('%s: a 503 is not retried, even with retry set on the client', async (format) => {
    const sandbox = await freshSandbox()
    sandbox.faults.inject({ kind: 'status', status: 503 }, { operation })
    const error = await rejectionOf(change(clientOf(sandbox, format, { retry: 3 })))
    expect(error.code).toBe(503)
    expect(sandbox.requests.map((request) => [request.operation, request.status])).toEqual([[operation, 503]])
    expect([...sandbox.store.contacts.values()]).toEqual(defaultSeed.contacts)
    expect([...sandbox.store.groups.values()]).toEqual(defaultSeed.groups)
  })

  test.each(formats)('%s: retry passed for the one call is the opt-in', async (format) => {
    const sandbox = await freshSandbox()
    sandbox.faults.inject({ kind: 'status', status: 503 }, { operation })
    await change(clientOf(sandbox, format), { retry: 1 })
    expect(sandbox.requests.map((request) => [request.operation, request.status])).toEqual([
      [operation, 503],
      [operation, 200],
    ])
  })
})

const reads: [string, (client: IletiMerkeziClient) => Promise<unknown>, string][] = [
  ['groups.list', (client) => client.groups.list(), 'get-groups'],
  ['groups.get', (client) => client.groups.get(7), 'get-group'],
  ['groups.contacts', (client) => client.groups.contacts({ id: 7 }), 'get-group-contacts'],
]

describe.each(reads)('%s', (_method, read, operation) => {
  test.each(formats)('%s: a read is retried after a 503', async (format) => {
    const sandbox = await freshSandbox()
    sandbox.faults.inject({ kind: 'status', status: 503 }, { operation })
    await read(clientOf(sandbox, format, { retry: 1 }))
    expect(sandbox.requests.map((request) => [request.operation, request.status])).toEqual([
      [operation, 503],
      [operation, 200],
    ])
  })
})
