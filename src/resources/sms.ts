import * as v from 'valibot'
import type { CampaignOptions, CampaignSummary } from '../campaign/campaign-types.js'
import type { CallOperation } from '../client/call-operation.js'
import type { CallOptions } from '../client/client-options.js'
import type { SentOrder } from '../operations/send-sms.js'
import type { SmsOrder } from '../schemas/sms-order.js'

/**
 * How far in the past a `sendAt` may be and still be sent (the provider
 * then sends at once): the caller's clock and the provider's may differ
 * by this much. Further back is a `ValidationError` 457.
 */
export const sendAtClockSkewMs = 5 * 60_000

// Each operation is loaded on its first call: an app's bundle holds only the endpoints it uses.
const cancelOrder = () => import('../operations/cancel-order.js').then((module) => module.cancelOrder)
// The operation checks the form of `sendAt`; a client also refuses one in the past, measured on
// this machine's clock at the call. The contract cases, which call the operation itself, keep the
// documented sample dates.
// Turkey time is loaded with the operation (whose date schema reads it too), not by every client.
const sendSms = () =>
  Promise.all([import('../operations/send-sms.js'), import('../schemas/turkey-time.js')]).then(([module, { parseProviderDateTime, turkeyInstant }]) => ({
    ...module.sendSms,
    input: v.pipe(
      module.sendSms.input,
      v.rawCheck(({ dataset, addIssue }) => {
        if (!dataset.typed || dataset.value.sendDateTime === '') return
        const clock = parseProviderDateTime(dataset.value.sendDateTime)
        if (clock === undefined || turkeyInstant(clock) >= Date.now() - sendAtClockSkewMs) return
        const order = dataset.value
        addIssue({
          message: `is in the past (${order.sendDateTime}, Turkey time); schedule a later time, or leave sendAt out to send now`,
          path: [{ type: 'object', origin: 'value', input: order, key: 'sendAt', value: order.sendDateTime }],
        })
      }),
    ),
  }))
export type { SmsMessage, SmsOrder, SmsOrderOptions } from '../schemas/sms-order.js'

const runCampaign = () => import('../campaign/run-campaign.js').then((module) => module.runCampaign)

/** Sending SMS. */
export interface SmsApi {
  /**
   * Sends an order (`send-sms`) and resolves to its id, as text. Never
   * retried unless `options.retry` says so: a retry could send twice.
   * Refused before sending with a `ValidationError` carrying the
   * provider's code: 459/460 sender, 454 text, 452 recipients, 457
   * `sendAt` (a form the provider does not read, or a time more than 5
   * minutes in the past), 468 `iys`, 469 `iysList`. The provider may answer
   * `InsufficientBalanceError` (402), or an `ApiError` such as 450 (sender
   * not approved) or 451 (the same order within 10 minutes).
   */
  send(order: SmsOrder, options?: CallOptions): Promise<SentOrder>
  /**
   * Cancels a scheduled order (`cancel-order`). One already sending, or no
   * such order, rejects with `NotFoundError` (455). Sent once unless the
   * call opts in.
   */
  cancel(orderId: string, options?: CallOptions): Promise<void>
  /**
   * Sends one text, or a `{column}` template, to any number of recipients
   * (an array, an iterable or an async iterable, read as a stream): cut
   * into orders of at most 50,000, each sent once through {@link SmsApi.send}
   * with no retry, at the given rate, its state kept in an optional
   * journal so a stopped campaign resumes without texting anyone twice.
   * Spellings of one number (`05…`, `5…`, `905…`, `+905…`) count once;
   * invalid numbers are reported with their positions, never sent. Bad
   * options, a template naming a column the rows lack, or a journal for
   * another campaign are refused with a `ValidationError` before anything
   * is sent. Resolves to a summary; provider errors are in it, per order.
   */
  sendCampaign(campaign: CampaignOptions): Promise<CampaignSummary>
}

export function smsApi(call: CallOperation): SmsApi {
  const api: SmsApi = {
    send: (order, options) => call(sendSms, order, options),
    cancel: async (orderId, options) => {
      await call(cancelOrder, { orderId }, options)
    },
    // Each order goes through `send`, as any caller's would.
    sendCampaign: async (campaign) => (await runCampaign())(api.send, campaign),
  }
  return api
}
