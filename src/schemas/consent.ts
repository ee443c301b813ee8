import * as v from 'valibot'
import type { DateInput } from './date-inputs.js'
import { boundedText } from './input-fields.js'
import { turkeyTimestamp } from './order.js'
import { phoneNumberInput } from './sms-input.js'
import { compareClocks, formatDateTime, parseIsoWithOffset, parseTurkeyDateTime, turkeyClockAt, type TurkeyClock } from './turkey-time.js'
import { wireDigits, wireText } from './wire-scalars.js'

/** Who the consent is from: an individual (`BIREYSEL`) or a merchant (`TACIR`). */
export type ConsentRecipientType = 'BIREYSEL' | 'TACIR'

/** The channel the consent covers: SMS (`MESAJ`), e-mail (`EPOSTA`) or calls (`ARAMA`). */
export type ConsentType = 'MESAJ' | 'EPOSTA' | 'ARAMA'

/** Given (`ONAY`) or withdrawn (`RET`). */
export type ConsentStatus = 'ONAY' | 'RET'

/**
 * Where the consent was obtained, as İYS codes it. The codes the provider's
 * pages show are offered by name; İYS defines more, and any other `HS_`
 * code of capitals and underscores is accepted and left to the provider to judge.
 */
export type ConsentSource =
  | 'HS_WEB'
  | 'HS_MOBIL'
  | 'HS_MESAJ'
  | 'HS_EPOSTA'
  | 'HS_CAGRI_MERKEZI'
  | 'HS_FIZIKSEL_ORTAM'
  | 'HS_EORTAM'
  | 'HS_KARAR'
  | `HS_${string}`

/** One consent to register with İYS (`consents.add`). */
export interface ConsentRecord {
  /** A phone number (`+905…`) for `MESAJ` and `ARAMA`, an e-mail address for `EPOSTA`. */
  recipient: string
  /** `BIREYSEL` (individual) or `TACIR` (merchant). */
  recipientType: ConsentRecipientType
  /** The channel: `MESAJ`, `EPOSTA` or `ARAMA`. */
  type: ConsentType
  /** `ONAY` (given) or `RET` (withdrawn). İYS refuses a `RET` as a recipient's first record. */
  status: ConsentStatus
  /** Where it was obtained (`HS_WEB`, …). Required for `BIREYSEL`; a `TACIR` record may leave it out. */
  source?: ConsentSource
  /**
   * When it was obtained: a `Date`, `yyyy-MM-dd HH:mm[:ss]` (Turkey time)
   * or ISO 8601 with an offset; not before 2015-05-01 and not in the
   * future. Sent as `yyyy-MM-dd HH:mm:ss` in Turkey time. Required for
   * `BIREYSEL`; a `TACIR` record may leave it out.
   */
  consentDate?: DateInput
}

/** A consent as İYS holds it (`consents.get`). */
export interface StoredConsent {
  /** The brand code the record is under, as text. */
  brandCode: string
  /** The phone number or e-mail address, as the provider gives it. */
  recipient: string
  /** `BIREYSEL` (a person) or `TACIR` (a business). */
  recipientType: ConsentRecipientType
  /** The channel: `MESAJ`, `EPOSTA` or `ARAMA`. */
  type: ConsentType
  /** `ONAY` (consent given) or `RET` (refused). */
  status: ConsentStatus
  /** Where it was obtained (`HS_WEB`, …); `''` when the provider sends none. */
  source: string
  /** When it was obtained, ISO 8601 with `+03:00`; `''` when the provider sends none. */
  consentDate: string
}

/** The most records one consent/create request may carry. */
export const consentBatchSize = 5_000

const recipientTypes = ['BIREYSEL', 'TACIR'] as const
const consentTypes = ['MESAJ', 'EPOSTA', 'ARAMA'] as const
const consentStatuses = ['ONAY', 'RET'] as const

/** İYS took its first records on this day: an earlier consent date is refused. */
const earliestConsent: TurkeyClock = { year: 2015, month: 5, day: 1, hour: 0, minute: 0, second: 0 }

/** The most characters an e-mail address can have (RFC 5321's path limit). */
const longestEmail = 254

// One @, something on each side, a dot in the domain, no spaces: the shape only; the provider judges the rest.
const emailShape = /^[^\s@]+@[^\s@.]+(?:\.[^\s@.]+)+$/

export const recipientTypeInput = v.picklist(recipientTypes, 'expected BIREYSEL or TACIR')
export const consentTypeInput = v.picklist(consentTypes, 'expected MESAJ, EPOSTA or ARAMA')

/** A brand code (İYS's number for the brand): a positive whole number or its digits; sent as text. */
export const brandCodeInput = v.pipe(
  v.union(
    [
      v.pipe(v.number(), v.safeInteger(), v.minValue(1), v.transform(String)),
      v.pipe(v.string(), v.trim(), v.regex(/^[1-9]\d{0,15}$/)),
    ],
    'expected the brand code: a positive whole number, or its digits as text',
  ),
)

const emailInput = v.pipe(
  v.string('expected the e-mail address as text'),
  v.maxLength(longestEmail, `may be at most ${longestEmail} characters`),
  v.regex(emailShape, 'expected an e-mail address for type EPOSTA'),
)

/** The recipient of a channel: an e-mail address for `EPOSTA`, a phone number for `MESAJ` and `ARAMA`. */
export function recipientFits(type: ConsentType, recipient: string): boolean {
  // safeParse rather than v.is: the same answer, and one valibot function fewer in every app's download.
  return v.safeParse(type === 'EPOSTA' ? emailInput : phoneNumberInput, recipient).success
}

export const recipientMismatch = 'expected a phone number for MESAJ and ARAMA, an e-mail address for EPOSTA'

const sourceInput = v.pipe(
  v.string('expected the source as text'),
  v.maxLength(64, 'may be at most 64 characters'),
  v.regex(/^HS_[A-Z_]+$/, 'expected an İYS source code: HS_ then capitals and underscores (HS_WEB, HS_MESAJ, …)'),
)

const consentDateMessage = 'expected a Date, "yyyy-MM-dd HH:mm[:ss]" (Turkey time) or ISO 8601 with an offset'

/** A consent date: read as a Turkey clock, no earlier than 2015-05-01, not in the future; out as `yyyy-MM-dd HH:mm:ss`. */
const consentDateInput = v.pipe(
  v.union([v.pipe(v.date(), v.check((date) => !Number.isNaN(date.getTime()))), v.string()], consentDateMessage),
  v.rawTransform(({ dataset, addIssue, NEVER }) => {
    const value = dataset.value
    const clock = value instanceof Date ? turkeyClockAt(value) : (parseTurkeyDateTime(value.trim()) ?? parseIsoWithOffset(value.trim()))
    if (clock === undefined) {
      addIssue({ message: consentDateMessage })
      return NEVER
    }
    if (compareClocks(clock, earliestConsent) < 0) {
      addIssue({ message: 'İYS takes no consent dated before 2015-05-01' })
      return NEVER
    }
    if (compareClocks(clock, turkeyClockAt(new Date())) > 0) {
      addIssue({ message: 'a consent date may not be in the future' })
      return NEVER
    }
    return formatDateTime(clock)
  }),
)

/** One record as the caller gives it, checked: the wire's field names, the date in the provider's form. */
export const consentRecordInput = v.pipe(
  v.object({
    recipient: boundedText(longestEmail),
    recipientType: recipientTypeInput,
    type: consentTypeInput,
    status: v.picklist(consentStatuses, 'expected ONAY or RET'),
    source: v.optional(sourceInput),
    consentDate: v.optional(consentDateInput),
  }),
  v.forward(v.check((record) => recipientFits(record.type, record.recipient), recipientMismatch), ['recipient']),
  v.forward(v.check((record) => record.recipientType === 'TACIR' || record.source !== undefined, 'a BIREYSEL record needs its source'), ['source']),
  v.forward(
    v.check((record) => record.recipientType === 'TACIR' || record.consentDate !== undefined, 'a BIREYSEL record needs its consent date'),
    ['consentDate'],
  ),
)

/** A checked record, ready for the wire. */
export type CheckedConsentRecord = v.InferOutput<typeof consentRecordInput>

/** Every record of a `consents.add` call (any number, at least one): checked whole before the first request. */
export const consentListInput = v.pipe(
  v.array(consentRecordInput, 'expected the consents as an array of records'),
  v.minLength(1, 'expected at least one consent record'),
)

/** The record consent/show answers with. */
export const storedConsentSchema = v.object({
  brandCode: wireDigits,
  recipient: v.pipe(wireText, v.transform((text) => text.trim())),
  recipientType: v.pipe(wireText, v.transform((text) => text.trim().toUpperCase()), recipientTypeInput),
  type: v.pipe(wireText, v.transform((text) => text.trim().toUpperCase()), consentTypeInput),
  status: v.pipe(wireText, v.transform((text) => text.trim().toUpperCase()), v.picklist(consentStatuses, 'expected ONAY or RET')),
  source: v.pipe(wireText, v.transform((text) => text.trim())),
  consentDate: turkeyTimestamp,
})
