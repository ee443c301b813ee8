// Contract testing with recordings: the app's exchanges with the API recorded once, the folder
// committed, replayed in CI with no account and no network, in both formats.
//   npx vitest run examples/contract-testing.test.ts
// Re-record (your account when ILETIMERKEZI_KEY and ILETIMERKEZI_SECRET are set, else a sandbox
// standing in for it):
//   ILETIMERKEZI_FIXTURES=record npx vitest run examples/contract-testing.test.ts
import { fileURLToPath } from 'node:url'
import { createClient } from 'iletimerkezi'
import { createRecorder, startSandbox } from 'iletimerkezi/testing'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { sendShippingNotice } from './shipping-notice.js'

// One folder per test file. Personal data is masked in it; credentials never reach it.
const recorder = createRecorder({ dir: fileURLToPath(new URL('recordings/shipping-notice', import.meta.url)), mode: 'replay' })

// Replaying, nothing goes out and the credentials are not checked; recording, they are real.
let connection: { baseUrl?: string; key: string; secret: string } = { key: 'replayed', secret: 'replayed' }
let stop = async () => {}
beforeAll(async () => {
  if (recorder.mode === 'replay') return
  const { ILETIMERKEZI_KEY: key, ILETIMERKEZI_SECRET: secret } = process.env
  if (key && secret) connection = { key, secret }
  else {
    const sandbox = await startSandbox()
    connection = { baseUrl: sandbox.url, key: sandbox.key, secret: sandbox.secret! }
    stop = () => sandbox.close()
  }
})
afterAll(async () => {
  await recorder.close()
  await stop()
})

describe.each(['json', 'xml'] as const)('shipping notice (%s)', (format) => {
  test('sends one SMS and gets an order id', async () => {
    const client = createClient({ ...connection, format, fetch: recorder.fetch })
    const result = await sendShippingNotice(client, { sender: 'eMarka', phone: '05321234567', trackingCode: 'TR-1042' })
    expect(result).toEqual({ sent: true, orderId: expect.stringMatching(/^\d+$/) })
  })
})
