import * as v from 'valibot'
import { idInput } from '../schemas/input-fields.js'
import { defineOperation } from './operation.js'

/**
 * delete-group: removes a group. The answer is the status alone; the
 * result is `null` (a fixture can say null, not undefined) and the public
 * method resolves to undefined.
 */
export const deleteGroup = defineOperation({
  name: 'delete-group',
  input: v.object({ id: idInput }),
  request: ({ id }) => ({ group: { id } }),
  lists: [],
  response: v.object({}),
  result: (): null => null,
  safeToRetry: false,
})
