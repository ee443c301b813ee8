import * as v from 'valibot'
import { pageInput, rowCountInput } from '../schemas/input-fields.js'
import { orderReportSchema, type OrderReport } from '../schemas/order.js'
import { orderIdInput } from '../schemas/sms-input.js'
import { defineOperation } from './operation.js'

/**
 * get-report: one order's totals and one page of its recipients' statuses.
 * 455 (no such order) is a `NotFoundError`; 456 (scheduled, not yet due)
 * an `ApiError`.
 */
export const getReport = defineOperation({
  name: 'get-report',
  input: v.object({ orderId: orderIdInput, page: pageInput, rowCount: rowCountInput }),
  request: ({ orderId, page, rowCount }) => ({ order: { id: orderId, page, rowCount } }),
  // XML repeats <message> straight inside <order>, with no wrapper.
  lists: ['order.message'],
  response: v.object({ order: orderReportSchema }),
  result: ({ order }, { page, rowCount }): OrderReport => ({ ...order, page, rowCount }),
  safeToRetry: true,
})
