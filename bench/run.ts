// `npm run bench [-- --json] [-- --only decode,hostile]`: every figure side by side in one run (or the
// sections named); `--json` also writes bench/results.json. Each row is also printed to stderr as it is
// measured: a whole run takes tens of minutes.
import { writeFileSync } from 'node:fs'
import { cpus, totalmem } from 'node:os'
import { benchBundleSizes } from './bundle-size.js'
import type { benchCampaign } from './campaign.js'
import { benchClientCalls } from './client-calls.js'
import { benchColdImport } from './cold-import.js'
import { benchDecode } from './decode.js'
import { benchHostile } from './hostile.js'
import { benchWorkerSizes } from './runtime-sizes.js'
import type { Comparison } from './measure.js'
import { inOwnProcess } from './own-process.js'
import type { SandboxScaleResults } from './sandbox-scale.js'
import type { SearchAllResults } from './search-all.js'

interface Row {
  key: string
  value: number
  target: string
  met: boolean
  detail: string
}

const rows: Row[] = []
const row = (key: string, value: number, target: number | undefined, direction: '<=' | '>=' | undefined, detail: string) => {
  console.error(`${key}: ${Number(value.toFixed(3))}`)
  rows.push({
    key,
    value: Number(value.toFixed(3)),
    target: target === undefined ? '' : `${direction} ${target}`,
    met: target === undefined ? true : direction === '<=' ? value <= target : value >= target,
    detail,
  })
}
const ms = (value: number) => `${value.toFixed(3)} ms`
// The ratio is the median of per-round ratios (see measure.ts), so it need not equal the quotient of the two medians.
const sideBySide = ({ a, b, ratioQuartiles: [low, high] }: Comparison) => `medians ${ms(a.medianMs)} vs ${ms(b.medianMs)}; per-round ratios ${low.toFixed(2)}–${high.toFixed(2)}`

// The 100k walk, measured once: its own rows and the 1M walk's yardstick. Each section that reads
// memory runs in a process of its own (own-process.ts), so no figure depends on what ran before it.
let searchAllRun: Promise<SearchAllResults> | undefined
const searchAllOnce = () => (searchAllRun ??= inOwnProcess<SearchAllResults>('./search-all.ts', 'benchSearchAll', [100_000]))

// One entry a section, in the order a whole run takes them.
const sections: Record<string, () => Promise<void>> = {
  decode: async () => {
    const decode = await benchDecode()
    row('xml_decode_vs_json_decode', decode.xmlVsJson.ratio, 3, '<=', sideBySide(decode.xmlVsJson))
    row('json_decode_vs_json_parse', decode.jsonVsParse.ratio, 2, '<=', sideBySide(decode.jsonVsParse))
    // The codec's own pass before JSON.parse (nesting and size bounds, numbers to spell), as a share of JSON.parse's time.
    row('json_codec_pass_vs_json_parse', decode.jsonCodecVsParse.ratio - 1, 0.5, '<=', `the JSON codec's decode over JSON.parse alone, minus 1, on the 1000-contact page; ${sideBySide(decode.jsonCodecVsParse)}`)
    row('xml_decode_vs_fxp_default', decode.xmlVsFxpDefault.ratio, 0.5, '<=', sideBySide(decode.xmlVsFxpDefault))
  },
  hostile: async () => {
    const hostile = await benchHostile()
    const { decodeAtCap, decodeAtLimit } = hostile
    row('xml_decode_hostile_at_cap_vs_plain', decodeAtCap.ratio, 1, '<=', `slowest of the hostile bodies at 5 MiB (${decodeAtCap.name}): ${ms(decodeAtCap.ms)} vs a plain 5 MiB page ${ms(decodeAtCap.plainMs)}`)
    row('xml_decode_hostile_at_limit_vs_general_path', decodeAtLimit.ratio, 2, '<=', `slowest at the general path's 1 Mi limit (${decodeAtLimit.name}): ${ms(decodeAtLimit.ms)} vs a well-formed page of that size on that path (an attribute on the root) ${ms(decodeAtLimit.generalMs)}`)
    row('xml_decode_hostile_limit_vs_fifth', hostile.decodeGrowth5x, undefined, undefined, `the same body at 1 Mi over a fifth of that (5 if linear; fast-xml-parser gathers text a character at a time, and between 256 KiB and 1 MiB its cost grows faster than the size, which is why the general path stops at 1 Mi)`)
    const { jsonDecodeAtCap } = hostile
    row('json_decode_hostile_at_cap_vs_plain', jsonDecodeAtCap.ratio, 1, '<=', `slowest of the hostile JSON bodies at 5 MiB (${jsonDecodeAtCap.name}): ${ms(jsonDecodeAtCap.ms)} vs JSON.parse over a plain 5 MiB JSON page ${ms(jsonDecodeAtCap.plainMs)}`)
    row('xml_encode_long_text_vs_json', hostile.encodeXmlVsJson.ratio, undefined, undefined, `'a\\r'.repeat(2 ** 19) as a contact name; ${sideBySide(hostile.encodeXmlVsJson)}`)
  },
  calls: async () => {
    const calls = await benchClientCalls()
    row('client_vs_raw_fetch', calls.vsRawFetch.ratio, 1.15, '<=', sideBySide(calls.vsRawFetch))
    row('client_vs_official_sdk', calls.vsOfficialSdk.ratio, 1, '<=', sideBySide(calls.vsOfficialSdk))
  },
  searchAll: async () => {
    const searchAll = await searchAllOnce()
    row('search_all_100k_peak_heap_mb', searchAll.peakHeapGrowthMbXml, 64, '<=', `XML, rowCount 1000, ${searchAll.contacts} contacts, heap sampled at every contact`)
    row('search_all_100k_contacts_per_s_xml', searchAll.contactsPerSecond.xml, undefined, undefined, 'sandbox in another process')
    row('search_all_100k_contacts_per_s_json', searchAll.contactsPerSecond.json, undefined, undefined, 'sandbox in another process')
  },
  scale: async () => {
    const scale = await inOwnProcess<SandboxScaleResults>('./sandbox-scale.ts', 'benchSandboxScale', [await searchAllOnce()])
    const perSecond = (value: number) => `${Math.round(value)}/s`
    for (const format of ['json', 'xml'] as const) {
      const detail = `${perSecond(scale.million.contactsPerSecond[format])} at 1M vs ${perSecond(scale.hundredThousand.contactsPerSecond[format])} at 100k (first walk ${perSecond(scale.million.firstWalkContactsPerSecond)} vs ${perSecond(scale.hundredThousand.firstWalkContactsPerSecond)}, json)`
      row(`search_all_1m_vs_100k_contacts_per_s_${format}`, scale.ratio[format], 0.75, '>=', detail)
    }
    row('search_all_1m_peak_heap_mb', scale.million.peakHeapGrowthMbXml, 64, '<=', 'client, XML, rowCount 1000, heap sampled at every contact')
    row('sandbox_1m_seed_ms', scale.million.sandboxSeedMs, undefined, undefined, `startSandbox with 1M contacts (100k: ${Math.round(scale.hundredThousand.sandboxSeedMs)} ms)`)
    row('sandbox_1m_peak_rss_mb', scale.million.sandboxPeakRssMb, undefined, undefined, `the sandbox process after the walks (100k: ${Math.round(scale.hundredThousand.sandboxPeakRssMb)} MB)`)
    const pageDetail = (cost: { page2Ms: number; page900Ms: number }, how: string) => `page 900 ${cost.page900Ms.toFixed(1)} ms vs page 2 ${cost.page2Ms.toFixed(1)} ms, rowCount 1000, JSON, ${how}`
    row('sandbox_1m_group_page_900_vs_2', scale.pages.group.ratio, 2, '<=', pageDetail(scale.pages.group, 'median of 3'))
    row('sandbox_1m_search_page_900_vs_2', scale.pages.search.ratio, undefined, undefined, pageDetail(scale.pages.search, 'each read cold with a fresh key, median of 3'))
  },
  campaign: async () => {
    const campaign = await inOwnProcess<Awaited<ReturnType<typeof benchCampaign>>>('./campaign.ts', 'benchCampaign')
    const sizes = (kind: 'peakHeapMb' | 'peakMemoryMb' | 'liveMemoryMb') => `100k ${campaign[kind]['100k'].toFixed(1)} MB vs 1M ${campaign[kind]['1m'].toFixed(1)} MB`
    row('campaign_heap_1m_vs_100k', campaign.peakHeapMb['1m'] / campaign.peakHeapMb['100k'], 2, '<=', `peak JS heap (the rows), campaign send of a 100k and a 1M-line file, sampled every 2 ms: ${sizes('peakHeapMb')}`)
    row('campaign_1m_peak_memory_mb', campaign.peakMemoryMb['1m'], 128, '<=', `heap and outside memory: ${sizes('peakMemoryMb')}; what grows is the duplicate set (8 bytes a slot, 2^21 slots for 1M)`)
    row('campaign_live_memory_1m_vs_100k', campaign.liveMemoryMb['1m'] / campaign.liveMemoryMb['100k'], undefined, undefined, `after a full GC at each order: ${sizes('liveMemoryMb')}`)
    row('campaign_1m_rows_per_s', campaign.rowsPerSecond1m, undefined, undefined, 'the whole command: counting pass, CSV parse, checks, 20 orders to a sandbox in another process, journal fsyncs')
    row('campaign_order_rate_ratio', campaign.orderRateRatio, 1.1, '<=', 'measured / asked, 20 orders a second, 4 in flight, over 40 gaps (and at least 0.9)')
    row('campaign_message_rate_ratio', campaign.messageRateRatio, 1.1, '<=', 'measured / asked, 5,000 messages a second, orders of 500, 4 in flight')
    row('campaign_rate_window_ratio', campaign.rateWindowRatio, 1.05, '<=', 'the busiest 1 s window of a 100k campaign at 20,000 messages a second (orders of 1,500, 4 in flight) / the rate')
    row('campaign_redraw_gap_p95_ms', campaign.redrawGapMs.p95, 250, '<=', `the 95th percentile gap between two redraws of the progress line during that campaign (redrawn every 125 ms; longest ${campaign.redrawGapMs.max.toFixed(0)} ms)`)
  },
  bundles: async () => {
    const bundles = await benchBundleSizes()
    row('bundle_json_min_gz_kb', bundles.json, 15, '<=', 'esbuild, minified, gzip -9 per chunk, every chunk a JSON app loads')
    row('bundle_xml_min_gz_kb', bundles.xml, undefined, undefined, 'the same app with format xml, the XML codec chunk included')
  },
  workers: async () => {
    const workers = await benchWorkerSizes()
    const uploaded = ({ uploadKiB, gzipKiB }: { uploadKiB: number; gzipKiB: number }) => `${uploadKiB} KiB, ${gzipKiB} KiB gzip`
    const jsonOnly = 'bundled with the iletimerkezi-json-only condition (no XML codec)'
    row('worker_json_only_min_gz_kib', workers.jsonOnlyMinified.gzipKiB, 20, '<=', `a JSON-only Cloudflare Worker, wrangler 4.86.0 deploy --dry-run --minify, no nodejs_compat, ${jsonOnly}: ${uploaded(workers.jsonOnlyMinified)}`)
    row('worker_json_only_gz_kib', workers.jsonOnly.gzipKiB, undefined, undefined, `the same without --minify: ${uploaded(workers.jsonOnly)}`)
    row('worker_json_min_gz_kib', workers.jsonMinified.gzipKiB, undefined, undefined, `the JSON app bundled without that condition (the XML codec carried), --minify: ${uploaded(workers.jsonMinified)}`)
    row('worker_json_gz_kib', workers.json.gzipKiB, undefined, undefined, `the same without --minify: ${uploaded(workers.json)}`)
    row('worker_xml_min_gz_kib', workers.xmlMinified.gzipKiB, undefined, undefined, `the app with format xml, --minify: ${uploaded(workers.xmlMinified)}`)
    row('worker_xml_gz_kib', workers.xml.gzipKiB, undefined, undefined, `the same without --minify: ${uploaded(workers.xml)}`)
  },
  coldImport: async () => {
    const coldImport = benchColdImport()
    row('import_ms_vs_ky', coldImport.ratio, 1.3, '<=', `${ms(coldImport.ours)} vs ${ms(coldImport.ky)} (median of separate processes)`)
  },
}

const only = process.argv.find((arg, index) => process.argv[index - 1] === '--only')?.split(',')
const unknown = (only ?? []).filter((name) => !(name in sections))
if (unknown.length > 0) throw new Error(`--only: no section ${unknown.join(', ')}; the sections are ${Object.keys(sections).join(', ')}`)
for (const [name, run] of Object.entries(sections)) if (only === undefined || only.includes(name)) await run()

const machine = `${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB`
console.log(`\nBenchmarks (${machine})\n`)
const width = Math.max(...rows.map((entry) => entry.key.length))
console.log(`${'key'.padEnd(width)}  ${'value'.padStart(12)}  ${'target'.padEnd(8)}  met  detail`)
for (const entry of rows) {
  console.log(`${entry.key.padEnd(width)}  ${String(entry.value).padStart(12)}  ${entry.target.padEnd(8)}  ${entry.target ? (entry.met ? 'yes' : 'NO ') : '   '}  ${entry.detail}`)
}

if (process.argv.includes('--json')) {
  const results = Object.fromEntries(rows.map((entry) => [entry.key, entry.value]))
  writeFileSync(new URL('./results.json', import.meta.url), JSON.stringify({ machine, ...results }, null, 2) + '\n')
  console.log('\nwrote bench/results.json')
}
