// The input of `sms.send`: read by the client's SMS resource and by campaigns, which build on it
// without importing the resource (which loads the campaign: no circle).
import type { DateInput } from './date-inputs.js'

/** One message of an order: a text and who gets it. */
export interface SmsMessage {
  /** Not blank; longer than 7 SMS is refused by the provider (453). */
  text: string
  /** Phone numbers as text (`'5301234567'`, `'+90 530 123 45 67'`); at least one. */
  recipients: string[]
}

/** What every order says besides its messages. */
export interface SmsOrderOptions {
  /** An approved sender name: not empty (459), at most 11 characters, no Turkish letters (460). */
  sender: string
  /**
   * When to send; now when left out. A `Date`, or text as `dd/MM/yyyy HH:mm`
   * or `yyyy-MM-dd HH:mm[:ss]` (Turkey time), or ISO 8601 with an offset.
   * Sent as `dd/MM/yyyy HH:mm` in Turkey time (UTC+3), seconds dropped;
   * any other text, or a time more than 5 minutes in the past (a margin
   * for clocks that differ), is refused with a `ValidationError` (457).
   */
  sendAt?: DateInput
  /** 1 (default): the provider checks the recipients' consent on İYS; 0: it does not. Else 468. */
  iys?: 0 | 1
  /** The İYS list the consent is checked against: `'BIREYSEL'` (default) or `'TACIR'`. Else 469. */
  iysList?: 'BIREYSEL' | 'TACIR'
}

/** An order: one text to some recipients, or several messages each with its own; not both. */
export type SmsOrder = SmsOrderOptions &
  (
    | {
        /** The one text of the order: not blank (454); longer than 7 SMS is refused by the provider (453). */
        text: string
        /** Who gets it: phone numbers as text, at least one (452). */
        recipients: string[]
        /** Not with `text`: give one or the other. */
        messages?: never
      }
    | {
        /** Several messages in one order, each with its own text and recipients; at least one. */
        messages: SmsMessage[]
        /** Not with `messages`: each message carries its own text. */
        text?: never
        /** Not with `messages`: each message carries its own recipients. */
        recipients?: never
      }
  )
