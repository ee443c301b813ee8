import { StatusCode } from '../../../status/status-codes.js'
import { freeText, wireList, type WireTree } from '../../../wire/tree.js'
import { integerAt, textAt } from '../read-request.js'
import type { SandboxStore, StoredGroup } from '../store.js'
import { contactTree } from './contact-tree.js'
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

// A group's members are one of the contact book's lists: counted once, then kept up to date.

function childrenOf(store: SandboxStore, id: number): StoredGroup[] {
  return [...store.groups.values()].filter((group) => group.parent === id)
}

/** The group and every group below it. */
function subtreeIds(store: SandboxStore, id: number): number[] {
  return [id, ...childrenOf(store, id).flatMap((child) => subtreeIds(store, child.id))]
}

// As the pages show it: `count` of the group's own contacts, `children` only where there are some.
function groupTree(store: SandboxStore, group: StoredGroup): WireTree {
  const children = childrenOf(store, group.id)
  const count = store.contacts.groupCount(group.id)
  return {
    id: group.id,
    name: freeText(group.name),
    count,
    children: children.length === 0 ? undefined : wireList('child', children.map((child) => groupTree(store, child))),
  }
}

export const getGroups: Handler = (_request, store) =>
  ok({ groups: wireList('group', childrenOf(store, 0).map((group) => groupTree(store, group))) })

export const getGroup: Handler = (request, store) => {
  const id = integerAt(request, 'group.id')
  const group = id === undefined ? undefined : store.groups.get(id)
  return group ? ok({ group: groupTree(store, group) }) : fail(StatusCode.GroupNotFound)
}

export const editGroup: Handler = (request, store) => {
  const id = integerAt(request, 'group.id')
  if (id === undefined) return fail(StatusCode.EmptyGroupId)
  const name = textAt(request, 'group.name')
  if (name.trim() === '') return fail(StatusCode.EmptyGroupName)
  const group = store.groups.get(id)
  if (!group) return fail(StatusCode.GroupNotFound)
  const parent = integerAt(request, 'group.parent') ?? 0
  // A parent must exist and may not be the group itself or one of its sub-groups.
  if (parent !== 0 && (!store.groups.has(parent) || subtreeIds(store, id).includes(parent))) return fail(StatusCode.GroupNotFound)
  const changed = { ...group, name, parent }
  store.groups.set(id, changed)
  return ok({ group: { id, name: freeText(changed.name) } })
}

// The group goes with its sub-groups; their contacts stay, off those groups.
export const deleteGroup: Handler = (request, store) => {
  const id = integerAt(request, 'group.id')
  if (id === undefined || !store.groups.has(id)) return fail(StatusCode.GroupNotFound)
  const removed = new Set(subtreeIds(store, id))
  for (const groupId of removed) store.groups.delete(groupId)
  // Through set, so the book's lists see the change.
  for (const contact of [...store.contacts.values()]) {
    if (contact.groups.some((groupId) => removed.has(groupId))) store.contacts.set(contact.id, { ...contact, groups: contact.groups.filter((groupId) => !removed.has(groupId)) })
  }
  return ok()
}

export const getGroupContacts: Handler = (request, store) => {
  const id = integerAt(request, 'group.id')
  if (id === undefined || !store.groups.has(id)) return fail(StatusCode.GroupNotFound)
  const page = integerAt(request, 'group.page') ?? 1
  if (page < 1) return fail(StatusCode.InvalidPage)
  const rowCount = Math.min(Math.max(integerAt(request, 'group.rowCount') ?? 1000, 1), 1000)
  const contacts = store.contacts.groupPage(id, page, rowCount)
  // "Kişi bulunamadı": an empty group, or a page past the last one.
  if (contacts.length === 0) return fail(StatusCode.ContactNotFound)
  return ok({ contacts: wireList('contact', contacts.map(contactTree)) })
}
