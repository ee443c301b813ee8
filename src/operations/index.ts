// The operation table: one entry per endpoint, protocol-neutral.
// To add an endpoint: its file here, an export line, and its place in `operationTable`.
import { addContact } from './add-contact.js'
import { addGroup } from './add-group.js'
import { deleteContact } from './delete-contact.js'
import { deleteGroup } from './delete-group.js'
import { editContact } from './edit-contact.js'
import { editGroup } from './edit-group.js'
import { getGroupContacts } from './get-group-contacts.js'
import { getGroup } from './get-group.js'
import { getGroups } from './get-groups.js'
import { getContact } from './get-contact.js'
import { getSender } from './get-sender.js'
import type { AnyOperation } from './operation.js'
import { searchContacts } from './search-contacts.js'
import { addBlacklist } from './add-blacklist.js'
import { cancelOrder } from './cancel-order.js'
import { deleteBlacklist } from './delete-blacklist.js'
import { getBalance } from './get-balance.js'
import { getBlacklist } from './get-blacklist.js'
import { getReport } from './get-report.js'
import { getReports } from './get-reports.js'
import { sendSms } from './send-sms.js'
import { consentCreate } from './consent-create.js'
import { consentShow } from './consent-show.js'

export { addGroup, getContact, getSender, searchContacts }
export { addContact, deleteContact, deleteGroup, editContact, editGroup, getGroup, getGroupContacts, getGroups }
export { addBlacklist, cancelOrder, deleteBlacklist, getBalance, getBlacklist, getReport, getReports, sendSms }
export { consentCreate, consentShow }
export type { AnyOperation, Operation } from './operation.js'

/** Every operation the client has. */
export const operationTable: readonly AnyOperation[] = [
  getContact,
  searchContacts,
  addGroup,
  getGroups,
  getGroup,
  editGroup,
  deleteGroup,
  getGroupContacts,
  addContact,
  editContact,
  deleteContact,
  getSender,
  sendSms,
  cancelOrder,
  getReport,
  getReports,
  getBalance,
  getBlacklist,
  addBlacklist,
  deleteBlacklist,
  consentCreate,
  consentShow,
]

/** Every operation, by endpoint name. */
export const operationsByName: Readonly<Record<string, AnyOperation>> = Object.fromEntries(
  operationTable.map((operation) => [operation.name, operation]),
)
