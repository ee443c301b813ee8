import * as v from 'valibot'
import { contactListPaths, contactSchema, type ContactPage } from '../schemas/contact.js'
import { pageInput, rowCountInput, textInput } from '../schemas/input-fields.js'
import { wrappedList } from '../schemas/wire-scalars.js'
import { freeText } from '../wire/tree.js'
import { defineOperation } from './operation.js'

/** search-contacts: contacts whose phone, name, surname or e-mail hold `key`. */
export const searchContacts = defineOperation({
  name: 'search-contacts',
  input: v.object({
    key: v.pipe(textInput, v.check((key) => key.trim().length >= 3, 'the search key needs at least 3 characters')),
    page: pageInput,
    rowCount: rowCountInput,
  }),
  inputCodes: { key: 471 },
  request: ({ key, page, rowCount }) => ({ search: { key: freeText(key), page, rowCount } }),
  lists: ['contacts.contact', ...contactListPaths('contacts.contact')],
  response: v.object({ contacts: wrappedList(['contact'], contactSchema) }),
  result: ({ contacts }, { page, rowCount }): ContactPage => ({ contacts, page, rowCount }),
  safeToRetry: true,
  // "Kişi bulunamadı": no contact matched, which for a search is an empty page.
  emptyOn: [465],
})
