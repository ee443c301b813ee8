// The sandbox at a million contacts: the `searchAll` walk's contacts per second against the 100k walk's
// (both formats; the target is within 25 %, as page N costs what one page costs), seeding time and peak
// memory, and what page 900 of a search and of a group costs against page 2. Part of `npm run bench`; alone: `node --expose-gc --import tsx bench/sandbox-scale.ts`.
import { createClient } from '../src/index.js'
import { startRemoteSandbox } from './remote-sandbox.js'
import { benchSearchAll, type SearchAllResults } from './search-all.js'

export interface SandboxScaleResults {
  hundredThousand: SearchAllResults
  million: SearchAllResults
  /** The million walk's contacts per second over the 100k walk's, per format. */
  ratio: { json: number; xml: number }
  /** One page of 1 000 read cold at a million contacts: page 2 against page 900. */
  pages: PageCostResults
}

/** Milliseconds for one page (median of three cold reads), page 2 and page 900, and their ratio. */
export interface PageCost {
  page2Ms: number
  page900Ms: number
  ratio: number
}

export interface PageCostResults {
  /** `contacts.search`: each read with a key not read before (every key matches every contact), so nothing is cached. */
  search: PageCost
  /** `groups.contacts` of the group every contact is in. */
  group: PageCost
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!

/**
 * Page 2 and page 900 (rowCount 1000) of a search and of a group, at a
 * million contacts, JSON, the sandbox in another process: what page N costs
 * against what page 2 does. Search keys are fresh for each read, so a
 * search page is read cold (a walk's next page resumes where the last one stopped).
 */
export async function benchPageCost(contacts = 1_000_000): Promise<PageCostResults> {
  const sandbox = await startRemoteSandbox(contacts)
  try {
    const client = createClient({ baseUrl: sandbox.url, key: sandbox.key, hash: sandbox.hash, timeout: 0 })
    const timed = async (read: () => Promise<{ contacts: unknown[] }>) => {
      const start = performance.now()
      const page = await read()
      if (page.contacts.length !== 1000) throw new Error(`expected a page of 1000, got ${page.contacts.length}`)
      return performance.now() - start
    }
    // Warm the connection and both code paths on pages not measured.
    await client.groups.contacts({ id: 7, page: 1 })
    await client.contacts.search({ key: 'örnek.com', page: 1 })
    // Every key matches every contact (`kisi<id>@örnek.com.tr`); each is read once.
    const searchKeys = { 2: ['örnek', '.com.tr', 'com.t'], 900: ['kisi', '@örn', 'ek.co'] } as const
    const searchMs = async (page: 2 | 900) => {
      const runs: number[] = []
      for (const key of searchKeys[page]) runs.push(await timed(() => client.contacts.search({ key, page })))
      return median(runs)
    }
    const groupMs = async (page: number) => {
      const runs: number[] = []
      for (let run = 0; run < 3; run++) runs.push(await timed(() => client.groups.contacts({ id: 7, page })))
      return median(runs)
    }
    const cost = (page2Ms: number, page900Ms: number): PageCost => ({ page2Ms, page900Ms, ratio: page900Ms / page2Ms })
    return { search: cost(await searchMs(2), await searchMs(900)), group: cost(await groupMs(2), await groupMs(900)) }
  } finally {
    sandbox.stop()
  }
}

/** Both walks, the 100k one reused when the caller already ran it. */
export async function benchSandboxScale(hundredThousand?: SearchAllResults): Promise<SandboxScaleResults> {
  const small = hundredThousand ?? (await benchSearchAll(100_000))
  const million = await benchSearchAll(1_000_000)
  const pages = await benchPageCost()
  return {
    hundredThousand: small,
    million,
    pages,
    ratio: {
      json: million.contactsPerSecond.json / small.contactsPerSecond.json,
      xml: million.contactsPerSecond.xml / small.contactsPerSecond.xml,
    },
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { hundredThousand, million, ratio, pages } = await benchSandboxScale()
  const line = (label: string, results: SearchAllResults) =>
    `${label}: json ${Math.round(results.contactsPerSecond.json)}/s, xml ${Math.round(results.contactsPerSecond.xml)}/s, first walk ${Math.round(results.firstWalkContactsPerSecond)}/s,` +
    ` client peak heap +${results.peakHeapGrowthMbXml.toFixed(1)} MB, sandbox seeded in ${Math.round(results.sandboxSeedMs)} ms, sandbox peak RSS ${Math.round(results.sandboxPeakRssMb)} MB`
  console.log(line('100k', hundredThousand))
  console.log(line('1M', million))
  console.log(`1M vs 100k contacts/s: json ${ratio.json.toFixed(2)}, xml ${ratio.xml.toFixed(2)} (target >= 0.75)`)
  for (const [label, cost] of Object.entries(pages)) {
    console.log(`1M, ${label} page 900 vs page 2: ${cost.page900Ms.toFixed(1)} ms vs ${cost.page2Ms.toFixed(1)} ms, ratio ${cost.ratio.toFixed(2)}`)
  }
}
