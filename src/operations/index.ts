// The operation table: one entry per endpoint, protocol-neutral.
export { getContact } from './get-contact.js'
export { searchContacts } from './search-contacts.js'
export { addGroup } from './add-group.js'
export { getSender } from './get-sender.js'
export type { AnyOperation, Operation } from './operation.js'
