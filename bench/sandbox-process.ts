// A sandbox in its own process, so the client's heap is measured alone.
// Prints its URL, key and hash as one JSON line, then serves until killed.
import { startSandbox } from '../src/testing/index.js'
import { makeContacts } from './bodies.js'

const contactCount = Number(process.argv[2] ?? 0)
// SMS credits, for benches that send (campaigns); the default seed's otherwise.
const credits = process.argv[3] === undefined ? undefined : Number(process.argv[3])
const sandbox = await startSandbox({ seed: { contacts: makeContacts(contactCount), ...(credits === undefined ? {} : { balance: { amount: 0, sms: credits } }) } })
console.log(JSON.stringify({ url: sandbox.url, key: sandbox.key, secret: sandbox.secret, hash: sandbox.hash }))
