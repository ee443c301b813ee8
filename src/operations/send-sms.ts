import * as v from 'valibot'
import { sendAtInput } from '../schemas/date-inputs.js'
import { wireOrderId } from '../schemas/order.js'
import { iysInput, iysListInput, phoneNumberInput, senderInput, smsTextInput } from '../schemas/sms-input.js'
import { freeText } from '../wire/tree.js'
import { defineOperation } from './operation.js'

/** What send-sms answers: the new order's id, as text. */
export interface SentOrder {
  /** The new order's id, as text (leading zeros kept): for `sms.cancel` and `reports.get`. */
  orderId: string
}

const recipientsInput = v.pipe(
  v.array(phoneNumberInput, 'expected the recipients as an array of phone numbers'),
  v.minLength(1, 'give at least one recipient'),
)

const messageInput = v.object({ text: smsTextInput, recipients: recipientsInput }, 'expected a message: { text, recipients }')

const orderInput = v.pipe(
  v.object(
    {
      // Left out counts as blank, so the provider's 459 answers it too.
      sender: v.optional(senderInput, ''),
      text: v.optional(smsTextInput),
      recipients: v.optional(recipientsInput),
      messages: v.optional(v.pipe(v.array(messageInput, 'expected an array of messages'), v.minLength(1, 'give at least one message'))),
      sendAt: v.optional(sendAtInput),
      iys: iysInput,
      iysList: iysListInput,
    },
    'expected an order: { sender, text, recipients } or { sender, messages }',
  ),
  v.forward(
    v.check(({ messages, text, recipients }) => messages === undefined || (text === undefined && recipients === undefined), 'give either text and recipients, or messages, not both'),
    ['messages'],
  ),
  v.forward(v.check(({ messages, text }) => messages !== undefined || text !== undefined, 'the message text cannot be empty'), ['text']),
  v.forward(v.check(({ messages, recipients }) => messages !== undefined || recipients !== undefined, 'give at least one recipient'), ['recipients']),
  v.transform(({ sender, text, recipients, messages, sendAt, iys, iysList }) => ({
    sender,
    messages: messages ?? [{ text: text!, recipients: recipients! }],
    // "" when not scheduled: the element is always there, as the SDKs send it.
    sendDateTime: sendAt ?? '',
    iys,
    iysList,
  })),
)

function messageTree(message: { text: string; recipients: string[] }) {
  // `receipents` is the provider's spelling, and the one it reads.
  return { text: freeText(message.text), receipents: { number: message.recipients } }
}

/**
 * send-sms: one order of one or more messages, each to its own recipients,
 * now or at `sendAt`. Never retried unless the call opts in: a retry could
 * send the SMS twice.
 */
export const sendSms = defineOperation({
  name: 'send-sms',
  input: orderInput,
  inputCodes: {
    text: 454,
    'messages.*.text': 454,
    recipients: 452,
    'recipients.*': 452,
    'messages.*.recipients': 452,
    'messages.*.recipients.*': 452,
    sendAt: 457,
    iys: 468,
    iysList: 469,
  },
  request: ({ sender, messages, sendDateTime, iys, iysList }) => ({
    order: {
      sender,
      sendDateTime,
      iys,
      iysList,
      // One message as the page's object, several as the array the SDKs send; XML repeats <message> either way.
      message: messages.length === 1 ? messageTree(messages[0]!) : messages.map(messageTree),
    },
  }),
  lists: [],
  response: v.object({ order: v.looseObject({ id: wireOrderId }) }),
  result: ({ order }): SentOrder => ({ orderId: order.id }),
  safeToRetry: false,
})
