import * as v from 'valibot'
import { contactListPaths, contactSchema, type ContactPage } from '../schemas/contact.js'
import { idInput, pageInput, rowCountInput } from '../schemas/input-fields.js'
import { wrappedList } from '../schemas/wire-scalars.js'
import { defineOperation } from './operation.js'

/** get-group-contacts: one page of the contacts in a group. 463 (no such group) is a `NotFoundError`. */
export const getGroupContacts = defineOperation({
  name: 'get-group-contacts',
  input: v.object({ id: idInput, page: pageInput, rowCount: rowCountInput }),
  request: ({ id, page, rowCount }) => ({ group: { id, page, rowCount } }),
  lists: ['contacts.contact', ...contactListPaths('contacts.contact')],
  response: v.object({ contacts: wrappedList(['contact'], contactSchema) }),
  result: ({ contacts }, { page, rowCount }): ContactPage => ({ contacts, page, rowCount }),
  safeToRetry: true,
  // "Kişi bulunamadı": an empty group, or a page past the last one; an empty page either way.
  emptyOn: [465],
})
