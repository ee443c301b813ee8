import * as v from 'valibot'
import { groupSchema, type Group } from '../schemas/group.js'
import { idInput, textInput } from '../schemas/input-fields.js'
import { freeText } from '../wire/tree.js'
import { defineOperation } from './operation.js'

/** edit-group: renames a group and sets its parent. */
export const editGroup = defineOperation({
  name: 'edit-group',
  input: v.object({
    id: idInput,
    name: v.pipe(textInput, v.check((name) => name.trim() !== '', 'the group name cannot be empty')),
    parent: v.optional(idInput),
  }),
  inputCodes: { id: 462, name: 461 },
  // The page: parent "empty or 0" is a main group. The request always carries it, so a
  // left-out parent goes empty, as in add-group, rather than leaving the provider to guess.
  request: ({ id, name, parent }) => ({ group: { id, name: freeText(name), parent: parent ?? '' } }),
  lists: [],
  response: v.object({ group: groupSchema }),
  result: ({ group }): Group => group,
  safeToRetry: false,
})
