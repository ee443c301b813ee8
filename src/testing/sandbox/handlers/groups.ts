import { StatusCode } from '../../../status/status-codes.js'
import { freeText } from '../../../wire/tree.js'
import { integerAt, textAt } from '../read-request.js'
import { fail, ok, type Handler } from './handler.js'

export const addGroup: Handler = (request, store) => {
  const name = textAt(request, 'group.name')
  if (name.trim() === '') return fail(StatusCode.EmptyGroupName)
  // "Empty or 0" makes a main group.
  const parent = integerAt(request, 'group.parent') ?? 0
  if (parent !== 0 && !store.groups.has(parent)) return fail(StatusCode.GroupNotFound)
  const group = { id: store.nextId++, name, parent }
  store.groups.set(group.id, group)
  return ok({ group: { id: group.id, name: freeText(group.name) } })
}
