// A piece of a user's app: tell a customer their parcel has left. Its contract test,
// shipping-notice.test.ts, runs it against the sandbox in both formats.
import { ApiError, InsufficientBalanceError, IletiMerkeziError, StatusCode, type IletiMerkeziClient } from 'iletimerkezi'

export type NoticeResult =
  | { sent: true; orderId: string }
  /** `no-credit`: top up; `unreachable`: a bad or blocked number; `try-later`: the provider or the network failed. */
  | { sent: false; reason: 'no-credit' | 'unreachable' | 'try-later' }

export async function sendShippingNotice(
  client: IletiMerkeziClient,
  notice: { sender: string; phone: string; trackingCode: string },
): Promise<NoticeResult> {
  try {
    const { orderId } = await client.sms.send({
      sender: notice.sender,
      text: `Kargonuz yola çıktı. Takip kodu: ${notice.trackingCode}`,
      recipients: [notice.phone],
    })
    return { sent: true, orderId }
  } catch (error) {
    if (error instanceof InsufficientBalanceError) return { sent: false, reason: 'no-credit' }
    if (error instanceof ApiError && error.code === StatusCode.InvalidRecipients) return { sent: false, reason: 'unreachable' }
    // sms.send is never retried by the client (a retry could send twice): the app decides when to try again.
    if (error instanceof IletiMerkeziError) return { sent: false, reason: 'try-later' }
    throw error
  }
}
