// The messaging methods through the client, against nock: what each sends
// where, what it resolves to, and which calls are never retried.
import nock from 'nock'
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest'
import * as library from '../src/index.js'
import {
  ApiError,
  createClient,
  InsufficientBalanceError,
  MessageStatus,
  NotFoundError,
  OrderStatus,
  RateLimitError,
  StatusCode,
  ValidationError,
  type ClientSettings,
  type IletiMerkeziClient,
} from '../src/index.js'
import { okJson, providerOrigin } from './support/nock-provider.js'

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

function capture(path: string, reply: object, status = 200) {
  const sent: any[] = []
  const scope = nock(providerOrigin)
    .post(path, (body) => (sent.push(bodyOf(body).request), true))
    .reply(status, reply)
  return { sent, scope }
}

describe('each messaging method calls its endpoint with its arguments', () => {
  test('sms.send posts the order to send-sms and resolves to the order id as text', async () => {
    const { sent } = capture('/v1/send-sms/json', okJson({ order: { id: '000123' } }))
    const result = await client().sms.send({ sender: 'APITEST', text: 'Merhaba', recipients: ['05301234567'], sendAt: new Date('2099-01-20T07:00:42Z') })
    expect(result).toEqual({ orderId: '000123' })
    expect(sent[0].order).toEqual({
      sender: 'APITEST',
      sendDateTime: '20/01/2099 10:00',
      iys: '1',
      iysList: 'BIREYSEL',
      message: { text: 'Merhaba', receipents: { number: ['05301234567'] } },
    })
  })

  test('sms.send with several messages sends them as an array, each with its recipients', async () => {
    const { sent } = capture('/v1/send-sms/json', okJson({ order: { id: '1' } }))
    await client().sms.send({ sender: 'eMarka', messages: [{ text: 'A', recipients: ['1111111111'] }, { text: 'B', recipients: ['2222222222', '3333333333'] }], iys: 0, iysList: 'TACIR' })
    expect(sent[0].order).toMatchObject({
      sendDateTime: '',
      iys: '0',
      iysList: 'TACIR',
      message: [
        { text: 'A', receipents: { number: ['1111111111'] } },
        { text: 'B', receipents: { number: ['2222222222', '3333333333'] } },
      ],
    })
  })

  test('sms.send in XML: the text in CDATA, one <message> per message, <number> per recipient', async () => {
    let sent = ''
    nock(providerOrigin)
      .post('/v1/send-sms', (body) => ((sent = String(body)), true))
      .reply(200, '<response><status><code>200</code></status><order><id>00042</id></order></response>')
    const result = await client({ format: 'xml' }).sms.send({ sender: 'A', messages: [{ text: 'x]]>y', recipients: ['1111111111', '2222222222'] }, { text: 'z', recipients: ['3333333333'] }] })
    expect(result).toEqual({ orderId: '00042' })
    expect(sent).toContain('<text><![CDATA[x]]]]><![CDATA[>y]]></text><receipents><number>1111111111</number><number>2222222222</number></receipents>')
    expect(sent.match(/<message>/g)).toHaveLength(2)
    expect(sent).toMatch(/<sendDateTime\/>|<sendDateTime><\/sendDateTime>/)
  })

  test('sms.cancel posts order.id to cancel-order and resolves to undefined', async () => {
    const { sent } = capture('/v1/cancel-order/json', okJson({}))
    expect(await client().sms.cancel('00777')).toBeUndefined()
    expect(sent[0].order).toEqual({ id: '00777' })
  })

  test('reports.get posts order.{id,page,rowCount} to get-report', async () => {
    const { sent } = capture('/v1/get-report/json', okJson({ order: { id: '5', status: 114, message: [{ number: '+905301234567', status: 111 }] } }))
    const report = await client().reports.get({ orderId: '5', page: 2, rowCount: 10 })
    expect(sent[0].order).toEqual({ id: '5', page: 2, rowCount: 10 })
    expect(report).toMatchObject({ orderId: '5', status: OrderStatus.Completed, messages: [{ number: '+905301234567', status: MessageStatus.Delivered }], page: 2, rowCount: 10 })
  })

  test('reports.list posts filter.{start,end,page} to get-reports/json', async () => {
    const { sent } = capture('/v1/get-reports/json', okJson({ count: 0, orders: [] }))
    expect(await client().reports.list({ start: new Date('2024-11-11T21:30:00Z'), end: '2024-11-13', page: 2 })).toEqual({ orders: [], count: 0, page: 2 })
    expect(sent[0].filter).toEqual({ start: '2024-11-12', end: '2024-11-13', page: 2 })
  })

  test('account.balance posts authentication only to get-balance', async () => {
    const { sent } = capture('/v1/get-balance/json', okJson({ balance: { amount: '0,5', sms: '12' } }))
    expect(await client().account.balance()).toEqual({ amount: 0.5, sms: 12 })
    expect(Object.keys(sent[0])).toEqual(['authentication'])
  })

  test('blacklist.list nests filter, page and rowCount under blacklist', async () => {
    const { sent } = capture('/v1/get-blacklist/json', okJson({ blacklist: { count: '9', number: ['+905301234567'] } }))
    const page = await client().blacklist.list({ start: '2024-11-01', end: '2024-11-30', page: 3, rowCount: 1 })
    expect(page).toEqual({ numbers: ['+905301234567'], count: 9, page: 3, rowCount: 1 })
    expect(sent[0]).toEqual({
      authentication: expect.anything(),
      blacklist: { filter: { start: '2024-11-01 00:00:00', end: '2024-11-30 23:59:59' }, page: 3, rowCount: 1 },
    })
  })

  test('blacklist.list with no arguments sends no filter', async () => {
    const { sent } = capture('/v1/get-blacklist/json', okJson({ blacklist: { count: 0, number: [] } }))
    await client().blacklist.list()
    expect(sent[0].blacklist).toEqual({ page: 1, rowCount: 1000 })
  })

  test('blacklist.add and blacklist.remove post blacklist.number and resolve to undefined', async () => {
    const add = capture('/v1/add-blacklist/json', okJson({}))
    const remove = capture('/v1/delete-blacklist/json', okJson({}))
    expect(await client().blacklist.add('+90 530 123 45 67')).toBeUndefined()
    expect(await client().blacklist.remove('05301234567')).toBeUndefined()
    expect(add.sent[0].blacklist).toEqual({ number: '+90 530 123 45 67' })
    expect(remove.sent[0].blacklist).toEqual({ number: '05301234567' })
  })
})

describe('…All methods walk the pages', () => {
  test('reports.getAll yields every recipient, page after page, and stops after a short page', async () => {
    const pages: number[] = []
    nock(providerOrigin)
      .post('/v1/get-report/json', (body) => (pages.push(bodyOf(body).request.order.page), true))
      .times(2)
      .reply(200, (_uri, body) => {
        const page = bodyOf(body).request.order.page as number
        const message = page === 1 ? [{ number: '1', status: 111 }, { number: '2', status: 112 }] : [{ number: '3', status: 110 }]
        return okJson({ order: { id: '9', status: 113, message } })
      })
    const all = []
    for await (const message of client().reports.getAll({ orderId: '9', rowCount: 2 })) all.push(message)
    expect(all).toEqual([{ number: '1', status: 111 }, { number: '2', status: 112 }, { number: '3', status: 110 }])
    expect(pages).toEqual([1, 2])
  })

  test('blacklist.listAll yields every number and keeps the filter on every page', async () => {
    const requests: any[] = []
    nock(providerOrigin)
      .post('/v1/get-blacklist/json', (body) => (requests.push(bodyOf(body).request.blacklist), true))
      .times(3)
      .reply(200, (_uri, body) => {
        const page = bodyOf(body).request.blacklist.page as number
        return okJson({ blacklist: { count: '4', number: page < 3 ? [`${page}a`, `${page}b`] : [] } })
      })
    const all: string[] = []
    for await (const number of client().blacklist.listAll({ start: '2024-11-01', rowCount: 2 })) all.push(number)
    expect(all).toEqual(['1a', '1b', '2a', '2b'])
    expect(requests.map((request) => request.page)).toEqual([1, 2, 3])
    expect(requests.every((request) => request.filter.start === '2024-11-01 00:00:00' && request.rowCount === 2)).toBe(true)
  })
})

describe('what is refused, retried, or not', () => {
  test('reports.list in XML is refused with a ValidationError and nothing is sent', async () => {
    const scope = nock(providerOrigin).post(/.*/).reply(200, '')
    const error = await client({ format: 'xml' }).reports.list({ start: '2024-11-12', end: '2024-11-13' }).catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(ValidationError)
    expect((error as ValidationError).message).toMatch(/get-reports is offered by the provider in json only/)
    expect(scope.isDone()).toBe(false)
  })

  test('sms.send is sent once on a 503, whatever the client retry says', async () => {
    const first = nock(providerOrigin).post('/v1/send-sms/json').reply(503, 'busy', { 'retry-after': '0' })
    const second = nock(providerOrigin).post('/v1/send-sms/json').reply(200, okJson({ order: { id: '1' } }))
    await expect(client({ retry: 5 }).sms.send({ sender: 'A', text: 'x', recipients: ['5301234567'] })).rejects.toBeInstanceOf(ApiError)
    expect(first.isDone()).toBe(true)
    expect(second.isDone()).toBe(false)
  })

  test.each([
    ['sms.cancel', '/v1/cancel-order/json', (c: IletiMerkeziClient) => c.sms.cancel('1')],
    ['blacklist.add', '/v1/add-blacklist/json', (c: IletiMerkeziClient) => c.blacklist.add('5301234567')],
    ['blacklist.remove', '/v1/delete-blacklist/json', (c: IletiMerkeziClient) => c.blacklist.remove('5301234567')],
  ])('%s is sent once on a 503', async (_method, path, call) => {
    const first = nock(providerOrigin).post(path).reply(503, 'busy', { 'retry-after': '0' })
    const second = nock(providerOrigin).post(path).reply(200, okJson({}))
    await expect(call(client({ retry: 3 }))).rejects.toBeInstanceOf(ApiError)
    expect(first.isDone()).toBe(true)
    expect(second.isDone()).toBe(false)
  })

  test('a read (account.balance) is retried after a 429, and a 429 that lasts is a RateLimitError', async () => {
    nock(providerOrigin).post('/v1/get-balance/json').reply(429, 'slow down', { 'retry-after': '0' })
    nock(providerOrigin).post('/v1/get-balance/json').reply(200, okJson({ balance: { amount: 1, sms: 2 } }))
    expect(await client().account.balance()).toEqual({ amount: 1, sms: 2 })

    nock(providerOrigin).post('/v1/get-balance/json').times(2).reply(429, { response: { status: { code: 429, message: 'Too many requests' } } }, { 'retry-after': '0' })
    const error = await client({ retry: 1 }).account.balance().catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(RateLimitError)
    expect(error).toBeInstanceOf(ApiError)
    expect(error).toMatchObject({ name: 'RateLimitError', code: 429, httpStatus: 429, operation: 'get-balance' })
  })

  test('402 from send-sms is an InsufficientBalanceError; 455 from cancel-order a NotFoundError', async () => {
    nock(providerOrigin).post('/v1/send-sms/json').reply(402, { response: { status: { code: 402, message: 'Bakiye yetersiz' } } })
    nock(providerOrigin).post('/v1/cancel-order/json').reply(455, { response: { status: { code: 455, message: 'Sipariş bulunamadı' } } })
    const balance = await client().sms.send({ sender: 'A', text: 'x', recipients: ['5301234567'] }).catch((caught: unknown) => caught)
    expect(balance).toBeInstanceOf(InsufficientBalanceError)
    expect((balance as ApiError).message).toBe('Bakiye yetersiz')
    const missing = await client().sms.cancel('1').catch((caught: unknown) => caught)
    expect(missing).toBeInstanceOf(NotFoundError)
    expect(missing).toMatchObject({ code: 455, message: 'Sipariş bulunamadı' })
  })

  test('refused input names the operation and the provider code, and sends nothing', async () => {
    const scope = nock(providerOrigin).post(/.*/).reply(200, okJson({}))
    await expect(client().sms.send({ sender: 'ŞİRKET', text: 'x', recipients: ['5301234567'] })).rejects.toMatchObject({ name: 'ValidationError', code: 460, operation: 'send-sms' })
    await expect(client().sms.send({ sender: 'A', text: 'x', recipients: ['5301234567'], sendAt: '2025-01-20T10:00' })).rejects.toMatchObject({ code: 457 })
    await expect(client().blacklist.add('numara')).rejects.toMatchObject({ name: 'ValidationError', code: 466, operation: 'add-blacklist' })
    await expect(client().reports.list({ start: '2024-11-01', end: '2024-11-20' })).rejects.toMatchObject({ name: 'ValidationError', code: 458 })
    expect(scope.isDone()).toBe(false)
  })
})

describe('the main entry exports the messaging names', () => {
  test('status constants', () => {
    expect(OrderStatus).toEqual({ Sending: 113, Completed: 114, Failed: 115 })
    expect(MessageStatus).toEqual({ Sending: 110, Delivered: 111, Undelivered: 112 })
    expect(MessageStatus.Delivered).toBe(111)
    expect(StatusCode.OrderNotFound).toBe(455)
    expect(StatusCode.InvalidDateRange).toBe(458)
  })

  test('parseDeliveryReport and RateLimitError', () => {
    expect(typeof library.parseDeliveryReport).toBe('function')
    expect(new RateLimitError('x', { code: 429 })).toBeInstanceOf(library.IletiMerkeziError)
  })

  test('a client has the four messaging namespaces', () => {
    const c = client()
    expect(Object.keys(c.sms).sort()).toEqual(['cancel', 'send', 'sendCampaign'])
    expect(Object.keys(c.reports).sort()).toEqual(['get', 'getAll', 'list'])
    expect(Object.keys(c.account)).toEqual(['balance'])
    expect(Object.keys(c.blacklist).sort()).toEqual(['add', 'list', 'listAll', 'remove'])
  })
})
