import { getHeapStatistics } from 'node:v8'
import { createClient, type Format } from '../src/index.js'
import { startRemoteSandbox } from './remote-sandbox.js'

export interface SearchAllResults {
  contacts: number
  contactsPerSecond: Record<Format, number>
  /** The very first walk (JSON), while the sandbox still lower-cases each contact and builds its match list. */
  firstWalkContactsPerSecond: number
  /** Peak heap growth over the pre-run baseline while iterating in XML, in MB. */
  peakHeapGrowthMbXml: number
  /** How long the sandbox took to start with its seed, in milliseconds. */
  sandboxSeedMs: number
  /** The sandbox process's peak resident memory, in MB. */
  sandboxPeakRssMb: number
}

const gc = (globalThis as { gc?: () => void }).gc

async function iterate(format: Format, sandbox: { url: string; key: string; hash: string }, onContact: () => void) {
  const client = createClient({ baseUrl: sandbox.url, key: sandbox.key, hash: sandbox.hash, format })
  let count = 0
  const start = performance.now()
  for await (const contact of client.contacts.searchAll({ key: 'örnek', rowCount: 1000 })) {
    if (contact.id <= 0) throw new Error('a contact without an id')
    count++
    onContact()
  }
  return { count, seconds: (performance.now() - start) / 1000 }
}

/**
 * `searchAll` over `total` contacts from a sandbox in another process,
 * rowCount 1000: throughput in each format (passes with nothing else
 * going on), then peak heap growth in XML, sampled at every contact: the
 * page being read, the page read ahead and whatever garbage the collector
 * has not taken yet. A whole address book held would show as growth.
 */
export async function benchSearchAll(total = 100_000): Promise<SearchAllResults> {
  const sandbox = await startRemoteSandbox(total)
  try {
    // A first pass warms up both paths (and the sandbox's own caches); the very first one is kept as the cold figure.
    const first = await iterate('json', sandbox, () => {})
    await iterate('xml', sandbox, () => {})
    const xml = await iterate('xml', sandbox, () => {})
    const json = await iterate('json', sandbox, () => {})
    if (xml.count !== total || json.count !== total) throw new Error(`expected ${total} contacts, got ${xml.count} (xml) and ${json.count} (json)`)

    gc?.()
    const baseline = getHeapStatistics().used_heap_size
    let peak = baseline
    const heap = await iterate('xml', sandbox, () => {
      peak = Math.max(peak, getHeapStatistics().used_heap_size)
    })
    if (heap.count !== total) throw new Error(`expected ${total} contacts, got ${heap.count}`)
    return {
      contacts: total,
      contactsPerSecond: { xml: xml.count / xml.seconds, json: json.count / json.seconds },
      firstWalkContactsPerSecond: first.count / first.seconds,
      peakHeapGrowthMbXml: (peak - baseline) / 2 ** 20,
      sandboxSeedMs: sandbox.seedMs,
      sandboxPeakRssMb: await sandbox.peakRssMb(),
    }
  } finally {
    sandbox.stop()
  }
}
