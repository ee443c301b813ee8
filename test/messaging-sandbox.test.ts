// Messaging against the sandbox, in both formats: one walk-through of every
// messaging method (send, report, cancel, balance, blacklist) on a fixed
// clock, checked step by step and then compared across formats.
import { afterEach, describe, expect, test } from 'vitest'
import { loadCodec } from '../src/codec/load-codec.js'
import {
  ApiError,
  createClient,
  IletiMerkeziError,
  InsufficientBalanceError,
  MessageStatus,
  NotFoundError,
  OrderStatus,
  ValidationError,
  type Format,
  type IletiMerkeziClient,
} from '../src/index.js'
import { startSandbox, type Sandbox } from '../src/testing/index.js'
import type { WireTree } from '../src/wire/tree.js'
import { collect, rejectionOf } from './support/outcomes.js'
import { backendUnderTest } from './support/sandbox-backend.js'

const formats: readonly Format[] = ['json', 'xml']
const running: Sandbox[] = []
// 20 January 2025, 10:00 in Turkey.
const now = Date.parse('2025-01-20T10:00:00+03:00')
const hostileText = 'Merhaba Ayşe! ]]> & <b>"İndirim"</b> %50 🎉'

afterEach(async () => {
  await Promise.all(running.splice(0).map((sandbox) => sandbox.close()))
})

async function sandboxAt(clock: number): Promise<Sandbox> {
  const sandbox = await startSandbox(backendUnderTest())
  running.push(sandbox)
  sandbox.store.now = () => clock
  return sandbox
}

function clientOf(sandbox: Sandbox, format: Format): IletiMerkeziClient {
  return createClient({ baseUrl: sandbox.url, key: sandbox.key, secret: sandbox.secret!, format, retry: 0 })
}



const outline = (error: IletiMerkeziError) => ({ name: error.name, code: error.code })

/** Runs every messaging method once on a fresh sandbox and returns what each step gave. */
async function walkThrough(format: Format): Promise<Record<string, unknown>> {
  const sandbox = await sandboxAt(now)
  const client = clientOf(sandbox, format)
  const steps: Record<string, unknown> = {}

  steps['balance before'] = await client.account.balance()

  const single = await client.sms.send({ sender: 'APITEST', text: hostileText, recipients: ['05321234567', '+90 505 702 31 00'] })
  steps['send one text'] = single
  expect(sandbox.store.orders.get(single.orderId)?.messages.map((message) => message.text)).toEqual([hostileText, hostileText])
  steps['report of it'] = await client.reports.get({ orderId: single.orderId })

  // 5558650220 is blocked in the default seed: it gets nothing.
  const several = await client.sms.send({
    sender: 'eMarka',
    messages: [
      { text: 'Birinci mesaj', recipients: ['5301234567', '5558650220'] },
      { text: 'İkinci mesaj', recipients: ['905301234568'] },
    ],
    iys: 0,
    iysList: 'TACIR',
  })
  steps['send two messages'] = several
  steps['report of two messages'] = await client.reports.get({ orderId: several.orderId })

  // Seconds are dropped on the way: the provider would otherwise send at once.
  const scheduled = await client.sms.send({ sender: 'APITEST', text: 'Yarın görüşürüz', recipients: ['5339998877'], sendAt: '2099-01-21 09:30:45' })
  steps['schedule'] = scheduled
  steps['report before it is due'] = outline(await rejectionOf(client.reports.get({ orderId: scheduled.orderId })))
  steps['balance while scheduled'] = await client.account.balance()
  steps['cancel'] = await client.sms.cancel(scheduled.orderId)
  steps['report after cancel'] = await client.reports.get({ orderId: scheduled.orderId })
  steps['cancel again'] = outline(await rejectionOf(client.sms.cancel(scheduled.orderId)))
  steps['cancel a sent order'] = outline(await rejectionOf(client.sms.cancel('247155523')))
  steps['cancel no order'] = outline(await rejectionOf(client.sms.cancel('000999')))

  steps['report page 2 of 2'] = await client.reports.get({ orderId: '247155523', page: 2, rowCount: 2 })
  steps['report, every page'] = await collect(client.reports.getAll({ orderId: '247155523', rowCount: 2 }))
  steps['balance after'] = await client.account.balance()

  steps['blacklist'] = await client.blacklist.list()
  steps['blacklist, filtered'] = await client.blacklist.list({ start: '2024-11-10', end: '2024-11-30' })
  await client.blacklist.add('0530 123 45 67')
  steps['blacklist, every page after add'] = await collect(client.blacklist.listAll({ rowCount: 2 }))
  steps['send to a blocked number only'] = outline(await rejectionOf(client.sms.send({ sender: 'APITEST', text: 'x', recipients: ['5301234567'] })))
  steps['remove'] = await client.blacklist.remove('+905301234567')
  steps['remove a locked block'] = outline(await rejectionOf(client.blacklist.remove('05309998877')))
  steps['add a short number'] = outline(await rejectionOf(client.blacklist.add('12345')))
  steps['blacklist at the end'] = await client.blacklist.list({ page: 1, rowCount: 10 })

  steps['sender not approved'] = outline(await rejectionOf(client.sms.send({ sender: 'BASKA', text: 'x', recipients: ['5301234567'] })))
  steps['text over 7 SMS'] = outline(await rejectionOf(client.sms.send({ sender: 'APITEST', text: 'x'.repeat(160 * 7), recipients: ['5301234567'] })))
  sandbox.store.balance.sms = 1
  steps['not enough credits'] = outline(await rejectionOf(client.sms.send({ sender: 'APITEST', text: 'x', recipients: ['5301234567', '5301234568'] })))

  // The seeded order scheduled for 2099 is delivered once its time has come.
  sandbox.store.now = () => Date.parse('2099-01-01T09:01:00+03:00')
  steps['a due order is sent'] = await client.reports.get({ orderId: '247155524' })
  return steps
}

describe.each(formats)('%s: the messaging walk-through', (format) => {
  test('every step gives what the sandbox holds', async () => {
    const steps = await walkThrough(format)
    expect(steps['balance before']).toEqual({ amount: 134.5, sms: 1000 })
    expect(steps['send one text']).toEqual({ orderId: '247155525' })
    expect(steps['report of it']).toEqual({
      orderId: '247155525',
      status: OrderStatus.Completed,
      total: 2,
      delivered: 2,
      undelivered: 0,
      waiting: 0,
      submitAt: '2025-01-20T10:00:00+03:00',
      sendAt: '2025-01-20T10:00:00+03:00',
      sender: 'APITEST',
      // A non-ASCII text is one SMS up to 70 characters; two recipients, two credits.
      price: 0.0744,
      messages: [
        { number: '+905321234567', status: MessageStatus.Delivered },
        { number: '+905057023100', status: MessageStatus.Delivered },
      ],
      page: 1,
      rowCount: 1000,
    })
    expect(steps['send two messages']).toEqual({ orderId: '247155526' })
    expect(steps['report of two messages']).toMatchObject({
      total: 2,
      sender: 'eMarka',
      messages: [
        { number: '+905301234567', status: MessageStatus.Delivered },
        { number: '+905301234568', status: MessageStatus.Delivered },
      ],
    })
    expect(steps['schedule']).toEqual({ orderId: '247155527' })
    expect(steps['report before it is due']).toEqual({ name: 'ApiError', code: 456 })
    expect(steps['balance while scheduled']).toEqual({ amount: 134.314, sms: 995 })
    expect(steps['cancel']).toBeUndefined()
    expect(steps['report after cancel']).toMatchObject({
      status: OrderStatus.Failed,
      undelivered: 1,
      sendAt: '2099-01-21T09:30:00+03:00',
      messages: [{ number: '+905339998877', status: MessageStatus.Undelivered }],
    })
    expect(steps['cancel again']).toEqual({ name: 'NotFoundError', code: 455 })
    expect(steps['cancel a sent order']).toEqual({ name: 'NotFoundError', code: 455 })
    expect(steps['cancel no order']).toEqual({ name: 'NotFoundError', code: 455 })
    expect(steps['report page 2 of 2']).toMatchObject({
      orderId: '247155523',
      total: 3,
      delivered: 2,
      undelivered: 1,
      price: 0.1116,
      messages: [{ number: '+905441234567', status: MessageStatus.Undelivered }],
      page: 2,
      rowCount: 2,
    })
    expect(steps['report, every page']).toEqual([
      { number: '+905321234567', status: 111 },
      { number: '+905057023100', status: 111 },
      { number: '+905441234567', status: 112 },
    ])
    // Cancelling gave the scheduled order's credit back.
    expect(steps['balance after']).toEqual({ amount: 134.3512, sms: 996 })
    expect(steps['blacklist']).toEqual({ numbers: ['+905558650220', '+905050047824', '+905309998877'], count: 3, page: 1, rowCount: 1000 })
    expect(steps['blacklist, filtered']).toEqual({ numbers: ['+905050047824'], count: 1, page: 1, rowCount: 1000 })
    expect(steps['blacklist, every page after add']).toEqual(['+905558650220', '+905050047824', '+905309998877', '+905301234567'])
    expect(steps['send to a blocked number only']).toEqual({ name: 'ApiError', code: 452 })
    expect(steps['remove']).toBeUndefined()
    expect(steps['remove a locked block']).toEqual({ name: 'ApiError', code: 474 })
    expect(steps['add a short number']).toEqual({ name: 'ApiError', code: 466 })
    expect(steps['blacklist at the end']).toEqual({ numbers: ['+905558650220', '+905050047824', '+905309998877'], count: 3, page: 1, rowCount: 10 })
    expect(steps['sender not approved']).toEqual({ name: 'ApiError', code: 450 })
    expect(steps['text over 7 SMS']).toEqual({ name: 'ApiError', code: 453 })
    expect(steps['not enough credits']).toEqual({ name: 'InsufficientBalanceError', code: 402 })
    expect(steps['a due order is sent']).toMatchObject({ status: OrderStatus.Completed, delivered: 1, messages: [{ number: '+905339998877', status: 111 }] })
  })
})

test('the walk-through gives deep-equal results in JSON and XML', async () => {
  const [json, xml] = await Promise.all(formats.map(walkThrough))
  expect(xml).toEqual(json)
})

describe('reports.list (get-reports, JSON only)', () => {
  test('json: the orders submitted in the range, with the count', async () => {
    const client = clientOf(await sandboxAt(now), 'json')
    const page = await client.reports.list({ start: '2024-12-01', end: new Date('2024-12-05T12:00:00Z') })
    expect(page).toEqual({
      orders: [
        { orderId: '247155523', status: 114, total: 3, delivered: 2, undelivered: 1, waiting: 0, submitAt: '2024-12-02T15:13:55+03:00', sendAt: '2024-12-02T15:13:55+03:00', sender: 'eMarka' },
        { orderId: '247155524', status: 113, total: 1, delivered: 0, undelivered: 0, waiting: 1, submitAt: '2024-12-03T09:00:00+03:00', sendAt: '2099-01-01T09:00:00+03:00', sender: 'APITEST' },
      ],
      count: 2,
      page: 1,
    })
    expect(await client.reports.list({ start: '2024-12-03', end: '2024-12-03' })).toMatchObject({ count: 1, orders: [{ orderId: '247155524' }] })
    expect(await client.reports.list({ start: '2024-12-10', end: '2024-12-20' })).toEqual({ orders: [], count: 0, page: 1 })
  })

  test('xml: refused with a ValidationError that says so, and nothing is sent', async () => {
    const sandbox = await sandboxAt(now)
    const error = await rejectionOf(clientOf(sandbox, 'xml').reports.list({ start: '2024-12-01', end: '2024-12-05' }))
    expect(error).toBeInstanceOf(ValidationError)
    expect(error.message).toMatch(/json only/i)
    expect(error.operation).toBe('get-reports')
    expect(sandbox.requests).toEqual([])
  })

  test('a range over 10 days is refused before sending (458), and the sandbox refuses it too', async () => {
    const sandbox = await sandboxAt(now)
    const error = await rejectionOf(clientOf(sandbox, 'json').reports.list({ start: '2024-12-01', end: '2024-12-12' }))
    expect(outline(error)).toEqual({ name: 'ValidationError', code: 458 })
    expect(sandbox.requests).toEqual([])

    const codec = await loadCodec('json')
    const body = codec.encodeRequest({ authentication: { key: sandbox.key, hash: sandbox.hash }, filter: { start: '2024-12-01', end: '2024-12-12', page: 1 } })
    const answer = await fetch(`${sandbox.url}/get-reports/json`, { method: 'POST', body, headers: { 'content-type': codec.contentType } })
    expect(answer.status).toBe(458)
    expect(Number(codec.decodeResponse(await answer.text(), []).status?.code)).toBe(458)
  })
})

describe('the sandbox refuses what the client would never send', () => {
  async function post(sandbox: Sandbox, format: Format, operation: string, content: WireTree) {
    const codec = await loadCodec(format)
    const body = codec.encodeRequest({ authentication: { key: sandbox.key, hash: sandbox.hash }, ...content })
    const answer = await fetch(`${sandbox.url}/${codec.pathFor(operation)}`, { method: 'POST', body, headers: { 'content-type': codec.contentType } })
    const code = Number(codec.decodeResponse(await answer.text(), []).status?.code)
    // The status line says the same as the body.
    expect(answer.status).toBe(code)
    return code
  }
  const order = (overrides: WireTree): WireTree => ({
    order: { sender: 'APITEST', sendDateTime: '', iys: '1', iysList: 'BIREYSEL', message: { text: 'x', receipents: { number: ['5301234567'] } }, ...overrides },
  })

  test.each(formats)('%s: send-sms codes 459, 460, 457, 468, 469, 454, 452; seconds send at once', async (format) => {
    const sandbox = await sandboxAt(now)
    expect(await post(sandbox, format, 'send-sms', order({ sender: '' }))).toBe(459)
    expect(await post(sandbox, format, 'send-sms', order({ sender: 'ÇOK UZUN BAŞLIK' }))).toBe(460)
    expect(await post(sandbox, format, 'send-sms', order({ sendDateTime: '2025-01-21 09:30' }))).toBe(457)
    expect(await post(sandbox, format, 'send-sms', order({ iys: '' }))).toBe(468)
    expect(await post(sandbox, format, 'send-sms', order({ iysList: 'TICARI' }))).toBe(469)
    expect(await post(sandbox, format, 'send-sms', order({ message: { text: ' ', receipents: { number: ['5301234567'] } } }))).toBe(454)
    expect(await post(sandbox, format, 'send-sms', order({ message: { text: 'x', receipents: { number: ['abc'] } } }))).toBe(452)
    expect(await post(sandbox, format, 'send-sms', order({ sendDateTime: '21/01/2025 09:30:00' }))).toBe(200)
    expect([...sandbox.store.orders.values()].at(-1)).toMatchObject({ status: OrderStatus.Completed, sendAt: now })
  })

  test.each(formats)('%s: get-blacklist answers a bound not in Y-m-d H:i:s with 422, a reversed range with 458', async (format) => {
    const sandbox = await sandboxAt(now)
    expect(await post(sandbox, format, 'get-blacklist', { blacklist: { filter: { start: '2024-11-01' }, page: 1, rowCount: 10 } })).toBe(422)
    expect(await post(sandbox, format, 'get-blacklist', { blacklist: { filter: { start: '2024-11-02 00:00:00', end: '2024-11-01 00:00:00' } } })).toBe(458)
  })
})
