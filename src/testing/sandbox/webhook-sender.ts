import { ValidationError, type ValidationIssue } from '../../errors/index.js'
import { MessageStatus } from '../../status/status-codes.js'
import type { OutgoingMessage, StoredMessage, StoredOrder } from './messaging-store.js'

/** Where the sandbox POSTs delivery reports, and how its messages move on. */
export interface SandboxWebhookOptions {
  /** The app's webhook endpoint (http or https). */
  url: string
  /**
   * Milliseconds from an order going out (its `accepted` reports) to its
   * messages' outcome (`delivered` or `undelivered` reports; `reports.get`
   * says 110 until then). Default 0: both at once.
   */
  deliveryDelayMs?: number
  /** Which messages end undelivered (112); default none beyond İYS's refusals (`iys: 1` without an ONAY). */
  outcome?: (message: OutgoingMessage) => 'delivered' | 'undelivered'
  /** Attempts at one report, the first included, before it is given up; default 4. */
  maxAttempts?: number
  /** The pause before the second attempt, doubled before each next one (capped at 30 s); default 200 ms. */
  retryDelayMs?: number
  /** How long one attempt waits for an answer; default 5 000 ms. */
  timeoutMs?: number
}

/** The body the provider POSTs for one report of one message. */
export interface WebhookReportBody {
  /** The message's id. */
  id: number
  /** The order's id. */
  packet_id: string
  /** Where the message is. */
  status: 'accepted' | 'delivered' | 'undelivered'
  /** The recipient's number. */
  to: string
  /** The message text. */
  body: string
}

/** One attempt at delivering a report: when, and what came of it. */
export interface WebhookAttempt {
  /** When it was sent, epoch milliseconds. */
  at: number
  /** The HTTP status answered, when an answer came. */
  status?: number
  /** Why no answer came (refused, timed out), when none did. */
  error?: string
}

/** One report and every attempt at delivering it. */
export interface WebhookDelivery {
  /** The report sent (the same body on every attempt). */
  report: WebhookReportBody
  /** `pending` while attempts remain, `delivered` once answered 2xx, `failed` when every attempt failed. */
  state: 'pending' | 'delivered' | 'failed'
  /** Every attempt so far, oldest first. */
  attempts: WebhookAttempt[]
}

const longestTimer = 2 ** 31 - 1
const longestPause = 30_000

function issuesOf(options: SandboxWebhookOptions): ValidationIssue[] {
  const issues: ValidationIssue[] = []
  let url: URL | undefined
  try {
    url = new URL(options.url)
  } catch {
    // reported below
  }
  if (url === undefined || (url.protocol !== 'http:' && url.protocol !== 'https:')) issues.push({ path: 'webhook.url', message: 'must be an http or https URL' })
  const whole = (name: keyof SandboxWebhookOptions, least: number) => {
    const value = options[name]
    if (value !== undefined && !(typeof value === 'number' && Number.isSafeInteger(value) && value >= least)) issues.push({ path: `webhook.${name}`, message: `must be a whole number, ${least} or more` })
  }
  whole('deliveryDelayMs', 0)
  whole('maxAttempts', 1)
  whole('retryDelayMs', 0)
  whole('timeoutMs', 1)
  if (options.outcome !== undefined && typeof options.outcome !== 'function') issues.push({ path: 'webhook.outcome', message: 'must be a function' })
  return issues
}

/** Checks `startSandbox`'s `webhook` option; a wrong value is a `ValidationError` naming it. */
export function checkWebhookOptions(options: SandboxWebhookOptions): void {
  const issues = issuesOf(options)
  if (issues.length > 0) throw new ValidationError(issues)
}

const describe = (error: unknown) => (error instanceof Error ? (error.cause instanceof Error ? `${error.message}: ${error.cause.message}` : error.message) : String(error))

/**
 * POSTs each placed order's delivery reports to the webhook, as the
 * provider does: `accepted` when a message goes out, then `delivered` or
 * `undelivered` at its outcome. Reports of one message go in order, one at
 * a time; a failed one (no answer, or not 2xx) is tried again after a
 * pause that doubles, a bounded number of times. Timers follow the wall
 * clock (not `store.now`); an order due more than ~24 days ahead gets no reports.
 */
export class WebhookSender {
  readonly deliveries: WebhookDelivery[] = []
  readonly #options: Required<Omit<SandboxWebhookOptions, 'outcome'>>
  readonly #timers = new Map<string, Set<ReturnType<typeof setTimeout>>>()
  readonly #controllers = new Set<AbortController>()
  #outstanding = 0
  #waiters: (() => void)[] = []
  #stopped = false

  constructor(options: SandboxWebhookOptions) {
    this.#options = { deliveryDelayMs: 0, maxAttempts: 4, retryDelayMs: 200, timeoutMs: 5000, ...options }
  }

  /** Schedules an order's reports: `accepted` at its send time, the outcome `deliveryDelayMs` later. */
  placed(order: StoredOrder, now: number): void {
    const acceptedIn = order.sendAt - now
    const outcomeIn = (order.deliverAt ?? order.sendAt) - now
    if (this.#stopped || outcomeIn > longestTimer) return
    for (const message of order.messages) {
      if (message.id === undefined) continue
      // One queue a message: its reports leave in order, each after the one before it is settled.
      let queue = Promise.resolve()
      const enqueue = (status: WebhookReportBody['status']) => {
        const delivery: WebhookDelivery = { report: reportOf(order, message, status), state: 'pending', attempts: [] }
        this.deliveries.push(delivery)
        this.#hold()
        queue = queue.then(() => this.#deliver(delivery)).finally(() => this.#release())
      }
      this.#after(order.id, acceptedIn, () => {
        enqueue('accepted')
        this.#after(order.id, outcomeIn - acceptedIn, () => enqueue(message.outcome === MessageStatus.Undelivered ? 'undelivered' : 'delivered'))
      })
    }
  }

  /** A cancelled order sends nothing more. */
  cancelled(order: StoredOrder): void {
    for (const timer of this.#timers.get(order.id) ?? []) {
      clearTimeout(timer)
      this.#release()
    }
    this.#timers.delete(order.id)
  }

  /** Resolves once no report is waiting for its time or being delivered. */
  settle(): Promise<void> {
    if (this.#outstanding === 0) return Promise.resolve()
    return new Promise((resolve) => this.#waiters.push(resolve))
  }

  /** Stops every timer and attempt (the sandbox is closing); what was pending stays pending. */
  stop(): void {
    this.#stopped = true
    for (const timers of this.#timers.values()) for (const timer of timers) clearTimeout(timer)
    this.#timers.clear()
    for (const controller of this.#controllers) controller.abort()
    this.#outstanding = 0
    for (const resolve of this.#waiters.splice(0)) resolve()
  }

  #hold(): void {
    this.#outstanding++
  }

  #release(): void {
    if (this.#stopped || this.#outstanding === 0) return
    if (--this.#outstanding === 0) for (const resolve of this.#waiters.splice(0)) resolve()
  }

  #after(orderId: string, ms: number, run: () => void): void {
    this.#hold()
    const timers = this.#timers.get(orderId) ?? new Set()
    this.#timers.set(orderId, timers)
    const timer = setTimeout(() => {
      timers.delete(timer)
      if (timers.size === 0) this.#timers.delete(orderId)
      if (!this.#stopped) run()
      this.#release()
    }, Math.max(0, ms))
    timers.add(timer)
  }

  async #deliver(delivery: WebhookDelivery): Promise<void> {
    const { url, maxAttempts, retryDelayMs, timeoutMs } = this.#options
    const body = JSON.stringify({ report: delivery.report })
    for (let attempt = 1; attempt <= maxAttempts && !this.#stopped; attempt++) {
      const record: WebhookAttempt = { at: Date.now() }
      delivery.attempts.push(record)
      const controller = new AbortController()
      this.#controllers.add(controller)
      const timer = setTimeout(() => controller.abort(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs)
      try {
        const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body, signal: controller.signal })
        record.status = response.status
        // Read to the end, so the connection can be used again.
        await response.arrayBuffer().catch(() => undefined)
        if (response.ok) {
          delivery.state = 'delivered'
          return
        }
      } catch (error) {
        record.error = controller.signal.aborted && controller.signal.reason instanceof Error ? controller.signal.reason.message : describe(error)
      } finally {
        clearTimeout(timer)
        this.#controllers.delete(controller)
      }
      // Unref'd: a closed sandbox's pending pause keeps no process alive.
      if (attempt < maxAttempts && !this.#stopped) await new Promise((resolve) => setTimeout(resolve, Math.min(retryDelayMs * 2 ** (attempt - 1), longestPause)).unref())
    }
    if (delivery.state === 'pending' && !this.#stopped) delivery.state = 'failed'
  }
}

function reportOf(order: StoredOrder, message: StoredMessage, status: WebhookReportBody['status']): WebhookReportBody {
  return { id: message.id!, packet_id: order.id, status, to: message.number, body: message.text }
}
