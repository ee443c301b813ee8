import * as v from 'valibot'
import { contactFieldsInput, contactFieldsTree, hasAnyField } from '../schemas/contact-input.js'
import { contactListPaths, contactSchema, type Contact } from '../schemas/contact.js'
import { idInput } from '../schemas/input-fields.js'
import { defineOperation } from './operation.js'

/**
 * edit-contact: changes the fields given and answers the contact as
 * stored. Fields left out are not sent; a list given replaces the old one.
 */
export const editContact = defineOperation({
  name: 'edit-contact',
  input: v.pipe(
    v.object({ id: idInput, ...contactFieldsInput }, 'expected an object with the contact id and its changes'),
    v.check((changes) => hasAnyField(changes), 'give at least one field to change'),
  ),
  // Unlike add-contact, the JSON page shows `"groups": {"id": [10, 12]}`, which is also
  // the XML page's `<groups><id>10</id><id>12</id></groups>`: a plain nested list serves both.
  request: ({ id, ...changes }) => ({
    contact: { id, ...contactFieldsTree(changes), groups: changes.groups && { id: changes.groups } },
  }),
  lists: contactListPaths('contact'),
  response: v.object({ contact: contactSchema }),
  result: ({ contact }): Contact => contact,
  safeToRetry: false,
})
