import * as v from 'valibot'
import { coded } from './validate.js'
import { textInput } from './input-fields.js'

/**
 * A sender name ("başlık") as the provider accepts it: at most 11
 * characters, none of them Turkish letters (plain printable ASCII), not
 * blank. The provider has a code for each: 459 blank, 460 the rest.
 */
export const senderInput = v.pipe(
  v.string(coded(459, 'expected the sender name as text')),
  v.check((sender) => sender.trim() !== '', coded(459, 'the sender cannot be empty')),
  v.check((sender) => /^[\x20-\x7e]*$/.test(sender), coded(460, 'the sender may hold no Turkish letters (plain ASCII only)')),
  v.maxLength(11, coded(460, 'the sender may be at most 11 characters')),
)

/** A message's text: any Unicode XML can carry, not blank. Longer than 7 SMS is the provider's to refuse (453). */
export const smsTextInput = v.pipe(textInput, v.check((text) => text.trim() !== '', 'the message text cannot be empty'))

/**
 * A phone number as text, sent as given: digits with an optional leading
 * `+`, spaces, dashes and parentheses (`905…`, `+90 5xx xxx xx xx`,
 * `05…`, `5…`). Whether it is a real number is the provider's to say.
 */
export const phoneNumberInput = v.pipe(
  v.string('expected the phone number as text (numbers lose their leading 0)'),
  v.regex(/^\s*\+?[\d\s()-]*\d[\d\s()-]*$/, 'expected a phone number: digits, an optional leading +, spaces, dashes or parentheses'),
)

/** An order id as text, digits only, as the provider gave it (leading zeros kept). */
export const orderIdInput = v.pipe(
  v.string('expected the order id as text'),
  v.regex(/^\d+$/, 'expected the order id: digits only'),
)

/** İYS check: 1 (check the recipients' consent on İYS, the default) or 0; sent as text. */
export const iysInput = v.pipe(
  v.optional(v.picklist([0, 1], 'expected 0 or 1'), 1),
  v.transform((iys) => String(iys) as '0' | '1'),
)

/** The İYS list: `BIREYSEL` (individuals, the default) or `TACIR` (merchants). */
export const iysListInput = v.optional(v.picklist(['BIREYSEL', 'TACIR'], 'expected BIREYSEL or TACIR'), 'BIREYSEL')
