import type { CallOperation } from '../client/call-operation.js'
import type { CallOptions } from '../client/client-options.js'
import { paginate } from '../client/paginate.js'
import type { OrderSummaryPage } from '../operations/get-reports.js'
import type { DateInput } from '../schemas/date-inputs.js'
import type { MessageReport, OrderReport } from '../schemas/order.js'

// Each operation is loaded on its first call: an app's bundle holds only the endpoints it uses.
const getReport = () => import('../operations/get-report.js').then((module) => module.getReport)
const getReports = () => import('../operations/get-reports.js').then((module) => module.getReports)

/** Which order's report, and which page of its recipients. */
export interface ReportQuery {
  /** The id `sms.send` gave, as text. */
  orderId: string
  /** Default 1. */
  page?: number
  /** Recipients a page, 1 to 1000; default 1000. */
  rowCount?: number
}

/** The days whose orders to list. */
export interface ReportRange {
  /** A `Date` (its day in Turkey) or `'yyyy-MM-dd'`. */
  start: DateInput
  /** The same; at most 10 days after `start`, and not before it. */
  end: DateInput
  /** Default 1; the provider puts 30 orders on a page. */
  page?: number
}

/** Delivery reports of orders. */
export interface ReportsApi {
  /**
   * One order's report with one page of its recipients (`get-report`).
   * No such order: `NotFoundError` (455); a scheduled order not yet due:
   * `ApiError` 456.
   */
  get(query: ReportQuery, options?: CallOptions): Promise<OrderReport>
  /** Every recipient's status of an order, page after page (`get-report`), one page held at a time. */
  getAll(query: Omit<ReportQuery, 'page'>, options?: CallOptions): AsyncIterable<MessageReport>
  /**
   * Summaries of the orders between two days (`get-reports`). The range is
   * checked before sending: `ValidationError` 458 when `end` is before
   * `start` or more than 10 days after it. The provider offers this in
   * JSON only: a client with `format: 'xml'` rejects with a
   * `ValidationError` and sends nothing.
   */
  list(range: ReportRange, options?: CallOptions): Promise<OrderSummaryPage>
}

/** {@link ReportsApi} of a client whose format is `'xml'`: no `list`, which the provider offers in JSON only. */
export type XmlReportsApi = Omit<ReportsApi, 'list'>

export function reportsApi(call: CallOperation): ReportsApi {
  return {
    get: (query, options) => call(getReport, query, options),
    getAll: (query, options) =>
      paginate(async (page, pageOptions) => {
        const report = await call(getReport, { ...query, page }, pageOptions)
        return { items: report.messages, rowCount: report.rowCount }
      }, options),
    list: (range, options) => call(getReports, range, options),
  }
}
