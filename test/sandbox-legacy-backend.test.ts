// The sandbox suites again, with every sandbox answering in the pre-October-2024 shapes
// (`backend: 'legacy'`): JSON lists in their XML-style wrappers, a contact's groups as
// `group` records, numbers as text. The client reads both, so every case holds unchanged.
import { useBackend } from './support/sandbox-backend.js'

useBackend('legacy')
await import('./sandbox-contract.test.js')
await import('./address-book-sandbox.test.js')
await import('./address-book-walkthrough.test.js')
await import('./messaging-sandbox.test.js')
