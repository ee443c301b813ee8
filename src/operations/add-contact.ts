import * as v from 'valibot'
import { contactFieldsInput, contactFieldsTree, hasIdentifyingField } from '../schemas/contact-input.js'
import { contactListPaths, contactSchema, type Contact } from '../schemas/contact.js'
import { recordList } from '../wire/tree.js'
import { defineOperation } from './operation.js'

/** add-contact: creates one contact and answers it as stored. */
export const addContact = defineOperation({
  name: 'add-contact',
  input: v.pipe(
    v.object(contactFieldsInput, 'expected a contact object'),
    v.check(hasIdentifyingField, 'give at least one of name, surname, gsm, email'),
  ),
  // The provider's 472 is about the contact as a whole, so it sits on the root path.
  inputCodes: { '': 472 },
  // The pages: JSON `"groups": {"group": [{"id": 7}]}`, XML `<groups><id>7</id>…`.
  request: (contact) => ({
    contact: { ...contactFieldsTree(contact), groups: contact.groups && recordList('group', 'id', contact.groups) },
  }),
  lists: contactListPaths('contact'),
  response: v.object({ contact: contactSchema }),
  result: ({ contact }): Contact => contact,
  safeToRetry: false,
})
