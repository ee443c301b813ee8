import { afterEach, describe, expect, test, vi } from 'vitest'
import { deepestNesting, jsonCodec, mostContainers, mostItems, mostNumbersLookedAt } from '../src/codec/json/json-codec.js'
import { createClient, TimeoutError } from '../src/index.js'

// Issue 24, item 3: a JSON answer's nesting and size in values are bounded by one linear pass before
// JSON.parse, each bound read at its edge and refused one past it, and the call's `timeout` covers
// decoding. (That no answer at the cap holds the event loop near a timeout: test/hostile-json-cap.test.ts.)

const key = 'hostile-json-key'
const secret = 'hostile-json-secret'
const timeout = 1000

function answering(body: string): typeof fetch {
  return async () => new Response(body, { status: 200, headers: { 'content-type': 'application/json' } })
}

/** A get-contact answer whose custom field values are `values` (JSON text, comma-separated) and whose name fills it to about `size`. */
function contactAnswer(size: number, values: readonly string[] = [], nameUnit = 'x'): string {
  const fields = values.map((value, index) => `{"id":${index + 1},"value":${value}}`).join(',')
  const head = `{"response":{"status":{"code":200,"message":"OK"},"contact":{"id":1,"surname":"","email":"","gsm":"","custom_fields":[${fields}],"groups":[],"name":"`
  const tail = '"}}}'
  return head + nameUnit.repeat(Math.max(0, Math.floor((size - head.length - tail.length) / nameUnit.length))) + tail
}

afterEach(() => {
  vi.restoreAllMocks()
})

describe('JSON answers are bounded, whatever they hold', () => {
  test('each bound at its edge: at it an answer is read, one past it is a ProtocolError naming it', async () => {
    const client = (body: string) => createClient({ key, secret, format: 'json', retry: 0, fetch: answering(body) })
    const nested = (levels: number) => contactAnswer(0, [`${'['.repeat(levels - 5)}1${']'.repeat(levels - 5)}`])
    // The custom field's value stands 5 levels in (the document, response, contact, custom_fields, the field).
    await expect(client(nested(deepestNesting)).contacts.get(1)).rejects.toThrow(/value/)
    await expect(client(nested(deepestNesting + 1)).contacts.get(1)).rejects.toThrow(`the body nests deeper than ${deepestNesting} levels`)

    // The answer holds 6 (the document, response, status, contact, custom_fields, groups), and 2 a field.
    const containers = (count: number) => contactAnswer(0, Array.from({ length: (count - 6) / 2 }, () => '[]'))
    await expect(client(containers(mostContainers)).contacts.get(1)).rejects.toThrow(/value/)
    await expect(client(containers(mostContainers + 2)).contacts.get(1)).rejects.toThrow(`the body holds more than ${mostContainers} objects and arrays`)

    const items = (count: number) => contactAnswer(0).replace('"groups":[]', `"groups":[${Array.from({ length: count }, () => '7').join(',')}]`)
    // The answer's own commas: 8, and one fewer than its groups between these.
    await expect(client(items(mostItems - 7)).contacts.get(1)).resolves.toMatchObject({ id: 1 })
    await expect(client(items(mostItems - 6)).contacts.get(1)).rejects.toThrow(`the body holds more than ${mostItems} items`)

    const looked = (count: number) => contactAnswer(0, Array.from({ length: count }, () => '1e400'))
    await expect(client(looked(mostNumbersLookedAt)).contacts.get(1)).resolves.toMatchObject({ customFields: expect.arrayContaining([{ id: 1, value: '1e400' }]) })
    await expect(client(looked(mostNumbersLookedAt + 1)).contacts.get(1)).rejects.toThrow(`more than ${mostNumbersLookedAt} numbers`)
  }, 60_000)
})

test('a request (the sandbox’s side) is bounded in nesting only: a bulk order of 60 000 messages is read', () => {
  const messages = Array.from({ length: 60_000 }, (_, index) => ({ text: 'x', receipents: { number: [`90532${String(index).padStart(7, '0')}`] } }))
  const request = JSON.stringify({ request: { order: { sender: 'eMarka', message: messages } } })
  const read = jsonCodec.decodeRequest(request, []) as { order: { message: unknown[] } }
  expect(read.order.message).toHaveLength(60_000)
  expect(() => jsonCodec.decodeRequest(`{"request":${'['.repeat(deepestNesting)}${']'.repeat(deepestNesting)}}`, [])).toThrow(`the body nests deeper than ${deepestNesting} levels`)
  // The same as an answer is refused.
  expect(() => jsonCodec.decodeResponse(request.replace('"request"', '"response"'), [])).toThrow(`the body holds more than ${mostContainers} objects and arrays`)
})

describe('the timeout covers decoding', () => {
  test('a result decoded past the deadline is a TimeoutError; decoded within it, the result', async () => {
    // Decoding that takes 2 s by the clock, made so deterministically: the clock jumps while JSON.parse runs.
    const realNow = performance.now.bind(performance)
    let skipped = 0
    vi.spyOn(performance, 'now').mockImplementation(() => realNow() + skipped)
    const parse = JSON.parse
    const body = contactAnswer(2000)
    const client = createClient({ key, secret, format: 'json', retry: 0, timeout, fetch: answering(body) })
    await expect(client.contacts.get(1)).resolves.toMatchObject({ id: 1 })

    vi.spyOn(JSON, 'parse').mockImplementation((text: string, reviver?: Parameters<typeof JSON.parse>[1]) => {
      if (text === body) skipped += 2 * timeout
      return parse(text, reviver)
    })
    const late = await client.contacts.get(1).catch((error: unknown) => error)
    expect(late).toBeInstanceOf(TimeoutError)
    expect((late as TimeoutError).message).toBe(`no answer within ${timeout} ms (the answer was read and decoded past it)`)
    expect(late).toMatchObject({ operation: 'get-contact', format: 'json', url: 'https://api.iletimerkezi.com/v1/get-contact/json' })
  })
})
