import * as v from 'valibot'
import { coded } from './validate.js'
import { boundedText } from './input-fields.js'

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

/**
 * The longest text 7 SMS can carry in any encoding (7 × 160 characters).
 * The provider refuses a text longer than 7 SMS (453); where between 469
 * (UCS-2) and 1 071 (GSM 7-bit) characters that falls depends on the
 * encoding, so nearer the limit it stays the provider's to say.
 */
export const longestSmsText = 7 * 160

/** A message's text: any Unicode XML can carry, not blank, at most {@link longestSmsText} characters. */
export const smsTextInput = v.pipe(
  boundedText(longestSmsText, coded(453, `the message text may be at most ${longestSmsText} characters (7 SMS)`)),
  v.check((text) => text.trim() !== '', 'the message text cannot be empty'),
)

/** Room for any phone number written with spaces, dashes and parentheses (E.164 numbers have at most 15 digits). */
export const longestPhoneNumber = 64

const phoneNumberShape = 'expected a phone number: digits, an optional leading +, spaces, dashes or parentheses'

// Digits, spaces, dashes and parentheses with at least one digit, after an optional `+`: tested in two linear
// steps (one pattern with a starred class on each side of `\d` backtracks quadratically on long input).
function isPhoneNumber(text: string): boolean {
  const number = text.trimStart().replace(/^\+/, '')
  return /^[\d\s()-]*$/.test(number) && /\d/.test(number)
}

/**
 * A phone number as text, sent as given: digits with an optional leading
 * `+`, spaces, dashes and parentheses (`905…`, `+90 5xx xxx xx xx`,
 * `05…`, `5…`), at most {@link longestPhoneNumber} characters. Whether it
 * is a real number is the provider's to say.
 */
export const phoneNumberInput = v.pipe(
  v.string('expected the phone number as text (numbers lose their leading 0)'),
  v.maxLength(longestPhoneNumber, `may be at most ${longestPhoneNumber} characters`),
  v.check(isPhoneNumber, phoneNumberShape),
)

/** Longer than any order id the provider gives (a generous cap: none is documented). */
export const longestOrderId = 64

/** An order id as text, digits only, as the provider gave it (leading zeros kept). */
export const orderIdInput = v.pipe(
  v.string('expected the order id as text'),
  v.maxLength(longestOrderId, `may be at most ${longestOrderId} characters`),
  v.regex(/^\d+$/, 'expected the order id: digits only'),
)

/** İYS check: 1 (check the recipients' consent on İYS, the default) or 0; sent as text. */
export const iysInput = v.pipe(
  v.optional(v.picklist([0, 1], 'expected 0 or 1'), 1),
  v.transform((iys) => String(iys) as '0' | '1'),
)

/** The İYS list: `BIREYSEL` (individuals, the default) or `TACIR` (merchants). */
export const iysListInput = v.optional(v.picklist(['BIREYSEL', 'TACIR'], 'expected BIREYSEL or TACIR'), 'BIREYSEL')
