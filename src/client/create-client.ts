import { validate } from '../schemas/validate.js'
import { contactsApi, type ContactsApi } from '../resources/contacts.js'
import { groupsApi, type GroupsApi } from '../resources/groups.js'
import { sendersApi, type SendersApi } from '../resources/senders.js'
import { accountApi, type AccountApi } from '../resources/account.js'
import { blacklistApi, type BlacklistApi } from '../resources/blacklist.js'
import { reportsApi, type ReportsApi, type XmlReportsApi } from '../resources/reports.js'
import { smsApi, type SmsApi } from '../resources/sms.js'
import { consentsApi, type ConsentsApi } from '../resources/consents.js'
import { createCallOperation } from './call-operation.js'
import { clientOptionsSchema, type ClientOptions } from './client-options.js'
import type { Format } from '../errors/index.js'

/**
 * A client of the iletimerkezi.com API; every method works the same in both
 * formats. Each method's comment names the endpoint it calls: `get-contact`
 * is `POST {baseUrl}/get-contact/json` with `format: 'json'` and
 * `POST {baseUrl}/get-contact` with `format: 'xml'`. Every method takes
 * {@link CallOptions} as its last argument.
 *
 * `F` is the client's format as the compiler knows it: with the literal
 * `'xml'`, `reports` has no `list` and there is no `consents` (get-reports
 * and the İYS consent endpoints are offered by the provider in JSON only).
 * A format known only at run time keeps every method, and those then
 * reject with a `ValidationError` in XML, sending nothing.
 */
export type IletiMerkeziClient<F extends Format = Format> = ClientApis<F> & ([F] extends ['xml'] ? unknown : JsonOnlyApis)

/** The APIs every client has, whatever its format. */
export interface ClientApis<F extends Format = Format> {
  /** The address book's contacts: get, search, create, update, delete. */
  readonly contacts: ContactsApi
  /** The address book's groups, as a tree, and their contacts. */
  readonly groups: GroupsApi
  /** The account's approved sender names. */
  readonly senders: SendersApi
  /** Sending SMS and cancelling scheduled orders. */
  readonly sms: SmsApi
  /** Orders' delivery reports and summaries. */
  readonly reports: [F] extends ['xml'] ? XmlReportsApi : ReportsApi
  /** The account's balance. */
  readonly account: AccountApi
  /** Blocked numbers. */
  readonly blacklist: BlacklistApi
}

/** The APIs the provider offers in JSON only, absent from a client whose format is the literal `'xml'`. */
export interface JsonOnlyApis {
  /** İYS consents: register them, look one up. */
  readonly consents: ConsentsApi
}

/**
 * Creates a client. Options are checked at once: a bad one throws a
 * `ValidationError` here, synchronously, and nothing is sent.
 *
 * @example
 * const client = createClient({ key, secret, format: 'xml' })
 * const senders = await client.senders.list()
 */
export function createClient(options: ClientOptions<'xml'> & { format: 'xml' }): IletiMerkeziClient<'xml'>
export function createClient(options: ClientOptions): IletiMerkeziClient
export function createClient(options: ClientOptions): IletiMerkeziClient {
  const call = createCallOperation(validate(clientOptionsSchema, options, {}))
  return {
    contacts: contactsApi(call),
    groups: groupsApi(call),
    senders: sendersApi(call),
    sms: smsApi(call),
    reports: reportsApi(call),
    account: accountApi(call),
    blacklist: blacklistApi(call),
    consents: consentsApi(call),
  }
}
