import { getContact, searchContacts } from './contacts.js'
import { addGroup } from './groups.js'
import { addContact, deleteContact, editContact } from './contacts.js'
import { deleteGroup, editGroup, getGroup, getGroupContacts, getGroups } from './groups.js'
import type { Handler } from './handler.js'
import { getSender } from './senders.js'
import { addBlacklist, deleteBlacklist, getBlacklist } from './blacklist.js'
import { consentCreate, consentShow } from './consents.js'
import { cancelOrder, getBalance, getReport, getReports, sendSms } from './messaging.js'

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
  'send-sms': sendSms,
  'cancel-order': cancelOrder,
  'get-report': getReport,
  'get-reports': getReports,
  'get-balance': getBalance,
  'get-blacklist': getBlacklist,
  'add-blacklist': addBlacklist,
  'delete-blacklist': deleteBlacklist,
  'consent/create': consentCreate,
  'consent/show': consentShow,
}
