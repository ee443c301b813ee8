// The protocol is one option: read it from the environment and nothing else in the app changes.
//
//   npx tsx examples/format-from-env.ts
//   ILETIMERKEZI_FORMAT=xml npx tsx examples/format-from-env.ts
//
// Both print the same data. A format the client does not know is refused by createClient at once.
import { createClient, ValidationError, type Format } from 'iletimerkezi'
import { connect } from './connect.js'

const format = (process.env.ILETIMERKEZI_FORMAT ?? 'json') as Format
const { options, close } = await connect()
try {
  const client = createClient({ ...options, format })
  const senders = await client.senders.list()
  const balance = await client.account.balance()
  const groups = await client.groups.list()
  const firstPage = await client.contacts.search({ key: 'example', rowCount: 2 })
  console.error(`format: ${format}`)
  console.log(JSON.stringify({ senders, balance, groups, firstPage }, null, 2))
} catch (error) {
  if (!(error instanceof ValidationError)) throw error
  console.error(`iletimerkezi: ${error.message}`)
  process.exitCode = 2
} finally {
  await close()
}
