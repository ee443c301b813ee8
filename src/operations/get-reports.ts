import * as v from 'valibot'
import { dayInput } from '../schemas/date-inputs.js'
import { pageInput } from '../schemas/input-fields.js'
import { orderSummarySchema, type OrderSummary } from '../schemas/order.js'
import { compareClocks, daysBetween, formatDay } from '../schemas/turkey-time.js'
import { wireAmount, wrappedList } from '../schemas/wire-scalars.js'
import { defineOperation } from './operation.js'

/** One page of order summaries (reports.list); `page` is the value the request used. */
export interface OrderSummaryPage {
  /** This page's orders, at most 30; `[]` for none. */
  orders: OrderSummary[]
  /** How many orders the range holds in all, as the provider counts them. */
  count: number
  /** The page asked for, from 1. */
  page: number
}

const maxRangeDays = 10

/**
 * get-reports: summaries of the orders submitted between two days (at most
 * 10 apart), 30 a page. The provider offers it in JSON only: in XML the
 * call is refused with a `ValidationError` and nothing is sent.
 */
export const getReports = defineOperation({
  name: 'get-reports',
  input: v.pipe(
    v.object({ start: dayInput, end: dayInput, page: pageInput }),
    v.forward(v.check(({ start, end }) => compareClocks(start, end) <= 0, 'the end may not come before the start'), ['end']),
    v.forward(v.check(({ start, end }) => daysBetween(start, end) <= maxRangeDays, `the range may span at most ${maxRangeDays} days`), ['end']),
  ),
  inputCodes: { start: 458, end: 458 },
  request: ({ start, end, page }) => ({ filter: { start: formatDay(start), end: formatDay(end), page } }),
  lists: ['orders.order'],
  response: v.object({ count: wireAmount, orders: wrappedList(['order'], orderSummarySchema) }),
  result: ({ count, orders }, { page }): OrderSummaryPage => ({ orders, count, page }),
  safeToRetry: true,
  formats: ['json'],
})
