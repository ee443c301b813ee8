import { getContact, searchContacts } from './contacts.js'
import { addGroup } from './groups.js'
import { addContact, deleteContact, editContact } from './contacts.js'
import { deleteGroup, editGroup, getGroup, getGroupContacts, getGroups } from './groups.js'
import type { Handler } from './handler.js'
import { getSender } from './senders.js'

/** The sandbox's endpoints, by the provider's method name. */
export const handlers: Readonly<Record<string, Handler>> = {
  'get-contact': getContact,
  'search-contacts': searchContacts,
  'add-group': addGroup,
  'get-groups': getGroups,
  'get-group': getGroup,
  'edit-group': editGroup,
  'delete-group': deleteGroup,
  'get-group-contacts': getGroupContacts,
  'add-contact': addContact,
  'edit-contact': editContact,
  'delete-contact': deleteContact,
  'get-sender': getSender,
}
