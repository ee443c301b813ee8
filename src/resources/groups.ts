import { paginate } from '../client/paginate.js'
import type { CallOperation } from '../client/call-operation.js'
import type { CallOptions } from '../client/client-options.js'
import type { Contact, ContactPage } from '../schemas/contact.js'
import type { Group, GroupTree } from '../schemas/group.js'

// Each operation is loaded on its first call: an app's bundle holds only the endpoints it uses.
const addGroup = () => import('../operations/add-group.js').then((module) => module.addGroup)
const deleteGroup = () => import('../operations/delete-group.js').then((module) => module.deleteGroup)
const editGroup = () => import('../operations/edit-group.js').then((module) => module.editGroup)
const getGroup = () => import('../operations/get-group.js').then((module) => module.getGroup)
const getGroupContacts = () => import('../operations/get-group-contacts.js').then((module) => module.getGroupContacts)
const getGroups = () => import('../operations/get-groups.js').then((module) => module.getGroups)

/** A group to create. */
export interface NewGroup {
  /** The group's name; an empty one is refused with code 461. */
  name: string
  /** The parent group's id; left out, the group is a main group. */
  parent?: number
}

/** A group's new name and place. */
export interface GroupUpdate {
  /** The group to change. */
  id: number
  /** The new name (may be the old one); an empty name is refused with code 461. */
  name: string
  /**
   * The parent group's id. Left out, the group becomes (or stays) a main
   * group: the provider reads an empty parent as "main", so pass the
   * current parent to keep a sub-group where it is.
   */
  parent?: number
}

/** Which group's contacts, and which page. */
export interface GroupContactsQuery {
  /** The group's id. */
  id: number
  /** Default 1. */
  page?: number
  /** Contacts a page, 1 to 1000; default 1000. */
  rowCount?: number
}

/** The address book's contact groups. */
export interface GroupsApi {
  /** Creates a group (`add-group`). Never retried unless `options.retry` says so. */
  create(group: NewGroup, options?: CallOptions): Promise<Group>
  /** Every group as a tree: main groups with their `children` and contact `count` (`get-groups`). */
  list(options?: CallOptions): Promise<GroupTree[]>
  /**
   * One group with its children and contact count (`get-group`). A missing
   * one rejects with `NotFoundError` (463). The provider documents this
   * endpoint in JSON only; in XML the client calls `/v1/get-group`.
   */
  get(id: number, options?: CallOptions): Promise<GroupTree>
  /**
   * Renames a group and sets its parent (`edit-group`); resolves to the
   * group as stored. `ValidationError` for an empty name (461) or a bad id
   * (462); `NotFoundError` (463) for an unknown group or parent. Never
   * retried unless `options.retry` says so.
   */
  update(group: GroupUpdate, options?: CallOptions): Promise<Group>
  /**
   * Deletes a group (`delete-group`); resolves to undefined. The provider
   * also drops its sub-groups and takes it off its contacts (the contacts
   * stay). `NotFoundError` (463) for an unknown group. Never retried
   * unless `options.retry` says so.
   */
  delete(id: number, options?: CallOptions): Promise<void>
  /**
   * One page of a group's contacts (`get-group-contacts`). An empty group
   * or a page past the end is an empty page (the provider's 465);
   * `NotFoundError` (463) for an unknown group.
   */
  contacts(query: GroupContactsQuery, options?: CallOptions): Promise<ContactPage>
  /** Every contact of a group, page after page (`get-group-contacts`), one page held at a time. */
  contactsAll(query: Omit<GroupContactsQuery, 'page'>, options?: CallOptions): AsyncIterable<Contact>
}

export function groupsApi(call: CallOperation): GroupsApi {
  return {
    create: (group, options) => call(addGroup, group, options),
    list: (options) => call(getGroups, {}, options),
    get: (id, options) => call(getGroup, { id }, options),
    update: (group, options) => call(editGroup, group, options),
    delete: async (id, options) => {
      await call(deleteGroup, { id }, options)
    },
    contacts: (query, options) => call(getGroupContacts, query, options),
    contactsAll: (query, options) =>
      paginate(async (page, pageOptions) => {
        const result = await call(getGroupContacts, { ...query, page }, pageOptions)
        return { items: result.contacts, rowCount: result.rowCount }
      }, options),
  }
}
