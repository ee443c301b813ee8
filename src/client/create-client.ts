import { validate } from '../schemas/validate.js'
import { contactsApi, type ContactsApi } from '../resources/contacts.js'
import { groupsApi, type GroupsApi } from '../resources/groups.js'
import { sendersApi, type SendersApi } from '../resources/senders.js'
import { createCallOperation } from './call-operation.js'
import { clientOptionsSchema, type ClientOptions } from './client-options.js'

/** A client of the iletimerkezi.com API; every method works the same in both formats. */
export interface IletiMerkeziClient {
  readonly contacts: ContactsApi
  readonly groups: GroupsApi
  readonly senders: SendersApi
}

/**
 * Creates a client. Options are checked at once: a bad one throws a
 * `ValidationError` here, synchronously, and nothing is sent.
 *
 * @example
 * const client = createClient({ key, secret, format: 'xml' })
 * const senders = await client.senders.list()
 */
export function createClient(options: ClientOptions): IletiMerkeziClient {
  const call = createCallOperation(validate(clientOptionsSchema, options, {}))
  return {
    contacts: contactsApi(call),
    groups: groupsApi(call),
    senders: sendersApi(call),
  }
}
