import * as v from 'valibot'
import type { CallOperation } from '../client/call-operation.js'
import type { CallOptions } from '../client/client-options.js'
import { IletiMerkeziError } from '../errors/index.js'
import type { ConsentAddResult, NewConsents } from '../resources/consents.js'
import { brandCodeInput, consentBatchSize, consentListInput } from '../schemas/consent.js'
import { validate } from '../schemas/validate.js'
import { defineOperation } from './operation.js'


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

function describedError(error: unknown): { name: string; code: number | undefined; message: string } {
  if (error instanceof IletiMerkeziError) return { name: error.name, code: error.code, message: error.message }
  return { name: 'IletiMerkeziError', code: undefined, message: 'the request failed unexpectedly' }
}

/**
 * `consents.add`: every record checked first (a bad record 7 000 must not
 * leave 5 000 sent), then consecutive requests of 5 000, each sent once;
 * the first failing rejects, a later one ends the run with where it stopped.
 */
export async function addConsents(call: CallOperation, args: NewConsents, options: CallOptions | undefined): Promise<ConsentAddResult> {
  // The checked records go out as checked (dates already in the wire's form); each request checks its own again.
  const { brandCode, consents } = validate(everyConsent, args, { operation: consentCreate.name }) as unknown as NewConsents
  let accepted = 0
  let requests = 0
  for (let index = 0; index < consents.length; index += consentBatchSize) {
    requests++
    try {
      accepted += (await call(consentCreate, { brandCode, consents: consents.slice(index, index + consentBatchSize) }, options)).accepted
    } catch (error) {
      if (index === 0) throw error
      return { accepted, requests, complete: false, stopped: { index, error: describedError(error) } }
    }
  }
  return { accepted, requests, complete: true }
}
