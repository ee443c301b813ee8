import { getContact, searchContacts } from './contacts.js'
import { addGroup } from './groups.js'
import type { Handler } from './handler.js'
import { getSender } from './senders.js'

/** The sandbox's endpoints, by the provider's method name. */
export const handlers: Readonly<Record<string, Handler>> = {
  'get-contact': getContact,
  'search-contacts': searchContacts,
  'add-group': addGroup,
  'get-sender': getSender,
}
