// Sends one SMS and reads the order's delivery report.
//
//   npx tsx examples/send-sms.ts
//       a local sandbox: no account, nothing leaves the machine
//   ILETIMERKEZI_KEY=… ILETIMERKEZI_SECRET=… ILETIMERKEZI_TO=05xxxxxxxxx npx tsx examples/send-sms.ts
//       your account: one real SMS to ILETIMERKEZI_TO, charged as usual
import { createClient, MessageStatus, OrderStatus } from 'iletimerkezi'
import { connect } from './connect.js'

const orderStates: Record<number, string> = {
  [OrderStatus.Sending]: 'sending',
  [OrderStatus.Completed]: 'completed',
  [OrderStatus.Failed]: 'failed or cancelled',
}
const messageStates: Record<number, string> = {
  [MessageStatus.Sending]: 'on its way',
  [MessageStatus.Delivered]: 'delivered',
  [MessageStatus.Undelivered]: 'not delivered',
}

const { options, live, close } = await connect()
// Never a made-up number on a real account.
const to = process.env.ILETIMERKEZI_TO ?? (live ? undefined : '05321234567')
if (to === undefined) {
  console.error('Set ILETIMERKEZI_TO to the number to send the SMS to.')
  process.exit(2)
}

try {
  const client = createClient(options)
  const [sender] = await client.senders.list() // an approved sender name ("başlık") of the account
  if (sender === undefined) throw new Error('the account has no approved sender name')

  const { orderId } = await client.sms.send({ sender, text: 'Merhaba! Siparişiniz yola çıktı.', recipients: [to] })
  console.log(`order ${orderId}: sent from ${sender} to ${to}`)

  const report = await client.reports.get({ orderId })
  console.log(`order ${orderId}: ${orderStates[report.status] ?? report.status}, ${report.delivered} of ${report.total} delivered`)
  for (const message of report.messages) console.log(`  ${message.number}: ${messageStates[message.status] ?? message.status}`)
} finally {
  await close()
}
