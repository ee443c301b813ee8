// `iletimerkezi campaign send|status`: a campaign from a file, with a journal to resume from.
import { checkJournalState } from '../campaign/journal-state.js'
import type { CampaignJournalState, CampaignOrder, CampaignRate, CampaignSummary, IletiMerkeziClient } from '../index.js'
import { PrintedOutcome, type Command, type CommandJob, type Given } from './command.js'
import { ExitCode } from './exit-codes.js'
import { journalFile, readJournalFile } from './journal-file.js'
import { progressReporter } from './campaign-progress.js'
import { readRecipientFile, type RecipientSource } from './recipient-file.js'
import { renderHuman } from './render-human.js'
import { UsageError } from './usage-error.js'

const sendWords = ['campaign', 'send']
const invalidShown = 20

// `500`, `500 messages` (a second) or `2 orders` (a second).
function rateOf(text: string | undefined): CampaignRate | undefined {
  if (text === undefined) return undefined
  const match = /^\s*(\d+(?:\.\d+)?)\s*(messages|orders)?\s*$/i.exec(text)
  if (!match || Number(match[1]) <= 0) throw new UsageError(`--rate must be a number a second, then optionally 'messages' or 'orders' (got ${JSON.stringify(text)})`, sendWords)
  return match[2]?.toLowerCase() === 'orders' ? { ordersPerSecond: Number(match[1]) } : { messagesPerSecond: Number(match[1]) }
}

function required(given: Given, name: string, words: readonly string[]): string {
  const value = given.text(name)
  if (value === undefined || value === '') throw new UsageError(`--${name} is required`, words)
  return value
}

/** The exit status a campaign's orders call for: unknown outranks failed, which outranks stopped. */
function exitCodeOf(orders: readonly CampaignOrder[], stopped: boolean): number {
  if (orders.some((order) => order.state === 'unknown' || order.state === 'planned')) return ExitCode.CampaignUnknown
  if (orders.some((order) => order.state === 'failed')) return ExitCode.CampaignFailed
  return stopped ? ExitCode.Interrupted : ExitCode.Success
}

// Counting the rows first gives the bar its total, and finds a file the parser cannot read before anything is sent.
async function countRows(source: RecipientSource, column: string, columnGiven: boolean): Promise<number> {
  let rows = 0
  for await (const _ of readRecipientFile(source, column, columnGiven).rows) rows++
  return rows
}

// Ctrl-C once: no new order starts, the ones in flight finish and are journaled. Twice: quit now
// (an order in flight is then `planned` in the journal, which a resume reads as unknown).
function stopOnInterrupt(job: CommandJob): { signal: AbortSignal; release(): void } {
  const controller = new AbortController()
  const onInterrupt = () => {
    if (controller.signal.aborted) process.exit(ExitCode.Interrupted)
    controller.abort()
    job.err('iletimerkezi: stopping after the order in flight (Ctrl-C again to quit at once); continue later with --resume')
  }
  process.on('SIGINT', onInterrupt)
  return { signal: controller.signal, release: () => process.off('SIGINT', onInterrupt) }
}

function humanSummary(summary: CampaignSummary, journal: string): Record<string, unknown> {
  const states = (state: CampaignOrder['state']) => summary.orders.filter((order) => order.state === state).length
  return {
    sent: `${summary.sent} recipients in ${states('sent')} orders`,
    rows: summary.rows,
    duplicates: summary.duplicates,
    invalid: summary.invalidCount,
    failed: states('failed'),
    unknown: states('unknown'),
    complete: summary.complete,
    journal,
    orders: summary.orders.map(({ index, state, orderId, recipients, first, last, error }) => ({
      order: index,
      state,
      id: orderId ?? '',
      recipients,
      lines: `${first}–${last}`,
      error: error ? `${error.name}${error.code === undefined ? '' : ` ${error.code}`}: ${error.message}` : '',
    })),
    ...(summary.invalidCount === 0
      ? {}
      : { [`invalid rows${summary.invalidCount > invalidShown ? ` (first ${invalidShown}; --json lists more)` : ''}`]: summary.invalid.slice(0, invalidShown).map(({ position, number, reason }) => ({ line: position, number, reason })) }),
  }
}

async function sendCampaign(client: IletiMerkeziClient, given: Given, job: CommandJob): Promise<PrintedOutcome> {
  const journalPath = required(given, 'journal', sendWords)
  const source: RecipientSource = { path: required(given, 'recipients', sendWords), stdin: job.stdin }
  const columnGiven = given.text('column') !== undefined
  const column = given.text('column') ?? 'gsm'
  const resume = given.flag('resume')
  const rate = rateOf(given.text('rate'))
  const existing = await readJournalFile(journalPath)
  if (existing !== undefined && !resume) throw new UsageError(`${journalPath} already holds a campaign journal: add --resume to continue it, or name a new file`, sendWords)
  if (existing === undefined && resume) throw new UsageError(`there is no journal at ${journalPath} to resume`, sendWords)
  if (existing !== undefined) checkJournalState(existing)

  const total = source.path === '-' ? undefined : await countRows(source, column, columnGiven)
  const file = readRecipientFile(source, column, columnGiven)
  const progress = progressReporter(job)
  const interrupt = stopOnInterrupt(job)
  let summary: CampaignSummary
  try {
    summary = await client.sms.sendCampaign({
      sender: required(given, 'sender', sendWords),
      ...(given.text('text') === undefined ? {} : { text: given.text('text') }),
      ...(given.text('template') === undefined ? {} : { template: given.text('template') }),
      recipients: file.rows,
      column,
      positionOf: (row, index) => (typeof row === 'string' ? undefined : file.lineOf(row)) ?? index,
      ...(total === undefined ? {} : { total }),
      ...(given.integer('per-order') === undefined ? {} : { perOrder: given.integer('per-order') }),
      ...(given.integer('concurrency') === undefined ? {} : { concurrency: given.integer('concurrency') }),
      ...(rate === undefined ? {} : { rate }),
      journal: journalFile(journalPath),
      resume,
      resendUnknown: given.flag('resend-unknown'),
      onProgress: (event) => progress.report(event),
      signal: interrupt.signal,
      ...(given.text('at') === undefined ? {} : { sendAt: given.text('at') }),
      // The client checks these two and says what it accepts.
      ...(given.integer('iys') === undefined ? {} : { iys: given.integer('iys') as 0 | 1 }),
      ...(given.text('iys-list') === undefined ? {} : { iysList: given.text('iys-list') as 'BIREYSEL' | 'TACIR' }),
    })
  } finally {
    interrupt.release()
    progress.end()
  }
  job.out(job.json || job.status === undefined ? JSON.stringify({ summary }) : renderHuman(humanSummary(summary, journalPath)))
  return new PrintedOutcome(exitCodeOf(summary.orders, summary.stopped && interrupt.signal.aborted))
}

/** An order of the journal with its report's totals, or why there is no report. */
interface DeliveredOrder extends CampaignOrder {
  status?: number
  total?: number
  delivered?: number
  undelivered?: number
  waiting?: number
  report?: string
}

async function deliveryOf(client: IletiMerkeziClient, orderId: string | undefined): Promise<Omit<DeliveredOrder, keyof CampaignOrder>> {
  if (orderId === undefined) return {}
  try {
    const { status, total, delivered, undelivered, waiting } = await client.reports.get({ orderId, rowCount: 1 })
    return { status, total, delivered, undelivered, waiting }
  } catch (error) {
    return { report: error instanceof Error ? `${error.name}: ${error.message}` : String(error) }
  }
}

async function campaignStatus(client: IletiMerkeziClient, given: Given, job: CommandJob): Promise<PrintedOutcome> {
  const words = ['campaign', 'status']
  const journalPath = required(given, 'journal', words)
  const saved = await readJournalFile(journalPath)
  if (saved === undefined) throw new UsageError(`there is no journal at ${journalPath}`, words)
  const state: CampaignJournalState = checkJournalState(saved)
  const orders: DeliveredOrder[] = []
  for (const order of state.orders) orders.push({ ...order, ...(await deliveryOf(client, order.state === 'sent' ? order.orderId : undefined)) })
  const count = (state: CampaignOrder['state']) => orders.filter((order) => order.state === state).length
  const sum = (field: 'delivered' | 'undelivered' | 'waiting') => orders.reduce((total, order) => total + (order[field] ?? 0), 0)
  const status = {
    sender: state.sender,
    ...(state.text === undefined ? {} : { text: state.text }),
    ...(state.template === undefined ? {} : { template: state.template }),
    sent: orders.reduce((total, order) => total + (order.state === 'sent' ? order.recipients : 0), 0),
    delivered: sum('delivered'),
    undelivered: sum('undelivered'),
    waiting: sum('waiting'),
    orders: { sent: count('sent'), failed: count('failed'), unknown: count('unknown') + count('planned') },
    input: state.input ?? 'not read to its end yet: resume with campaign send --resume',
    updatedAt: state.updatedAt,
  }
  if (job.json) job.out(JSON.stringify({ ...status, orders }, null, 2))
  else {
    job.out(renderHuman({ ...status, orders: `${status.orders.sent} sent, ${status.orders.failed} failed, ${status.orders.unknown} unknown` }))
    job.out('')
    job.out(renderHuman(orders.map(({ index, state, orderId, recipients, delivered, undelivered, waiting, report, error }) => ({
      order: index, state, id: orderId ?? '', recipients, delivered: delivered ?? '', undelivered: undelivered ?? '', waiting: waiting ?? '', note: report ?? error?.message ?? '',
    }))))
  }
  return new PrintedOutcome(exitCodeOf(state.orders, false))
}

const campaignFlags = {
  sender: { type: 'text', valueName: 'name', description: 'an approved sender name (see: iletimerkezi senders)' },
  text: { type: 'text', valueName: 'text', description: 'the one text everyone gets; or --template' },
  template: { type: 'text', valueName: 'text', description: "a text with {column} placeholders filled from each row: 'Merhaba {name}'" },
  recipients: { type: 'text', valueName: 'file|-', description: 'a CSV file (header naming --column) or one number a line; - reads stdin' },
  column: { type: 'text', valueName: 'name', description: 'the header column that holds the numbers (default gsm)' },
  'per-order': { type: 'integer', valueName: 'n', description: 'recipients an order, 1 to 50000 (default 50000)' },
  rate: { type: 'text', valueName: 'n[ orders]', description: "at most n messages a second, or n orders a second with 'orders'" },
  concurrency: { type: 'integer', valueName: 'n', description: 'orders in flight at once, 1 to 16 (default 1)' },
  journal: { type: 'text', valueName: 'file', description: 'the JSON journal of every order (required): what was sent, with its id' },
  resume: { type: 'boolean', description: 'continue the campaign in --journal: sent orders are skipped, failed ones sent again' },
  'resend-unknown': { type: 'boolean', description: 'with --resume: send again the orders whose outcome is unknown (may text twice)' },
  at: { type: 'text', valueName: 'time', description: "when to send, Turkey time: 'dd/MM/yyyy HH:mm' or 'yyyy-MM-dd HH:mm' (default now)" },
  iys: { type: 'integer', valueName: '0|1', description: 'check consent on İYS (default 1)' },
  'iys-list': { type: 'text', valueName: 'BIREYSEL|TACIR', description: 'the İYS list (default BIREYSEL)' },
} as const

/** The campaign commands, listed after the rest. */
export const campaignCommands: readonly Command[] = [
  {
    words: sendWords,
    summary: 'send a text or a template to every number in a file, in orders, with a journal; Ctrl-C stops after the order in flight',
    flags: campaignFlags,
    run: sendCampaign,
  },
  {
    words: ['campaign', 'status'],
    summary: "a campaign journal's summary, with each sent order's delivery totals from its report",
    flags: { journal: campaignFlags.journal },
    run: campaignStatus,
  },
]
