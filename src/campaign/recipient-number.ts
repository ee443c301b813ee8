/** A recipient's number, checked: what goes on the wire and the key that finds its other spellings. */
export type RecipientNumber =
  | {
      /** As sent: `5xxxxxxxxx` for a Turkish mobile, `+` and the digits for any other country. */
      number: string
      /** The same value for every spelling of one number (`05…`, `5…`, `905…`, `+90 5…`): a safe integer. */
      key: number
    }
  | {
      /** Why it cannot be sent. */
      reason: string
    }

const plainMobile = /^0?5\d{9}$/
// `190` and the ten digits, as a number: the key every spelling of a Turkish mobile gets.
const turkishKeyBase = 1_900_000_000_000

/**
 * Reads a phone number as people write it: spaces, dashes, dots and
 * parentheses are dropped; a Turkish mobile may be `5…`, `05…`, `905…`,
 * `+905…` or `00905…`; any other country needs `+` (or `00`) and 10 to 15
 * digits. Anything else gets a reason, never a guess.
 */
export function readRecipientNumber(written: string): RecipientNumber {
  // Most rows of a big file are plain `05…` or `5…`: no cleaning needed.
  if (plainMobile.test(written)) {
    const number = written.length === 11 ? written.slice(1) : written
    return { number, key: turkishKeyBase + Number(number) }
  }
  const compact = written.trim().replace(/[\s().-]/g, '')
  if (compact === '') return { reason: 'no number' }
  const international = /^(?:\+|00)/.exec(compact)
  const digits = international ? compact.slice(international[0].length) : compact
  if (!/^\d+$/.test(digits)) return { reason: /[^\d+]/.test(compact) ? 'not a number: it holds letters or symbols' : 'not a number: a + in the wrong place' }
  const turkish = (international ? /^90(5\d{9})$/ : /^(?:90|0)?(5\d{9})$/).exec(digits)
  // The leading 1 keeps leading zeros apart from no zeros; 16 digits at most, under 2^53.
  if (turkish) return { number: turkish[1]!, key: turkishKeyBase + Number(turkish[1]!) }
  if (international && digits.length >= 10 && digits.length <= 15 && !digits.startsWith('0')) return { number: `+${digits}`, key: Number(`1${digits}`) }
  if (digits.length < 10) return { reason: `too short: ${digits.length} digits` }
  if (!international && digits.length > 12) return { reason: `too long: ${digits.length} digits` }
  return { reason: international ? 'not a phone number: 10 to 15 digits after the country code' : 'not a Turkish mobile number (5xx xxx xx xx); write other countries with +' }
}
