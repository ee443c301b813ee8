import * as v from 'valibot'
import { balanceSchema, type Balance } from '../schemas/balance.js'
import { defineOperation } from './operation.js'

/** get-balance: the account's money (TL) and SMS credits. */
export const getBalance = defineOperation({
  name: 'get-balance',
  input: v.optional(v.object({}), {}),
  request: () => ({}),
  lists: [],
  response: v.object({ balance: balanceSchema }),
  result: ({ balance }): Balance => balance,
  safeToRetry: true,
})
