import * as v from 'valibot'
import { phoneNumberInput } from '../schemas/sms-input.js'
import { defineOperation } from './operation.js'

/**
 * delete-blacklist: unblocks one number. 466 is an invalid number, 474 a
 * block that may not be lifted. Sent once unless the call opts in.
 */
export const deleteBlacklist = defineOperation({
  name: 'delete-blacklist',
  input: v.object({ number: phoneNumberInput }),
  inputCodes: { number: 466 },
  request: ({ number }) => ({ blacklist: { number } }),
  lists: [],
  response: v.object({}),
  // A fixture can say null, not undefined; the public method resolves to undefined.
  result: (): null => null,
  safeToRetry: false,
})
