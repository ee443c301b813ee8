import * as v from 'valibot'
import { ApiError, AuthenticationError, IletiMerkeziError, InsufficientBalanceError, NetworkError, RateLimitError, ValidationError } from '../errors/index.js'
import { sendAtInput } from '../schemas/date-inputs.js'
import { iysInput, iysListInput, senderInput, smsTextInput } from '../schemas/sms-input.js'
import type { SmsOrder } from '../schemas/sms-order.js'
import { validate } from '../schemas/validate.js'
import { campaignDigest } from './campaign-digest.js'
import type { CampaignJournalState, CampaignOptions, CampaignOrder, CampaignSummary, JournalLease, SendOrder } from './campaign-types.js'
import { checkJournalState, journalSeal } from './journal-state.js'
import { readTemplate } from './message-template.js'
import { planOrders, type PlannedOrder, type PlanTally } from './plan-orders.js'
import { RateLimiter, wait } from './rate-limiter.js'

// A campaign is no one wire operation: its errors name no operation (the CLI would print one with no format).
const context = {} as const
const mostPerOrder = 50_000
const mostInFlight = 16
// 429s for one order before it is given up as failed (it was never taken, so a resume sends it).
const mostRateLimitWaits = 10
const rateLimitBackoffMs = (attempt: number) => Math.min(30_000, 1000 * 2 ** (attempt - 1))
// The provider's "the same order within 10 minutes": it took this very order before.
const duplicateOrderCode = 451
// Socket errors that mean the request never left this machine: nothing can have been sent.
const neverLeft = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EAI_NONAME', 'ENETUNREACH', 'EHOSTUNREACH'])

const positiveRate = v.optional(v.pipe(v.number('expected a number per second'), v.finite(), v.check((rate) => rate > 0, 'expected more than 0 a second')))
const isFunction = (value: unknown) => typeof value === 'function'
const isJournal = (value: unknown) =>
  value !== null && typeof value === 'object' && ['lease', 'load', 'save'].every((name) => isFunction((value as Record<string, unknown>)[name]))
const isIterable = (value: unknown) =>
  value !== null && typeof value === 'object' && (Symbol.iterator in value || Symbol.asyncIterator in value)

const campaignInput = v.pipe(
  v.object({
    sender: v.optional(senderInput, ''),
    text: v.optional(smsTextInput),
    template: v.optional(smsTextInput),
    recipients: v.custom<unknown>(isIterable, 'expected the recipients as an array, an iterable or an async iterable'),
    column: v.optional(v.pipe(v.string(), v.trim(), v.check((column) => column !== '', 'expected a column name')), 'gsm'),
    total: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0))),
    perOrder: v.optional(v.pipe(v.number(), v.integer('expected a whole number'), v.minValue(1), v.maxValue(mostPerOrder, `at most ${mostPerOrder} recipients an order (the provider's limit)`)), mostPerOrder),
    concurrency: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(mostInFlight)), 1),
    rate: v.optional(v.object({ ordersPerSecond: positiveRate, messagesPerSecond: positiveRate })),
    timeout: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0))),
    sendAt: v.optional(sendAtInput),
    iys: iysInput,
    iysList: iysListInput,
    journal: v.optional(v.custom<unknown>(isJournal, 'expected a journal: { lease({ takeOver }), load(), save(state) }')),
    resume: v.optional(v.boolean()),
    takeOver: v.optional(v.boolean()),
    resendUnknown: v.optional(v.boolean()),
    allowEmpty: v.optional(v.boolean()),
    onProgress: v.optional(v.custom<unknown>(isFunction, 'expected a function')),
    positionOf: v.optional(v.custom<unknown>(isFunction, 'expected a function')),
    rejectRow: v.optional(v.custom<unknown>(isFunction, 'expected a function')),
    signal: v.optional(v.custom<unknown>((value) => value instanceof AbortSignal, 'expected an AbortSignal')),
  }),
  v.forward(
    v.check(({ text, template }) => (text === undefined) !== (template === undefined), 'give either text or template, one of them'),
    ['text'],
  ),
  v.forward(v.check(({ resume, journal }) => resume !== true || journal !== undefined, 'resume needs the journal to resume from'), ['resume']),
  v.forward(v.check(({ resume, resendUnknown }) => resendUnknown !== true || resume === true, 'resendUnknown only goes with resume'), ['resendUnknown']),
)

/** Whether an error means no later order can succeed either: wrong credentials, no balance, a sender not approved, bad input. */
function stopsEverything(error: unknown): boolean {
  return error instanceof AuthenticationError || error instanceof InsufficientBalanceError || error instanceof ValidationError || (error instanceof ApiError && error.code === 450)
}

// A connection that was never made (refused, no such host): the request did not leave.
function neverSent(error: unknown): boolean {
  if (!(error instanceof NetworkError)) return false
  let cause: unknown = error.cause
  for (let depth = 0; depth < 5 && cause instanceof Error; depth++, cause = cause.cause) {
    // A socket error's system code (`ECONNREFUSED`), read structurally: the client path names no Node-only type.
    if (neverLeft.has(String((cause as { code?: unknown }).code))) return true
  }
  return false
}

// An answer from the provider refusing the order, or a connection never made, means nothing went
// out; anything else (no answer, an unreadable one, a 5xx from it or a proxy) leaves the order's
// fate unknown.
function refusedOutright(error: unknown): boolean {
  if (error instanceof ValidationError || neverSent(error)) return true
  if (!(error instanceof ApiError)) return false
  return ![error.code, error.httpStatus].some((status) => status !== undefined && status >= 500)
}

function described(error: unknown): NonNullable<CampaignOrder['error']> {
  if (error instanceof IletiMerkeziError) return { name: error.name, ...(error.code === undefined ? {} : { code: error.code }), message: error.message }
  return { name: 'Error', message: error instanceof Error ? error.message : String(error) }
}

// A journal's own failure (a full disk, a lost database, a lease taken over): the journal is the
// campaign's input as much as its rows, and one that fails before an order went out sent nothing.
const journalFailure = (what: string) => (error: unknown) => {
  if (error instanceof IletiMerkeziError) throw error
  throw new ValidationError([{ path: 'journal', message: `the campaign journal could not be ${what}: ${error instanceof Error ? error.message : String(error)}` }], { ...context, cause: error })
}

function refuseJournal(message: string): ValidationError {
  return new ValidationError([{ path: 'journal', message }], context)
}

// A journal store's refusal (another run holds it) as a ValidationError: nothing was sent.
async function takeLease(journal: NonNullable<CampaignOptions['journal']>, takeOver: boolean): Promise<JournalLease> {
  try {
    return await journal.lease({ takeOver })
  } catch (error) {
    if (error instanceof IletiMerkeziError) throw error
    throw refuseJournal(error instanceof Error ? error.message : String(error))
  }
}

/**
 * Sends a campaign: the recipients cut into orders, each order sent once
 * through `send` (`client.sms.send`, never retried), its state journaled
 * before and after, under the journal's lease. See {@link CampaignOptions}.
 */
export async function runCampaign(send: SendOrder, options: CampaignOptions): Promise<CampaignSummary> {
  const settings = validate(campaignInput, options, context, { text: 454, template: 454 })
  const journal = options.journal
  if (journal === undefined) return sendCampaign(send, options, settings, undefined)
  const lease = await takeLease(journal, settings.takeOver === true)
  try {
    return await sendCampaign(send, options, settings, lease)
  } finally {
    await lease.release().catch(() => {})
  }
}

type Settings = v.InferOutput<typeof campaignInput>

async function sendCampaign(send: SendOrder, options: CampaignOptions, settings: Settings, lease: JournalLease | undefined): Promise<CampaignSummary> {
  const template = options.template === undefined ? undefined : readTemplate(settings.template!)
  const campaign = await campaignDigest({ ...settings, text: settings.text, template: settings.template })
  const journal = options.journal
  const signal = options.signal

  const saved = journal === undefined ? undefined : await journal.load().catch(journalFailure('read'))
  const previous = saved === undefined ? undefined : await checkJournalState(saved)
  if (previous !== undefined && options.resume !== true) {
    throw refuseJournal(`the journal already holds a campaign (${previous.orders.length} orders): resume it, or give a new journal`)
  }
  if (previous === undefined && options.resume === true) {
    throw refuseJournal('there is nothing in the journal to resume: a lost or emptied store would send to everyone again; start without resume if this is a new campaign')
  }
  if (previous !== undefined && previous.campaign !== campaign) {
    throw refuseJournal('the journal was made for another campaign: the sender, text or template, column, perOrder or İYS settings differ')
  }

  // Orders by index. An order found `planned` was being sent when the last run stopped: unknown.
  const entries = new Map<number, CampaignOrder>()
  for (const order of previous?.orders ?? []) entries.set(order.index, order.state === 'planned' ? { ...order, state: 'unknown' } : { ...order })
  const lastJournaled = Math.max(0, ...entries.keys())
  const tally: PlanTally = { rows: 0, duplicates: 0, invalid: [], invalidCount: 0, digest: campaign, ended: false }
  let sequence = previous?.sequence ?? 0
  let lastSeal = previous?.seal ?? ''
  const state = async (): Promise<CampaignJournalState> => {
    const unsealed = {
      version: 2 as const,
      campaign,
      sender: settings.sender,
      ...(settings.text === undefined ? {} : { text: settings.text }),
      ...(settings.template === undefined ? {} : { template: settings.template }),
      perOrder: settings.perOrder,
      orders: [...entries.values()].sort((a, b) => a.index - b.index).map((order) => ({ ...order })),
      ...(tally.ended ? { input: { rows: tally.rows, duplicates: tally.duplicates, invalid: tally.invalidCount, digest: tally.digest } } : {}),
      updatedAt: new Date().toISOString(),
      sequence: sequence + 1,
      previous: lastSeal,
    }
    return { ...unsealed, seal: await journalSeal(unsealed) }
  }
  // Saves run one after another, each with the state as it is then, each under a renewed lease.
  // One that fails stops the campaign: an order is never sent unless its `planned` state was saved first.
  let saving: Promise<void> = Promise.resolve()
  const save = () =>
    (saving = saving.then(async () => {
      if (journal === undefined) return
      await lease!.renew().catch(journalFailure('kept: its lease was lost'))
      const next = await state()
      await journal.save(next).catch(journalFailure('saved'))
      sequence = next.sequence
      lastSeal = next.seal
    }))

  const total = settings.total ?? (Array.isArray(options.recipients) ? options.recipients.length : undefined)
  const progress = { ordersDone: 0, recipientsSent: 0, recipientsDone: 0, recipientsFailed: 0, recipientsUnknown: 0, rowsDone: 0 }
  const settled = (order: CampaignOrder, rowsThrough: number, fromJournal = false) => {
    progress.ordersDone++
    progress.rowsDone = Math.max(progress.rowsDone, rowsThrough)
    progress.recipientsDone += order.recipients
    if (order.state === 'sent') progress.recipientsSent += order.recipients
    if (order.state === 'failed') progress.recipientsFailed += order.recipients
    if (order.state === 'unknown' || order.state === 'planned') progress.recipientsUnknown += order.recipients
    // As with the client's hooks, a callback that throws is ignored: the campaign's state must not hang on it.
    try {
      options.onProgress?.({ order: { ...order }, ...progress, total, fromJournal })
    } catch {}
  }

  const orderLimiter = new RateLimiter(settings.rate?.ordersPerSecond)
  const messageLimiter = new RateLimiter(settings.rate?.messagesPerSecond)
  // Waits for the rate; false when the signal stopped the campaign first (the order was not begun).
  // Asked again after each wait: a timer may fire early, a 429 may have paused everything meanwhile.
  const paced = async (recipients: number) => {
    for (;;) {
      const now = performance.now()
      const due = Math.max(orderLimiter.due(1, now), messageLimiter.due(recipients, now))
      if (due <= now) break
      if (!(await wait(Math.ceil(due - now), signal))) return false
    }
    if (signal?.aborted) return false
    const now = performance.now()
    orderLimiter.started(1, now)
    messageLimiter.started(recipients, now)
    return true
  }
  let fatal = false
  const stopping = () => fatal || signal?.aborted === true

  async function sendOnce(order: PlannedOrder): Promise<Pick<CampaignOrder, 'state' | 'orderId' | 'error' | 'duplicate'>> {
    const smsOrder = {
      sender: options.sender,
      messages: order.messages,
      ...(options.sendAt === undefined ? {} : { sendAt: options.sendAt }),
      ...(options.iys === undefined ? {} : { iys: options.iys }),
      ...(options.iysList === undefined ? {} : { iysList: options.iysList }),
    } as SmsOrder
    for (let attempt = 1; ; attempt++) {
      try {
        const { orderId } = await send(smsOrder, { retry: 0, ...(settings.timeout === undefined ? {} : { timeout: settings.timeout }) })
        return { state: 'sent', orderId }
      } catch (error) {
        // A 429 was not taken: wait as the server says (every order waits), then the same order again.
        if (error instanceof RateLimitError && attempt < mostRateLimitWaits) {
          const delay = error.retryAfterMs ?? rateLimitBackoffMs(attempt)
          orderLimiter.pauseUntil(performance.now() + delay)
          messageLimiter.pauseUntil(performance.now() + delay)
          if (await wait(delay, signal)) continue
        }
        // The provider already took this very order (an earlier run whose answer was lost): it is sent.
        if (error instanceof ApiError && error.code === duplicateOrderCode) return { state: 'sent', duplicate: true }
        if (stopsEverything(error)) fatal = true
        // Stop at the first unknown, or a connection refused: every later order would meet the same.
        if (!refusedOutright(error) || neverSent(error)) fatal = true
        return { state: refusedOutright(error) ? 'failed' : 'unknown', error: described(error) }
      }
    }
  }

  let dispatched = 0
  // Orders begin one after another, in order, however many are then in flight: the rate counts
  // true starts, and the journal never holds an order without the ones before it.
  let turns: Promise<unknown> = Promise.resolve()
  async function dispatch(order: PlannedOrder): Promise<void> {
    const { index, recipients, first, last, digest, recipientsDigest } = order
    const begun = turns.then(async () => {
      if (!(await paced(order.recipients))) return undefined
      const entry: CampaignOrder = { index, recipients, first, last, digest, recipientsDigest, state: 'planned', at: new Date().toISOString() }
      entries.set(index, entry)
      return entry
    })
    turns = begun.catch(() => {})
    const entry = await begun
    if (entry === undefined) return
    await save()
    if (stopping()) {
      // The signal came while it was being saved: it is not sent, and a resume sends it.
      Object.assign(entry, { state: 'failed', error: { name: 'AbortError', message: 'not sent: the campaign was stopped first' } })
      settled(entry, order.rowsThrough)
      await save()
      return
    }
    dispatched++
    const outcome = await sendOnce(order)
    for (const key of ['error', 'orderId', 'duplicate'] as const) delete entry[key]
    Object.assign(entry, outcome)
    settled(entry, order.rowsThrough)
    await save()
  }

  const inFlight = new Set<Promise<void>>()
  let broken: { error: unknown; source: 'input' | 'journal' } | undefined
  const deferred: PlannedOrder[] = []
  let planned = 0
  // Every journaled order must match the input before anything is sent: until the last one is
  // checked, the orders to send again wait here.
  async function launch(order: PlannedOrder): Promise<boolean> {
    while (inFlight.size >= settings.concurrency) await Promise.race(inFlight)
    if (stopping()) return false
    // A journal that failed ends the campaign once the orders in flight are done.
    const task = dispatch(order)
      .catch((error: unknown) => {
        broken ??= { error, source: 'journal' }
        fatal = true
      })
      .finally(() => inFlight.delete(task))
    inFlight.add(task)
    return true
  }

  const largest = Math.min(settings.perOrder, messageLimiter.largest)
  try {
    const plan = {
      text: settings.text,
      template,
      column: settings.column,
      perOrder: largest,
      positionOf: options.positionOf,
      rejectRow: options.rejectRow,
      allowEmpty: settings.allowEmpty === true,
      digest: campaign,
    }
    planning: for await (const order of planOrders(options.recipients, plan, tally)) {
      if (stopping()) break
      planned = order.index
      const entry = entries.get(order.index)
      if (entry !== undefined) {
        if (entry.digest !== order.digest) {
          throw refuseJournal(`the journal was made for other recipients: order ${order.index} (input positions ${order.first}–${order.last}) differs`)
        }
        const again = entry.state === 'failed' || (entry.state === 'unknown' && options.resendUnknown === true)
        if (again) deferred.push(order)
        else settled(entry, order.rowsThrough, true)
        if (order.index < lastJournaled) continue
      }
      for (const next of [...deferred.splice(0), ...(entry === undefined ? [order] : [])]) {
        if (stopping() || !(await launch(next))) break planning
      }
    }
    if (planned < lastJournaled && tally.ended) throw refuseJournal(`the journal was made for other recipients: it has ${lastJournaled} orders, the input makes ${planned}`)
  } catch (error) {
    // Before any order went out, the error is the caller's (nothing sent); after, the summary says it.
    await Promise.all(inFlight)
    if (dispatched === 0 && broken === undefined) throw error
    broken ??= { error, source: 'input' }
    fatal = true
  } finally {
    await Promise.all(inFlight)
  }
  if (broken?.source === 'journal' && dispatched === 0) throw broken.error
  if (tally.ended && broken === undefined) await save().catch((error: unknown) => void (broken ??= { error, source: 'journal' }))
  await saving.catch(() => {})

  const orders = [...entries.values()].sort((a, b) => a.index - b.index).map((order) => ({ ...order }))
  const stopped = stopping()
  const failure = broken as { error: unknown; source: 'input' | 'journal' } | undefined
  return {
    orders,
    sent: orders.reduce((sum, order) => sum + (order.state === 'sent' ? order.recipients : 0), 0),
    duplicates: tally.duplicates,
    invalid: tally.invalid,
    invalidCount: tally.invalidCount,
    failed: orders.filter((order) => order.state === 'failed'),
    unknown: orders.filter((order) => order.state === 'unknown' || order.state === 'planned'),
    complete: tally.ended && !stopped && failure === undefined && orders.length === planned && orders.every((order) => order.state === 'sent'),
    stopped,
    rows: tally.rows,
    ...(failure === undefined
      ? {}
      : { error: { name: failure.error instanceof Error ? failure.error.name : 'Error', message: failure.error instanceof Error ? failure.error.message : String(failure.error), source: failure.source } }),
  }
}
