// Contract testing with recordings: the app's exchanges with the API recorded once, the folder
// committed, replayed in CI with no account and no network, in both formats; verified every night
// against the live service by the very same tests.
//   npx vitest run examples/contract-testing.test.ts                                 (replay: CI)
//   ILETIMERKEZI_FIXTURES=record npx vitest run examples/contract-testing.test.ts    (record)
//   ILETIMERKEZI_FIXTURES=verify npx vitest run examples/contract-testing.test.ts    (nightly)
// Recording and verifying use your account when ILETIMERKEZI_KEY and ILETIMERKEZI_SECRET are set,
// else a sandbox standing in for it. Set ILETIMERKEZI_MASK_KEY (kept like the secret) for stand-ins
// that re-record to the same files and that replay checks against what the test sends.
import { fileURLToPath } from 'node:url'
import { createClient } from 'iletimerkezi'
import { createRecorder, startSandbox } from 'iletimerkezi/testing'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { sendShippingNotice } from './shipping-notice.js'

// One folder per test file. Every value not known to be safe is masked in it (the sender name is
// the company's, kept on purpose); credentials never reach it.
const recorder = createRecorder({
  dir: fileURLToPath(new URL('recordings/shipping-notice', import.meta.url)),
  mode: 'replay',
  mask: { keep: ['sender'] },
})

// Replaying, nothing goes out and the credentials are not checked; recording or verifying, they are real.
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
// close() rejects with every request the recording did not answer (and, verifying, with the drift
// found): a miss fails the run even though sendShippingNotice turns every error into 'try-later'.
afterAll(async () => {
  await stop()
  await recorder.close()
})

describe.each(['json', 'xml'] as const)('shipping notice (%s)', (format) => {
  test('the sender is approved for the account', async () => {
    const client = createClient({ ...connection, format, fetch: recorder.fetch })
    expect(await client.senders.list()).toContain('eMarka')
  })

  // One parcel a format: the same text to the same number within 10 minutes is a duplicate order (451),
  // which the provider (and the sandbox) refuses.
  test('sends one SMS and gets an order id', async () => {
    const client = createClient({ ...connection, format, fetch: recorder.fetch })
    const trackingCode = format === 'json' ? 'TR-1042' : 'TR-1043'
    const result = await sendShippingNotice(client, { sender: 'eMarka', phone: '05321234567', trackingCode })
    expect(result).toEqual({ sent: true, orderId: expect.stringMatching(/^\d+$/) })
  })
})
