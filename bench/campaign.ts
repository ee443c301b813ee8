// Campaigns: a file of 100,000 and of 1,000,000 numbers sent through `iletimerkezi campaign send`
// in this process (the sandbox in another), heap sampled throughout; and the rate limit's precision.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { getHeapStatistics } from 'node:v8'
import { runCli } from '../src/cli/run-cli.js'
import { createClient, type CampaignJournalState } from '../src/index.js'
import { startRemoteSandbox, type RemoteSandbox } from './remote-sandbox.js'

export interface CampaignResults {
  /** Peak JS heap growth over the baseline while sending each file, in MB, sampled every 2 ms (garbage included): the rows. */
  peakHeapMb: { '100k': number; '1m': number }
  /** The same with the memory outside the heap (the duplicate set's Float64Array lives there). */
  peakMemoryMb: { '100k': number; '1m': number }
  /** Heap and outside memory after a full GC at each order's line, in MB: what stays. */
  liveMemoryMb: { '100k': number; '1m': number }
  /** Rows a second through the whole command (the counting pass, parsing, sending) for the 1M file. */
  rowsPerSecond1m: number
  /** Measured orders a second over the asked-for rate (20 a second, 4 in flight). */
  orderRateRatio: number
  /** Measured messages a second over the asked-for rate (5,000 a second, orders of 500). */
  messageRateRatio: number
  /** The busiest one-second window's messages over the rate, a 100k campaign at 20,000 a second. */
  rateWindowRatio: number
  /** Gaps between two redraws of the progress line during that campaign, in ms: the 95th percentile and the longest. */
  redrawGapMs: { p95: number; max: number }
}

const gc = (globalThis as { gc?: () => void }).gc
// The heap, and with the memory outside it that it points at: the duplicate set is a Float64Array, whose bytes live outside.
const heapOnly = () => getHeapStatistics().used_heap_size
const used = () => {
  const heap = getHeapStatistics()
  return heap.used_heap_size + heap.external_memory
}

function writeNumbers(folder: string, count: number): string {
  const path = join(folder, `numbers-${count}.csv`)
  const lines = ['gsm']
  for (let index = 0; index < count; index++) lines.push(`0${5_000_000_000 + index}`)
  writeFileSync(path, `${lines.join('\n')}\n`)
  return path
}

async function sendFile(sandbox: RemoteSandbox, folder: string, count: number) {
  const file = writeNumbers(folder, count)
  gc?.()
  const baseline = used()
  const heapBaseline = heapOnly()
  let peak = baseline
  let heapPeak = heapBaseline
  let live = baseline
  const sampleNow = () => {
    peak = Math.max(peak, used())
    heapPeak = Math.max(heapPeak, heapOnly())
  }
  const sample = setInterval(sampleNow, 2)
  let last = ''
  const started = performance.now()
  const code = await runCli(['--base-url', sandbox.url, 'campaign', 'send', '--sender', 'eMarka', '--text', 'Kampanya', '--recipients', file, '--journal', join(folder, `journal-${count}.json`)], {
    env: { ILETIMERKEZI_KEY: sandbox.key, ILETIMERKEZI_HASH: sandbox.hash },
    out: (text) => {
      sampleNow()
      gc?.()
      live = Math.max(live, used())
      last = text
    },
    err: (text) => console.error(text),
  })
  const seconds = (performance.now() - started) / 1000
  clearInterval(sample)
  const summary = JSON.parse(last).summary
  if (code !== 0 || summary.sent !== count) throw new Error(`campaign of ${count}: exit ${code}, ${summary.sent} sent`)
  const mb = (bytes: number) => bytes / 2 ** 20
  return { heapMb: mb(heapPeak - heapBaseline), peakMb: mb(peak - baseline), liveMb: mb(live - baseline), rowsPerSecond: count / seconds }
}

// The rate over the whole run: (starts - 1) gaps between the first start and the last.
async function measuredRate(sandbox: RemoteSandbox, rate: { ordersPerSecond?: number; messagesPerSecond?: number }, orders: number, perOrder: number): Promise<number> {
  const starts: number[] = []
  const client = createClient({ baseUrl: sandbox.url, key: sandbox.key, hash: sandbox.hash, hooks: { onRequest: () => starts.push(performance.now()) } })
  const recipients = Array.from({ length: orders * perOrder }, (_, index) => `0${5_400_000_000 + index + perOrder * orders * (rate.ordersPerSecond ?? 7)}`)
  await client.sms.sendCampaign({ sender: 'eMarka', text: 'Hız', recipients, perOrder, concurrency: 4, rate })
  const seconds = (starts.at(-1)! - starts[0]!) / 1000
  return rate.ordersPerSecond !== undefined ? (orders - 1) / seconds / rate.ordersPerSecond : ((orders - 1) * perOrder) / seconds / rate.messagesPerSecond!
}

/**
 * A 100k-line file at 20,000 messages a second (orders of at most 1,500, 4 in flight) through
 * the command as on a terminal: the busiest one-second window of order starts (each order's
 * `at` in the journal, with its size) over the rate, and the longest gap between redraws.
 */
async function rateWindow(sandbox: RemoteSandbox, folder: string): Promise<{ ratio: number; redrawGapMs: { p95: number; max: number } }> {
  const count = 100_000
  const rate = 20_000
  const path = join(folder, 'rate-window.csv')
  writeFileSync(path, `gsm\n${Array.from({ length: count }, (_, index) => `0${5_300_000_000 + index}`).join('\n')}\n`)
  const journal = join(folder, 'rate-window.json')
  const redraws: number[] = []
  const args = ['--base-url', sandbox.url, 'campaign', 'send', '--sender', 'eMarka', '--text', 'Pencere', '--recipients', path, '--journal', journal, '--rate', String(rate), '--per-order', '1500', '--concurrency', '4']
  const code = await runCli(args, {
    env: { ILETIMERKEZI_KEY: sandbox.key, ILETIMERKEZI_HASH: sandbox.hash },
    out: () => {},
    err: (text) => console.error(text),
    status: () => void redraws.push(performance.now()),
  })
  if (code !== 0) throw new Error(`rate window campaign: exit ${code}`)
  const state = JSON.parse(readFileSync(journal, 'utf8')) as CampaignJournalState
  const starts = state.orders.map((order) => [Date.parse(order.at!), order.recipients] as const)
  let busiest = 0
  for (const [from] of starts) busiest = Math.max(busiest, starts.reduce((sum, [at, size]) => sum + (at >= from && at < from + 1000 ? size : 0), 0))
  const gaps = redraws.slice(1).map((at, index) => at - redraws[index]!).sort((a, b) => a - b)
  return { ratio: busiest / rate, redrawGapMs: { p95: gaps[Math.floor(gaps.length * 0.95)] ?? 0, max: gaps.at(-1) ?? 0 } }
}

export async function benchCampaign(): Promise<CampaignResults> {
  const folder = mkdtempSync(join(tmpdir(), 'bench-campaign-'))
  const sandbox = await startRemoteSandbox(0, 10_000_000)
  try {
    // Warm up: the first run loads the code paths and csv-parse.
    await sendFile(sandbox, folder, 10_000)
    const small = await sendFile(sandbox, folder, 100_000)
    const large = await sendFile(sandbox, folder, 1_000_000)
    return {
      peakHeapMb: { '100k': small.heapMb, '1m': large.heapMb },
      peakMemoryMb: { '100k': small.peakMb, '1m': large.peakMb },
      liveMemoryMb: { '100k': small.liveMb, '1m': large.liveMb },
      rowsPerSecond1m: large.rowsPerSecond,
      orderRateRatio: await measuredRate(sandbox, { ordersPerSecond: 20 }, 41, 1),
      messageRateRatio: await measuredRate(sandbox, { messagesPerSecond: 5_000 }, 21, 500),
      ...(await rateWindow(sandbox, folder).then(({ ratio, redrawGapMs }) => ({ rateWindowRatio: ratio, redrawGapMs }))),
    }
  } finally {
    sandbox.stop()
    rmSync(folder, { recursive: true, force: true })
  }
}

// `node --expose-gc --import tsx bench/campaign.ts`: this piece alone.
if (import.meta.url === `file://${process.argv[1]}`) console.log(await benchCampaign())
