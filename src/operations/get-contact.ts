import * as v from 'valibot'
import { contactListPaths, contactSchema, type Contact } from '../schemas/contact.js'
import { idInput } from '../schemas/input-fields.js'
import { defineOperation } from './operation.js'

/** get-contact: one contact by id. 465 (no such contact) is a `NotFoundError`. */
export const getContact = defineOperation({
  name: 'get-contact',
  input: v.object({ id: idInput }),
  request: ({ id }) => ({ contact: { id } }),
  lists: contactListPaths('contact'),
  response: v.object({ contact: contactSchema }),
  result: ({ contact }): Contact => contact,
  safeToRetry: true,
})
