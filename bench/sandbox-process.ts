// A sandbox in its own process, so the client's heap is measured alone.
// Prints its URL, key and hash as one JSON line, then serves until killed.
import { startSandbox } from '../src/testing/index.js'
import { makeContacts } from './bodies.js'

const contactCount = Number(process.argv[2] ?? 0)
const sandbox = await startSandbox({ seed: { contacts: makeContacts(contactCount) } })
console.log(JSON.stringify({ url: sandbox.url, key: sandbox.key, secret: sandbox.secret, hash: sandbox.hash }))
