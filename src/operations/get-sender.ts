import * as v from 'valibot'
import { wireText, wrappedList } from '../schemas/wire-scalars.js'
import { defineOperation } from './operation.js'

/** get-sender: the account's approved sender names. */
export const getSender = defineOperation({
  name: 'get-sender',
  input: v.optional(v.object({}), {}),
  request: () => ({}),
  lists: ['senders.sender'],
  // JSON keeps the `sender` wrapper even for one name: `{"senders": {"sender": ["eMarka"]}}`.
  response: v.object({ senders: wrappedList(['sender'], wireText) }),
  result: ({ senders }): string[] => senders,
  safeToRetry: true,
})
