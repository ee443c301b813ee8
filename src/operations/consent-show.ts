import * as v from 'valibot'
import { boundedText } from '../schemas/input-fields.js'
import { brandCodeInput, consentTypeInput, recipientFits, recipientMismatch, recipientTypeInput, storedConsentSchema, type StoredConsent } from '../schemas/consent.js'
import { isRecord } from '../wire/tree.js'
import { defineOperation } from './operation.js'

// The provider answers "no record" with 422, and sometimes with 200 and `consent: []` (a TACIR query, an unknown brand).
const consentOrNothing = v.pipe(
  v.unknown(),
  v.transform((value) => (isRecord(value) && Object.keys(value).length > 0 ? value : undefined)),
  v.union([v.undefined(), storedConsentSchema]),
)

/**
 * consent/show: the İYS record of one recipient on one channel under a
 * brand code, or `null` when there is none (422, or 200 with
 * `consent: []`). JSON only.
 */
export const consentShow = defineOperation({
  name: 'consent/show',
  input: v.pipe(
    v.object({
      brandCode: brandCodeInput,
      recipient: v.pipe(boundedText(254), v.trim()),
      recipientType: v.optional(recipientTypeInput, 'BIREYSEL'),
      type: v.optional(consentTypeInput, 'MESAJ'),
    }),
    v.forward(v.check(({ type, recipient }) => recipientFits(type, recipient), recipientMismatch), ['recipient']),
  ),
  request: ({ brandCode, recipient, recipientType, type }) => ({ consent: { brandCode, type, recipient, recipientType } }),
  lists: [],
  response: v.object({ consent: v.optional(consentOrNothing) }),
  result: ({ consent }): StoredConsent | null => consent ?? null,
  safeToRetry: true,
  emptyOn: [422],
  formats: ['json'],
})
