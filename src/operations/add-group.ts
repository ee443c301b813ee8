import * as v from 'valibot'
import { groupSchema, type Group } from '../schemas/group.js'
import { idInput, textInput } from '../schemas/input-fields.js'
import { freeText } from '../wire/tree.js'
import { defineOperation } from './operation.js'

/** add-group: a main group, or a sub-group of `parent`. */
export const addGroup = defineOperation({
  name: 'add-group',
  input: v.object({
    name: v.pipe(textInput, v.check((name) => name.trim() !== '', 'the group name cannot be empty')),
    parent: v.optional(idInput),
  }),
  inputCodes: { name: 461 },
  // The page: "If it is a main group, leave it empty" — the element is sent, empty.
  request: ({ name, parent }) => ({ group: { name: freeText(name), parent: parent ?? '' } }),
  lists: [],
  response: v.object({ group: groupSchema }),
  result: ({ group }): Group => group,
  safeToRetry: false,
})
