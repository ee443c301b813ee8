import nock from 'nock'
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest'
import {
  AbortError,
  ApiError,
  createClient,
  NetworkError,
  NotFoundError,
  TimeoutError,
  ValidationError,
  type ClientSettings,
  type IletiMerkeziClient,
} from '../src/index.js'
import { okJson, providerOrigin, replyWithContacts, wireContact } from './support/nock-provider.js'

const credentials = { key: 'test-key', secret: 'test-secret' }

beforeAll(() => nock.disableNetConnect())
afterEach(() => nock.cleanAll())
afterAll(() => nock.enableNetConnect())

function client(options: Partial<ClientSettings> = {}): IletiMerkeziClient {
  return createClient({ ...credentials, ...options })
}

function bodyOf(body: unknown): Record<string, any> {
  return (typeof body === 'string' ? JSON.parse(body) : body) as Record<string, any>
}

describe('each public method calls its endpoint with its arguments', () => {
  test('contacts.get(id) posts contact.id to get-contact', async () => {
    let sent: any
    nock(providerOrigin).post('/v1/get-contact/json', (body) => ((sent = bodyOf(body)), true)).reply(200, okJson({ contact: wireContact(9) }))
    const contact = await client().contacts.get(9)
    expect(sent.request.contact).toEqual({ id: 9 })
    expect(contact.id).toBe(9)
  })

  test('contacts.search posts search.{key,page,rowCount} to search-contacts', async () => {
    let sent: any
    nock(providerOrigin).post('/v1/search-contacts/json', (body) => ((sent = bodyOf(body)), true)).reply(200, okJson({ contacts: [] }))
    const page = await client().contacts.search({ key: 'ayşe', page: 3, rowCount: 20 })
    expect(sent.request.search).toEqual({ key: 'ayşe', page: 3, rowCount: 20 })
    expect(page).toEqual({ contacts: [], page: 3, rowCount: 20 })
  })

  test('groups.create posts group.{name,parent} to add-group', async () => {
    let sent: any
    nock(providerOrigin).post('/v1/add-group/json', (body) => ((sent = bodyOf(body)), true)).reply(200, okJson({ group: { id: 4, name: 'A' } }))
    expect(await client().groups.create({ name: 'A', parent: 2 })).toEqual({ id: 4, name: 'A' })
    expect(sent.request.group).toEqual({ name: 'A', parent: 2 })
  })

  test('senders.list posts authentication only to get-sender', async () => {
    let sent: any
    nock(providerOrigin).post('/v1/get-sender/json', (body) => ((sent = bodyOf(body)), true)).reply(200, okJson({ senders: { sender: ['eMarka'] } }))
    expect(await client().senders.list()).toEqual(['eMarka'])
    expect(sent).toEqual({ request: { authentication: { key: 'test-key', hash: expect.stringMatching(/^[0-9a-f]{64}$/) } } })
  })

  test('a hash given instead of a secret is sent as it is', async () => {
    let sent: any
    nock(providerOrigin).post('/v1/get-sender', (body) => ((sent = String(body)), true)).reply(200, '<response><status><code>200</code></status></response>')
    await createClient({ key: 'k', hash: 'precomputed-hash', format: 'xml' }).senders.list()
    expect(sent).toContain('<hash>precomputed-hash</hash>')
  })

  test('a baseUrl with a trailing slash and the XML path', async () => {
    nock('http://127.0.0.1:9999').post('/v1/get-sender').reply(200, '<response><status><code>200</code></status><senders><sender>A</sender></senders></response>')
    expect(await client({ baseUrl: 'http://127.0.0.1:9999/v1/', format: 'xml' }).senders.list()).toEqual(['A'])
  })
})

describe('contacts.searchAll', () => {
  test('walks page after page and stops after a short page', async () => {
    const scopes = [replyWithContacts('/v1/search-contacts/json', 2, 1), replyWithContacts('/v1/search-contacts/json', 2, 3), replyWithContacts('/v1/search-contacts/json', 1, 5)]
    const ids: number[] = []
    for await (const contact of client().contacts.searchAll({ key: 'abc', rowCount: 2 })) ids.push(contact.id)
    expect(ids).toEqual([1, 2, 3, 4, 5])
    for (const scope of scopes) expect(scope.isDone()).toBe(true)
  })

  test('stops at an empty page and at code 465', async () => {
    replyWithContacts('/v1/search-contacts/json', 2, 1)
    nock(providerOrigin).post('/v1/search-contacts/json').reply(465, { response: { status: { code: 465, message: 'Kişi bulunamadı.' } } })
    const ids: number[] = []
    for await (const contact of client().contacts.searchAll({ key: 'abc', rowCount: 2 })) ids.push(contact.id)
    expect(ids).toEqual([1, 2])
  })

  test('asks for pages 1, 2, 3 in order with the same key and rowCount', async () => {
    const pages: unknown[] = []
    nock(providerOrigin)
      .post('/v1/search-contacts/json', (body) => (pages.push(bodyOf(body).request.search), true))
      .times(3)
      .reply(200, (_uri, body) => {
        const page = bodyOf(body).request.search.page as number
        return okJson({ contacts: page < 3 ? [wireContact(page * 10), wireContact(page * 10 + 1)] : [] })
      })
    const all = []
    for await (const contact of client().contacts.searchAll({ key: 'abc', rowCount: 2 })) all.push(contact.id)
    expect(all).toEqual([10, 11, 20, 21])
    expect(pages).toEqual([1, 2, 3].map((page) => ({ key: 'abc', page, rowCount: 2 })))
  })

  test('reads at most one page ahead of the caller', async () => {
    let requested = 0
    nock(providerOrigin)
      .post('/v1/search-contacts/json')
      .times(10)
      .reply(200, () => {
        requested++
        return okJson({ contacts: [wireContact(requested * 2), wireContact(requested * 2 + 1)] })
      })
    const iterator = client().contacts.searchAll({ key: 'abc', rowCount: 2 })[Symbol.asyncIterator]()
    await iterator.next()
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(requested).toBeLessThanOrEqual(2)
    await iterator.return?.()
  })

  test('a refused input rejects on the first step', async () => {
    const iterator = client().contacts.searchAll({ key: 'ab' })[Symbol.asyncIterator]()
    await expect(iterator.next()).rejects.toMatchObject({ name: 'ValidationError', code: 471 })
  })
})

describe('call options and retries', () => {
  test('reads are retried on 503 and succeed', async () => {
    nock(providerOrigin).post('/v1/get-sender/json').reply(503, 'busy', { 'retry-after': '0' })
    nock(providerOrigin).post('/v1/get-sender/json').reply(200, okJson({ senders: { sender: ['A'] } }))
    expect(await client().senders.list()).toEqual(['A'])
  })

  test('reads are retried when the body says 503 under HTTP 200', async () => {
    nock(providerOrigin).post('/v1/get-sender/json').reply(200, { response: { status: { code: 503, message: 'Sunucu geçici olarak servis dışı' } } }, { 'retry-after': '0' })
    nock(providerOrigin).post('/v1/get-sender/json').reply(200, okJson({ senders: { sender: ['A'] } }))
    expect(await client().senders.list()).toEqual(['A'])
  })

  test('reads give up after `retry` extra attempts', async () => {
    const scope = nock(providerOrigin).post('/v1/get-sender/json').times(2).reply(503, 'busy', { 'retry-after': '0' })
    await expect(client({ retry: 1 }).senders.list()).rejects.toMatchObject({ name: 'ApiError', code: 503, httpStatus: 503 })
    expect(scope.isDone()).toBe(true)
  })

  test('creates are sent once, whatever the client retry says', async () => {
    const scope = nock(providerOrigin).post('/v1/add-group/json').reply(503, 'busy')
    const second = nock(providerOrigin).post('/v1/add-group/json').reply(200, okJson({ group: { id: 1, name: 'A' } }))
    await expect(client({ retry: 5 }).groups.create({ name: 'A' })).rejects.toBeInstanceOf(ApiError)
    expect(scope.isDone()).toBe(true)
    expect(second.isDone()).toBe(false)
  })

  test('a create is retried when the call opts in', async () => {
    nock(providerOrigin).post('/v1/add-group/json').reply(503, 'busy', { 'retry-after': '0' })
    nock(providerOrigin).post('/v1/add-group/json').reply(200, okJson({ group: { id: 1, name: 'A' } }))
    expect(await client().groups.create({ name: 'A' }, { retry: 1 })).toEqual({ id: 1, name: 'A' })
  })

  test('a 4xx answer is not retried', async () => {
    const scope = nock(providerOrigin).post('/v1/get-contact/json').reply(465, { response: { status: { code: 465, message: 'Kişi bulunamadı.' } } })
    await expect(client().contacts.get(1)).rejects.toBeInstanceOf(NotFoundError)
    expect(scope.isDone()).toBe(true)
  })

  test('a network failure is a NetworkError with the cause, retried for reads', async () => {
    const scope = nock(providerOrigin).post('/v1/get-sender/json').times(2).replyWithError({ code: 'ECONNRESET', message: 'socket hang up' })
    const error = await client({ retry: 1 }).senders.list().catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(NetworkError)
    expect((error as NetworkError).cause).toBeDefined()
    expect((error as NetworkError).operation).toBe('get-sender')
    expect(scope.isDone()).toBe(true)
  })

  test('a slow answer is a TimeoutError', async () => {
    nock(providerOrigin).post('/v1/get-sender/json').delay(500).reply(200, okJson({}))
    await expect(client({ retry: 0 }).senders.list({ timeout: 50 })).rejects.toBeInstanceOf(TimeoutError)
  })

  test('an aborted signal rejects with AbortError and sends nothing', async () => {
    const scope = nock(providerOrigin).post('/v1/get-sender/json').reply(200, okJson({}))
    const controller = new AbortController()
    controller.abort()
    const error = await client().senders.list({ signal: controller.signal }).catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(AbortError)
    expect((error as Error).name).toBe('AbortError')
    expect(scope.isDone()).toBe(false)
  })

  test('an abort during the call rejects with AbortError and is not retried', async () => {
    const scope = nock(providerOrigin).post('/v1/get-sender/json').times(3).delay(300).reply(503, 'busy')
    const controller = new AbortController()
    setTimeout(() => controller.abort(), 50)
    await expect(client().senders.list({ signal: controller.signal })).rejects.toBeInstanceOf(AbortError)
    expect(scope.pendingMocks().length).toBeGreaterThan(0)
  })

  test('bad call options are a ValidationError naming the operation', async () => {
    await expect(client().senders.list({ timeout: -5 })).rejects.toMatchObject({ name: 'ValidationError', operation: 'get-sender' })
    await expect(client().senders.list({ signal: 'stop' as never })).rejects.toBeInstanceOf(ValidationError)
  })
})

test('an error never carries the secret or the hash, even when a server echoes the request', async () => {
  nock(providerOrigin).post('/v1/get-sender/json').reply(200, (_uri, body) => `<html>echo ${typeof body === 'string' ? body : JSON.stringify(body)}</html>`)
  const error = (await client().senders.list().catch((caught: unknown) => caught)) as Error
  const { computeHash } = await import('../src/client/auth-hash.js')
  const hash = await computeHash(credentials.key, credentials.secret)
  const everything = JSON.stringify({ ...error, message: error.message, stack: error.stack })
  expect(error.name).toBe('ProtocolError')
  expect(everything).toContain('echo')
  expect(everything).not.toContain(hash)
  expect(everything).not.toContain(credentials.secret)
})
