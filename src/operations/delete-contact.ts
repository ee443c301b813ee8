import * as v from 'valibot'
import { idInput } from '../schemas/input-fields.js'
import { defineOperation } from './operation.js'

/**
 * delete-contact: removes a contact; 465 (no such contact) is a
 * `NotFoundError`. The answer is the status alone; the result is `null`
 * and the public method resolves to undefined.
 */
export const deleteContact = defineOperation({
  name: 'delete-contact',
  input: v.object({ id: idInput }),
  request: ({ id }) => ({ contact: { id } }),
  lists: [],
  response: v.object({}),
  result: (): null => null,
  safeToRetry: false,
})
