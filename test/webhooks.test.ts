// Delivery reports end to end: the sandbox POSTs each message's reports to a real HTTP server in this
// test, which receives them through deliveryReportHandler; failures injected in the app are retried.
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import fc from 'fast-check'
import { afterEach, describe, expect, test } from 'vitest'
import { createClient, deliveryReportHandler, MessageStatus, type DeliveryReport } from '../src/index.js'
import { startSandbox, type Sandbox, type SandboxWebhookOptions } from '../src/testing/index.js'

let sandbox: Sandbox | undefined
let server: Server | undefined
afterEach(async () => {
  await sandbox?.close()
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)))
  sandbox = server = undefined
})

/** An app's webhook endpoint: a Node http server whose every request goes through the handler. */
async function receivingApp(onReport: (report: DeliveryReport) => void | Promise<void>): Promise<string> {
  const handle = deliveryReportHandler({ onReport })
  server = createServer((req, res) => void handle.node(req, res))
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve))
  return `http://127.0.0.1:${(server!.address() as AddressInfo).port}/iletimerkezi/reports`
}

async function sandboxWith(webhook: SandboxWebhookOptions) {
  sandbox = await startSandbox({ webhook })
  return createClient({ baseUrl: sandbox.url, key: sandbox.key, secret: sandbox.secret, retry: 0 })
}

const numbers = ['05321234567', '05057023100', '05441234567']

test('each message: accepted, then delivered or undelivered, in order; reports.get agrees before and after', async () => {
  const received: DeliveryReport[] = []
  const url = await receivingApp((report) => void received.push(report))
  const client = await sandboxWith({ url, deliveryDelayMs: 1000, outcome: ({ number }) => (number.endsWith('4567') && number.startsWith('+9054') ? 'undelivered' : 'delivered') })
  const { orderId } = await client.sms.send({ sender: 'eMarka', text: 'Kargonuz yolda', recipients: numbers })

  // Until the outcome is due, every message is still being sent, as the report says.
  const before = await client.reports.get({ orderId })
  expect(before.messages.every((message) => message.status === MessageStatus.Sending)).toBe(true)
  expect(before).toMatchObject({ status: 113, waiting: 3 })

  await sandbox!.settleWebhooks()
  const after = await client.reports.get({ orderId })
  expect(after.messages).toEqual([
    { number: '+905321234567', status: MessageStatus.Delivered },
    { number: '+905057023100', status: MessageStatus.Delivered },
    { number: '+905441234567', status: MessageStatus.Undelivered },
  ])
  expect(after).toMatchObject({ status: 114, delivered: 2, undelivered: 1, waiting: 0 })

  // What the app received agrees with the report, message by message, accepted first.
  for (const message of after.messages) {
    const reports = received.filter((report) => report.to === message.number)
    expect(reports.map((report) => report.status)).toEqual(['accepted', message.status === MessageStatus.Delivered ? 'delivered' : 'undelivered'])
    expect(reports.every((report) => report.orderId === orderId && report.body === 'Kargonuz yolda')).toBe(true)
    expect(new Set(reports.map((report) => report.id)).size).toBe(1)
  }
  expect(new Set(received.map((report) => report.id)).size).toBe(3)
  expect(sandbox!.webhookDeliveries).toHaveLength(6)
  expect(sandbox!.webhookDeliveries.every((delivery) => delivery.state === 'delivered' && delivery.attempts.length === 1 && delivery.attempts[0]!.status === 200)).toBe(true)
})

test('a failing app (500) gets the report again after a pause, and the message\'s next report waits for it', async () => {
  const received: DeliveryReport[] = []
  let failuresLeft = 2
  const url = await receivingApp((report) => {
    if (report.status === 'accepted' && report.to === '+905057023100' && failuresLeft-- > 0) throw new Error('database down')
    received.push(report)
  })
  const client = await sandboxWith({ url, retryDelayMs: 20 })
  const { orderId } = await client.sms.send({ sender: 'eMarka', text: 'Siparişiniz hazır', recipients: numbers })
  await sandbox!.settleWebhooks()

  const retried = sandbox!.webhookDeliveries.find((delivery) => delivery.report.to === '+905057023100' && delivery.report.status === 'accepted')!
  expect(retried.state).toBe('delivered')
  expect(retried.attempts.map((attempt) => attempt.status)).toEqual([500, 500, 200])
  // Backed off: at least 20 ms, then 40 ms, between the attempts.
  expect(retried.attempts[1]!.at - retried.attempts[0]!.at).toBeGreaterThanOrEqual(19)
  expect(retried.attempts[2]!.at - retried.attempts[1]!.at).toBeGreaterThanOrEqual(39)
  // Order per message holds through the retries: accepted, then delivered.
  expect(received.filter((report) => report.to === '+905057023100').map((report) => report.status)).toEqual(['accepted', 'delivered'])
  expect(received.filter((report) => report.orderId === orderId)).toHaveLength(6)
})

test('a report the app never takes is given up after maxAttempts; the next one still goes', async () => {
  const url = await receivingApp((report) => {
    if (report.status === 'accepted') throw new Error('always failing')
  })
  await (await sandboxWith({ url, maxAttempts: 3, retryDelayMs: 5 })).sms.send({ sender: 'eMarka', text: 'Tek', recipients: ['05321234567'] })
  await sandbox!.settleWebhooks()
  expect(sandbox!.webhookDeliveries.map((delivery) => [delivery.report.status, delivery.state, delivery.attempts.length])).toEqual([
    ['accepted', 'failed', 3],
    ['delivered', 'delivered', 1],
  ])
})

test('an endpoint that is not there: each attempt says why, bounded', async () => {
  const url = await receivingApp(() => {})
  await new Promise((resolve) => server!.close(resolve))
  server = undefined
  await (await sandboxWith({ url, maxAttempts: 2, retryDelayMs: 1 })).sms.send({ sender: 'eMarka', text: 'Kimse yok', recipients: ['05321234567'] })
  await sandbox!.settleWebhooks()
  expect(sandbox!.webhookDeliveries).toHaveLength(2)
  for (const delivery of sandbox!.webhookDeliveries) {
    expect(delivery.state).toBe('failed')
    expect(delivery.attempts).toHaveLength(2)
    expect(delivery.attempts[0]!.error).toMatch(/fetch failed|ECONNREFUSED/)
  }
})

test('a cancelled scheduled order sends no reports; iys: 1 without consent ends undelivered', async () => {
  const received: DeliveryReport[] = []
  const url = await receivingApp((report) => void received.push(report))
  const client = await sandboxWith({ url })
  const soon = new Date(Date.now() + 60_000)
  const { orderId } = await client.sms.send({ sender: 'eMarka', text: 'Planlı', recipients: ['05321234567'], sendAt: soon })
  await client.sms.cancel(orderId)
  await client.sms.send({ sender: 'eMarka', text: 'Onaysız', recipients: ['05309990000'] })
  await sandbox!.settleWebhooks()
  expect(received.map((report) => [report.to, report.status])).toEqual([
    ['+905309990000', 'accepted'],
    ['+905309990000', 'undelivered'],
  ])
})

test('any message text reaches the app unchanged, byte for byte, in both reports', async () => {
  const received: DeliveryReport[] = []
  const url = await receivingApp((report) => void received.push(report))
  const client = await sandboxWith({ url })
  let run = 0
  await fc.assert(
    fc.asyncProperty(
      // Turkish letters, quotes, JSON and XML specials, emoji: anything a message may hold.
      fc.string({ unit: fc.oneof(fc.constantFrom(...'ğüşıöçĞÜŞİÖÇ"\\\'<>&]]>{}\n'), fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 })), minLength: 1, maxLength: 60 }).filter((text) => text.trim() !== '' && !/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u.test(text)),
      async (text) => {
        received.length = 0
        // A number of its own each run: the same text twice is a duplicate order (451).
        const number = `0530${String(1_000_000 + run++).slice(1)}0`
        const { orderId } = await client.sms.send({ sender: 'eMarka', text, recipients: [number], iys: 0 })
        await sandbox!.settleWebhooks()
        expect(received.map((report) => [report.orderId, report.status, report.body])).toEqual([
          [orderId, 'accepted', text],
          [orderId, 'delivered', text],
        ])
      },
    ),
    { numRuns: 25 },
  )
})

test('wrong webhook options are refused before the sandbox starts', async () => {
  await expect(startSandbox({ webhook: { url: 'ftp://example.com', maxAttempts: 0 } })).rejects.toThrow(/webhook\.url: must be an http or https URL; webhook\.maxAttempts/)
})

describe('deliveryReportHandler (web-standard form)', () => {
  const report = { report: { id: 1, packet_id: '247155530', status: 'delivered', to: '+905321234567', body: 'Merhaba' } }
  const post = (body: BodyInit) => new Request('https://app.example/reports', { method: 'POST', body })

  test('a report: onReport gets it, 200', async () => {
    const got: DeliveryReport[] = []
    const response = await deliveryReportHandler({ onReport: (delivered) => void got.push(delivered) })(post(JSON.stringify(report)))
    expect(response.status).toBe(200)
    expect(got).toEqual([{ id: 1, orderId: '247155530', status: 'delivered', to: '+905321234567', body: 'Merhaba' }])
  })

  test('not a report: 400 with the reason, onReport not called', async () => {
    let calls = 0
    const handle = deliveryReportHandler({ onReport: () => void calls++ })
    const response = await handle(post('{"report":{"id":1}}'))
    expect(response.status).toBe(400)
    expect(await response.text()).toMatch(/^not a delivery report: report\.packet_id/)
    expect((await handle(post('<xml/>'))).status).toBe(400)
    expect(calls).toBe(0)
  })

  test('onReport throws: 500, its message kept in the app', async () => {
    const response = await deliveryReportHandler({ onReport: () => Promise.reject(new Error('secret connection string')) })(post(JSON.stringify(report)))
    expect(response.status).toBe(500)
    expect(await response.text()).not.toContain('secret')
  })

  test('GET is 405; a body over the cap is 413', async () => {
    const handle = deliveryReportHandler({ onReport: () => {}, maxBodyBytes: 100 })
    expect((await handle(new Request('https://app.example/reports'))).status).toBe(405)
    expect((await handle(post('x'.repeat(101)))).status).toBe(413)
  })

  test('whatever the body, an answer and never an exception: 200 only for a report', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.uint8Array({ maxLength: 300 }), fc.json().map((text) => new TextEncoder().encode(text))), async (bytes) => {
        let calls = 0
        const response = await deliveryReportHandler({ onReport: () => void calls++, maxBodyBytes: 200 })(post(bytes))
        expect([200, 400, 413]).toContain(response.status)
        expect(calls).toBe(response.status === 200 ? 1 : 0)
      }),
      { numRuns: 200 },
    )
  })

  test('Node form with a body a framework already parsed (express.json())', async () => {
    const got: DeliveryReport[] = []
    const written: { status?: number; body?: string } = {}
    const response = { writeHead: (status: number) => (written.status = status), end: (body: string) => (written.body = body) }
    const request = { method: 'POST', headers: {}, body: report, readableEnded: true, on: () => request }
    await deliveryReportHandler({ onReport: (delivered) => void got.push(delivered) }).node(request, response)
    expect(written).toEqual({ status: 200, body: 'ok' })
    expect(got).toHaveLength(1)
    await deliveryReportHandler({ onReport: () => {} }).node({ ...request, body: {} }, response)
    expect(written.status).toBe(400)
  })
})
