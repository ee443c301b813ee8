import { createClient, type Format } from '../src/index.js'
import { startRemoteSandbox } from './remote-sandbox.js'

export interface SearchAllResults {
  contacts: number
  contactsPerSecond: Record<Format, number>
  /** Peak heap growth over the pre-run baseline while iterating in XML, in MB. */
  peakHeapGrowthMbXml: number
}

const gc = (globalThis as { gc?: () => void }).gc

async function iterate(format: Format, sandbox: { url: string; key: string; hash: string }, onPage: () => void) {
  const client = createClient({ baseUrl: sandbox.url, key: sandbox.key, hash: sandbox.hash, format })
  let count = 0
  const start = performance.now()
  for await (const contact of client.contacts.searchAll({ key: 'örnek', rowCount: 1000 })) {
    if (contact.id <= 0) throw new Error('a contact without an id')
    if (++count % 1000 === 0) onPage()
  }
  return { count, seconds: (performance.now() - start) / 1000 }
}

/** `searchAll` over `total` contacts from a sandbox in another process, rowCount 1000, in each format. */
export async function benchSearchAll(total = 100_000): Promise<SearchAllResults> {
  const sandbox = await startRemoteSandbox(total)
  try {
    const perSecond = {} as Record<Format, number>
    // A first pass warms up both paths (and the sandbox's own caches).
    for (const format of ['json', 'xml'] as const) await iterate(format, sandbox, () => {})
    gc?.()
    const baseline = process.memoryUsage().heapUsed
    let peak = baseline
    const sample = () => {
      peak = Math.max(peak, process.memoryUsage().heapUsed)
    }
    const xml = await iterate('xml', sandbox, sample)
    sample()
    const json = await iterate('json', sandbox, () => {})
    if (xml.count !== total || json.count !== total) throw new Error(`expected ${total} contacts, got ${xml.count} (xml) and ${json.count} (json)`)
    perSecond.xml = xml.count / xml.seconds
    perSecond.json = json.count / json.seconds
    return { contacts: total, contactsPerSecond: perSecond, peakHeapGrowthMbXml: (peak - baseline) / 2 ** 20 }
  } finally {
    sandbox.stop()
  }
}
