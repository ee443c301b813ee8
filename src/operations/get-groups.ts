import * as v from 'valibot'
import { groupTreeListPaths, groupTreeSchema, type GroupTree } from '../schemas/group.js'
import { wrappedList } from '../schemas/wire-scalars.js'
import { defineOperation } from './operation.js'

/** get-groups: every group of the account as a tree (main groups, their children). */
export const getGroups = defineOperation({
  name: 'get-groups',
  input: v.optional(v.object({}), {}),
  request: () => ({}),
  lists: ['groups.group', ...groupTreeListPaths('groups.group')],
  // New JSON: `groups: [...]`; old JSON: `groups: {group: [...]}`; XML: `<groups><group>…`.
  response: v.object({ groups: wrappedList(['group'], groupTreeSchema) }),
  result: ({ groups }): GroupTree[] => groups,
  safeToRetry: true,
})
