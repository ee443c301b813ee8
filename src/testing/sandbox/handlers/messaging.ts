import { daysBetween, formatDateTime, parseDay, parseProviderDateTime, turkeyClockAt, turkeyInstant } from '../../../schemas/turkey-time.js'
import { MessageStatus, OrderStatus, StatusCode } from '../../../status/status-codes.js'
import { wireList, type WireTree } from '../../../wire/tree.js'
import { canonicalNumber, settleOrder, type OutgoingMessage, type StoredMessage, type StoredOrder } from '../messaging-store.js'
import { isDuplicate, orderFingerprint, rememberOrder } from '../duplicate-orders.js'
import { integerAt, listAt, textAt, type RequestTree } from '../read-request.js'
import type { SandboxStore } from '../store.js'
import { pageOf } from './contact-tree.js'
import { fail, ok, type Handler, type HandlerReply } from './handler.js'
import { isPhoneNumber } from './phone-number.js'

const maxParts = 7
const reportsPageSize = 30
const maxReportDays = 10
const pricePerCredit = 0.0372
// Money to 4 decimals, as the provider writes prices and balances: no float drift across orders.
const inLira = (amount: number) => Math.round(amount * 10_000) / 10_000
const priceOf = (credits: number) => inLira(credits * pricePerCredit)

// A rough count: the provider's depends on the account's encoding. Plain ASCII
// fits 160 characters in one SMS (153 a part when split), anything else 70 (67).
function smsParts(text: string): number {
  const [single, part] = /^[\x20-\x7e\n\r]*$/.test(text) ? [160, 153] : [70, 67]
  return text.length <= single ? 1 : Math.ceil(text.length / part)
}

/** `dd/MM/yyyy HH:mm`: when to send; '' is now. With seconds the provider ignores the schedule: now too. */
function sendTime(text: string, now: number): number | undefined {
  if (text === '') return now
  const clock = parseProviderDateTime(text)
  if (!clock) return undefined
  return clock.second !== 0 || /:\d{2}:\d{2}$/.test(text) ? now : turkeyInstant(clock)
}

interface Draft {
  text: string
  numbers: string[]
  parts: number
}

function readMessages(request: RequestTree): Draft[] | HandlerReply {
  const drafts: Draft[] = []
  const messages = listAt(request, 'order.message')
  if (messages.length === 0) return fail(StatusCode.EmptyText)
  for (const message of messages) {
    const text = textAt(message, 'text')
    if (text.trim() === '') return fail(StatusCode.EmptyText)
    const numbers = listAt(message, 'receipents.number').map((number) => (typeof number === 'string' || typeof number === 'number' ? String(number) : ''))
    if (numbers.length === 0 || !numbers.every(isPhoneNumber)) return fail(StatusCode.InvalidRecipients)
    const parts = smsParts(text)
    if (parts > maxParts) return fail(StatusCode.OrderTooLarge)
    drafts.push({ text, numbers: numbers.map(canonicalNumber), parts })
  }
  return drafts
}

const iysLists = ['BIREYSEL', 'TACIR'] as const

// İYS as the send pages document it: `iys` 1 (check consent on İYS) or 0 (don't), else 468; `iysList` the
// consent list to check, BIREYSEL or TACIR (469 when it is anything else, or missing while `iys` is 1);
// an account with no İYS brand code set cannot ask for the check (470).
function readIys(request: RequestTree, store: SandboxStore): Pick<StoredOrder, 'iys' | 'iysList'> | HandlerReply {
  const iys = textAt(request, 'order.iys').trim()
  if (iys !== '0' && iys !== '1') return fail(StatusCode.IysFlagMissing)
  const list = textAt(request, 'order.iysList').trim()
  const iysList = iysLists.find((name) => name === list)
  if (iysList === undefined && (iys === '1' || list !== '')) return fail(StatusCode.IysListMissing)
  if (iys === '1' && !store.settings.iysConfigured) return fail(StatusCode.IysCodeMissing)
  return { iys: Number(iys) as 0 | 1, ...(iysList ? { iysList } : {}) }
}

// Where a message ends: undelivered (112) when the order asks for İYS checks and the recipient has no ONAY for
// SMS on its list (the sandbox's reading; the provider documents no per-recipient outcome), or when the
// sandbox's delivery settings say so; else delivered (111).
function outcomeOf(store: SandboxStore, iys: Pick<StoredOrder, 'iys' | 'iysList'>, message: OutgoingMessage): number {
  if (iys.iys === 1 && store.settings.iysConsentCheck && !store.consents.allowsSms(message.number, iys.iysList ?? 'BIREYSEL')) return MessageStatus.Undelivered
  return store.delivery.outcome?.(message) === 'undelivered' ? MessageStatus.Undelivered : MessageStatus.Delivered
}

export const sendSms: Handler = (request, store) => {
  const sender = textAt(request, 'order.sender')
  if (sender.trim() === '') return fail(StatusCode.EmptySender)
  if (sender.length > 11 || /[^\x20-\x7e]/.test(sender)) return fail(StatusCode.InvalidSender)
  if (!store.senders.includes(sender)) return fail(StatusCode.SenderNotApproved)
  const iys = readIys(request, store)
  if ('code' in iys) return iys
  const now = store.now()
  const sendAt = sendTime(textAt(request, 'order.sendDateTime').trim(), now)
  if (sendAt === undefined) return fail(StatusCode.InvalidSendDate)
  const drafts = readMessages(request)
  if (!Array.isArray(drafts)) return drafts
  const fingerprint = orderFingerprint(drafts)
  if (store.settings.duplicateOrders && isDuplicate(store, fingerprint, now)) return fail(StatusCode.DuplicateOrder)

  // Blocked numbers get nothing; an order left with no one to send to is refused.
  const blocked = new Set(store.blacklist.map((block) => canonicalNumber(block.number)))
  const orderId = String(store.nextOrderId)
  const deliverAt = sendAt + store.delivery.delayMs
  const settled = deliverAt <= now
  const messages: StoredMessage[] = drafts.flatMap((draft) =>
    draft.numbers
      .filter((number) => !blocked.has(number))
      .map((number) => {
        const outcome = outcomeOf(store, iys, { orderId, number, text: draft.text })
        return { id: 0, number, text: draft.text, status: settled ? outcome : MessageStatus.Sending, outcome }
      }),
  )
  if (messages.length === 0) return fail(StatusCode.InvalidRecipients)
  const credits = messages.reduce((sum, message) => sum + smsParts(message.text), 0)
  const cost = priceOf(credits)
  if (credits > store.balance.sms || cost > store.balance.amount) return fail(StatusCode.InsufficientBalance)

  // The balance's money goes down by the price the order's report shows, as its credits do.
  store.balance.sms -= credits
  store.balance.amount = inLira(store.balance.amount - cost)
  store.nextOrderId++
  for (const message of messages) message.id = store.nextMessageId++
  const order: StoredOrder = {
    id: orderId,
    sender,
    status: settled ? OrderStatus.Completed : OrderStatus.Sending,
    submitAt: now,
    sendAt,
    ...(deliverAt === sendAt ? {} : { deliverAt }),
    credits,
    messages,
    ...iys,
  }
  store.orders.set(order.id, order)
  rememberOrder(store, fingerprint, order)
  store.onOrder?.('placed', order)
  return ok({ order: { id: order.id } })
}

function storedOrder(store: SandboxStore, id: string): StoredOrder | undefined {
  const order = store.orders.get(id.trim())
  return order && settleOrder(order, store.now())
}

export const cancelOrder: Handler = (request, store) => {
  const order = storedOrder(store, textAt(request, 'order.id'))
  // "Orders that have already begun delivery cannot be canceled": 455, as for no order at all.
  if (!order || order.status !== OrderStatus.Sending) return fail(StatusCode.OrderNotFound)
  order.status = OrderStatus.Failed
  for (const message of order.messages) message.status = MessageStatus.Undelivered
  store.onOrder?.('cancelled', order)
  store.balance.sms += order.credits
  store.balance.amount = inLira(store.balance.amount + priceOf(order.credits))
  return ok()
}

const timestamp = (epochMs: number) => formatDateTime(turkeyClockAt(new Date(epochMs)))

function summaryTree(order: StoredOrder): WireTree {
  const count = (status: number) => order.messages.filter((message) => message.status === status).length
  return {
    id: order.id,
    status: order.status,
    total: order.messages.length,
    delivered: count(MessageStatus.Delivered),
    undelivered: count(MessageStatus.Undelivered),
    waiting: count(MessageStatus.Sending),
    submitAt: timestamp(order.submitAt),
    sendAt: timestamp(order.sendAt),
    sender: order.sender,
  }
}

export const getReport: Handler = (request, store) => {
  const order = storedOrder(store, textAt(request, 'order.id'))
  if (!order) return fail(StatusCode.OrderNotFound)
  if (order.status === OrderStatus.Sending && order.sendAt > store.now()) return fail(StatusCode.OrderNotDue)
  const page = integerAt(request, 'order.page') ?? 1
  const rowCount = Math.min(integerAt(request, 'order.rowCount') ?? 1000, 1000)
  if (page < 1 || rowCount < 1) return fail(StatusCode.InvalidPage)
  const messages = pageOf(order.messages, page, rowCount).map(({ number, status }) => ({ number, status }))
  // The provider writes the price with a decimal comma: "0,0372".
  const price = priceOf(order.credits).toFixed(4).replace('.', ',')
  return ok({ order: { ...summaryTree(order), price, message: messages } })
}

export const getReports: Handler = (request, store) => {
  const start = parseDay(textAt(request, 'filter.start').trim())
  const end = parseDay(textAt(request, 'filter.end').trim())
  if (!start || !end || daysBetween(start, end) < 0 || daysBetween(start, end) > maxReportDays) return fail(StatusCode.InvalidDateRange)
  const page = integerAt(request, 'filter.page') ?? 1
  if (page < 1) return fail(StatusCode.InvalidPage)
  const now = store.now()
  const inRange = [...store.orders.values()].filter((order) => {
    const day = turkeyClockAt(new Date(order.submitAt))
    return daysBetween(start, day) >= 0 && daysBetween(day, end) >= 0
  })
  const orders = pageOf(inRange, page, reportsPageSize).map((order) => summaryTree(settleOrder(order, now)))
  return ok({ count: inRange.length, orders: wireList('order', orders) })
}

// The JSON docs send both as text; so does the sandbox, in both formats.
export const getBalance: Handler = (_request, store) =>
  ok({ balance: { amount: store.balance.amount.toFixed(4), sms: String(store.balance.sms) } })
