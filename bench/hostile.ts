// Hostile input, side by side with ordinary input of the same size (issue 14, items 1 and 5):
// - XML decoding of bodies built to make a decoder work hard (constructs left open and repeated
//   by the hundred thousand, and the bodies fast-xml-parser's validator finds costliest,
//   test/support/hostile-xml.ts), at the 5 MiB `maxResponseBytes` cap,
//   against decoding a plain 5 MiB search-contacts page; and the worst body at 1 MiB against the
//   same at 5 MiB (linear: about 5);
// - XML request encoding of long hostile text (`'a\r'.repeat(2 ** 19)`, a CDATA section and a
//   `&#13;` per character pair) against JSON encoding of the same request.
import { jsonCodec } from '../src/codec/json/json-codec.js'
import { xmlCodec } from '../src/codec/xml/xml-codec.js'
import { addContact, searchContacts } from '../src/operations/index.js'
import { contactTree } from '../src/testing/sandbox/handlers/contact-tree.js'
import { statusMessages } from '../src/status/status-codes.js'
import { wireList } from '../src/wire/tree.js'
import { costlyBodies, unboundedBodies } from '../test/support/hostile-xml.js'
import { makeContacts } from './bodies.js'
import { compare, median, type Comparison } from './measure.js'

export interface HostileResults {
  /**
   * The slowest hostile body at the cap, its median ms, against the plain page's median ms (the
   * one-pass reader's path) and a well-formed body that takes the general path (an attribute).
   */
  decodeWorst: { name: string; ms: number; plainMs: number; ratio: number; generalMs: number; ratioToGeneral: number }
  /** The slowest body's median at 5 MiB over its median at 1 MiB. */
  decodeGrowth5x: number
  encodeXmlVsJson: Comparison
}

const cap = 5 * 2 ** 20

function decodeMs(body: string, runs: number): number {
  const times: number[] = []
  for (let run = 0; run < runs; run++) {
    const start = performance.now()
    try {
      xmlCodec.decodeResponse(body, searchContacts.lists)
    } catch {
      // Refused, as every hostile body must be: the time to refuse is the figure.
    }
    times.push(performance.now() - start)
  }
  return median(times)
}

/** A search-contacts page of about `size` characters, as the provider writes it. */
function plainPage(size: number): string {
  const perContact = xmlCodec.encodeResponse({ status: { code: 200, message: statusMessages[200]! }, contacts: wireList('contact', makeContacts(100).map(contactTree)) }).length / 100
  const contacts = makeContacts(Math.floor(size / perContact)).map(contactTree)
  return xmlCodec.encodeResponse({ status: { code: 200, message: statusMessages[200]! }, contacts: wireList('contact', contacts) })
}

export async function benchHostile(): Promise<HostileResults> {
  const runs = 3
  const plainMs = decodeMs(plainPage(cap), runs)
  const generalMs = decodeMs(plainPage(cap).replace('<response>', '<response note="general path">'), runs)
  let worst = { name: '', ms: 0 }
  const bodies = (size: number) => ({ ...unboundedBodies(size), ...costlyBodies(size) })
  for (const [name, body] of Object.entries(bodies(cap))) {
    const ms = decodeMs(body, runs)
    if (ms > worst.ms) worst = { name, ms }
  }
  const atOneMiB = decodeMs(bodies(2 ** 20)[worst.name]!, runs)

  const tree = addContact.request({ name: 'a\r'.repeat(2 ** 19) } as never)
  const encodeXmlVsJson = await compare(
    () => xmlCodec.encodeRequest(tree),
    () => jsonCodec.encodeRequest(tree),
    { warmup: 2, warmupMs: 0, rounds: 6, batch: 1 },
  )
  return { decodeWorst: { ...worst, plainMs, ratio: worst.ms / plainMs, generalMs, ratioToGeneral: worst.ms / generalMs }, decodeGrowth5x: worst.ms / atOneMiB, encodeXmlVsJson }
}
