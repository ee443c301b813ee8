// The sandbox's İYS: consent records per brand with İYS's rules, both endpoints, and what `iys: 1` sends deliver.
import { afterEach, describe, expect, test } from 'vitest'
import { ApiError, createClient, MessageStatus, type ConsentRecord, type Format } from '../src/index.js'
import { startSandbox, type Sandbox, type SandboxOptions } from '../src/testing/index.js'

let sandbox: Sandbox
afterEach(() => sandbox?.close())

async function open(options: SandboxOptions & { hash?: undefined } = {}) {
  sandbox = await startSandbox(options)
  return createClient({ baseUrl: sandbox.url, key: sandbox.key, secret: sandbox.secret, retry: 0 })
}

const brandCode = 696422
const consent = (recipient: string, status: 'ONAY' | 'RET', extra: Partial<ConsentRecord> = {}): ConsentRecord => ({
  recipient,
  recipientType: 'BIREYSEL',
  type: 'MESAJ',
  status,
  source: 'HS_WEB',
  consentDate: '2025-03-01 09:00:00',
  ...extra,
})

describe('consent records', () => {
  test('added, then read back; a later RET replaces the ONAY', async () => {
    const client = await open()
    expect(await client.consents.get({ brandCode, recipient: '+905301234567' })).toBeNull()
    await client.consents.add({ brandCode, consents: [consent('05301234567', 'ONAY')] })
    // Any spelling of the number finds the record, filed as +90….
    expect(await client.consents.get({ brandCode, recipient: '905301234567' })).toMatchObject({ recipient: '+905301234567', status: 'ONAY', source: 'HS_WEB', consentDate: '2025-03-01T09:00:00+03:00' })
    await client.consents.add({ brandCode, consents: [consent('+905301234567', 'RET', { consentDate: '2025-04-01 09:00:00' })] })
    expect(await client.consents.get({ brandCode, recipient: '+905301234567' })).toMatchObject({ status: 'RET' })
  })

  test("İYS's rule: a recipient's first record cannot be RET; the request is refused whole (422), nothing filed", async () => {
    const client = await open()
    const error = await client.consents
      .add({ brandCode, consents: [consent('+905301234567', 'ONAY'), consent('+905301234568', 'RET')] })
      .catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(ApiError)
    expect(error).toMatchObject({ code: 422 })
    expect(await client.consents.get({ brandCode, recipient: '+905301234567' })).toBeNull()
    // An ONAY earlier in the same request makes the RET a second record.
    await client.consents.add({ brandCode, consents: [consent('+905301234568', 'ONAY'), consent('+905301234568', 'RET')] })
    expect(await client.consents.get({ brandCode, recipient: '+905301234568' })).toMatchObject({ status: 'RET' })
  })

  test('the provider\'s drift: 200 with consent: [] for an unknown brand and for TACIR/MESAJ with no record; 422 otherwise', async () => {
    const client = await open()
    expect(await client.consents.get({ brandCode: 111111, recipient: '+905321234567' })).toBeNull()
    expect(await client.consents.get({ brandCode, recipient: '+905300000000', recipientType: 'TACIR' })).toBeNull()
    expect(await client.consents.get({ brandCode, recipient: 'ayse@example.com', type: 'EPOSTA' })).toBeNull()
    expect(sandbox.requests.map((request) => request.status)).toEqual([200, 200, 422])
  })

  test('a TACIR record may leave out source and date', async () => {
    const client = await open()
    await client.consents.add({ brandCode, consents: [{ recipient: '+905301234567', recipientType: 'TACIR', type: 'ARAMA', status: 'ONAY' }] })
    expect(await client.consents.get({ brandCode, recipient: '+905301234567', recipientType: 'TACIR', type: 'ARAMA' })).toEqual({
      brandCode: '696422',
      recipient: '+905301234567',
      recipientType: 'TACIR',
      type: 'ARAMA',
      status: 'ONAY',
      source: '',
      consentDate: '',
    })
  })

  test('an account without İYS: 403 on both endpoints, explained', async () => {
    const client = await open({ iysConfigured: false })
    for (const call of [client.consents.get({ brandCode, recipient: '+905321234567' }), client.consents.add({ brandCode, consents: [consent('+905301234567', 'ONAY')] })]) {
      const error = await call.catch((caught: unknown) => caught)
      expect(error).toMatchObject({ code: 403, httpStatus: 403 })
      expect((error as Error).message).toMatch(/^Aktif abonelik bulunamadı \(no active İYS subscription/)
    }
  })

  test('JSON only: the XML path is no endpoint (404)', async () => {
    await open()
    const response = await fetch(`${sandbox.url}/consent/show`, { method: 'POST', body: '<request/>' })
    expect(response.status).toBe(404)
  })
})

describe.each(['json', 'xml'] as Format[])('%s: iys: 1 delivers only to ONAY recipients on the chosen list', (format) => {
  test('ONAY delivered (111); no record and RET undelivered (112); reports.get says the same', async () => {
    await open()
    const json = createClient({ baseUrl: sandbox.url, key: sandbox.key, secret: sandbox.secret, retry: 0 })
    await json.consents.add({ brandCode, consents: [consent('+905301110000', 'ONAY'), consent('+905302220000', 'ONAY'), consent('+905302220000', 'RET')] })
    const client = createClient({ baseUrl: sandbox.url, key: sandbox.key, secret: sandbox.secret, format, retry: 0 })
    const { orderId } = await client.sms.send({ sender: 'eMarka', text: 'Kampanya', recipients: ['05301110000', '05302220000', '05303330000'] })
    const report = await client.reports.get({ orderId })
    expect(report.messages).toEqual([
      { number: '+905301110000', status: MessageStatus.Delivered },
      { number: '+905302220000', status: MessageStatus.Undelivered },
      { number: '+905303330000', status: MessageStatus.Undelivered },
    ])
    expect(report).toMatchObject({ delivered: 1, undelivered: 2, waiting: 0 })
    // The TACIR list has no record for these: all undelivered; iys: 0 checks nothing: all delivered.
    const merchant = await client.reports.get({ orderId: (await client.sms.send({ sender: 'eMarka', text: 'Tacir', recipients: ['05301110000'], iysList: 'TACIR' })).orderId })
    expect(merchant.messages).toEqual([{ number: '+905301110000', status: MessageStatus.Undelivered }])
    const informational = await client.reports.get({ orderId: (await client.sms.send({ sender: 'eMarka', text: 'Bilgi', recipients: ['05303330000'], iys: 0 })).orderId })
    expect(informational.messages).toEqual([{ number: '+905303330000', status: MessageStatus.Delivered }])
  })

  test('switched off (iysConsentCheck: false): every recipient delivered', async () => {
    await open({ iysConsentCheck: false })
    const client = createClient({ baseUrl: sandbox.url, key: sandbox.key, secret: sandbox.secret, format, retry: 0 })
    const { orderId } = await client.sms.send({ sender: 'eMarka', text: 'Kampanya', recipients: ['05303330000'] })
    expect((await client.reports.get({ orderId })).messages).toEqual([{ number: '+905303330000', status: MessageStatus.Delivered }])
  })
})
