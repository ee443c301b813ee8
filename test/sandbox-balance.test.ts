// The sandbox's balance after a send is consistent with the order's report: the money goes down by
// the price the report shows, the credits by its parts; a cancel gives both back.
import { afterEach, expect, test } from 'vitest'
import { createClient, InsufficientBalanceError } from '../src/index.js'
import { startSandbox, type Sandbox } from '../src/testing/index.js'

let sandbox: Sandbox | undefined
afterEach(() => sandbox?.close())

test.each(['json', 'xml'] as const)('%s: a send spends the price from amount and the parts from sms; a cancel refunds both', async (format) => {
  sandbox = await startSandbox()
  const client = createClient({ baseUrl: sandbox.url, key: sandbox.key, secret: sandbox.secret, format })
  const before = await client.account.balance()
  const { orderId } = await client.sms.send({ sender: 'eMarka', text: 'Kargonuz yola çıktı.', recipients: ['05321234567', '05057023100'] })
  const report = await client.reports.get({ orderId })
  const after = await client.account.balance()
  expect(report.price).toBe(0.0744)
  expect(after).toEqual({ amount: Math.round((before.amount - report.price!) * 10_000) / 10_000, sms: before.sms - 2 })

  const scheduled = await client.sms.send({ sender: 'eMarka', text: 'Yarın', recipients: ['05321234567'], sendAt: new Date(Date.now() + 86_400_000) })
  expect(await client.account.balance()).toEqual({ amount: 134.3884, sms: 997 })
  await client.sms.cancel(scheduled.orderId)
  expect(await client.account.balance()).toEqual(after)
})

test('an order its money cannot pay for is 402, and nothing is spent', async () => {
  sandbox = await startSandbox({ seed: { balance: { amount: 0.05, sms: 1000 } } })
  const client = createClient({ baseUrl: sandbox.url, key: sandbox.key, secret: sandbox.secret })
  await expect(client.sms.send({ sender: 'eMarka', text: 'İki kişiye', recipients: ['05321234567', '05057023100'] })).rejects.toBeInstanceOf(InsufficientBalanceError)
  expect(await client.account.balance()).toEqual({ amount: 0.05, sms: 1000 })
})
