// The operation table: one entry per endpoint, protocol-neutral.
// To add an endpoint: its file here, an export line, and its place in `operationTable`.
import { addGroup } from './add-group.js'
import { getContact } from './get-contact.js'
import { getSender } from './get-sender.js'
import type { AnyOperation } from './operation.js'
import { searchContacts } from './search-contacts.js'

export { addGroup, getContact, getSender, searchContacts }
export type { AnyOperation, Operation } from './operation.js'

/** Every operation the client has. */
export const operationTable: readonly AnyOperation[] = [
  getContact,
  searchContacts,
  addGroup,
  getSender,
]

/** Every operation, by endpoint name. */
export const operationsByName: Readonly<Record<string, AnyOperation>> = Object.fromEntries(
  operationTable.map((operation) => [operation.name, operation]),
)
