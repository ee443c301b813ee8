import * as v from 'valibot'
import { orderIdInput } from '../schemas/sms-input.js'
import { defineOperation } from './operation.js'

/**
 * cancel-order: cancels a scheduled order. 455 (no such order, or it has
 * begun sending) is a `NotFoundError`. Sent once unless the call opts in.
 */
export const cancelOrder = defineOperation({
  name: 'cancel-order',
  input: v.object({ orderId: orderIdInput }),
  request: ({ orderId }) => ({ order: { id: orderId } }),
  lists: [],
  response: v.object({}),
  // A fixture can say null, not undefined; the public method resolves to undefined.
  result: (): null => null,
  safeToRetry: false,
})
