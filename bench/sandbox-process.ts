// A sandbox in its own process, so the client's heap is measured alone.
// Prints its URL, key and hash (and how long seeding took) as one JSON line, then serves until killed;
// asked over IPC, it tells its peak resident memory.
import { startSandbox } from '../src/testing/index.js'
import { makeContacts } from './bodies.js'

const contactCount = Number(process.argv[2] ?? 0)
// SMS credits, for benches that send (campaigns); the default seed's otherwise.
const credits = process.argv[3] === undefined ? undefined : Number(process.argv[3])
const contacts = makeContacts(contactCount)
const started = performance.now()
const sandbox = await startSandbox({ seed: { contacts, ...(credits === undefined ? {} : { balance: { amount: credits, sms: credits } }) } })
const seedMs = performance.now() - started
contacts.length = 0
console.log(JSON.stringify({ url: sandbox.url, key: sandbox.key, secret: sandbox.secret, hash: sandbox.hash, seedMs }))
process.on('message', () => process.send?.({ peakRssMb: process.resourceUsage().maxRSS / 1024 }))
