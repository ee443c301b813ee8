// `iletimerkezi/testing`: the sandbox server and the fixture set, for integrators' own tests.
export { startSandbox, type Sandbox, type SandboxOptions, type SandboxRequest } from './sandbox/start-sandbox.js'
export type { SandboxSeed, SandboxStore, StoredGroup } from './sandbox/store.js'
export type { MessagingSeed, MessagingStore, StoredBlock, StoredMessage, StoredOrder } from './sandbox/messaging-store.js'
export type { Fault, FaultScope, FaultSwitches } from './sandbox/faults.js'
export { defaultSeed } from './sandbox/default-seed.js'
export { fixturesRoot, loadFixtureCase, loadFixtureCases, type Expected, type FixtureCase } from './fixture-cases.js'
