// What the sandbox imitates beyond the endpoints (API.md "Sandbox fidelity"): duplicate orders, the rate
// limit, compressed answers, account settings, the GET send variant, the legacy backend's shapes and İYS,
// each switched from SandboxOptions or the store, each seen through the client in both formats.
import { request as httpRequest } from 'node:http'
import { gunzipSync, inflateSync } from 'node:zlib'
import { afterEach, describe, expect, test } from 'vitest'
import { loadCodec } from '../src/codec/load-codec.js'
import { ApiError, AuthenticationError, createClient, RateLimitError, ValidationError, type ClientSettings, type Format, type IletiMerkeziClient } from '../src/index.js'
import { startSandbox, type Sandbox, type SandboxOptions } from '../src/testing/index.js'
import { rejectionOf } from './support/outcomes.js'

const formats: readonly Format[] = ['json', 'xml']
const running: Sandbox[] = []

afterEach(async () => {
  await Promise.all(running.splice(0).map((sandbox) => sandbox.close()))
})

async function sandboxWith(options: SandboxOptions & { hash?: undefined } = {}): Promise<Sandbox> {
  const sandbox = await startSandbox(options)
  running.push(sandbox)
  return sandbox
}

function clientOf(sandbox: Sandbox, format: Format, options: Partial<ClientSettings> = {}): IletiMerkeziClient {
  return createClient({ baseUrl: sandbox.url, key: sandbox.key, secret: sandbox.secret!, format, ...options })
}

const order = { sender: 'APITEST', text: 'Kargonuz yola çıktı.', recipients: ['05301234567', '+905301234568'] }
const statuses = (sandbox: Sandbox, operation: string) => sandbox.requests.filter((entry) => entry.operation === operation).map((entry) => entry.status)

// ---- every switch refuses a wrong value ----------------------------------------------

test.each([
  ['backend', 'old', /^backend: must be one of 'current', 'legacy' \(got "old"\)$/],
  ['duplicateOrders', 'yes', /^duplicateOrders: must be true or false \(got "yes"\)$/],
  ['rateLimit', 0, /^rateLimit: must be a whole number of requests a second, 1 or more \(got 0\)$/],
  ['rateLimit', 2.5, /^rateLimit: must be a whole number/],
  ['rateLimit', '100', /^rateLimit: must be a whole number/],
  ['compression', 'gzip', /^compression: must be true or false/],
  ['apiAccess', 0, /^apiAccess: must be true or false/],
  ['allowedIps', '127.0.0.1', /^allowedIps: must be an array of IP addresses/],
  ['allowedIps', ['127.0.0.1', 'localhost'], /^allowedIps: must be an array of IP addresses .*\(got "localhost"\)$/],
  ['iysConfigured', null, /^iysConfigured: must be true or false \(got null\)$/],
] as const)('startSandbox refuses %s: %j', async (name, value, message) => {
  const error = await rejectionOf(startSandbox({ [name]: value } as SandboxOptions))
  expect(error).toBeInstanceOf(ValidationError)
  expect((error as ValidationError).issues).toEqual([{ path: name, message: expect.any(String) }])
  expect((error as Error).message).toMatch(message)
})

test('every wrong switch is named at once, and nothing starts', async () => {
  const error = await rejectionOf(startSandbox({ backend: 'new', rateLimit: -5, port: 1 } as unknown as SandboxOptions))
  expect((error as ValidationError).issues.map((issue) => issue.path)).toEqual(['backend', 'rateLimit'])
})

test('the switches start as documented and show in the store', async () => {
  const sandbox = await sandboxWith()
  expect(sandbox.store.settings).toEqual({
    backend: 'current',
    duplicateOrders: true,
    rateLimit: undefined,
    compression: true,
    apiAccess: true,
    allowedIps: undefined,
    iysConfigured: true,
    iysConsentCheck: true,
  })
})

describe.each(formats)('%s', (format) => {
  // ---- duplicate orders ----------------------------------------------------------------

  test('451 for the same text to the same recipients within 10 minutes; the error says so; one order stored', async () => {
    const sandbox = await sandboxWith({ duplicateOrders: true })
    const client = clientOf(sandbox, format)
    const ordersBefore = sandbox.store.orders.size
    const creditsBefore = sandbox.store.balance.sms
    const first = await client.sms.send(order)
    // The same recipients in another order and spelling are the same recipients.
    const error = await rejectionOf(client.sms.send({ ...order, recipients: ['905301234568', '5301234567'] }))
    expect(error).toBeInstanceOf(ApiError)
    expect(error).toMatchObject({ code: 451, httpStatus: 451 })
    expect((error as Error).message).toContain('Tekrar eden sipariş')
    expect((error as Error).message).toMatch(/duplicate order: the same text to the same recipients .* 10 minutes/)
    expect(sandbox.store.orders.size).toBe(ordersBefore + 1)
    expect(sandbox.store.balance.sms).toBe(creditsBefore - 2)
    expect(statuses(sandbox, 'send-sms')).toEqual([200, 451])

    // Another text, or other recipients, is another order.
    await client.sms.send({ ...order, text: 'Kargonuz teslim edildi.' })
    await client.sms.send({ ...order, recipients: ['05301234567'] })
    // Ten minutes on, the same order goes through again.
    const later = sandbox.store.orders.get(first.orderId)!.submitAt + 10 * 60 * 1000
    sandbox.store.now = () => later
    await expect(client.sms.send(order)).resolves.toMatchObject({ orderId: expect.any(String) })
    expect(sandbox.store.orders.size).toBe(ordersBefore + 4)
  })

  test('a cancelled order does not block the same order again', async () => {
    const sandbox = await sandboxWith({ duplicateOrders: true })
    const client = clientOf(sandbox, format)
    const scheduled = { ...order, sendAt: '01/01/2099 09:00' }
    const { orderId } = await client.sms.send(scheduled)
    await client.sms.cancel(orderId)
    await expect(client.sms.send(scheduled)).resolves.toMatchObject({ orderId: expect.any(String) })
  })

  test('on by default, as in production; switched off and on again from the store while running', async () => {
    const sandbox = await sandboxWith()
    const client = clientOf(sandbox, format)
    await client.sms.send(order)
    expect(await rejectionOf(client.sms.send(order))).toMatchObject({ code: 451 })
    sandbox.store.settings.duplicateOrders = false
    await client.sms.send(order)
    sandbox.store.settings.duplicateOrders = true
    // The orders placed while it was off count.
    expect(await rejectionOf(client.sms.send(order))).toMatchObject({ code: 451 })
  })

  // ---- rate limit ----------------------------------------------------------------------

  test('over the rate limit: reads get 429 with Retry-After, wait and succeed', async () => {
    const sandbox = await sandboxWith({ rateLimit: 2 })
    const client = clientOf(sandbox, format)
    const results = await Promise.all([1001, 1002, 1003, 1004].map((id) => client.contacts.get(id)))
    expect(results.map((contact) => contact.id)).toEqual([1001, 1002, 1003, 1004])
    const gets = statuses(sandbox, 'get-contact')
    expect(gets.filter((status) => status === 429).length).toBeGreaterThan(0)
    expect(gets.filter((status) => status === 200).length).toBe(4)
  })

  test('over the rate limit: a send fails with RateLimitError, is not retried, and nothing is sent twice', async () => {
    const sandbox = await sandboxWith({ rateLimit: 1 })
    const client = clientOf(sandbox, format)
    const ordersBefore = sandbox.store.orders.size
    const outcomes = await Promise.allSettled([client.sms.send(order), client.sms.send({ ...order, text: 'İkinci mesaj' })])
    const refused = outcomes.filter((outcome) => outcome.status === 'rejected').map((outcome) => outcome.reason)
    expect(refused).toHaveLength(1)
    expect(refused[0]).toBeInstanceOf(RateLimitError)
    expect(refused[0]).toMatchObject({ code: 429, httpStatus: 429 })
    expect(statuses(sandbox, 'send-sms').sort()).toEqual([200, 429])
    expect(sandbox.store.orders.size).toBe(ordersBefore + 1)
  })

  // ---- compression ---------------------------------------------------------------------

  test('answers come gzip-compressed to the client, which reads them', async () => {
    const sandbox = await sandboxWith()
    const encodings: (string | null)[] = []
    const recording: typeof fetch = async (input, init) => {
      const response = await fetch(input, init)
      encodings.push(response.headers.get('content-encoding'))
      return response
    }
    const client = clientOf(sandbox, format, { fetch: recording })
    expect(await client.senders.list()).toEqual(['APITEST', 'eMarka'])
    expect((await client.contacts.search({ key: 'example' })).contacts).toHaveLength(4)
    expect(encodings).toEqual(['gzip', 'gzip'])
    sandbox.store.settings.compression = false
    expect(await client.senders.list()).toEqual(['APITEST', 'eMarka'])
    expect(encodings[2]).toBeNull()
  })

  // ---- account settings ----------------------------------------------------------------

  test('API access off: 401 with the provider\'s wording, nothing done', async () => {
    const sandbox = await sandboxWith({ apiAccess: false })
    const groupsBefore = sandbox.store.groups.size
    const error = await rejectionOf(clientOf(sandbox, format).groups.create({ name: 'Yeni' }))
    expect(error).toBeInstanceOf(AuthenticationError)
    expect(error).toMatchObject({ code: 401, message: 'API erişim izniniz yok' })
    expect(sandbox.store.groups.size).toBe(groupsBefore)
    sandbox.store.settings.apiAccess = true
    await expect(clientOf(sandbox, format).groups.create({ name: 'Yeni' })).resolves.toMatchObject({ name: 'Yeni' })
  })

  test('an IP allowlist without the caller: 401 "Üyelik bilgileri hatalı"; with it, the call goes through', async () => {
    const sandbox = await sandboxWith({ allowedIps: ['10.1.2.3', '2001:db8::1'] })
    const error = await rejectionOf(clientOf(sandbox, format).senders.list())
    expect(error).toBeInstanceOf(AuthenticationError)
    expect(error).toMatchObject({ code: 401, message: 'Üyelik bilgileri hatalı' })
    sandbox.store.settings.allowedIps = ['10.1.2.3', '127.0.0.1']
    expect(await clientOf(sandbox, format).senders.list()).toEqual(['APITEST', 'eMarka'])
  })

  // ---- İYS -----------------------------------------------------------------------------

  test('İYS fields are read and kept on the order', async () => {
    const sandbox = await sandboxWith()
    const client = clientOf(sandbox, format)
    const merchant = await client.sms.send({ ...order, iys: 1, iysList: 'TACIR' })
    expect(sandbox.store.orders.get(merchant.orderId)).toMatchObject({ iys: 1, iysList: 'TACIR' })
    const informational = await client.sms.send({ ...order, text: 'Bilgilendirme', iys: 0 })
    expect(sandbox.store.orders.get(informational.orderId)).toMatchObject({ iys: 0 })
    const byDefault = await client.sms.send({ ...order, text: 'Varsayılan' })
    expect(sandbox.store.orders.get(byDefault.orderId)).toMatchObject({ iys: 1, iysList: 'BIREYSEL' })
  })

  test('an account without an İYS code: 470 for an order asking for the İYS check, not for one without', async () => {
    const sandbox = await sandboxWith({ iysConfigured: false })
    const client = clientOf(sandbox, format)
    expect(await rejectionOf(client.sms.send({ ...order, iys: 1 }))).toMatchObject({ code: 470, message: 'IYS kodunuzu ayarlamalısınız.' })
    await expect(client.sms.send({ ...order, iys: 0 })).resolves.toMatchObject({ orderId: expect.any(String) })
  })

  test('İYS on the wire: 468 for a flag other than 0 or 1, 469 for a list other than BIREYSEL or TACIR or none while the flag is 1', async () => {
    // The same order goes out twice here: duplicate detection would answer the second with 451.
    const sandbox = await sandboxWith({ duplicateOrders: false })
    const codec = await loadCodec(format)
    const send = async (iys: Record<string, string>) => {
      const body = codec.encodeRequest({
        authentication: { key: sandbox.key, hash: sandbox.hash },
        order: { sender: 'APITEST', sendDateTime: '', ...iys, message: { text: 'Merhaba', receipents: { number: ['05301234567'] } } },
      })
      const response = await fetch(`${sandbox.url}/${codec.pathFor('send-sms')}`, { method: 'POST', body, headers: { 'content-type': codec.contentType } })
      return Number(codec.decodeResponse(await response.text(), []).status?.code)
    }
    expect(await send({ iys: '2', iysList: 'BIREYSEL' })).toBe(468)
    expect(await send({ iysList: 'BIREYSEL' })).toBe(468)
    expect(await send({ iys: '1' })).toBe(469)
    expect(await send({ iys: '1', iysList: 'TICARI' })).toBe(469)
    expect(await send({ iys: '0', iysList: 'TICARI' })).toBe(469)
    expect(await send({ iys: '0' })).toBe(200)
    expect(await send({ iys: '1', iysList: 'TACIR' })).toBe(200)
  })
})

// ---- compression on the wire -------------------------------------------------------------

// node:http, which (unlike fetch) hands over the bytes as sent.
function rawPost(sandbox: Sandbox, acceptEncoding: string | undefined): Promise<{ encoding: string | undefined; bytes: Buffer; vary: string | undefined }> {
  const body = JSON.stringify({ request: { authentication: { key: sandbox.key, hash: sandbox.hash } } })
  const url = new URL(`${sandbox.url}/get-sender/json`)
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      { host: url.hostname, port: url.port, path: url.pathname, method: 'POST', headers: acceptEncoding === undefined ? {} : { 'accept-encoding': acceptEncoding } },
      (response) => {
        const chunks: Buffer[] = []
        response.on('data', (chunk: Buffer) => chunks.push(chunk))
        response.on('end', () => resolve({ encoding: response.headers['content-encoding'], bytes: Buffer.concat(chunks), vary: response.headers.vary }))
      },
    )
    request.on('error', reject)
    request.end(body)
  })
}

const senderAnswer = '{"response":{"status":{"code":200,"message":"İşlem başarılı"},"senders":{"sender":["APITEST","eMarka"]}}}'

test.each([
  ['gzip, deflate', 'gzip', gunzipSync],
  ['deflate', 'deflate', inflateSync],
  ['br;q=1.0, gzip;q=0.5', 'gzip', gunzipSync],
  ['gzip;q=0, deflate', 'deflate', inflateSync],
  ['*', 'gzip', gunzipSync],
] as const)('Accept-Encoding %j: a %s answer', async (accept, encoding, decode) => {
  const sandbox = await sandboxWith()
  const answer = await rawPost(sandbox, accept)
  expect(answer.encoding).toBe(encoding)
  expect(answer.vary).toBe('Accept-Encoding')
  expect(decode(answer.bytes).toString('utf8')).toBe(senderAnswer)
})

test.each([undefined, 'identity', 'br', 'gzip;q=0'])('Accept-Encoding %j: a plain answer', async (accept) => {
  const sandbox = await sandboxWith()
  const answer = await rawPost(sandbox, accept)
  expect(answer.encoding).toBeUndefined()
  expect(answer.bytes.toString('utf8')).toBe(senderAnswer)
})

test('compression: false sends plain answers whatever the request accepts', async () => {
  const sandbox = await sandboxWith({ compression: false })
  const answer = await rawPost(sandbox, 'gzip, deflate')
  expect(answer.encoding).toBeUndefined()
  expect(answer.bytes.toString('utf8')).toBe(senderAnswer)
})

test('the rate limit answers 429 with Retry-After in whole seconds; a refused or unauthenticated request does not count', async () => {
  const sandbox = await sandboxWith({ rateLimit: 1 })
  const post = (hash = sandbox.hash) => fetch(`${sandbox.url}/get-sender/json`, { method: 'POST', body: JSON.stringify({ request: { authentication: { key: sandbox.key, hash } } }) })
  expect((await post('f'.repeat(64))).status).toBe(401)
  expect((await post()).status).toBe(200)
  const refused = await post()
  expect(refused.status).toBe(429)
  expect(refused.headers.get('retry-after')).toBe('1')
  expect(await refused.json()).toEqual({ response: { status: { code: 429, message: 'Too Many Requests' } } })
  expect(statuses(sandbox, 'get-sender')).toEqual([401, 200, 429])
})

// ---- the GET variant ---------------------------------------------------------------------

describe('GET /v1/send-sms/get/', () => {
  const getUrl = (sandbox: Sandbox, query: Record<string, string>) => `${sandbox.url}/send-sms/get/?${new URLSearchParams({ key: sandbox.key, hash: sandbox.hash, ...query })}`
  const query = { text: 'Merhaba dünya & hoş geldiniz', receipents: '5301234569,05301234570', sender: 'APITEST', iys: '1', iysList: 'BIREYSEL' }

  test('sends the order and answers in XML', async () => {
    const sandbox = await sandboxWith()
    const response = await fetch(getUrl(sandbox, query))
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toMatch(/^text\/xml/)
    const xml = await loadCodec('xml')
    const decoded = xml.decodeResponse(await response.text(), [])
    expect(Number(decoded.status?.code)).toBe(200)
    const orderId = String((decoded.body['order'] as { id: unknown }).id)
    expect(sandbox.store.orders.get(orderId)).toMatchObject({
      sender: 'APITEST',
      iys: 1,
      iysList: 'BIREYSEL',
      messages: [
        { number: '+905301234569', text: query.text },
        { number: '+905301234570', text: query.text },
      ],
    })
    expect(sandbox.requests.at(-1)).toMatchObject({ operation: 'send-sms', format: 'xml', status: 200 })
  })

  test('its errors in XML too: 401 for a wrong hash, 454 for no text, 452 for no recipients, 451 for a duplicate', async () => {
    const sandbox = await sandboxWith({ duplicateOrders: true })
    const xml = await loadCodec('xml')
    const codeOf = async (url: string) => {
      const response = await fetch(url)
      const code = Number(xml.decodeResponse(await response.text(), []).status?.code)
      expect(response.status).toBe(code)
      return code
    }
    expect(await codeOf(getUrl(sandbox, { ...query, hash: 'f'.repeat(64) }))).toBe(401)
    expect(await codeOf(getUrl(sandbox, { ...query, text: '' }))).toBe(454)
    expect(await codeOf(getUrl(sandbox, { ...query, receipents: '' }))).toBe(452)
    expect(await codeOf(getUrl(sandbox, query))).toBe(200)
    expect(await codeOf(getUrl(sandbox, query))).toBe(451)
  })

  test('only GET: a POST to it, or a GET to another method, is 404', async () => {
    const sandbox = await sandboxWith()
    expect((await fetch(getUrl(sandbox, query), { method: 'POST', body: '' })).status).toBe(404)
    expect((await fetch(`${sandbox.url}/get-sender/?key=${sandbox.key}&hash=${sandbox.hash}`)).status).toBe(404)
  })
})

// ---- the legacy backend's shapes -----------------------------------------------------------

describe("backend: 'legacy' answers in the pre-October-2024 shapes", () => {
  async function rawAnswer(sandbox: Sandbox, format: Format, operation: string, content: Record<string, unknown>) {
    const codec = await loadCodec(format)
    const body = codec.encodeRequest({ authentication: { key: sandbox.key, hash: sandbox.hash }, ...content })
    const response = await fetch(`${sandbox.url}/${codec.pathFor(operation)}`, { method: 'POST', body, headers: { 'content-type': codec.contentType } })
    return response.text()
  }

  test('JSON: list wrappers, group records, numbers as text', async () => {
    const sandbox = await sandboxWith({ backend: 'legacy' })
    const contact = JSON.parse(await rawAnswer(sandbox, 'json', 'get-contact', { contact: { id: 1001 } })).response
    expect(contact).toEqual({
      status: { code: '200', message: 'İşlem başarılı' },
      contact: {
        id: '1001',
        name: 'Ayşe',
        surname: 'Yılmaz',
        email: 'ayse.yilmaz@example.com.tr',
        gsm: '05321234567',
        custom_fields: { custom_field: [{ id: '1', value: '27/09/2024' }, { id: '2', value: 'VIP' }] },
        groups: { group: [{ id: '7' }, { id: '12' }] },
      },
    })
    const search = JSON.parse(await rawAnswer(sandbox, 'json', 'search-contacts', { search: { key: 'yılmaz' } })).response
    expect(search.contacts.contact.map((item: { id: string }) => item.id)).toEqual(['1001'])
    const groups = JSON.parse(await rawAnswer(sandbox, 'json', 'get-groups', {})).response
    expect(groups.groups.group.map((group: { id: string; count: string }) => [group.id, group.count])).toEqual([
      ['7', '2'],
      ['20', '1'],
    ])
    expect(groups.groups.group[0].children).toEqual({ child: [{ id: '12', name: 'İstanbul Şubesi', count: '2' }] })
  })

  test('XML: a contact\'s groups as <group><id>', async () => {
    const sandbox = await sandboxWith({ backend: 'legacy' })
    const xml = await rawAnswer(sandbox, 'xml', 'get-contact', { contact: { id: 1001 } })
    expect(xml).toContain('<groups><group><id>7</id></group><group><id>12</id></group></groups>')
    expect(xml).toContain('<custom_fields><custom_field><id>1</id>')
  })

  test('the current backend keeps the new shapes', async () => {
    const sandbox = await sandboxWith()
    const contact = JSON.parse(await rawAnswer(sandbox, 'json', 'get-contact', { contact: { id: 1001 } })).response.contact
    expect(contact.groups).toEqual([7, 12])
    expect(contact.custom_fields).toEqual([{ id: 1, value: '27/09/2024' }, { id: 2, value: 'VIP' }])
  })

  test.each(formats)('the client reads the legacy shapes to the same results, %s', async (format) => {
    const [current, legacy] = await Promise.all([sandboxWith(), sandboxWith({ backend: 'legacy' })])
    const read = (client: IletiMerkeziClient) => Promise.all([client.contacts.get(1001), client.contacts.search({ key: 'example' }), client.groups.list(), client.groups.contacts({ id: 7 })])
    expect(await read(clientOf(legacy, format))).toEqual(await read(clientOf(current, format)))
  })
})
