// The sandbox at a million contacts: the `searchAll` walk's contacts per second against the 100k walk's
// (both formats; the target is within 25 %, as page N costs what one page costs), seeding time and peak
// memory. Part of `npm run bench`; alone: `node --expose-gc --import tsx bench/sandbox-scale.ts`.
import { benchSearchAll, type SearchAllResults } from './search-all.js'

export interface SandboxScaleResults {
  hundredThousand: SearchAllResults
  million: SearchAllResults
  /** The million walk's contacts per second over the 100k walk's, per format. */
  ratio: { json: number; xml: number }
}

/** Both walks, the 100k one reused when the caller already ran it. */
export async function benchSandboxScale(hundredThousand?: SearchAllResults): Promise<SandboxScaleResults> {
  const small = hundredThousand ?? (await benchSearchAll(100_000))
  const million = await benchSearchAll(1_000_000)
  return {
    hundredThousand: small,
    million,
    ratio: {
      json: million.contactsPerSecond.json / small.contactsPerSecond.json,
      xml: million.contactsPerSecond.xml / small.contactsPerSecond.xml,
    },
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { hundredThousand, million, ratio } = await benchSandboxScale()
  const line = (label: string, results: SearchAllResults) =>
    `${label}: json ${Math.round(results.contactsPerSecond.json)}/s, xml ${Math.round(results.contactsPerSecond.xml)}/s, first walk ${Math.round(results.firstWalkContactsPerSecond)}/s,` +
    ` client peak heap +${results.peakHeapGrowthMbXml.toFixed(1)} MB, sandbox seeded in ${Math.round(results.sandboxSeedMs)} ms, sandbox peak RSS ${Math.round(results.sandboxPeakRssMb)} MB`
  console.log(line('100k', hundredThousand))
  console.log(line('1M', million))
  console.log(`1M vs 100k contacts/s: json ${ratio.json.toFixed(2)}, xml ${ratio.xml.toFixed(2)} (target >= 0.75)`)
}
