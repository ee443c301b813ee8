// sms.sendCampaign against the sandbox: orders within the limits, every recipient exactly once,
// a crash and a resume, duplicates and invalid numbers, templates, rate limits, 429 and 451.
import { afterEach, describe, expect, test } from 'vitest'
import {
  createClient,
  IletiMerkeziError,
  RateLimitError,
  ValidationError,
  type CampaignJournalState,
  type CampaignProgress,
  type Format,
  type IletiMerkeziClient,
} from '../src/index.js'
import { startSandbox, type Sandbox } from '../src/testing/index.js'
import { journalSeal } from '../src/campaign/journal-state.js'
import { memoryJournal } from './support/memory-journal.js'
import { rejectionOf } from './support/outcomes.js'

const running: Sandbox[] = []

afterEach(async () => {
  await Promise.all(running.splice(0).map((sandbox) => sandbox.close()))
})

async function sandboxWith(credits = 1_000_000): Promise<Sandbox> {
  // Duplicate-order detection off: these tests count every message that arrives (a 451 is injected where one is meant).
  const sandbox = await startSandbox({ seed: { balance: { amount: credits, sms: credits }, orders: [] }, duplicateOrders: false })
  running.push(sandbox)
  return sandbox
}

function clientOf(sandbox: Sandbox, format: Format = 'json'): IletiMerkeziClient {
  return createClient({ baseUrl: sandbox.url, key: sandbox.key, secret: sandbox.secret!, format })
}

// 5xx xxx xx xx numbers, all different.
const numberAt = (index: number) => `53${String(index).padStart(8, '0')}`

function* numbers(count: number, spell: (number: string, index: number) => string = (number) => number) {
  for (let index = 0; index < count; index++) yield spell(numberAt(index), index)
}

/** Every number in the sandbox's store with how often it was sent. */
function storeCounts(sandbox: Sandbox): Map<string, number> {
  const counts = new Map<string, number>()
  for (const order of sandbox.store.orders.values()) for (const message of order.messages) counts.set(message.number, (counts.get(message.number) ?? 0) + 1)
  return counts
}

function expectEachOnce(sandbox: Sandbox, count: number) {
  const counts = storeCounts(sandbox)
  expect(counts.size).toBe(count)
  expect([...counts.values()].every((times) => times === 1)).toBe(true)
  for (const number of numbers(count)) expect(counts.get(`+90${number}`)).toBe(1)
}

describe('sendCampaign', () => {
  test('120,000 recipients from a generator go out as 3 orders, each recipient exactly once', async () => {
    const sandbox = await sandboxWith()
    const events: CampaignProgress[] = []
    const summary = await clientOf(sandbox).sms.sendCampaign({
      sender: 'eMarka',
      text: 'Kampanya',
      recipients: numbers(120_000),
      total: 120_000,
      onProgress: (event) => events.push(event),
    })
    expect(summary.orders.map((order) => [order.index, order.recipients, order.state])).toEqual([
      [1, 50_000, 'sent'],
      [2, 50_000, 'sent'],
      [3, 20_000, 'sent'],
    ])
    expect(summary.orders.map((order) => order.orderId)).toEqual([...sandbox.store.orders.keys()])
    expect(summary).toMatchObject({ sent: 120_000, duplicates: 0, invalidCount: 0, complete: true, stopped: false, rows: 120_000 })
    expect(events.map((event) => [event.ordersDone, event.recipientsSent, event.total, event.order.orderId])).toEqual(
      summary.orders.map((order, index) => [index + 1, Math.min(120_000, (index + 1) * 50_000), 120_000, order.orderId]),
    )
    expectEachOnce(sandbox, 120_000)
  }, 60_000)

  test('a smaller perOrder makes more orders; XML sends the same', async () => {
    const sandbox = await sandboxWith()
    const summary = await clientOf(sandbox, 'xml').sms.sendCampaign({ sender: 'eMarka', text: 'Merhaba', recipients: [...numbers(2_500)], perOrder: 1_000 })
    expect(summary.orders.map((order) => order.recipients)).toEqual([1_000, 1_000, 500])
    expectEachOnce(sandbox, 2_500)
  })

  test('05…, 5…, 905…, +90 5… and dashed spellings of one number are one recipient; invalid rows are reported with their positions', async () => {
    const sandbox = await sandboxWith()
    const rows = ['05301234567', '5301234567', '905301234567', '+90 530 123 45 67', '0530-123-45-67', '', '53012345', '530123456a', 'abc', '(530) 123 45 68', '2121234567']
    const summary = await clientOf(sandbox).sms.sendCampaign({ sender: 'eMarka', text: 'Merhaba', recipients: rows })
    expect(summary.sent).toBe(2)
    expect(summary.duplicates).toBe(4)
    expect(summary.invalid.map((row) => [row.position, row.number])).toEqual([
      [6, ''],
      [7, '53012345'],
      [8, '530123456a'],
      [9, 'abc'],
      [11, '2121234567'],
    ])
    expect(summary.invalid.every((row) => row.reason.length > 0)).toBe(true)
    expect([...storeCounts(sandbox).keys()]).toEqual(['+905301234567', '+905301234568'])
  })

  test('a template fills each row and goes as several messages in one order', async () => {
    const sandbox = await sandboxWith()
    const rows = [
      { gsm: '05301110001', name: 'Ayşe', code: '11' },
      { gsm: '05301110002', name: 'Mehmet', code: '22' },
      { gsm: '05301110003', name: 'Ayşe', code: '11' },
    ]
    const summary = await clientOf(sandbox).sms.sendCampaign({ sender: 'eMarka', template: 'Merhaba {name}, kodunuz {code} {{sabit}}', recipients: rows })
    expect(summary.orders).toHaveLength(1)
    const [order] = sandbox.store.orders.values()
    expect(order!.messages.map((message) => [message.number, message.text])).toEqual([
      ['+905301110001', 'Merhaba Ayşe, kodunuz 11 {sabit}'],
      ['+905301110003', 'Merhaba Ayşe, kodunuz 11 {sabit}'],
      ['+905301110002', 'Merhaba Mehmet, kodunuz 22 {sabit}'],
    ])
  })

  test('a template naming a column the rows lack is refused before the first order', async () => {
    const sandbox = await sandboxWith()
    const error = await rejectionOf(
      clientOf(sandbox).sms.sendCampaign({ sender: 'eMarka', template: 'Merhaba {isim}', recipients: [{ gsm: '05301110001', name: 'Ayşe' }] }),
    )
    expect(error).toBeInstanceOf(ValidationError)
    expect((error as ValidationError).message).toContain('{isim}')
    expect(sandbox.requests).toHaveLength(0)
  })

  test('bad options are a ValidationError with nothing sent', async () => {
    const sandbox = await sandboxWith()
    const client = clientOf(sandbox)
    for (const bad of [
      { sender: 'eMarka', recipients: ['05301110001'] },
      { sender: 'eMarka', text: 'a', template: 'b', recipients: ['05301110001'] },
      { sender: 'eMarka', text: 'a', recipients: ['05301110001'], perOrder: 50_001 },
      { sender: 'eMarka', text: 'a', recipients: ['05301110001'], rate: { ordersPerSecond: 0 } },
      { sender: 'çok uzun başlık', text: 'a', recipients: ['05301110001'] },
      { sender: 'eMarka', text: 'a', recipients: 5 },
      { sender: 'eMarka', text: 'a', recipients: 'not a list' },
      { sender: 'eMarka', text: 'a', recipients: ['05301110001'], journal: {} },
      { sender: 'eMarka', text: 'a', recipients: ['05301110001'], concurrency: 17 },
    ]) {
      expect(await rejectionOf(client.sms.sendCampaign(bad as never))).toBeInstanceOf(ValidationError)
    }
    expect(sandbox.requests).toHaveLength(0)
  })

  test('a rate of 0 or less and a blank column each say what is wrong, where', async () => {
    const sandbox = await sandboxWith()
    const client = clientOf(sandbox)
    const base = { sender: 'eMarka', text: 'a', recipients: ['05301110001'] }
    const issuesOf = async (options: object) => ((await rejectionOf(client.sms.sendCampaign(options as never))) as ValidationError).issues
    expect(await issuesOf({ ...base, rate: { ordersPerSecond: 0 } })).toEqual([{ path: 'rate.ordersPerSecond', message: 'expected more than 0 a second' }])
    expect(await issuesOf({ ...base, rate: { messagesPerSecond: -5 } })).toEqual([{ path: 'rate.messagesPerSecond', message: 'expected more than 0 a second' }])
    expect(await issuesOf({ ...base, column: '   ' })).toEqual([{ path: 'column', message: 'expected a column name' }])
    expect(sandbox.requests).toHaveLength(0)
  })

  test('an async iterable is read as a stream: no more than two orders of rows ahead of the sends', async () => {
    const sandbox = await sandboxWith()
    let read = 0
    let aheadMost = 0
    async function* rows() {
      for (const number of numbers(5_000)) {
        read++
        aheadMost = Math.max(aheadMost, read - [...sandbox.store.orders.values()].reduce((sum, order) => sum + order.messages.length, 0))
        yield number
      }
    }
    const summary = await clientOf(sandbox).sms.sendCampaign({ sender: 'eMarka', text: 'Merhaba', recipients: rows(), perOrder: 500 })
    expect(summary.sent).toBe(5_000)
    expect(aheadMost).toBeLessThanOrEqual(2 * 500)
  })
})

describe('exactly once, with a journal', () => {
  test('a reset on the third order leaves it unknown; a resume sends nothing twice, and only resendUnknown sends it again', async () => {
    const sandbox = await sandboxWith()
    const client = clientOf(sandbox)
    const journal = memoryJournal()
    const campaign = { sender: 'eMarka', text: 'Kampanya', perOrder: 50_000, journal }
    // The first two orders are answered; the third's connection is closed with no answer.
    let sends = 0
    const first = await client.sms.sendCampaign({
      ...campaign,
      recipients: numbers(120_000),
      onProgress: () => {
        if (++sends === 2) sandbox.faults.inject({ kind: 'reset' }, { operation: 'send-sms' })
      },
    })
    expect(first.orders.map((order) => order.state)).toEqual(['sent', 'sent', 'unknown'])
    expect(first.unknown.map((order) => order.index)).toEqual([3])
    expect(first.unknown[0]!.error?.name).toBe('NetworkError')
    expect(first.complete).toBe(false)
    const saved = JSON.parse(journal.text!) as CampaignJournalState
    expect(saved.orders.map((order) => [order.state, order.orderId])).toEqual([
      ['sent', first.orders[0]!.orderId],
      ['sent', first.orders[1]!.orderId],
      ['unknown', undefined],
    ])
    expect(storeCounts(sandbox).size).toBe(100_000)

    // Resumed: the sent orders are skipped, the unknown one stays unknown.
    const resumed = await client.sms.sendCampaign({ ...campaign, recipients: numbers(120_000), resume: true })
    expect(resumed.orders.map((order) => order.state)).toEqual(['sent', 'sent', 'unknown'])
    expect(resumed.unknown).toHaveLength(1)
    expect(sandbox.store.orders.size).toBe(2)

    // Only the explicit flag sends it again.
    const resent = await client.sms.sendCampaign({ ...campaign, recipients: numbers(120_000), resume: true, resendUnknown: true })
    expect(resent.orders.map((order) => order.state)).toEqual(['sent', 'sent', 'sent'])
    expect(resent).toMatchObject({ complete: true, sent: 120_000 })
    expectEachOnce(sandbox, 120_000)
  }, 60_000)

  test('the journal is written before and after each send: planned, then sent with its id', async () => {
    const sandbox = await sandboxWith()
    const states: string[][] = []
    const journal = memoryJournal()
    const save = journal.save.bind(journal)
    journal.save = async (state) => {
      states.push(state.orders.map((order) => `${order.index}:${order.state}`))
      await save(state)
    }
    await clientOf(sandbox).sms.sendCampaign({ sender: 'eMarka', text: 'Merhaba', recipients: [...numbers(3)], perOrder: 2, journal })
    expect(states).toEqual([['1:planned'], ['1:sent'], ['1:sent', '2:planned'], ['1:sent', '2:sent'], ['1:sent', '2:sent']])
    expect(JSON.parse(journal.text!).input).toMatchObject({ rows: 3, duplicates: 0, invalid: 0 })
  })

  test('an order found planned (the process died while sending it) is unknown on resume, not resent', async () => {
    const sandbox = await sandboxWith()
    const client = clientOf(sandbox)
    const journal = memoryJournal()
    const campaign = { sender: 'eMarka', text: 'Merhaba', perOrder: 2, journal }
    await client.sms.sendCampaign({ ...campaign, recipients: [...numbers(4)] })
    const state = JSON.parse(journal.text!) as CampaignJournalState
    state.orders[1] = { ...state.orders[1]!, state: 'planned' }
    delete state.orders[1]!.orderId
    // As the run that died would have saved it: sealed.
    journal.text = JSON.stringify({ ...state, seal: await journalSeal(state) })
    const resumed = await client.sms.sendCampaign({ ...campaign, recipients: [...numbers(4)], resume: true })
    expect(resumed.orders.map((order) => order.state)).toEqual(['sent', 'unknown'])
    expect(sandbox.store.orders.size).toBe(2)
  })

  test('a stopped campaign resumes where it stopped', async () => {
    const sandbox = await sandboxWith()
    const client = clientOf(sandbox)
    const journal = memoryJournal()
    const stop = new AbortController()
    const campaign = { sender: 'eMarka', text: 'Merhaba', perOrder: 100, journal }
    const first = await client.sms.sendCampaign({
      ...campaign,
      recipients: numbers(1_000),
      signal: stop.signal,
      onProgress: (event) => event.ordersDone === 3 && stop.abort(),
    })
    expect(first).toMatchObject({ stopped: true, complete: false, sent: 300 })
    const rest = await client.sms.sendCampaign({ ...campaign, recipients: numbers(1_000), resume: true })
    expect(rest).toMatchObject({ complete: true, sent: 1_000 })
    expectEachOnce(sandbox, 1_000)
  })

  test('a journal for another campaign, other recipients, a damaged one, or one not asked to resume is refused with nothing sent', async () => {
    const sandbox = await sandboxWith()
    const client = clientOf(sandbox)
    const journal = memoryJournal()
    await client.sms.sendCampaign({ sender: 'eMarka', text: 'Merhaba', perOrder: 10, recipients: [...numbers(30)], journal })
    const before = sandbox.requests.length
    const attempts: [unknown, RegExp][] = [
      [{ sender: 'eMarka', text: 'Merhaba', perOrder: 10, recipients: [...numbers(30)], journal }, /already holds a campaign/],
      [{ sender: 'eMarka', text: 'Başka metin', perOrder: 10, recipients: [...numbers(30)], journal, resume: true }, /another campaign/],
      [{ sender: 'eMarka', text: 'Merhaba', perOrder: 10, recipients: [...numbers(30, (number, index) => (index === 25 ? '05399999999' : number))], journal, resume: true }, /order 3/],
      [{ sender: 'eMarka', text: 'Merhaba', perOrder: 10, recipients: [...numbers(20)], journal, resume: true }, /3 orders, the input makes 2/],
    ]
    for (const [campaign, message] of attempts) {
      const error = await rejectionOf(client.sms.sendCampaign(campaign as never))
      expect(error).toBeInstanceOf(ValidationError)
      expect((error as Error).message).toMatch(message)
    }
    const damaged = memoryJournal()
    damaged.text = JSON.stringify({ version: 2, orders: 'many' })
    const error = await rejectionOf(client.sms.sendCampaign({ sender: 'eMarka', text: 'Merhaba', recipients: ['05301110001'], journal: damaged, resume: true }))
    expect((error as Error).message).toMatch(/not a campaign journal, or is damaged/)
    expect(sandbox.requests.length).toBe(before)
  })

  test('a journal that cannot save stops the campaign before the order it could not record is sent; the summary keeps the ids', async () => {
    const sandbox = await sandboxWith()
    const journal = memoryJournal()
    const save = journal.save.bind(journal)
    journal.save = async (state) => {
      if (state.orders.length === 2) throw new Error('ENOSPC: no space left on device')
      await save(state)
    }
    const summary = await clientOf(sandbox).sms.sendCampaign({ sender: 'eMarka', text: 'Merhaba', recipients: [...numbers(30)], perOrder: 10, journal })
    expect(summary.error).toEqual({ name: 'ValidationError', message: 'journal: the campaign journal could not be saved: ENOSPC: no space left on device', source: 'journal' })
    expect(summary).toMatchObject({ complete: false, stopped: true })
    expect(summary.orders[0]).toMatchObject({ state: 'sent', orderId: [...sandbox.store.orders.keys()][0] })
    expect(sandbox.store.orders.size).toBe(1)

    // Before any order went out, the same failure is thrown: nothing was sent.
    const broken = memoryJournal()
    broken.save = async () => {
      throw new Error('EROFS: read-only file system')
    }
    const error = await rejectionOf(clientOf(sandbox).sms.sendCampaign({ sender: 'eMarka', text: 'Başka', recipients: [...numbers(30)], perOrder: 10, journal: broken }))
    expect(error).toBeInstanceOf(IletiMerkeziError)
    expect(error).toBeInstanceOf(ValidationError)
    expect((error as Error).message).toBe('journal: the campaign journal could not be saved: EROFS: read-only file system')
    expect(sandbox.store.orders.size).toBe(1)
  })

  test('a 451 order is sent (the provider had it already), never resent; a failed order is sent again on resume', async () => {
    const sandbox = await sandboxWith()
    const client = clientOf(sandbox)
    const journal = memoryJournal()
    const campaign = { sender: 'eMarka', text: 'Merhaba', perOrder: 10, journal }
    sandbox.faults.inject({ kind: 'status', status: 451 }, { operation: 'send-sms' })
    const first = await client.sms.sendCampaign({ ...campaign, recipients: [...numbers(30)] })
    expect(first.orders.map((order) => [order.state, order.duplicate, order.orderId === undefined])).toEqual([
      ['sent', true, true],
      ['sent', undefined, false],
      ['sent', undefined, false],
    ])
    expect(first.complete).toBe(true)
    // One sandbox request for each: a 451 is not retried.
    expect(sandbox.requests.filter((request) => request.operation === 'send-sms')).toHaveLength(3)
    const resumed = await client.sms.sendCampaign({ ...campaign, recipients: [...numbers(30)], resume: true })
    expect(resumed).toMatchObject({ complete: true, failed: [] })
    expect(sandbox.requests.filter((request) => request.operation === 'send-sms')).toHaveLength(3)

    const other = memoryJournal()
    sandbox.faults.inject({ kind: 'status', status: 402 }, { operation: 'send-sms' })
    const refused = await client.sms.sendCampaign({ ...campaign, text: 'Başka', journal: other, recipients: [...numbers(30)] })
    // 402 stops the campaign: every later order would be refused too.
    expect(refused.orders.map((order) => order.state)).toEqual(['failed'])
    expect(refused.stopped).toBe(true)
    const again = await client.sms.sendCampaign({ ...campaign, text: 'Başka', journal: other, recipients: [...numbers(30)], resume: true })
    expect(again.orders.map((order) => order.state)).toEqual(['sent', 'sent', 'sent'])
  })
})

describe('rate', () => {
  test('a 429 waits as Retry-After says, then the same order goes once', async () => {
    const sandbox = await sandboxWith()
    // 2 s: longer than the 1 s the campaign would wait on its own without a Retry-After.
    sandbox.faults.inject({ kind: 'status', status: 429, retryAfter: 2 }, { operation: 'send-sms' })
    const started = performance.now()
    const summary = await clientOf(sandbox).sms.sendCampaign({ sender: 'eMarka', text: 'Merhaba', recipients: [...numbers(20)], perOrder: 10 })
    expect(performance.now() - started).toBeGreaterThanOrEqual(1950)
    expect(summary).toMatchObject({ complete: true, sent: 20 })
    expect(sandbox.requests.map((request) => request.status)).toEqual([429, 200, 200])
    expectEachOnce(sandbox, 20)
  })

  test('a RateLimitError carries the Retry-After it came with', async () => {
    const sandbox = await sandboxWith()
    sandbox.faults.inject({ kind: 'status', status: 429, retryAfter: 3 }, { operation: 'send-sms' })
    const error = await rejectionOf(clientOf(sandbox).sms.send({ sender: 'eMarka', text: 'Merhaba', recipients: ['05301110001'] }))
    expect(error).toBeInstanceOf(RateLimitError)
    expect((error as RateLimitError).retryAfterMs).toBe(3000)
  })

  test('ordersPerSecond is honoured across concurrent orders (generous window: within 10 % of the rate or slower)', async () => {
    const sandbox = await sandboxWith()
    const starts: number[] = []
    sandbox.faults.inject({ kind: 'delay', ms: 150 }, { operation: 'send-sms', times: Infinity })
    const client = createClient({
      baseUrl: sandbox.url,
      key: sandbox.key,
      secret: sandbox.secret!,
      hooks: { onRequest: () => starts.push(performance.now()) },
    })
    await client.sms.sendCampaign({ sender: 'eMarka', text: 'Merhaba', recipients: [...numbers(11)], perOrder: 1, concurrency: 4, rate: { ordersPerSecond: 20 } })
    expect(starts).toHaveLength(11)
    // 10 gaps at 20 a second: 500 ms at the least (10 % under is the bound); more on a loaded machine.
    expect(starts.at(-1)! - starts[0]!).toBeGreaterThanOrEqual(450)
    // Never ahead of the schedule: the n-th order starts n / 20 seconds after the first at the earliest
    // (one start held up by a busy machine may make the gap to the next one shorter; the rate still holds).
    for (let index = 1; index < starts.length; index++) expect(starts[index]! - starts[0]!).toBeGreaterThanOrEqual(index * 45)
  })

  test('messagesPerSecond spaces orders by their size', async () => {
    const sandbox = await sandboxWith()
    const starts: number[] = []
    const client = createClient({ baseUrl: sandbox.url, key: sandbox.key, secret: sandbox.secret!, hooks: { onRequest: () => starts.push(performance.now()) } })
    await client.sms.sendCampaign({ sender: 'eMarka', text: 'Merhaba', recipients: [...numbers(60)], perOrder: 20, concurrency: 3, rate: { messagesPerSecond: 100 } })
    // Orders of 20 at 100 a second: 200 ms apart.
    expect(starts).toHaveLength(3)
    expect(starts[1]! - starts[0]!).toBeGreaterThanOrEqual(180)
    expect(starts[2]! - starts[0]!).toBeGreaterThanOrEqual(360)
  })
})
