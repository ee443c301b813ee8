// Hostile input, side by side with ordinary input of the same size (issue 14, items 1 and 5):
// - XML decoding of bodies built to make a decoder work hard (constructs left open and repeated
//   by the hundred thousand, and the bodies fast-xml-parser's validator finds costliest,
//   test/support/hostile-xml.ts): at the 5 MiB `maxResponseBytes` cap, against a plain 5 MiB
//   search-contacts page (the one-pass reader's path); at the general path's 1 Mi limit, where
//   fast-xml-parser reads them to the end, against a well-formed body of that size on that path
//   (an attribute on the root); and the worst of them at the limit against a fifth of it (5 if
//   linear; fast-xml-parser's text gathering grows faster than that between 256 KiB and 1 MiB);
// - JSON decoding of bodies built to hold JSON.parse (nesting, containers and numbers by the million,
//   test/support/hostile-json.ts) at the cap, against JSON.parse over a plain 5 MiB JSON page;
// - XML request encoding of long hostile text (`'a\r'.repeat(2 ** 19)`, a CDATA section and a
//   `&#13;` per character pair) against JSON encoding of the same request.
import { jsonCodec } from '../src/codec/json/json-codec.js'
import { xmlCodec } from '../src/codec/xml/xml-codec.js'
import { generalPathLimit } from '../src/codec/xml/general-reader.js'
import { addContact, searchContacts } from '../src/operations/index.js'
import { contactTree } from '../src/testing/sandbox/handlers/contact-tree.js'
import { statusMessages } from '../src/status/status-codes.js'
import { wireList } from '../src/wire/tree.js'
import { hostileJsonBodies } from '../test/support/hostile-json.js'
import { hostileBodies } from '../test/support/hostile-xml.js'
import { makeContacts } from './bodies.js'
import { compare, median, type Comparison } from './measure.js'

export interface HostileResults {
  /** The slowest hostile body at the cap, its median ms, against the plain page's median ms. */
  decodeAtCap: { name: string; ms: number; plainMs: number; ratio: number }
  /**
   * The slowest hostile body at the general path's limit, against a well-formed body of the same
   * size on that path: the longest the event loop can be held by an answer's decoding.
   */
  decodeAtLimit: { name: string; ms: number; generalMs: number; ratio: number }
  /** The slowest body's median at the limit over its median at a fifth of it. */
  decodeGrowth5x: number
  /** The slowest hostile JSON body at the cap, its median ms, against JSON.parse's over a plain 5 MiB JSON page. */
  jsonDecodeAtCap: { name: string; ms: number; plainMs: number; ratio: number }
  encodeXmlVsJson: Comparison
}

const cap = 5 * 2 ** 20

function decodeMs(body: string, runs: number, codec: typeof xmlCodec = xmlCodec): number {
  const times: number[] = []
  for (let run = 0; run < runs; run++) {
    const start = performance.now()
    try {
      codec.decodeResponse(body, searchContacts.lists)
    } catch {
      // Refused, as every hostile body must be: the time to refuse is the figure.
    }
    times.push(performance.now() - start)
  }
  return median(times)
}

/** A search-contacts page of about `size` characters, as the provider writes it. */
function plainPage(size: number, codec: typeof xmlCodec = xmlCodec): string {
  const perContact = codec.encodeResponse({ status: { code: 200, message: statusMessages[200]! }, contacts: wireList('contact', makeContacts(100).map(contactTree)) }).length / 100
  const contacts = makeContacts(Math.floor(size / perContact)).map(contactTree)
  return codec.encodeResponse({ status: { code: 200, message: statusMessages[200]! }, contacts: wireList('contact', contacts) })
}

/** The hostile body slowest to decode at `size`, and its median ms. */
function slowest(size: number, runs: number): { name: string; ms: number } {
  let worst = { name: '', ms: 0 }
  for (const [name, body] of Object.entries(hostileBodies(size))) {
    const ms = decodeMs(body, runs)
    if (ms > worst.ms) worst = { name, ms }
  }
  return worst
}

export async function benchHostile(): Promise<HostileResults> {
  const runs = 3
  const plainMs = decodeMs(plainPage(cap), runs)
  const atCap = slowest(cap, runs)
  const general = plainPage(Math.floor(generalPathLimit * 0.97)).replace('<response>', '<response note="general path">')
  // Read, not refused: the figure is the general path's reading of a body it takes.
  xmlCodec.decodeResponse(general, searchContacts.lists)
  const generalMs = decodeMs(general, runs)
  const atLimit = slowest(generalPathLimit, runs)
  const fifth = hostileBodies(generalPathLimit / 5)[atLimit.name]!
  const atFifth = decodeMs(fifth, runs)

  // The yardstick is JSON.parse alone over a plain 5 MiB page: the codec refuses one (some 25 000
  // contacts, past its bounds; the provider's pages hold at most 1000).
  const jsonPage = plainPage(cap, jsonCodec)
  const jsonPlainMs = median(Array.from({ length: runs }, () => {
    const start = performance.now()
    JSON.parse(jsonPage)
    return performance.now() - start
  }))
  let jsonWorst = { name: '', ms: 0 }
  for (const [name, body] of Object.entries(hostileJsonBodies(cap))) {
    const ms = decodeMs(body, runs, jsonCodec)
    if (ms > jsonWorst.ms) jsonWorst = { name, ms }
  }

  const tree = addContact.request({ name: 'a\r'.repeat(2 ** 19) } as never)
  const encodeXmlVsJson = await compare(
    () => xmlCodec.encodeRequest(tree),
    () => jsonCodec.encodeRequest(tree),
    { warmup: 2, warmupMs: 0, rounds: 6, batch: 1 },
  )
  return {
    decodeAtCap: { ...atCap, plainMs, ratio: atCap.ms / plainMs },
    decodeAtLimit: { ...atLimit, generalMs, ratio: atLimit.ms / generalMs },
    decodeGrowth5x: atLimit.ms / atFifth,
    jsonDecodeAtCap: { ...jsonWorst, plainMs: jsonPlainMs, ratio: jsonWorst.ms / jsonPlainMs },
    encodeXmlVsJson,
  }
}
