import { monitorEventLoopDelay } from 'node:perf_hooks'
import { describe, expect, test } from 'vitest'
import { createClient, ProtocolError } from '../src/index.js'
import { unboundedBodies } from './support/hostile-xml.js'

// Issue 14, item 1: decoding is linear and bounded whatever a body holds. Bodies at the 5 MiB cap
// (the default maxResponseBytes) through a whole call: a typed error, and the event loop free.

const key = 'hostile-test-key'
const secret = 'hostile-test-secret'

function answering(body: string): typeof fetch {
  return async () => new Response(body, { status: 200, headers: { 'content-type': 'text/xml; charset=UTF-8' } })
}

/** The longest the event loop was held during `call`, in ms, and what the call gave. */
async function stallOf(call: () => Promise<unknown>): Promise<{ ms: number; outcome: unknown }> {
  const delay = monitorEventLoopDelay({ resolution: 10 })
  delay.enable()
  const outcome = await call().catch((error: unknown) => error)
  // The histogram records a stall when its timer next runs: let it.
  await new Promise((resolve) => setTimeout(resolve, 30))
  delay.disable()
  return { ms: delay.max / 1e6, outcome }
}

describe('decoding is bounded, whatever the body holds', () => {
  const cap = 5 * 2 ** 20

  test('bodies at the cap of constructs left open by the hundred thousand: a ProtocolError, no longer a stall than a well-formed body', async () => {
    // The yardstick: a well-formed answer of the same size that also takes the general path (an
    // attribute sends it there), a contact whose name is most of the body.
    const head = '<response note="x"><status><code>200</code><message>OK</message></status><contact><id>1</id><name>'
    const tail = '</name></contact></response>'
    const wellFormed = head + 'x'.repeat(cap - head.length - tail.length) + tail
    const yardstick = await stallOf(() => createClient({ key, secret, format: 'xml', retry: 0, fetch: answering(wellFormed) }).contacts.get(1))
    expect(yardstick.outcome).toMatchObject({ id: 1 })
    // Generous, for a shared and noisy machine: linear work holds the loop about as long as reading a
    // well-formed body does. Before, the body held it about 5 s at 256 KiB, minutes at 5 MiB.
    const bound = 2 * yardstick.ms + 1000
    for (const [name, body] of Object.entries(unboundedBodies(cap))) {
      expect(body.length, name).toBeGreaterThan(cap - 32)
      expect(body.length, name).toBeLessThanOrEqual(cap)
      const { ms, outcome } = await stallOf(() => createClient({ key, secret, format: 'xml', retry: 0, fetch: answering(body) }).contacts.get(1))
      expect(outcome, name).toBeInstanceOf(ProtocolError)
      expect(ms, `${name}: event loop held ${ms.toFixed(0)} ms, a well-formed body ${yardstick.ms.toFixed(0)} ms`).toBeLessThan(bound)
    }
  }, 600_000)
})
