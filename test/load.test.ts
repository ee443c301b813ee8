import { afterAll, beforeAll, expect, test } from 'vitest'
import { createClient, IletiMerkeziError, type Contact, type IletiMerkeziClient } from '../src/index.js'
import { defaultSeed, startSandbox, type Fault, type Sandbox } from '../src/testing/index.js'
import { seededRandom } from './support/seeded-random.js'

// 2 000 calls at concurrency 50, both formats, every read method (and a share of creates), with
// random faults injected through the sandbox's switches on 10 % of them, from a fixed seed.
// Every call gives the right data or a typed error; nothing is created twice, nothing is lost.

const totalCalls = 2000
const concurrency = 50
const faultRate = 0.1
const createRate = 0.05
const seed = Number(process.env.LOAD_SEED ?? 20_241_202)
// Client and sandbox share one event loop here: the timeout leaves room for 50 calls in flight.
const clientTimeout = 1000

interface Read {
  label: string
  operation: string
  call: (client: IletiMerkeziClient) => Promise<unknown>
  /** Where the provider offers the endpoint in one format only. */
  formats?: readonly ('json' | 'xml')[]
}

// One entry a read method; each is called with fixed arguments so a fault-free reference exists.
const reads: Read[] = [
  { label: 'senders.list', operation: 'get-sender', call: (client) => client.senders.list() },
  { label: 'contacts.get', operation: 'get-contact', call: (client) => client.contacts.get(1001) },
  { label: 'contacts.get (another)', operation: 'get-contact', call: (client) => client.contacts.get(1005) },
  { label: 'contacts.search', operation: 'search-contacts', call: (client) => client.contacts.search({ key: 'example' }) },
  { label: 'contacts.search (a page)', operation: 'search-contacts', call: (client) => client.contacts.search({ key: 'example', page: 2, rowCount: 2 }) },
  { label: 'groups.list', operation: 'get-groups', call: (client) => client.groups.list() },
  { label: 'groups.get', operation: 'get-group', call: (client) => client.groups.get(7) },
  { label: 'groups.contacts', operation: 'get-group-contacts', call: (client) => client.groups.contacts({ id: 7 }) },
  { label: 'account.balance', operation: 'get-balance', call: (client) => client.account.balance() },
  { label: 'reports.get', operation: 'get-report', call: (client) => client.reports.get({ orderId: '247155523' }) },
  { label: 'reports.list', operation: 'get-reports', call: (client) => client.reports.list({ start: '2024-12-01', end: '2024-12-05' }), formats: ['json'] },
  { label: 'blacklist.list', operation: 'get-blacklist', call: (client) => client.blacklist.list() },
]

const proxyPage = '<html><body><h1>502 Bad Gateway</h1></body></html>'
const faults: Fault[] = [
  { kind: 'delay', ms: clientTimeout + 200 }, // past the client's timeout
  { kind: 'reset' },
  { kind: 'status', status: 503 },
  { kind: 'status', status: 503, retryAfter: 0 },
  { kind: 'status', status: 429, retryAfter: 0 },
  { kind: 'status', status: 500 },
  { kind: 'malformed' },
  { kind: 'malformed', body: proxyPage, status: 502 },
]

let sandbox: Sandbox
const unhandled: unknown[] = []
const onUnhandled = (reason: unknown) => void unhandled.push(reason)

beforeAll(async () => {
  process.on('unhandledRejection', onUnhandled)
  sandbox = await startSandbox()
})
afterAll(async () => {
  process.off('unhandledRejection', onUnhandled)
  await sandbox.close()
})

test(`load: ${totalCalls} calls at concurrency ${concurrency}, both formats, ${faultRate * 100} % faults`, async () => {
  const clients = {
    json: createClient({ baseUrl: sandbox.url, key: sandbox.key, secret: sandbox.secret!, format: 'json', timeout: clientTimeout }),
    // Typed with every method (reads run in both formats; the JSON-only ones say so in `formats`).
    xml: createClient({ baseUrl: sandbox.url, key: sandbox.key, secret: sandbox.secret!, format: 'xml' as 'json' | 'xml', timeout: clientTimeout }),
  }

  // Fault-free references, which must also agree across formats.
  const reference = new Map<Read, unknown>()
  for (const read of reads) {
    const results = await Promise.all((read.formats ?? (['json', 'xml'] as const)).map((format) => read.call(clients[format])))
    for (const result of results.slice(1)) expect(result, `${read.label}: formats agree`).toEqual(results[0])
    reference.set(read, results[0])
  }
  const seededContacts = structuredClone([...sandbox.store.contacts.values()])
  const seededGroups = structuredClone([...sandbox.store.groups.values()])
  sandbox.requests.length = 0

  type Task = { kind: 'read'; read: Read; format: 'json' | 'xml'; fault?: Fault } | { kind: 'create'; name: string; format: 'json' | 'xml'; fault?: Fault }
  const random = seededRandom(seed)
  const pick = <Item>(items: readonly Item[]): Item => items[Math.floor(random() * items.length)]!
  // Exactly faultRate of the calls get a fault, spread at random (a seeded Fisher–Yates shuffle).
  const order = Array.from({ length: totalCalls }, (_, index) => index)
  for (let index = order.length - 1; index > 0; index--) {
    const other = Math.floor(random() * (index + 1))
    ;[order[index], order[other]] = [order[other]!, order[index]!]
  }
  const faulted = new Set(order.slice(0, Math.round(totalCalls * faultRate)))
  const tasks: Task[] = Array.from({ length: totalCalls }, (_, index): Task => {
    const format = random() < 0.5 ? 'json' : 'xml'
    const fault = faulted.has(index) ? pick(faults) : undefined
    // Created contacts match none of the reads' keys, groups or ids: the references stay right.
    if (random() < createRate) return { kind: 'create', name: `Yük testi ${index}`, format, fault }
    const read = pick(reads.filter((candidate) => candidate.formats === undefined || candidate.formats.includes(format)))
    return { kind: 'read', read, format, fault }
  })

  let injected = 0
  let typedErrors = 0
  let wrongResults = 0
  let untyped = 0
  const created = new Map<string, 'ok' | 'failed'>()
  const problems: string[] = []
  const errorKinds = new Map<string, number>()

  async function run(task: Task): Promise<void> {
    const client = clients[task.format]
    const operation = task.kind === 'read' ? task.read.operation : 'add-contact'
    if (task.fault) {
      sandbox.faults.inject(task.fault, { operation })
      injected++
    }
    try {
      if (task.kind === 'read') {
        const value = await task.read.call(client)
        try {
          expect(value).toEqual(reference.get(task.read))
        } catch {
          wrongResults++
          problems.push(`${task.read.label} (${task.format}): wrong data`)
        }
      } else {
        const contact: Contact = await client.contacts.create({ name: task.name, gsm: '05550000000' })
        created.set(task.name, 'ok')
        if (contact.name !== task.name) {
          wrongResults++
          problems.push(`contacts.create (${task.format}): wrong contact back`)
        }
      }
    } catch (error) {
      if (task.kind === 'create') created.set(task.name, 'failed')
      if (error instanceof IletiMerkeziError) {
        typedErrors++
        errorKinds.set(error.name, (errorKinds.get(error.name) ?? 0) + 1)
      }
      else {
        untyped++
        problems.push(`${operation} (${task.format}): not a typed error: ${String(error)}`)
      }
    }
  }

  const started = performance.now()
  const queue = [...tasks]
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let task = queue.shift(); task !== undefined; task = queue.shift()) await run(task)
    }),
  )
  const elapsedMs = performance.now() - started
  // Delayed requests are carried out late: let the sandbox finish them before reading its store.
  await new Promise((resolve) => setTimeout(resolve, 400))

  const kinds = [...errorKinds].map(([name, count]) => `${name} ${count}`).join(', ')
  console.log(
    `load: ${totalCalls} calls, ${injected} faults injected, ${typedErrors} typed errors, ${wrongResults} wrong results` +
      ` (${sandbox.requests.length} requests, ${Math.round(elapsedMs)} ms, seed ${seed}${kinds ? `; ${kinds}` : ''})`,
  )

  expect(problems).toEqual([])
  expect(untyped).toBe(0)
  expect(wrongResults).toBe(0)
  expect(unhandled).toEqual([])
  expect(injected).toBe(totalCalls * faultRate)
  expect(sandbox.faults.injected).toBe(injected) // every fault was met by a request
  expect(sandbox.faults.pending).toBe(0)
  // With retries most faults are ridden out; a few end as typed errors (cut-off bodies, failed creates).
  expect(typedErrors).toBeLessThanOrEqual(injected)

  // Nothing created twice: each create was one request, and each name is stored at most once.
  const creates = tasks.filter((task) => task.kind === 'create')
  expect(sandbox.requests.filter((request) => request.operation === 'add-contact')).toHaveLength(creates.length)
  const stored = [...sandbox.store.contacts.values()]
  for (const task of creates) {
    const copies = stored.filter((contact) => contact.name === task.name).length
    if (created.get(task.name) === 'ok') expect(copies, `${task.name}: created once`).toBe(1)
    else expect(copies, `${task.name}: a failed create is stored at most once`).toBeLessThanOrEqual(1)
  }
  // Nothing lost: the seed is all there, unchanged.
  for (const contact of seededContacts) expect(sandbox.store.contacts.get(contact.id)).toEqual(contact)
  for (const group of seededGroups) expect(sandbox.store.groups.get(group.id)).toEqual(group)
  expect(seededContacts.length).toBe(defaultSeed.contacts.length)
}, 50_000)

// 10 000 sends at concurrency 100 against one sandbox with duplicate-order detection on, a rate limit
// switched on for the middle thousand (the provider's 100 a second, halved: over it whatever the machine's
// speed), answers gzip-compressed: every send is an order, a 451 or a RateLimitError, never two orders for one
// text and recipients, and the credits spent are exactly those of the orders stored.
test('load: 10 000 sends at concurrency 100, with duplicates (451), a rate limit (429) and gzip', async () => {
  const sends = 10_000
  const sendConcurrency = 100
  const duplicateRate = 0.05
  const credits = 1_000_000
  const busy = await startSandbox({ duplicateOrders: true, seed: { balance: { amount: credits, sms: credits } } })
  try {
    let plain = 0
    const counting: typeof fetch = async (input, init) => {
      const response = await fetch(input, init)
      if (response.headers.get('content-encoding') !== 'gzip') plain++
      return response
    }
    const clients = {
      json: createClient({ baseUrl: busy.url, key: busy.key, secret: busy.secret!, format: 'json', timeout: 20_000, fetch: counting }),
      xml: createClient({ baseUrl: busy.url, key: busy.key, secret: busy.secret!, format: 'xml', timeout: 20_000, fetch: counting }),
    }
    const random = seededRandom(seed)
    // Each send is its own text to its own number, except a share that repeats an earlier one exactly.
    const orders = Array.from({ length: sends }, (_, index) => {
      const original = index > 0 && random() < duplicateRate ? Math.floor(random() * index) : index
      return { original, format: random() < 0.5 ? ('json' as const) : ('xml' as const) }
    })
    const outcomes: ('ok' | 451 | 429 | string)[] = new Array(sends)
    const orderIds = new Set<string>()
    const queue = orders.map((_, index) => index)
    await Promise.all(
      Array.from({ length: sendConcurrency }, async () => {
        for (let index = queue.shift(); index !== undefined; index = queue.shift()) {
          if (index === 4000) busy.store.settings.rateLimit = 50
          if (index === 5000) busy.store.settings.rateLimit = undefined
          const { original, format } = orders[index]!
          try {
            const sent = await clients[format].sms.send({ sender: 'APITEST', text: `Yük testi ${original}`, recipients: [`0532${String(original).padStart(7, '0')}`] })
            outcomes[index] = 'ok'
            orderIds.add(sent.orderId)
          } catch (error) {
            const code = (error as IletiMerkeziError).code
            outcomes[index] = code === 451 || code === 429 ? code : `${(error as Error).name}: ${(error as Error).message}`
          }
        }
      }),
    )
    const count = (kind: (typeof outcomes)[number]) => outcomes.filter((outcome) => outcome === kind).length
    console.log(`load: ${sends} sends, ${count('ok')} orders, ${count(451)} duplicates (451), ${count(429)} over the rate limit (429), ${plain} plain answers`)

    expect(outcomes.filter((outcome) => typeof outcome === 'string' && outcome !== 'ok')).toEqual([])
    expect(plain).toBe(0)
    expect(count(429)).toBeGreaterThan(0)
    expect(count(451)).toBeGreaterThan(0)
    // Every send was one request (none retried), answered as the client saw it.
    const logged = busy.requests.filter((request) => request.operation === 'send-sms')
    expect(logged).toHaveLength(sends)
    expect(logged.filter((request) => request.status === 200)).toHaveLength(count('ok'))
    expect(logged.filter((request) => request.status === 451)).toHaveLength(count(451))
    expect(logged.filter((request) => request.status === 429)).toHaveLength(count(429))
    // One order per text and number, and a 451 only where an earlier send of it was accepted.
    const stored = [...busy.store.orders.values()].filter((order) => orderIds.has(order.id))
    expect(stored).toHaveLength(count('ok'))
    const texts = stored.map((order) => order.messages[0]!.text)
    expect(new Set(texts).size).toBe(texts.length)
    const accepted = new Set(orders.filter((_, index) => outcomes[index] === 'ok').map((order) => order.original))
    orders.forEach((order, index) => {
      if (outcomes[index] === 451) expect(accepted.has(order.original), `send ${index} refused as a duplicate of an accepted one`).toBe(true)
    })
    expect(busy.store.balance.sms).toBe(credits - count('ok'))
  } finally {
    await busy.close()
  }
}, 240_000)
