// What a recording holds: mask by default and keep by exception, every spelling of a number,
// unreadable answers scrubbed yet replaying to the same error class, no credential or piece of
// one whatever the server echoes, keyed stand-ins that re-record to the same bytes and that
// replay checks.
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import nock from 'nock'
import { afterAll, afterEach, describe, expect, test } from 'vitest'
import { computeHash } from '../src/client/auth-hash.js'
import { createClient, NetworkError, ProtocolError, type Format } from '../src/index.js'
import { asciiDigits, isKept, Masker, phoneIdentity, scrubUnreadable, standInKey } from '../src/testing/contract/mask.js'
import { createRecorder, FixtureMissError, loadFixtureCases, startSandbox } from '../src/testing/index.js'
import { providerOrigin } from './support/nock-provider.js'
import { longestPiece } from './support/credential-pieces.js'

// These tests set each recorder's mode and key themselves: a developer's environment must not switch them.
delete process.env['ILETIMERKEZI_FIXTURES']
delete process.env['ILETIMERKEZI_MASK_KEY']
const root = mkdtempSync(join(tmpdir(), 'masking-test-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))
afterEach(() => {
  nock.cleanAll()
  nock.enableNetConnect()
})

function filesOf(dir: string): Map<string, string> {
  return new Map(
    readdirSync(dir, { recursive: true, encoding: 'utf8' })
      .map((name) => join(dir, name))
      .filter((path) => statSync(path).isFile())
      .map((path) => [path.slice(dir.length), readFileSync(path, 'utf8')]),
  )
}
const allText = (dir: string) => [...filesOf(dir).values()].join('\n')


describe('mask by default, keep by exception', () => {
  test('known safe fields are kept only with their shape; everything else is masked', () => {
    const masker = new Masker()
    const tree = {
      status: { code: 200, message: 'İşlem başarılı' },
      contact: {
        id: 1009,
        name: 'Ayşe',
        full_name: 'Ayşe Yılmaz',
        tckn: '10000000146',
        custom_fields: [{ id: 3, value: 'TC 12345678901, tel 05441112233' }],
        groups: [7, 12],
      },
      group: { id: 7, name: 'Fatma Kaya ailesi', count: 2 },
      order: { id: '247155525', status: 114, submitAt: '2024-12-02 15:13:55', price: '0,0744', iysList: 'BIREYSEL', sender: 'eMarka' },
    }
    const masked = masker.maskTree(tree)
    expect(masked.status).toEqual({ code: 200, message: 'İşlem başarılı' })
    expect(masked.contact.id).toBe(1009)
    expect(masked.contact.groups).toEqual([7, 12])
    expect(masked.group.id).toBe(7)
    expect(masked.group.count).toBe(2)
    expect(masked.order).toMatchObject({ id: '247155525', status: 114, submitAt: '2024-12-02 15:13:55', price: '0,0744', iysList: 'BIREYSEL' })
    const written = JSON.stringify(masked)
    for (const personal of ['Ayşe', 'Yılmaz', '10000000146', '12345678901', '05441112233', 'Fatma', 'eMarka']) expect(written).not.toContain(personal)
  })

  test('a message that is not the provider’s wording is masked; a safe field holding a person’s number is masked', () => {
    const masker = new Masker()
    expect(masker.maskTree({ status: { code: 465, message: 'Kişi bulunamadı: 05321234567' } }).status.message).toMatch(/^Masked text \d+$/)
    expect(masker.maskTree({ status: { code: 465, message: 'Kişi bulunamadı.' } }).status.message).toBe('Kişi bulunamadı.')
    // An id, a count or a status that holds a phone or TC number is no id: masked.
    expect(isKept(['contact', 'id'], '05321234567')).toBe(false)
    expect(isKept(['group', 'count'], '10000000146')).toBe(false)
    expect(isKept(['order', 'status'], 'Fatma')).toBe(false)
    expect(isKept(['order', 'id'], '247155525')).toBe(true)
  })

  test('a phone number in any digit script is one value, masked whole, spelled as it came', () => {
    const ascii = '05321234567'
    const fullWidth = '０５３２１２３４５６７'
    const arabicIndic = '0532١٢٣٤٥٦٧'
    expect(asciiDigits(fullWidth)).toBe(ascii)
    expect(phoneIdentity(arabicIndic)).toBe(phoneIdentity(ascii))
    const masker = new Masker()
    const standIns = [ascii, fullWidth, arabicIndic, '+90 532 123 45 67'].map((value) => masker.maskTree({ contact: { gsm: value } }).contact.gsm)
    expect(standIns[0]).toBe('05990000001')
    expect(new Set(standIns.map((value) => phoneIdentity(value))).size).toBe(1)
    expect(standIns[3]).toBe('+90 599 000 00 01')
    for (const value of standIns) expect(value).not.toMatch(/[\u0660-\u0669\uff10-\uff19]|5321234567|1234567/)
  })

  test('mask: { keep } keeps named fields; a number stays a number', () => {
    const masker = new Masker({ keep: ['order.sender'] })
    const masked = masker.maskTree({ order: { sender: 'eMarka', reference: 42 } })
    expect(masked.order.sender).toBe('eMarka')
    expect(typeof masked.order.reference).toBe('number')
    expect(masked.order.reference).not.toBe(42)
  })

  test('an unreadable body keeps its markup, length and cut; no word or digit of anyone', () => {
    const page = '<html><body><h1>Hata</h1><p>Fatma Kaya, 0532 123 45 67, fatma@example.com.tr, TC ١٢٣٤٥٦٧٨٩٠١</p></body></html>'
    const scrubbed = scrubUnreadable(page)
    expect(scrubbed.length).toBe(page.length)
    expect(scrubbed.startsWith('<html><body><h1>')).toBe(true)
    for (const personal of ['Fatma', 'Kaya', '0532', '123', 'fatma', '١']) expect(scrubbed).not.toContain(personal)
  })
})

describe('the issue’s reproductions, recorded against the sandbox', () => {
  test.each(['json', 'xml'] as const)('custom fields, group names and a search answer hold no personal data (%s)', async (format) => {
    const dir = join(root, `custom-${format}`)
    const sandbox = await startSandbox()
    const recorder = createRecorder({ dir, mode: 'record' })
    const client = createClient({ baseUrl: sandbox.url, key: sandbox.key, secret: sandbox.secret!, format, fetch: recorder.fetch })
    const group = await client.groups.create({ name: 'Fatma Kaya ailesi' })
    await client.contacts.create({ name: 'Fatma', surname: 'Kaya', gsm: '05441112233', customFields: [{ id: 1, value: 'TC 12345678901, tel 05441112233' }], groups: [group.id] })
    await client.contacts.search({ key: 'Fatma' })
    await recorder.close()
    await sandbox.close()
    const written = allText(dir)
    for (const personal of ['Fatma', 'Kaya', '12345678901', '05441112233', '5441112233']) expect(written, personal).not.toContain(personal)
  })

  test.each(['json', 'xml'] as const)('a malformed answer is written scrubbed and replays to the same error class (%s)', async (format) => {
    const dir = join(root, `malformed-${format}`)
    const sandbox = await startSandbox()
    sandbox.faults.inject({ kind: 'malformed' }, { operation: 'search-contacts' })
    const recorder = createRecorder({ dir, mode: 'record' })
    const client = createClient({ baseUrl: sandbox.url, key: sandbox.key, secret: sandbox.secret!, format, fetch: recorder.fetch, retry: 0 })
    const live = await client.contacts.search({ key: 'example' }).catch((error: unknown) => error)
    await sandbox.close()
    expect(live).toBeInstanceOf(ProtocolError)
    const written = allText(dir)
    for (const personal of ['Ayşe', 'Yılmaz', 'ayse.yilmaz', '5321234567', 'Mehmet', 'example.com.tr']) expect(written, personal).not.toContain(personal)

    nock.disableNetConnect()
    const replaying = createRecorder({ dir, mode: 'replay' })
    const offline = createClient({ key: 'replay-key', secret: 'replay-secret', format, fetch: replaying.fetch, retry: 0 })
    await expect(offline.contacts.search({ key: 'example' })).rejects.toBeInstanceOf(ProtocolError)
    await replaying.close()
  })

  test('an HTML page (HTTP 502) keeps its content type and replays as the same ApiError', async () => {
    const dir = join(root, 'html')
    nock.disableNetConnect()
    nock(providerOrigin).post(/get-balance/).reply(502, '<!DOCTYPE html><html><body>Sayın Ayşe Yılmaz (05321234567)</body></html>', { 'content-type': 'text/html; charset=utf-8' })
    nock(providerOrigin).post(/get-sender/).reply(200, { response: { status: { code: 200, message: 'İşlem başarılı' }, senders: { sender: ['eMarka'] } } })
    const recorder = createRecorder({ dir, mode: 'record' })
    const client = createClient({ key: 'html-key-0001', secret: 'html-secret-0001', fetch: recorder.fetch, retry: 0 })
    await client.senders.list()
    await expect(client.account.balance()).rejects.toMatchObject({ name: 'ApiError', code: 502 })
    await recorder.close()
    const [fixture] = loadFixtureCases(dir).filter((one) => one.operation === 'get-balance')
    expect(fixture).toMatchObject({ contentType: 'text/html; charset=utf-8' })
    expect(fixture!.response.json).toMatch(/^<!DOCTYPE html><html><body>/)
    expect(fixture!.response.json).not.toMatch(/Ayşe|Yılmaz|5321234567/)
    const replaying = createRecorder({ dir, mode: 'replay' })
    const offline = createClient({ key: 'replay-key', secret: 'replay-secret', format: 'xml', fetch: replaying.fetch, retry: 0 })
    await expect(offline.account.balance()).rejects.toMatchObject({ name: 'ApiError', code: 502 })
  })
})

describe('credentials never reach a file', () => {
  test.each(['json', 'xml'] as const)('an echo in upper case, a page cut after 63 of the hash’s 64 characters (%s)', async (format) => {
    const dir = join(root, `echo-${format}`)
    const key = '507caf2e1fcdb5eea9786332ca2d8785'
    const secret = 'echoed-secret-5678'
    const hash = await computeHash(key, secret)
    const echo = `key ${key.toUpperCase()} hash ${hash.toUpperCase()}`
    const bodies = {
      json: JSON.stringify({ response: { status: { code: 200, message: echo }, senders: { sender: [hash.slice(0, 40), 'eMarka'] } } }),
      xml: `<?xml version="1.0"?><response><status><code>200</code><message>${echo}</message></status><senders><sender>${hash.slice(0, 40)}</sender><sender>eMarka</sender></senders></response>`,
    }
    nock.disableNetConnect()
    nock(providerOrigin).post(/get-sender/).reply(200, bodies[format])
    nock(providerOrigin).post(/get-balance/).reply(502, `<html><body>upstream said: ${hash.slice(0, 63)}</body></html>`)
    const recorder = createRecorder({ dir, mode: 'record', mask: false })
    const client = createClient({ key, secret, format, fetch: recorder.fetch, retry: 0 })
    await client.senders.list()
    await expect(client.account.balance()).rejects.toMatchObject({ name: 'ApiError', code: 502 })
    await recorder.close()
    const written = allText(dir)
    expect(longestPiece(written, hash)).toBeLessThan(8)
    expect(longestPiece(written, key)).toBeLessThan(8)
    expect(written).not.toContain(secret)
    // The placeholders stand at the authentication element only.
    for (const fixture of loadFixtureCases(dir)) {
      const request = fixture.request[format]!
      expect(request.split('{{hash}}').length, request).toBe(2)
      expect(fixture.response[format]).not.toContain('{{')
    }
  })
})

// Two runs of the same calls against fresh sandboxes (same seed, same data).
async function recordContacts(dir: string, maskKey: string | undefined, format: Format = 'json'): Promise<void> {
  const sandbox = await startSandbox()
  const recorder = createRecorder({ dir, mode: 'record', ...(maskKey === undefined ? {} : { maskKey }) })
  const client = createClient({ baseUrl: sandbox.url, key: sandbox.key, secret: sandbox.secret!, format, fetch: recorder.fetch })
  await client.contacts.search({ key: 'Yılmaz' })
  await client.blacklist.add('05321234567')
  await client.sms.send({ sender: 'eMarka', text: 'Kargonuz yolda', recipients: ['05321234567', '05057023100'] })
  await recorder.close()
  await sandbox.close()
}

describe('keyed stand-ins', () => {
  const maskKey = 'a-masking-key-kept-like-the-secret'

  test('re-recording the same data writes the same files, byte for byte', async () => {
    const dir = join(root, 'stable')
    await recordContacts(dir, maskKey)
    const first = filesOf(dir)
    await new Promise((resolve) => setTimeout(resolve, 5))
    await recordContacts(dir, maskKey)
    expect(filesOf(dir)).toEqual(first)
    expect(allText(dir)).not.toMatch(/5321234567|Yılmaz|Kargonuz/)
    expect(JSON.parse(first.get('/search-contacts/call-001/case.json')!)).toMatchObject({ maskKey: expect.stringMatching(/^[0-9a-f]{8}$/) })
  })

  test('no two values share a stand-in; nothing of the key is written', async () => {
    const masker = new Masker({ key: maskKey })
    const values = Array.from({ length: 3000 }, (_, index) => `0532${String(index).padStart(7, '0')}`)
    const standIns = values.map((value) => standInKey(masker.maskTree({ contact: { gsm: value } }).contact.gsm))
    expect(new Set(standIns).size).toBe(values.length)
    expect(longestPiece(allText(join(root, 'stable')), maskKey)).toBeLessThan(8)
  })

  test('replay with the key: the right customer passes, the wrong one fails naming the field, not the value', async () => {
    const dir = join(root, 'checked')
    await recordContacts(dir, maskKey)
    nock.disableNetConnect()
    const send = async (numbers: string[]) => {
      const recorder = createRecorder({ dir, mode: 'replay', maskKey })
      const client = createClient({ key: 'replay-key', secret: 'replay-secret', fetch: recorder.fetch, retry: 0 })
      await client.contacts.search({ key: 'Yılmaz' })
      await client.blacklist.add('05321234567')
      const outcome = await client.sms.send({ sender: 'eMarka', text: 'Kargonuz yolda', recipients: numbers }).catch((error: unknown) => error)
      return { recorder, outcome }
    }
    const right = await send(['05321234567', '05057023100'])
    expect(right.outcome).toMatchObject({ orderId: expect.any(String) })
    expect(right.recorder.exchanges.every((exchange) => exchange.unchecked === undefined)).toBe(true)
    await right.recorder.close()

    const wrong = await send(['05321234567', '05441112233'])
    expect(wrong.outcome).toBeInstanceOf(NetworkError)
    const closing = await wrong.recorder.close().catch((error: unknown) => error)
    expect(closing).toBeInstanceOf(FixtureMissError)
    const message = (closing as FixtureMissError).message
    expect(message).toMatch(/order\.message\.receipents\.number: holds another value than the one recorded \(recorded "0599\d{7}"\)/)
    expect(message).not.toMatch(/5441112233|5321234567/)
  })

  test('replay without the key: consistent use passes, and exchanges name the places not checked', async () => {
    const dir = join(root, 'checked')
    nock.disableNetConnect()
    const recorder = createRecorder({ dir, mode: 'replay' })
    const client = createClient({ key: 'replay-key', secret: 'replay-secret', fetch: recorder.fetch, retry: 0 })
    await client.contacts.search({ key: 'Başka' })
    await client.blacklist.add('05001112233')
    await client.sms.send({ sender: 'eMarka', text: 'Kargonuz yolda', recipients: ['05001112233', '05004445566'] })
    await recorder.close()
    expect(recorder.exchanges.map((exchange) => exchange.unchecked)).toEqual([['search.key'], ['blacklist.number'], ['order.sender', 'order.message.text', 'order.message.receipents.number']])
  })
})

describe('misses cannot hide', () => {
  test('an app that swallows the error still fails at close(), with every miss; no live value in any message', async () => {
    const dir = join(root, 'swallowed')
    await recordContacts(dir, undefined)
    nock.disableNetConnect()
    const recorder = createRecorder({ dir, mode: 'replay' })
    const client = createClient({ key: 'replay-key', secret: 'replay-secret', fetch: recorder.fetch, retry: 0 })
    // The app maps every library error to "try later", as shipping-notice.ts does.
    const tryLater = (promise: Promise<unknown>) => promise.catch(() => 'try later')
    expect(await tryLater(client.contacts.get(10000000146))).toBe('try later')
    expect(await tryLater(client.contacts.search({ key: 'Yılmaz' }))).not.toBe('try later')
    expect(await tryLater(client.blacklist.add('05321234567'))).not.toBe('try later')
    expect(await tryLater(client.blacklist.add('05441112233'))).toBe('try later')
    expect(recorder.misses).toHaveLength(2)
    const closing = await recorder.close().catch((error: unknown) => error)
    expect(closing).toBeInstanceOf(FixtureMissError)
    expect((closing as FixtureMissError).misses).toHaveLength(2)
    const message = (closing as FixtureMissError).message
    expect(message).toMatch(/^2 requests had no recorded answer/)
    expect(message).toContain('no case of get-contact is recorded')
    expect(message).toMatch(/blacklist\.number: recorded "0599\d{7}", asked a value that stands for another one/)
    for (const live of ['10000000146', '5441112233', 'Yılmaz']) expect(message).not.toContain(live)
  })
})

describe('recording is all or nothing', () => {
  test('wrong credentials keep the earlier recording, say why, remove nothing', async () => {
    const dir = join(root, 'kept')
    await recordContacts(dir, undefined)
    const before = filesOf(dir)
    const sandbox = await startSandbox()
    const recorder = createRecorder({ dir, mode: 'record' })
    const client = createClient({ baseUrl: sandbox.url, key: sandbox.key, secret: 'a-wrong-secret', fetch: recorder.fetch, retry: 0 })
    await expect(client.contacts.search({ key: 'Yılmaz' })).rejects.toMatchObject({ name: 'AuthenticationError' })
    await expect(client.senders.list()).rejects.toMatchObject({ name: 'AuthenticationError' })
    await sandbox.close()
    await expect(recorder.close()).rejects.toThrow(/earlier recording .* was kept, nothing was written: every answer \(2\) was an authentication failure/)
    expect(recorder.removed).toEqual([])
    expect(filesOf(dir)).toEqual(before)
  })

  test('a server that cannot be reached keeps it too', async () => {
    const dir = join(root, 'kept')
    const before = filesOf(dir)
    const sandbox = await startSandbox()
    await sandbox.close()
    const recorder = createRecorder({ dir, mode: 'record' })
    const client = createClient({ baseUrl: sandbox.url, key: 'k', secret: 's', fetch: recorder.fetch, retry: 0 })
    await expect(client.senders.list()).rejects.toBeInstanceOf(NetworkError)
    await expect(recorder.close()).rejects.toThrow(/was kept, nothing was written: no answer came back/)
    expect(recorder.removed).toEqual([])
    expect(filesOf(dir)).toEqual(before)
  })

  test('a run with a good answer replaces the recording, keeping the 401 it also met', async () => {
    const dir = join(root, 'kept')
    const sandbox = await startSandbox()
    const recorder = createRecorder({ dir, mode: 'record' })
    const wrong = createClient({ baseUrl: sandbox.url, key: sandbox.key, secret: 'a-wrong-secret', fetch: recorder.fetch, retry: 0 })
    const right = createClient({ baseUrl: sandbox.url, key: sandbox.key, secret: sandbox.secret!, fetch: recorder.fetch })
    await expect(wrong.senders.list()).rejects.toMatchObject({ name: 'AuthenticationError' })
    await right.senders.list()
    await sandbox.close()
    await recorder.close()
    expect(recorder.removed.sort()).toEqual(['add-blacklist/call-001', 'search-contacts/call-001', 'send-sms/call-001'])
    expect(loadFixtureCases(dir).map((fixture) => `${fixture.operation}/${fixture.name}`)).toEqual(['get-sender/call-001', 'get-sender/call-002'])
  })
})

describe('the keep rules, field by field', () => {
  test.each([
    [['status', 'code'], '465', true],
    [['status', 'code'], '4650', false],
    [['other', 'code'], '465', false],
    [['status', 'message'], 'Sipariş bulunamadı', true],
    [['other', 'message'], 'Sipariş bulunamadı', false],
    [['contact', 'id'], '123456789012345', true],
    [['contact', 'id'], '1234567890123456', false],
    [['contact', 'id'], '12a', false],
    [['contact', 'groups'], '7', true],
    [['group', 'parent'], '07', true],
    [['order', 'total'], '5321234567', false],
    [['order', 'total'], '905321234567', false],
    [['order', 'total'], '00905321234567', false],
    [['order', 'total'], '2121234567', false],
    [['order', 'total'], '6121234567', true],
    [['balance', 'amount'], '134.4628', true],
    [['order', 'price'], '0,0744', true],
    [['order', 'price'], '0,074412345', false],
    [['order', 'price'], '05321234567.5', false],
    [['order', 'submitAt'], '2024-12-02 15:13:55', true],
    [['order', 'sendAt'], '2024-12-02T15:13:55.123+03:00', true],
    [['filter', 'start'], '2025-01-20', true],
    [['filter', 'end'], '20.01.2025', false],
    [['consent', 'consentDate'], '2026-01-07 23:50:00', true],
    [['order', 'status'], '114', true],
    [['order', 'status'], '1140', false],
    [['consent', 'status'], 'ONAY', true],
    [['consent', 'status'], 'RET', true],
    [['consent', 'status'], 'Onay', false],
    [['order', 'iys'], '1', true],
    [['order', 'iys'], '2', false],
    [['order', 'iysList'], 'TACIR', true],
    [['consent', 'recipientType'], 'BIREYSEL', true],
    [['consent', 'recipientType'], 'KURUMSAL', false],
    [['consent', 'type'], 'ARAMA', true],
    [['consent', 'type'], 'SMS', false],
    [['consent', 'source'], 'HS_FIZIKSEL_ORTAM', true],
    [['consent', 'source'], 'HS_', false],
    [['consent', 'source'], 'Kadıköy şubesi', false],
    [['consent', 'recipient'], '05321234567', false],
    [['consent', 'brandCode'], '123456', true],
    [['contact', 'note'], 'anything', false],
    [['contact', 'note'], '   ', true],
  ] as const)('%j = %j: kept %s', (names, value, kept) => {
    expect(isKept(names, value)).toBe(kept)
  })

  test('the caller’s keep list: a whole path, or its last names', () => {
    expect(isKept(['order', 'sender'], 'eMarka', ['order.sender'])).toBe(true)
    expect(isKept(['order', 'sender'], 'eMarka', ['sender'])).toBe(true)
    expect(isKept(['order', 'sender'], 'eMarka', ['der'])).toBe(false)
    expect(isKept(['order', 'sender'], 'eMarka', ['senders.sender'])).toBe(false)
  })

  test('a TC number is known by its check digits', () => {
    expect(isKept(['contact', 'id'], '10000000146')).toBe(false)
    expect(isKept(['contact', 'id'], '10000000147')).toBe(true)
    expect(isKept(['contact', 'id'], '01000000146')).toBe(true)
  })
})

describe('digits and stand-ins', () => {
  test('every decimal digit set reads as ASCII, runs of ten side by side included', () => {
    expect(asciiDigits('０９ ٠٩ ۰۹ ०९ ০৯ 𝟎𝟗 𝟘𝟡 𝟢𝟫 𝟬𝟵 𝟶𝟿')).toBe('09 09 09 09 09 09 09 09 09 09')
    expect(asciiDigits('a1b')).toBe('a1b')
  })

  test('each family has its own stand-in shape, and is known by it', () => {
    const masker = new Masker()
    const masked = masker.maskTree({ contact: { name: 'Ayşe', surname: 'Yılmaz', email: 'AYSE@example.com.tr', gsm: '5321234567', note: 'Merhaba', code: '42', count: 7 } })
    expect(masked.contact).toEqual({ name: 'Name1', surname: 'Surname2', email: 'person1@example.com', gsm: '5990000001', note: 'Masked text 3', code: '91', count: 7 })
    expect(masker.maskTree({ contact: { email: 'ayse@example.com.tr', other: 12345 } }).contact).toEqual({ email: 'person1@example.com', other: 90002 })
    expect(['Name1', 'Surname2', 'Masked text 3', 'person1@example.com', '05990000001', '+90 599 000 00 01', '91', 'Name-abcdefgh'].map(standInKey)).toEqual([
      'text:1',
      'text:2',
      'text:3',
      'email:1',
      'phone:0000001',
      'phone:0000001',
      'number:1',
      'text:-abcdefgh',
    ])
    expect(['Ayşe', '05321234567', 'Name', 'person@example.com', 'Masked text'].map(standInKey)).toEqual([undefined, undefined, undefined, undefined, undefined])
  })

  test('a phone stand-in keeps the trunk or country code and nothing else of the original’s prefix', () => {
    const masker = new Masker()
    expect(masker.maskTree({ x: { gsm: '00905321234567' } }).x.gsm).toBe('00905990000001')
    expect(masker.maskTree({ x: { gsm: '12345678901234' } }).x.gsm).toBe('99995990000002')
  })

  test('keyed stand-ins: letters for text, digits for numbers, the same for the same value, another key another', () => {
    const one = new Masker({ key: 'key-one' })
    const again = new Masker({ key: 'key-one' })
    const other = new Masker({ key: 'key-two' })
    const tree = { contact: { name: 'Ayşe', gsm: '05321234567', email: 'a@b.c', note: 'x' } }
    expect(one.maskTree(tree)).toEqual(again.maskTree(tree))
    expect(one.maskTree(tree)).not.toEqual(other.maskTree(tree))
    const masked = one.maskTree(tree).contact
    expect(masked.name).toMatch(/^Name-[a-z2-7]{8}$/)
    expect(masked.gsm).toMatch(/^0599\d{7}$/)
    expect(masked.email).toMatch(/^person-[a-z2-7]{8}@example\.com$/)
    expect(one.keyId).toMatch(/^[0-9a-f]{8}$/)
    expect(one.keyId).not.toBe(other.keyId)
    expect(new Masker().keyId).toBeUndefined()
  })
})
