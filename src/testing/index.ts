/**
 * `iletimerkezi/testing`: the sandbox server and the fixture set, for
 * integrators' own tests. Node only (it runs an HTTP server and reads
 * files); the client itself needs none of it.
 *
 * @example
 * ```ts
 * import { createClient } from 'iletimerkezi'
 * import { startSandbox } from 'iletimerkezi/testing'
 *
 * const sandbox = await startSandbox()
 * const client = createClient({ baseUrl: sandbox.url, key: sandbox.key, secret: sandbox.secret, format: 'xml' })
 * console.log(await client.senders.list()) // ['APITEST', 'eMarka']
 * await sandbox.close()
 * ```
 *
 * @packageDocumentation
 * @module iletimerkezi/testing
 */
export { startSandbox, type Sandbox, type SandboxOptions, type SandboxRequest } from './sandbox/start-sandbox.js'
export type { SandboxSeed, SandboxStore, StoredGroup } from './sandbox/store.js'
export type { SandboxBackend, SandboxSettings } from './sandbox/settings.js'
export type { ContactBook, ContactFilter } from './sandbox/contact-book.js'
export type { DeliverySettings, MessagingSeed, MessagingStore, OutgoingMessage, StoredBlock, StoredMessage, StoredOrder } from './sandbox/messaging-store.js'
export type { Fault, FaultScope, FaultSwitches } from './sandbox/faults.js'
export type { AnswerWithOptions } from './sandbox/answer-with.js'
export type { SandboxWebhookOptions, WebhookAttempt, WebhookDelivery, WebhookReportBody } from './sandbox/webhook-sender.js'
export type { ConsentBatchResult } from '../operations/consent-create.js'
export type { ConsentRegistry, ConsentRefusal, SandboxConsent } from './sandbox/consent-registry.js'
export { defaultSeed } from './sandbox/default-seed.js'
export {
  fixturesRoot,
  loadFixtureCase,
  loadFixtureCases,
  type Expected,
  type FixtureCase,
  type FixtureCaseOf,
  type OperationArgs,
  type OperationName,
  type OperationResult,
  type OperationSignature,
  type OperationTypes,
  type RecordedFixtureCase,
  type ShippedFixtureCase,
} from './fixture-cases.js'
export { FixtureFileError } from './fixture-file-error.js'
export { createRecorder, type RecordedExchange, type Recorder, type RecorderMode, type RecorderOptions } from './contract/recorder.js'
export { FixtureMissError } from './contract/fixture-miss-error.js'
export { verifyFixtures, type SkipReason, type VerifiedCase, type VerifyFixturesOptions, type VerifyReport } from './contract/verify-fixtures.js'
export { describeDrift, type Drift } from './contract/shape-drift.js'
