import * as v from 'valibot'
import { repeatedList } from './repeated-list.js'
import { formatIsoTurkey, parseIsoWithOffset, parseTurkeyDateTime } from './turkey-time.js'
import { wireAmount, wireDigits, wireId, wireText } from './wire-scalars.js'
import { MessageStatus, OrderStatus } from '../status/status-codes.js'

/** One recipient's line of an order report. */
export interface MessageReport {
  /** As the provider sends it (`+905375147454`), kept as text. */
  number: string
  /** A `MessageStatus`: 110 sending, 111 delivered, 112 undelivered. */
  status: MessageStatus
}

/** An order as reports.list gives it: the report without its messages, price and paging. */
export interface OrderSummary {
  /** Text, as the provider sent it (leading zeros kept). */
  orderId: string
  /** An `OrderStatus`: 113 sending, 114 completed, 115 failed or cancelled. */
  status: OrderStatus
  /** Messages in the order. */
  total: number
  /** Messages delivered. */
  delivered: number
  /** Messages that could not be delivered. */
  undelivered: number
  /** Messages still on their way. */
  waiting: number
  /** ISO 8601 with `+03:00` (`2024-12-02T15:13:55+03:00`); `''` when the provider sends none. */
  submitAt: string
  /** ISO 8601 with `+03:00`; `''` when the provider sends none. */
  sendAt: string
  /** The sender name the order went out with. */
  sender: string
}

/** One page of an order's report (reports.get). `page` and `rowCount` are the values the request used. */
export interface OrderReport extends OrderSummary {
  /** What the order cost, `null` when the provider sends none. */
  price: number | null
  /** This page's recipients and their states. */
  messages: MessageReport[]
  /** The page asked for, from 1 (default 1). */
  page: number
  /** The page size asked for (default 1000); a shorter page is the last. */
  rowCount: number
}

/** An order id as the provider sends it (text or a JSON number): text, leading zeros kept. */
export const wireOrderId = v.pipe(
  // A JSON number follows the id rule (wireDigits): one past 2^53 − 1 is refused, not read as other digits.
  wireDigits,
  v.transform((id) => String(id).trim()),
  v.regex(/^\d+$/, 'expected an order id of digits'),
)

// A PHP backend writes an unset DATETIME as all zeros.
const zeroDate = /^0{4}-0{2}-0{2}(?:[ T]0{2}:0{2}(?::0{2})?)?$/

/**
 * The provider's timestamps, `2024-12-02 15:13:55` in Turkey time, as ISO
 * 8601 with `+03:00`; one already carrying an offset is moved to Turkey
 * time. Missing, empty or all-zero: `''`.
 */
export const turkeyTimestamp = v.pipe(
  wireText,
  v.transform((text) => text.trim()),
  v.rawTransform(({ dataset, addIssue, NEVER }) => {
    const text = dataset.value
    if (text === '' || zeroDate.test(text)) return ''
    const clock = parseTurkeyDateTime(text, true) ?? parseIsoWithOffset(text)
    if (clock) return formatIsoTurkey(clock)
    addIssue({ message: `expected a timestamp like 2024-12-02 15:13:55, got ${JSON.stringify(text.slice(0, 40))}` })
    return NEVER
  }),
)

/** A price: a number, numeric text with `.` or `,`; `null` when absent or empty. */
const wirePrice = v.pipe(
  v.unknown(),
  v.transform((value) => (value === undefined || value === null || (typeof value === 'string' && value.trim() === '') ? null : value)),
  v.union([v.null(), wireAmount]),
)

/** A status code that must be one of `names`' values: the result's type says which codes can come. */
function knownStatus<Code extends number>(names: Readonly<Record<string, Code>>, what: string) {
  const codes: readonly number[] = Object.values(names)
  return v.pipe(
    wireId,
    v.check((code) => codes.includes(code), (issue) => `expected ${what} status (${codes.join(', ')}), got ${String(issue.input)}`),
    v.transform((code) => code as Code),
  )
}

const messageReport = v.pipe(
  v.looseObject({ number: wireDigits, status: knownStatus(MessageStatus, 'a message') }),
  v.transform(({ number, status }): MessageReport => ({ number: number.trim(), status })),
)

const summaryEntries = {
  id: wireOrderId,
  status: knownStatus(OrderStatus, 'an order'),
  total: wireAmount,
  delivered: wireAmount,
  undelivered: wireAmount,
  waiting: wireAmount,
  submitAt: turkeyTimestamp,
  sendAt: turkeyTimestamp,
  sender: wireText,
}

function summaryOf(wire: v.InferOutput<v.LooseObjectSchema<typeof summaryEntries, undefined>>): OrderSummary {
  return {
    orderId: wire.id,
    status: wire.status,
    total: wire.total,
    delivered: wire.delivered,
    undelivered: wire.undelivered,
    waiting: wire.waiting,
    submitAt: wire.submitAt,
    sendAt: wire.sendAt,
    sender: wire.sender,
  }
}

/** An order summary as get-reports sends it. */
export const orderSummarySchema = v.pipe(v.looseObject(summaryEntries), v.transform(summaryOf))

/** get-report's `order`: the summary, the price and this page's messages (repeated `message`). */
export const orderReportSchema = v.pipe(
  v.looseObject({ ...summaryEntries, price: v.optional(wirePrice, null), message: repeatedList(messageReport) }),
  v.transform((wire) => ({ ...summaryOf(wire), price: wire.price, messages: wire.message })),
)
