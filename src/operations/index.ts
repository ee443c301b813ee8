// The operation table: one entry per endpoint, protocol-neutral.
export { getContact } from './get-contact.js'
export { searchContacts } from './search-contacts.js'
export { addGroup } from './add-group.js'
export { getSender } from './get-sender.js'
export type { AnyOperation, Operation } from './operation.js'

import type { AnyOperation } from './operation.js'
import { addGroup } from './add-group.js'
import { getContact } from './get-contact.js'
import { getSender } from './get-sender.js'
import { searchContacts } from './search-contacts.js'

/** Every operation, by endpoint name. */
export const operationsByName: Readonly<Record<string, AnyOperation>> = Object.fromEntries(
  [getContact, searchContacts, addGroup, getSender].map((operation) => [operation.name, operation]),
)
