import * as v from 'valibot'
import { groupTreeListPaths, groupTreeSchema, type GroupTree } from '../schemas/group.js'
import { idInput } from '../schemas/input-fields.js'
import { defineOperation } from './operation.js'

/**
 * get-group: one group and its children. 463 (no such group) is a
 * `NotFoundError`. The provider documents only the JSON variant; the XML
 * one is `/v1/get-group` by the pattern of every other endpoint, with the
 * group tree spelled as get-groups spells it in XML.
 */
export const getGroup = defineOperation({
  name: 'get-group',
  input: v.object({ id: idInput }),
  request: ({ id }) => ({ group: { id } }),
  lists: groupTreeListPaths('group'),
  response: v.object({ group: groupTreeSchema }),
  result: ({ group }): GroupTree => group,
  safeToRetry: true,
})
