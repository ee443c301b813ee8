// What `campaign send` shows as it goes: a bar on a terminal, one JSON line an order elsewhere.
import type { CampaignProgress } from '../index.js'
import type { CommandJob } from './command.js'

const width = 24
const grouped = (value: number) => Math.round(value).toLocaleString('en-US')

function clock(seconds: number): string {
  const whole = Math.max(0, Math.round(seconds))
  const [hours, minutes, rest] = [Math.floor(whole / 3600), Math.floor(whole / 60) % 60, whole % 60]
  return `${hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}` : minutes}:${String(rest).padStart(2, '0')}`
}

/**
 * The terminal's line: `[#######.....] 45% 54,000/120,000 recipients · 2 orders · 8,200/s · 0:08 left`.
 * The rate (rows a second) and time left count this run's rows only (a resume's skipped orders took no time).
 */
export function progressLine(progress: CampaignProgress, rowsThisRun: number, elapsedMs: number): string {
  const { recipientsDone, rowsDone, total, ordersDone } = progress
  const share = total ? Math.min(1, rowsDone / total) : undefined
  const bar = share === undefined ? '' : `[${'#'.repeat(Math.round(share * width)).padEnd(width, '.')}] ${Math.floor(share * 100)}% `
  const perSecond = elapsedMs > 0 ? (rowsThisRun * 1000) / elapsedMs : 0
  const left = total && perSecond > 0 ? ` · ${clock(Math.max(0, total - rowsDone) / perSecond)} left` : ''
  const recipients = `${grouped(rowsDone)}${total ? `/${grouped(total)}` : ''} rows · ${grouped(recipientsDone)} recipients`
  return `${bar}${recipients} · ${ordersDone} order${ordersDone === 1 ? '' : 's'} · ${grouped(perSecond)}/s${left}`
}

/** An order's JSON line: what it was, where it stands, how far the campaign is. */
export function progressRecord(progress: CampaignProgress): Record<string, unknown> {
  const { order, ordersDone, recipientsSent, recipientsDone, rowsDone, total, fromJournal } = progress
  return { ...order, ordersDone, recipientsSent, recipientsDone, rowsDone, ...(total === undefined ? {} : { total }), ...(fromJournal ? { fromJournal } : {}) }
}

/** Shows progress as `job` can: a redrawn line on a terminal (unless --json), else a JSON line an order. */
export function progressReporter(job: CommandJob): { report(progress: CampaignProgress): void; end(): void } {
  const started = performance.now()
  // Rows an earlier run settled took no time in this one: the rate counts from past them.
  let skippedRows = 0
  const terminal = job.json ? undefined : job.status
  return {
    report(progress) {
      if (progress.fromJournal) skippedRows = progress.rowsDone
      if (terminal) terminal(progressLine(progress, progress.rowsDone - skippedRows, performance.now() - started))
      else job.out(JSON.stringify({ progress: progressRecord(progress) }))
    },
    end() {
      // The bar's line is finished, so what follows starts on its own.
      if (terminal) job.out('')
    },
  }
}
