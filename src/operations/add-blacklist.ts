import * as v from 'valibot'
import { phoneNumberInput } from '../schemas/sms-input.js'
import { defineOperation } from './operation.js'

/** add-blacklist: blocks one number. 466 is an invalid number. Sent once unless the call opts in. */
export const addBlacklist = defineOperation({
  name: 'add-blacklist',
  input: v.object({ number: phoneNumberInput }),
  inputCodes: { number: 466 },
  request: ({ number }) => ({ blacklist: { number } }),
  lists: [],
  response: v.object({}),
  // A fixture can say null, not undefined; the public method resolves to undefined.
  result: (): null => null,
  safeToRetry: false,
})
