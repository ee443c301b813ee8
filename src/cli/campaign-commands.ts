// `iletimerkezi campaign send`: a campaign from a file, with a journal to resume from; and the
// campaign commands' table (status and settle are in campaign-status.ts).
import { readTemplate } from '../campaign/message-template.js'
import { runCampaign } from '../campaign/run-campaign.js'
import type { CampaignOptions, CampaignOrder, CampaignRate, CampaignSummary, IletiMerkeziClient, SmsOrder } from '../index.js'
import { PrintedOutcome, type Command, type CommandJob, type Given } from './command.js'
import { ExitCode } from './exit-codes.js'
import { journalFile, readJournalFile } from './journal-file.js'
import { progressReporter, type ProgressReporter } from './campaign-progress.js'
import { readRecipientFile, type FileRow, type RecipientFormat, type RecipientSource } from './recipient-file.js'
import { renderHuman } from './render-human.js'
import { campaignSettle, campaignStatus, isUnknown, required } from './campaign-status.js'
import { UsageError } from './usage-error.js'

const sendWords = ['campaign', 'send']
const invalidShown = 20
const previewShown = 5

// `500`, `500 messages` (a second) or `2 orders` (a second).
function rateOf(text: string | undefined): CampaignRate | undefined {
  if (text === undefined) return undefined
  const match = /^\s*(\d+(?:\.\d+)?)\s*(messages|orders)?\s*$/i.exec(text)
  if (!match || Number(match[1]) <= 0) throw new UsageError(`--rate must be a number a second, then optionally 'messages' or 'orders' (got ${JSON.stringify(text)})`, sendWords)
  return match[2]?.toLowerCase() === 'orders' ? { ordersPerSecond: Number(match[1]) } : { messagesPerSecond: Number(match[1]) }
}

// `,` `;` `tab` (or `\t`), or any one character.
function delimiterOf(text: string | undefined): string | undefined {
  if (text === undefined) return undefined
  const delimiter = text === 'tab' || text === '\\t' ? '\t' : text
  if ([...delimiter].length !== 1 || /[\r\n"]/.test(delimiter) || Buffer.byteLength(delimiter) !== 1) {
    throw new UsageError(`--delimiter must be one character such as , or ; or tab (got ${JSON.stringify(text)})`, sendWords)
  }
  return delimiter
}


/** The exit status a campaign calls for: a signal first, then unknown, then failed, then no recipients. */
function sendExitCode(summary: CampaignSummary, signal: NodeJS.Signals | undefined): number {
  if (signal !== undefined) return signal === 'SIGTERM' ? ExitCode.Terminated : ExitCode.Interrupted
  // A journal that could not be saved says `planned` for the order last sent: unknown to a resume.
  if (summary.orders.some(isUnknown) || summary.error?.source === 'journal') return ExitCode.CampaignUnknown
  if (summary.orders.some((order) => order.state === 'failed') || summary.error !== undefined) return ExitCode.CampaignFailed
  if (summary.orders.length === 0) return ExitCode.CampaignEmpty
  return ExitCode.Success
}

// Counting the rows first gives the bar its total, and finds a file the parser cannot read before anything is sent.
async function countRows(source: RecipientSource, format: RecipientFormat, counted: () => void): Promise<number> {
  let rows = 0
  for await (const _ of readRecipientFile(source, format).rows) {
    rows++
    counted()
  }
  return rows
}

/**
 * SIGINT (Ctrl-C) and SIGTERM (a deploy, systemd, docker stop) once: no new order starts, the
 * ones in flight finish and are journaled, the summary is printed. Twice: quit now (an order in
 * flight is then `planned` in the journal, which a resume reads as unknown).
 */
function stopOnSignals(notice: (text: string) => void): { signal: AbortSignal; received(): NodeJS.Signals | undefined; release(): void } {
  const controller = new AbortController()
  let first: NodeJS.Signals | undefined
  const onSignal = (name: NodeJS.Signals) => {
    if (first !== undefined) process.exit(name === 'SIGTERM' ? ExitCode.Terminated : ExitCode.Interrupted)
    first = name
    controller.abort()
    notice(`iletimerkezi: ${name === 'SIGINT' ? 'Ctrl-C' : name}: stopping after the orders in flight (again to quit at once); continue later with --resume`)
  }
  const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM']
  for (const name of signals) process.on(name, onSignal)
  return { signal: controller.signal, received: () => first, release: () => signals.forEach((name) => process.off(name, onSignal)) }
}

const errorText = (error: CampaignOrder['error']) => (error ? `${error.name}${error.code === undefined ? '' : ` ${error.code}`}: ${error.message}` : '')

function humanSummary(summary: CampaignSummary, journal: string | undefined): Record<string, unknown> {
  const states = (state: CampaignOrder['state']) => summary.orders.filter((order) => order.state === state).length
  return {
    sent: `${summary.sent} recipients in ${states('sent')} orders`,
    rows: summary.rows,
    duplicates: summary.duplicates,
    invalid: summary.invalidCount,
    failed: states('failed'),
    unknown: states('unknown') + states('planned'),
    complete: summary.complete,
    ...(journal === undefined ? {} : { journal }),
    ...(summary.error === undefined ? {} : { stopped: `${summary.error.source === 'journal' ? 'the journal failed' : 'the input failed'}: ${summary.error.name}: ${summary.error.message}` }),
    orders: summary.orders.map(({ index, state, orderId, duplicate, recipients, first, last, error }) => ({
      order: index,
      state: duplicate ? 'sent (duplicate)' : state,
      id: orderId ?? '',
      recipients,
      lines: `${first}–${last}`,
      error: errorText(error),
    })),
    ...(summary.invalidCount === 0
      ? {}
      : { [`invalid rows${summary.invalidCount > invalidShown ? ` (first ${invalidShown}; --json lists more)` : ''}`]: summary.invalid.slice(0, invalidShown).map(({ position, number, reason }) => ({ line: position, number, reason })) }),
  }
}

interface Campaign {
  options: Omit<CampaignOptions, 'recipients'>
  source: RecipientSource
  format: RecipientFormat
}

function campaignOf(given: Given, job: CommandJob): Campaign {
  const source: RecipientSource = { path: required(given, 'recipients', sendWords), stdin: job.stdin }
  const column = given.text('column') ?? 'gsm'
  const delimiter = delimiterOf(given.text('delimiter'))
  const template = given.text('template')
  const format: RecipientFormat = {
    column,
    columnGiven: given.text('column') !== undefined,
    ...(delimiter === undefined ? {} : { delimiter }),
    needs: template === undefined ? [] : readTemplate(template).columns,
  }
  const rate = rateOf(given.text('rate'))
  const options: Campaign['options'] = {
    sender: required(given, 'sender', sendWords),
    ...(given.text('text') === undefined ? {} : { text: given.text('text') }),
    ...(given.text('template') === undefined ? {} : { template: given.text('template') }),
    column,
    ...(given.integer('per-order') === undefined ? {} : { perOrder: given.integer('per-order') }),
    ...(given.integer('concurrency') === undefined ? {} : { concurrency: given.integer('concurrency') }),
    ...(rate === undefined ? {} : { rate }),
    allowEmpty: given.flag('allow-empty'),
    ...(given.text('at') === undefined ? {} : { sendAt: given.text('at') }),
    // The client checks these two and says what it accepts.
    ...(given.integer('iys') === undefined ? {} : { iys: given.integer('iys') as 0 | 1 }),
    ...(given.text('iys-list') === undefined ? {} : { iysList: given.text('iys-list') as 'BIREYSEL' | 'TACIR' }),
  }
  return { options, source, format }
}

// The file's rows, with their lines and problems for the campaign, each read counted for the line.
function recipientsOf(campaign: Campaign, onRow: () => void): Pick<CampaignOptions, 'recipients' | 'positionOf' | 'rejectRow'> {
  const file = readRecipientFile(campaign.source, campaign.format)
  async function* counted(): AsyncGenerator<FileRow> {
    for await (const row of file.rows) {
      onRow()
      yield row
    }
  }
  return {
    recipients: counted(),
    positionOf: (row, index) => (typeof row === 'string' ? undefined : file.lineOf(row)) ?? index,
    rejectRow: (row) => (typeof row === 'string' ? undefined : file.problemOf(row)),
  }
}

// Everything read and planned as for a send, nothing sent: the counts and the first messages as they would go.
async function dryRun(campaign: Campaign, job: CommandJob): Promise<PrintedOutcome> {
  const preview: { number: string; text: string }[] = []
  const send = async (order: SmsOrder) => {
    for (const message of order.messages ?? []) for (const number of message.recipients) if (preview.length < previewShown) preview.push({ number, text: message.text })
    return { orderId: 'dry-run' }
  }
  const { rate: _rate, concurrency: _concurrency, ...options } = campaign.options
  // The order size a rate allows still applies: the orders counted are the ones a send would make.
  const perOrder = Math.min(options.perOrder ?? 50_000, Math.max(1, Math.floor(campaign.options.rate?.messagesPerSecond ?? Infinity)))
  const summary = await runCampaign(send, { ...options, perOrder, ...recipientsOf(campaign, () => {}) })
  const result = {
    orders: summary.orders.length,
    recipients: summary.sent,
    rows: summary.rows,
    duplicates: summary.duplicates,
    invalid: summary.invalidCount,
    ...(summary.error === undefined ? {} : { stopped: `${summary.error.name}: ${summary.error.message}` }),
  }
  const invalid = summary.invalid.map(({ position, number, reason }) => ({ line: position, number, reason }))
  if (job.json) job.out(JSON.stringify({ dryRun: { ...result, invalidRows: invalid, first: preview } }))
  else {
    job.out(renderHuman({ 'dry run': 'nothing was sent', ...result }))
    if (preview.length > 0) job.out(`\nfirst ${preview.length} messages, as they would go out:\n${renderHuman(preview)}`)
    if (invalid.length > 0) job.out(`\ninvalid rows${invalid.length > invalidShown ? ` (first ${invalidShown}; --json lists more)` : ''}:\n${renderHuman(invalid.slice(0, invalidShown))}`)
  }
  if (summary.error !== undefined) return new PrintedOutcome(ExitCode.Usage)
  return new PrintedOutcome(summary.orders.length === 0 ? ExitCode.CampaignEmpty : ExitCode.Success)
}

async function sendCampaign(client: IletiMerkeziClient, given: Given, job: CommandJob): Promise<PrintedOutcome> {
  const campaign = campaignOf(given, job)
  const resume = given.flag('resume')
  if (given.flag('resend-unknown') && !resume) throw new UsageError('--resend-unknown goes with --resume: it sends again the unknown orders of a campaign already begun', sendWords)
  if (given.flag('dry-run')) return dryRun(campaign, job)
  const journalPath = required(given, 'journal', sendWords)
  // Friendlier words than the journal's own refusals, which come again under its lock.
  const existing = await readJournalFile(journalPath)
  if (existing !== undefined && !resume) throw new UsageError(`${journalPath} already holds a campaign journal: add --resume to continue it, or name a new file`, sendWords)
  if (existing === undefined && resume) throw new UsageError(`there is no journal at ${journalPath} to resume`, sendWords)

  // Listening from here: a signal while the file is counted stops the campaign before it starts.
  let progress: ProgressReporter | undefined
  const signals = stopOnSignals((text) => (progress ? progress.notice(text) : job.err(text)))
  let summary: CampaignSummary | undefined
  try {
    progress = progressReporter(job, { rate: campaign.options.rate, perOrder: campaign.options.perOrder ?? 50_000 })
    const total = campaign.source.path === '-' ? undefined : await countRows(campaign.source, campaign.format, progress.rowCounted)
    progress.begin(total)
    summary = await client.sms.sendCampaign({
      ...campaign.options,
      ...recipientsOf(campaign, progress.rowRead),
      ...(total === undefined ? {} : { total }),
      journal: journalFile(journalPath),
      resume,
      takeOver: given.flag('take-over'),
      resendUnknown: given.flag('resend-unknown'),
      onProgress: (event) => progress!.report(event),
      signal: signals.signal,
    })
  } finally {
    signals.release()
    progress?.end(summary !== undefined && !summary.stopped)
  }
  if (summary.error?.source === 'journal') {
    // The journal on disk lags: the ids the provider gave are the operator's only record of them now.
    for (const order of summary.orders.filter((entry) => entry.state === 'sent' && entry.orderId !== undefined).slice(-3)) {
      job.err(`iletimerkezi: order ${order.index} (lines ${order.first}–${order.last}) was sent as provider order ${order.orderId}; the journal may not say so`)
    }
  }
  job.out(job.json || job.status === undefined ? JSON.stringify({ summary }) : renderHuman(humanSummary(summary, journalPath)))
  return new PrintedOutcome(sendExitCode(summary, signals.received()))
}

const campaignFlags = {
  sender: { type: 'text', valueName: 'name', description: 'an approved sender name (see: iletimerkezi senders)' },
  text: { type: 'text', valueName: 'text', description: 'the one text everyone gets; or --template' },
  template: { type: 'text', valueName: 'text', description: "a text with {column} placeholders filled from each row: 'Merhaba {name}'" },
  recipients: { type: 'text', valueName: 'file|-', description: 'a CSV file (header naming --column) or one number a line; - reads stdin' },
  column: { type: 'text', valueName: 'name', description: 'the header column that holds the numbers (default gsm)' },
  delimiter: { type: 'text', valueName: 'char', description: 'the one separator between fields: , ; or tab (default: the one the header line uses)' },
  'allow-empty': { type: 'boolean', description: 'send rows whose template placeholder is empty (by default they are invalid)' },
  'dry-run': { type: 'boolean', description: 'read and check everything, send nothing: the counts and the first messages as they would go out' },
  'per-order': { type: 'integer', valueName: 'n', description: 'recipients an order, 1 to 50000 (default 50000; at most one second of --rate)' },
  rate: { type: 'text', valueName: 'n[ orders]', description: "at most n messages in any one second, or n orders with 'orders'" },
  concurrency: { type: 'integer', valueName: 'n', description: 'orders in flight at once, 1 to 16 (default 1)' },
  journal: { type: 'text', valueName: 'file', description: 'the JSON journal of every order (required): what was sent, with its id' },
  resume: { type: 'boolean', description: 'continue the campaign in --journal: sent orders are skipped, failed ones sent again' },
  'take-over': { type: 'boolean', description: "take the journal from a run that holds it (only when that run is certainly gone)" },
  'resend-unknown': { type: 'boolean', description: 'with --resume: send again the orders whose outcome is unknown (may text twice)' },
  at: { type: 'text', valueName: 'time', description: "when to send, Turkey time: 'dd/MM/yyyy HH:mm' or 'yyyy-MM-dd HH:mm' (default now)" },
  iys: { type: 'integer', valueName: '0|1', description: 'check consent on İYS (default 1)' },
  'iys-list': { type: 'text', valueName: 'BIREYSEL|TACIR', description: 'the İYS list (default BIREYSEL)' },
} as const

/** The campaign commands, listed after the rest. */
export const campaignCommands: readonly Command[] = [
  {
    words: sendWords,
    summary: 'send a text or a template to every number in a file, in orders, with a journal; Ctrl-C or SIGTERM stops after the orders in flight',
    flags: campaignFlags,
    run: sendCampaign,
  },
  {
    words: ['campaign', 'status'],
    summary: "a campaign journal's summary, with each sent order's delivery totals from its report",
    flags: {
      journal: campaignFlags.journal,
      reconcile: { type: 'boolean', description: "settle unknown orders found in the provider's reports (same sender, the same numbers, in the order's time window)" },
    },
    run: campaignStatus,
  },
  {
    words: ['campaign', 'settle'],
    summary: 'settle one unknown order of a journal by hand, as sent or as failed (a resume then sends it)',
    flags: {
      journal: campaignFlags.journal,
      order: { type: 'integer', valueName: 'n', description: 'the order number, as campaign status shows it' },
      as: { type: 'text', valueName: 'sent|failed', description: 'what became of it: sent (it arrived) or failed (it did not: a resume sends it)' },
      'order-id': { type: 'text', valueName: 'id', description: "with --as sent: the provider's order id, when you found it" },
      'take-over': campaignFlags['take-over'],
    },
    run: campaignSettle,
  },
]
