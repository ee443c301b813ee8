import { describe, expect, test } from 'vitest'
import { generalPathLimit } from '../src/codec/xml/general-reader.js'
import { createClient, ProtocolError } from '../src/index.js'
import { longestStallDuring } from './support/event-loop-gap.js'
import { hostileBodies } from './support/hostile-xml.js'

// Issue 14, item 1: decoding is linear and bounded whatever a body holds, and never holds the event
// loop past the call's `timeout` (API.md, "Hostile answers"). Bodies at the 5 MiB cap (the default
// maxResponseBytes) and at the general path's limit, through a whole call with `timeout: 1000`.

const key = 'hostile-test-key'
const secret = 'hostile-test-secret'
const timeout = 1000

function answering(body: string): typeof fetch {
  return async () => new Response(body, { status: 200, headers: { 'content-type': 'text/xml; charset=UTF-8' } })
}

/** The longest the event loop was held during `contacts.get(1)` answered with `body`, in ms, and what the call gave. */
function stallOf(body: string): Promise<{ ms: number; outcome: unknown }> {
  const client = createClient({ key, secret, format: 'xml', retry: 0, timeout, fetch: answering(body) })
  return longestStallDuring(() => client.contacts.get(1).catch((error: unknown) => error))
}

/** A well-formed contact answer of `size` characters whose name is most of it; `open` is the root's start tag. */
function contactAnswer(size: number, open = '<response>'): string {
  const head = `${open}<status><code>200</code><message>OK</message></status><contact><id>1</id><name>`
  const tail = '</name></contact></response>'
  return head + 'x'.repeat(size - head.length - tail.length) + tail
}

function expectRefusedInTime(name: string, body: string, size: number, { ms, outcome }: { ms: number; outcome: unknown }): void {
  expect(body.length, name).toBeGreaterThan(size - 32)
  expect(body.length, name).toBeLessThanOrEqual(size)
  expect(outcome, name).toBeInstanceOf(ProtocolError)
  expect(ms, `${name}: the event loop was held ${ms.toFixed(0)} ms`).toBeLessThan(timeout)
}

describe('decoding is bounded, whatever the body holds', () => {
  const cap = 5 * 2 ** 20

  test("a plain answer at the cap is read by the one-pass reader well within the call's timeout", async () => {
    const { ms, outcome } = await stallOf(contactAnswer(cap))
    expect(outcome).toMatchObject({ id: 1, name: expect.stringMatching(/^x+$/) })
    expect(ms).toBeLessThan(timeout)
  })

  test('bodies at the cap of constructs left open by the hundred thousand, or costly to validate: a ProtocolError, in less than the timeout', async () => {
    // Before, the body held the loop about 5 s at 256 KiB, minutes at 5 MiB; then, with the
    // general path linear, up to 1.5 s at 5 MiB (fast-xml-parser gathers text a character at a time).
    for (const [name, body] of Object.entries(hostileBodies(cap))) {
      expectRefusedInTime(name, body, cap, await stallOf(body))
    }
  }, 120_000)

  test('the same bodies at the general path’s limit, which that path reads to the end: a ProtocolError, in less than the timeout', async () => {
    for (const [name, body] of Object.entries(hostileBodies(generalPathLimit))) {
      expectRefusedInTime(name, body, generalPathLimit, await stallOf(body))
    }
  }, 120_000)

  test('a well-formed answer that needs the general path (an attribute) is read up to its limit, refused past it, naming the limit', async () => {
    const atLimit = await stallOf(contactAnswer(generalPathLimit, '<response note="x">'))
    expect(atLimit.outcome).toMatchObject({ id: 1 })
    expect(atLimit.ms).toBeLessThan(timeout)

    const over = await stallOf(contactAnswer(generalPathLimit + 1, '<response note="x">'))
    expect(over.outcome).toBeInstanceOf(ProtocolError)
    expect((over.outcome as ProtocolError).message).toContain(`at ${generalPathLimit + 1} characters it is over the ${generalPathLimit} the general reader takes`)
    // A plain answer of the same size is not held to that limit.
    expect((await stallOf(contactAnswer(generalPathLimit + 1))).outcome).toMatchObject({ id: 1 })
  })
})
