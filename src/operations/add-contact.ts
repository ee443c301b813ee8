import * as v from 'valibot'
import { contactFieldsInput, contactFieldsTree, hasIdentifyingField } from '../schemas/contact-input.js'
import { contactListPaths, contactSchema, type Contact } from '../schemas/contact.js'
import { coded } from '../schemas/validate.js'
import { recordList } from '../wire/tree.js'
import { defineOperation } from './operation.js'

/** add-contact: creates one contact and answers it as stored. */
export const addContact = defineOperation({
  name: 'add-contact',
  input: v.pipe(
    v.object(contactFieldsInput, 'expected a contact object'),
    v.check(hasIdentifyingField, coded(472, 'give at least one of name, surname, gsm, email')),
  ),
  // The pages: JSON `"groups": {"group": [{"id": 7}]}`, XML `<groups><id>7</id>…`.
  request: (contact) => ({
    contact: { ...contactFieldsTree(contact), groups: contact.groups && recordList('group', 'id', contact.groups) },
  }),
  lists: contactListPaths('contact'),
  response: v.object({ contact: contactSchema }),
  result: ({ contact }): Contact => contact,
  safeToRetry: false,
})
