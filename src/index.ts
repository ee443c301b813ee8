export { createClient, type IletiMerkeziClient } from './client/create-client.js'
export type { CallOptions, ClientOptions } from './client/client-options.js'
export type { ContactsApi, ContactSearch } from './resources/contacts.js'
export type { ContactUpdate, NewContact } from './resources/contacts.js'
export type { GroupsApi, NewGroup } from './resources/groups.js'
export type { GroupContactsQuery, GroupUpdate } from './resources/groups.js'
export type { SendersApi } from './resources/senders.js'
export type { Contact, ContactPage, CustomField } from './schemas/contact.js'
export type { Group } from './schemas/group.js'
export type { GroupTree } from './schemas/group.js'
export {
  AbortError,
  ApiError,
  AuthenticationError,
  IletiMerkeziError,
  InsufficientBalanceError,
  NetworkError,
  NotFoundError,
  ProtocolError,
  TimeoutError,
  ValidationError,
  type Format,
  type ValidationIssue,
} from './errors/index.js'
