/**
 * The client for the iletimerkezi.com SMS API: {@link createClient}, the
 * result types, the error classes, {@link parseDeliveryReport} and the
 * status-code names. JSON or XML behind one `format` option.
 *
 * @example
 * ```ts
 * import { createClient } from 'iletimerkezi'
 *
 * const client = createClient({ key: process.env.ILETIMERKEZI_KEY!, secret: process.env.ILETIMERKEZI_SECRET! })
 * const { orderId } = await client.sms.send({ sender: 'eMarka', text: 'Merhaba', recipients: ['05321234567'] })
 * ```
 *
 * @packageDocumentation
 * @module iletimerkezi
 */
export { createClient, type ClientApis, type IletiMerkeziClient, type JsonOnlyApis } from './client/create-client.js'
export type { CallOptions, ClientCredential, ClientOptions, ClientSettings } from './client/client-options.js'
export type { CallErrorEvent, CallEvent, ClientHooks, RequestEvent, ResponseEvent, RetryEvent } from './client/hooks.js'
export type { ContactsApi, ContactSearch } from './resources/contacts.js'
export type { ContactUpdate, NewContact } from './resources/contacts.js'
export type { GroupsApi, NewGroup } from './resources/groups.js'
export type { GroupContactsQuery, GroupUpdate } from './resources/groups.js'
export type { SendersApi } from './resources/senders.js'
export type { Contact, ContactPage, CustomField } from './schemas/contact.js'
export type { Group } from './schemas/group.js'
export type { GroupTree } from './schemas/group.js'
export type { SmsApi, SmsMessage, SmsOrder, SmsOrderOptions } from './resources/sms.js'
export type { SentOrder } from './operations/send-sms.js'
export type {
  CampaignJournal,
  CampaignJournalState,
  CampaignOptions,
  CampaignOrder,
  CampaignOrderState,
  CampaignProgress,
  CampaignRate,
  CampaignRow,
  CampaignSummary,
  InvalidRecipient,
  JournalLease,
} from './campaign/campaign-types.js'
export type { ReportQuery, ReportRange, ReportsApi, XmlReportsApi } from './resources/reports.js'
export type { OrderSummaryPage } from './operations/get-reports.js'
export type { MessageReport, OrderReport, OrderSummary } from './schemas/order.js'
export type { AccountApi } from './resources/account.js'
export type { Balance } from './schemas/balance.js'
export type { BlacklistApi, BlacklistQuery } from './resources/blacklist.js'
export type { BlacklistPage } from './schemas/blacklist.js'
export type { DateInput } from './schemas/date-inputs.js'
export type { ConsentAddResult, ConsentQuery, ConsentsApi, NewConsents } from './resources/consents.js'
export type { ConsentRecipientType, ConsentRecord, ConsentSource, ConsentStatus, ConsentType, StoredConsent } from './schemas/consent.js'
export { parseDeliveryReport, type DeliveryReport } from './webhook/parse-delivery-report.js'
export {
  deliveryReportHandler,
  type DeliveryReportHandler,
  type DeliveryReportHandlerOptions,
  type NodeReportRequest,
  type NodeReportResponse,
} from './webhook/delivery-report-handler.js'
export { MessageStatus, OrderStatus, StatusCode } from './status/status-codes.js'
export {
  AbortError,
  ApiError,
  AuthenticationError,
  IletiMerkeziError,
  InsufficientBalanceError,
  NetworkError,
  NotFoundError,
  ProtocolError,
  RateLimitError,
  TimeoutError,
  ValidationError,
  type ErrorContext,
  type Format,
  type ValidationIssue,
} from './errors/index.js'
