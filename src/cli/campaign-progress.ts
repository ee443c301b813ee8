// What `campaign send` shows as it goes: a line redrawn on a timer on a terminal, one JSON line an order elsewhere.
import type { CampaignProgress, CampaignRate } from '../index.js'
import type { CommandJob } from './command.js'

const width = 20
/** How often the terminal's line is redrawn: 8 times a second, whether or not an order ended. */
export const redrawMs = 125
const grouped = (value: number) => Math.round(value).toLocaleString('en-US')

function clock(seconds: number): string {
  const whole = Math.max(0, Math.ceil(seconds))
  const [hours, minutes, rest] = [Math.floor(whole / 3600), Math.floor(whole / 60) % 60, whole % 60]
  return `${hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}` : minutes}:${String(rest).padStart(2, '0')}`
}

/** Where a campaign stands, as the line shows it. */
export interface ProgressSnapshot {
  /** Rows counted so far by the first pass over a file (before the send), while it lasts. */
  counting?: number
  /** Rows read from the input so far. */
  rowsRead: number
  /** Rows up to the last settled order's last one. */
  rowsDone: number
  /** Rows in the input, when known. */
  total: number | undefined
  sent: number
  unknown: number
  failed: number
  orders: number
  /** Rows this run settled (a resume's skipped orders took no time), and how long it took. */
  rowsThisRun: number
  elapsedMs: number
  rate: CampaignRate | undefined
  perOrder: number
}

// Rows a second: the rate in force when one is set (what the campaign is held to), else as measured.
function rowsPerSecond(snapshot: ProgressSnapshot): number | undefined {
  const { rate, perOrder, rowsThisRun, elapsedMs } = snapshot
  const limits = [rate?.messagesPerSecond, rate?.ordersPerSecond === undefined ? undefined : rate.ordersPerSecond * perOrder].filter((limit) => limit !== undefined)
  const measured = elapsedMs >= 1000 && rowsThisRun > 0 ? (rowsThisRun * 1000) / elapsedMs : undefined
  if (limits.length > 0) return Math.min(...limits, measured ?? Infinity)
  return measured
}

/**
 * The terminal's line: `[########............] 40% · 48,000/120,000 read · 40,000 done · sent 39,990 · unknown 10 · failed 0 · 4 orders · 1:12 left`.
 */
export function progressLine(snapshot: ProgressSnapshot): string {
  if (snapshot.counting !== undefined) return `counting the file's rows before sending: ${grouped(snapshot.counting)} so far`
  const { rowsRead, rowsDone, total, sent, unknown, failed, orders } = snapshot
  const share = total ? Math.min(1, rowsDone / total) : undefined
  const bar = share === undefined ? '' : `[${'#'.repeat(Math.floor(share * width)).padEnd(width, '.')}] ${Math.floor(share * 100)}% · `
  const speed = rowsPerSecond(snapshot)
  const left = total !== undefined && speed !== undefined ? ` · ${clock(Math.max(0, total - rowsDone) / speed)} left` : ''
  const read = `${grouped(rowsRead)}${total === undefined ? '' : `/${grouped(total)}`} read · ${grouped(rowsDone)} done`
  return `${bar}${read} · sent ${grouped(sent)} · unknown ${grouped(unknown)} · failed ${grouped(failed)} · ${orders} order${orders === 1 ? '' : 's'}${left}`
}

/** An order's JSON line: what it was, where it stands, how far the campaign is. */
export function progressRecord(progress: CampaignProgress): Record<string, unknown> {
  const { order, ordersDone, recipientsSent, recipientsUnknown, recipientsFailed, recipientsDone, rowsDone, total, fromJournal } = progress
  return {
    ...order,
    ordersDone,
    recipientsSent,
    recipientsUnknown,
    recipientsFailed,
    recipientsDone,
    rowsDone,
    ...(total === undefined ? {} : { total }),
    ...(fromJournal ? { fromJournal } : {}),
  }
}

/** What the CLI tells the reporter. */
export interface ProgressReporter {
  /** A row was counted by the first pass over a file. */
  rowCounted(): void
  /** The first pass is over (or there is none, for stdin): the campaign begins, with this many rows. */
  begin(total: number | undefined): void
  /** A row was read from the input. */
  rowRead(): void
  /** An order was settled. */
  report(progress: CampaignProgress): void
  /** A line for the operator, on its own line (never on the bar's). */
  notice(text: string): void
  /** The campaign ended (`readToEnd`: every row read and settled): the line is drawn a last time and finished. */
  end(readToEnd: boolean): void
}

/** Shows progress as `job` can: a line redrawn on a timer on a terminal (unless --json), else a JSON line an order. */
export function progressReporter(job: CommandJob, settings: { rate: CampaignRate | undefined; perOrder: number }): ProgressReporter {
  let started = performance.now()
  const terminal = job.json ? undefined : job.status
  let skippedRows = 0
  const snapshot: ProgressSnapshot = { counting: 0, rowsRead: 0, rowsDone: 0, total: undefined, sent: 0, unknown: 0, failed: 0, orders: 0, rowsThisRun: 0, elapsedMs: 0, ...settings }
  const draw = () => {
    snapshot.elapsedMs = performance.now() - started
    terminal?.(progressLine(snapshot))
  }
  const timer = terminal === undefined ? undefined : setInterval(draw, redrawMs)
  // The timer must not keep a finished process alive.
  timer?.unref?.()
  if (terminal) draw()
  return {
    rowCounted: () => void snapshot.counting!++,
    begin(total) {
      delete snapshot.counting
      snapshot.total = total
      started = performance.now()
      if (terminal) draw()
    },
    rowRead: () => void snapshot.rowsRead++,
    report(progress) {
      // Rows an earlier run settled took no time in this one: the rate counts from past them.
      if (progress.fromJournal) skippedRows = progress.rowsDone
      Object.assign(snapshot, {
        rowsDone: progress.rowsDone,
        sent: progress.recipientsSent,
        unknown: progress.recipientsUnknown,
        failed: progress.recipientsFailed,
        orders: progress.ordersDone,
        rowsThisRun: progress.rowsDone - skippedRows,
      })
      if (!terminal) job.out(JSON.stringify({ progress: progressRecord(progress) }))
    },
    notice(text) {
      // Clear the bar's line first; the next redraw puts it back under the notice.
      terminal?.('')
      job.err(text)
    },
    end(readToEnd) {
      if (timer !== undefined) clearInterval(timer)
      if (!terminal) return
      // Rows after the last order (invalid, duplicates) are done too once the input ended.
      if (readToEnd) snapshot.rowsDone = snapshot.rowsRead
      draw()
      // The bar's line is finished, so what follows starts on its own.
      job.out('')
    },
  }
}
