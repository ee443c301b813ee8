// `iletimerkezi campaign status|settle`: what a journal says, each sent order's report, and the
// unknown orders settled from the provider's reports or by hand.
import { checkJournalState } from '../campaign/journal-state.js'
import { recipientsDigest } from '../campaign/campaign-digest.js'
import { readRecipientNumber } from '../campaign/recipient-number.js'
import { settleOrders, type Settlement } from '../campaign/settle-orders.js'
import type { CampaignJournalState, CampaignOrder, IletiMerkeziClient, OrderSummary } from '../index.js'
import { PrintedOutcome, type CommandJob, type Given } from './command.js'
import { ExitCode } from './exit-codes.js'
import { journalFile, readJournalFile } from './journal-file.js'
import { renderHuman } from './render-human.js'
import { UsageError } from './usage-error.js'

const statusWords = ['campaign', 'status']
const settleWords = ['campaign', 'settle']

/** A text flag the command cannot go without. */
export function required(given: Given, name: string, words: readonly string[]): string {
  const value = given.text(name)
  if (value === undefined || value === '') throw new UsageError(`--${name} is required`, words)
  return value
}

/** An order that may or may not have gone: `unknown`, or `planned` in a journal a stopped run left. */
export const isUnknown = (order: CampaignOrder) => order.state === 'unknown' || order.state === 'planned'

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

// The provider's day (Turkey time) of an instant, as reports.list takes it.
const turkeyDay = (instant: number) => new Date(instant + 3 * 3_600_000).toISOString().slice(0, 10)
// An order's submit time in the reports may trail its send by the answer's wait, and clocks differ.
const reconcileBeforeMs = 2 * 60_000
const reconcileAfterMs = 15 * 60_000
const mostReportPages = 100

/**
 * The provider's order that is surely an unknown order of the journal: the
 * same sender and recipient count, submitted in its time window, not already
 * another order's, and sent to the very same numbers (its report's, each
 * spelling alike, against the order's `recipientsDigest`). The reports hold
 * no text; the numbers are what tells a campaign's orders apart.
 */
async function reconcileWith(client: IletiMerkeziClient, state: CampaignJournalState, order: CampaignOrder, claimed: Set<string>, notes: Map<number, string>): Promise<Settlement | undefined> {
  if (order.at === undefined || order.recipientsDigest === undefined) {
    notes.set(order.index, 'the journal does not say when or to whom it was sent: settle it by hand')
    return undefined
  }
  const at = Date.parse(order.at)
  for (let page = 1; page <= mostReportPages; page++) {
    const found = await client.reports.list({ start: turkeyDay(at - reconcileBeforeMs), end: turkeyDay(at + reconcileAfterMs), page })
    for (const summary of found.orders) {
      const submitted = Date.parse(summary.submitAt)
      const fits = summary.sender === state.sender && summary.total === order.recipients && !claimed.has(summary.orderId) && submitted >= at - reconcileBeforeMs && submitted <= at + reconcileAfterMs
      if (fits && (await recipientsOf(client, summary)) === order.recipientsDigest) {
        claimed.add(summary.orderId)
        return { state: 'sent', orderId: summary.orderId, settled: 'reconciled' }
      }
    }
    if (found.orders.length === 0 || page * 30 >= found.count) break
  }
  notes.set(order.index, 'not in the provider’s reports: not sent, or not listed yet')
  return undefined
}

// The digest of the numbers a provider's order went to, as the journal keeps it.
async function recipientsOf(client: IletiMerkeziClient, summary: OrderSummary): Promise<string> {
  const keys: number[] = []
  for await (const message of client.reports.getAll({ orderId: summary.orderId })) {
    const number = readRecipientNumber(message.number)
    if ('key' in number) keys.push(number.key)
  }
  return recipientsDigest(keys)
}

/** `campaign status [--reconcile]`. */
export async function campaignStatus(client: IletiMerkeziClient, given: Given, job: CommandJob): Promise<PrintedOutcome> {
  const journalPath = required(given, 'journal', statusWords)
  if ((await readJournalFile(journalPath)) === undefined) throw new UsageError(`there is no journal at ${journalPath}`, statusWords)
  const notes = new Map<number, string>()
  // Provider orders already some order's: never given to a second one.
  let claimed: Set<string> | undefined
  let reportsRead = true
  let state: CampaignJournalState
  if (given.flag('reconcile')) {
    state = await settleOrders(
      journalFile(journalPath),
      async (order, loaded) => {
        claimed ??= new Set(loaded.orders.flatMap((entry) => (entry.orderId === undefined ? [] : [entry.orderId])))
        try {
          return await reconcileWith(client, loaded, order, claimed, notes)
        } catch (error) {
          reportsRead = false
          notes.set(order.index, `reports could not be read: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`)
          return undefined
        }
      },
      { takeOver: false },
    )
  } else {
    state = await checkJournalState(await journalFile(journalPath).load())
  }
  const orders: DeliveredOrder[] = []
  for (const order of state.orders) {
    const delivery = await deliveryOf(client, order.state === 'sent' ? order.orderId : undefined)
    if (delivery.report !== undefined) reportsRead = false
    orders.push({ ...order, ...delivery, ...(notes.has(order.index) ? { report: notes.get(order.index)! } : {}) })
  }
  const count = (wanted: CampaignOrder['state']) => orders.filter((order) => order.state === wanted).length
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
    reports: reportsRead ? 'read' : 'not all could be read',
    updatedAt: state.updatedAt,
  }
  if (job.json) job.out(JSON.stringify({ ...status, orders }, null, 2))
  else {
    job.out(renderHuman({ ...status, orders: `${status.orders.sent} sent, ${status.orders.failed} failed, ${status.orders.unknown} unknown` }))
    job.out('')
    job.out(
      renderHuman(
        orders.map(({ index, state: where, orderId, duplicate, settled, recipients, delivered, undelivered, waiting, report, error }) => ({
          order: index,
          state: `${where}${duplicate ? ' (duplicate)' : ''}${settled ? ` (${settled})` : ''}`,
          id: orderId ?? '',
          recipients,
          delivered: delivered ?? '',
          undelivered: undelivered ?? '',
          waiting: waiting ?? '',
          note: report ?? error?.message ?? '',
        })),
      ),
    )
  }
  // 0 only for a campaign that is done, every order sent and its report read.
  if (state.orders.some(isUnknown)) return new PrintedOutcome(ExitCode.CampaignUnknown)
  if (state.orders.some((order) => order.state === 'failed') || state.input === undefined) return new PrintedOutcome(ExitCode.CampaignFailed)
  return new PrintedOutcome(reportsRead ? ExitCode.Success : ExitCode.Network)
}

/** `campaign settle --order N --as sent|failed`. */
export async function campaignSettle(_client: IletiMerkeziClient, given: Given, job: CommandJob): Promise<PrintedOutcome> {
  const journalPath = required(given, 'journal', settleWords)
  const index = given.integer('order')
  if (index === undefined) throw new UsageError('--order is required: the order number the journal and `campaign status` show', settleWords)
  const as = required(given, 'as', settleWords)
  if (as !== 'sent' && as !== 'failed') throw new UsageError(`--as must be sent or failed (got ${JSON.stringify(as)})`, settleWords)
  const orderId = given.text('order-id')
  if (orderId !== undefined && as !== 'sent') throw new UsageError('--order-id goes with --as sent', settleWords)
  if ((await readJournalFile(journalPath)) === undefined) throw new UsageError(`there is no journal at ${journalPath}`, settleWords)
  let found: CampaignOrder | undefined
  const state = await settleOrders(
    journalFile(journalPath),
    async (order) => {
      if (order.index !== index) return undefined
      found = order
      return as === 'sent' ? { state: 'sent', ...(orderId === undefined ? {} : { orderId }), settled: 'by hand' } : { state: 'failed', settled: 'by hand' }
    },
    { takeOver: given.flag('take-over') },
  )
  if (found === undefined) {
    const order = state.orders.find((entry) => entry.index === index)
    throw new UsageError(order === undefined ? `the journal has no order ${index} (it has ${state.orders.length})` : `order ${index} is ${order.state}, not unknown: only an unknown order is settled`, settleWords)
  }
  job.out(job.json ? JSON.stringify({ settled: state.orders[index - 1] }) : `order ${index} (lines ${found.first}–${found.last}, ${found.recipients} recipients) settled as ${as}${as === 'failed' ? ': a resume sends it' : ''}`)
  return new PrintedOutcome(ExitCode.Success)
}
