import * as v from 'valibot'
import { brandCodeInput, consentBatchSize, consentListInput } from '../schemas/consent.js'
import { validate } from '../schemas/validate.js'
import { defineOperation } from './operation.js'

export { consentBatchSize }

/** What one consent/create request did: how many records the provider took. */
export interface ConsentBatchResult {
  /** The records in this request, all accepted (the provider answers for a request as a whole). */
  accepted: number
}

/**
 * consent/create: registers 1 to 5 000 consent records with İYS under one
 * brand code. JSON only. The success answer's body beyond its status is
 * not documented: the status is read, anything beside it tolerated. 403 is
 * an account without an İYS subscription. Sent once unless the call opts in.
 */
export const consentCreate = defineOperation({
  name: 'consent/create',
  input: v.object({
    brandCode: brandCodeInput,
    consents: v.pipe(consentListInput, v.maxLength(consentBatchSize, `a request may carry at most ${consentBatchSize} records`)),
  }),
  request: ({ brandCode, consents }) => ({ consent: { brandCode, list: consents } }),
  lists: [],
  response: v.object({}),
  result: (_response, { consents }): ConsentBatchResult => ({ accepted: consents.length }),
  safeToRetry: false,
  formats: ['json'],
})

const everyConsent = v.object({ brandCode: brandCodeInput, consents: consentListInput })

/** Checks every record of a `consents.add` call, however many requests they will take; throws a `ValidationError`. */
export function checkConsentList(args: unknown): void {
  validate(everyConsent, args, { operation: consentCreate.name })
}
