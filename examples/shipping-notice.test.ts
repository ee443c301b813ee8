// A contract test of a user's app against the sandbox, in both formats: no account, no network.
//   npx vitest run examples/shipping-notice.test.ts
import { createClient } from 'iletimerkezi'
import { startSandbox, type Sandbox } from 'iletimerkezi/testing'
import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import { sendShippingNotice } from './shipping-notice.js'

let sandbox: Sandbox
beforeEach(async () => {
  sandbox = await startSandbox()
})
afterEach(() => sandbox.close())

describe.each(['json', 'xml'] as const)('shipping notice (%s)', (format) => {
  const client = () => createClient({ baseUrl: sandbox.url, key: sandbox.key, secret: sandbox.secret, format })
  const notice = { sender: 'eMarka', phone: '05321234567', trackingCode: 'TR-1042' }
  const sendRequests = () => sandbox.requests.filter((request) => request.operation === 'send-sms')

  test('sends one SMS holding the tracking code', async () => {
    const result = await sendShippingNotice(client(), notice)
    if (!result.sent) throw new Error(`not sent: ${result.reason}`)
    const order = sandbox.store.orders.get(result.orderId)
    expect(order?.sender).toBe('eMarka')
    expect(order?.messages.map((message) => message.text)).toEqual(['Kargonuz yola çıktı. Takip kodu: TR-1042'])
  })

  test('no credit left: no-credit, nothing sent', async () => {
    sandbox.store.balance.sms = 0
    const ordersBefore = sandbox.store.orders.size
    expect(await sendShippingNotice(client(), notice)).toEqual({ sent: false, reason: 'no-credit' })
    expect(sandbox.store.orders.size).toBe(ordersBefore)
  })

  test('a blocked number: unreachable', async () => {
    await client().blacklist.add(notice.phone)
    expect(await sendShippingNotice(client(), notice)).toEqual({ sent: false, reason: 'unreachable' })
  })

  test('the provider answers 503: try-later, and the SMS went out at most once', async () => {
    sandbox.faults.inject({ kind: 'status', status: 503 }, { operation: 'send-sms' })
    expect(await sendShippingNotice(client(), notice)).toEqual({ sent: false, reason: 'try-later' })
    expect(sendRequests()).toHaveLength(1)
  })
})
