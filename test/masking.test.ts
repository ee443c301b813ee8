// What a recording holds: no credential even when a server echoes it, stand-ins that keep
// their spelling, and at replay a live value held to the stand-in it first matched.
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import nock from 'nock'
import { afterAll, afterEach, expect, test } from 'vitest'
import { computeHash } from '../src/client/auth-hash.js'
import { createClient, NetworkError } from '../src/index.js'
import { Masker } from '../src/testing/contract/mask.js'
import { createRecorder, FixtureMissError, loadFixtureCases, startSandbox } from '../src/testing/index.js'
import { providerOrigin } from './support/nock-provider.js'

// These tests set each recorder's mode themselves: a developer's ILETIMERKEZI_FIXTURES must not switch them.
delete process.env['ILETIMERKEZI_FIXTURES']
const root = mkdtempSync(join(tmpdir(), 'masking-test-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))
afterEach(() => {
  nock.cleanAll()
  nock.enableNetConnect()
})

function allText(dir: string): string {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((name) => join(dir, name))
    .filter((path) => statSync(path).isFile())
    .map((path) => readFileSync(path, 'utf8'))
    .join('\n')
}

test('stand-ins keep the spelling of what they replace; the same number is the same stand-in', () => {
  const masker = new Masker()
  expect(masker.maskValue(['contact', 'gsm'], '05321234567')).toBe('05990000001')
  expect(masker.maskValue(['receipents', 'number'], '+90 532 123 45 67')).toBe('+90 599 000 00 01')
  expect(masker.maskValue(['message', 'number'], 5321234567)).toBe(5990000001)
  expect(masker.maskValue(['blacklist', 'number'], '905551112233')).toBe('905990000002')
  expect(masker.maskValue(['contact', 'name'], 'Ayşe')).toBe('Name1')
  expect(masker.maskValue(['group', 'name'], 'Bayiler')).toBe('Bayiler')
  expect(masker.maskValue(['contact', 'email'], 'ayse@example.com.tr')).toBe('person1@example.com')
  expect(masker.maskValue(['order', 'message', 'text'], 'Merhaba')).toBe('Masked text 1')
  // A search keyword met before as a name gets that name's stand-in; a number, the number's.
  expect(masker.maskValue(['search', 'key'], 'Ayşe')).toBe('Name1')
  expect(masker.maskValue(['search', 'key'], '0532 123 45 67')).toBe('0599 000 00 01')
  expect(masker.maskValue(['status', 'message'], 'İşlem başarılı')).toBe('İşlem başarılı')
})

test.each(['json', 'xml'] as const)('a server echoing the key and hash (%s): neither reaches a file', async (format) => {
  const dir = join(root, `echo-${format}`)
  const key = 'echoed-api-key-1234'
  const secret = 'echoed-secret-5678'
  const hash = await computeHash(key, secret)
  const echo = `key ${key} hash ${hash}`
  const bodies = {
    json: JSON.stringify({ response: { status: { code: 200, message: echo }, senders: { sender: [hash, 'eMarka'] } } }),
    xml: `<?xml version="1.0"?><response><status><code>200</code><message>${echo}</message></status><senders><sender>${hash}</sender><sender>eMarka</sender></senders></response>`,
  }
  nock.disableNetConnect()
  // The recorder reads globalThis.fetch when a call is made, so nock still sees the request.
  nock(providerOrigin).post(/get-sender/).reply(200, bodies[format])
  nock(providerOrigin).post(/get-balance/).reply(502, `<html><body>upstream said: ${echo}</body></html>`)
  const recorder = createRecorder({ dir, mode: 'record' })
  const client = createClient({ key, secret, format, fetch: recorder.fetch, retry: 0 })
  expect(await client.senders.list()).toEqual([hash, 'eMarka'])
  await expect(client.account.balance()).rejects.toMatchObject({ name: 'ApiError', code: 502 })
  const written = allText(dir)
  expect(written).not.toContain(hash)
  expect(written).not.toContain(key)
  expect(written).not.toContain(secret)
  expect(written).toContain('key {{key}} hash {{hash}}')
  expect(loadFixtureCases(dir).map((fixture) => fixture.expected)).toEqual([
    { error: { class: 'ApiError', code: 502 } },
    { result: ['{{hash}}', 'eMarka'] },
  ])
})

test('at replay a live number stays bound to the stand-in it first matched', async () => {
  const dir = join(root, 'binding')
  const sandbox = await startSandbox()
  const recording = createRecorder({ dir, mode: 'record' })
  const live = createClient({ baseUrl: sandbox.url, key: sandbox.key, secret: sandbox.secret!, fetch: recording.fetch })
  await live.blacklist.add('05321234567')
  await live.blacklist.add('05551112233')
  await live.blacklist.remove('05321234567')
  await sandbox.close()
  expect(allText(dir)).not.toMatch(/5321234567|5551112233/)

  nock.disableNetConnect()
  const replayed = (numbers: string[]) =>
    (async () => {
      const recorder = createRecorder({ dir, mode: 'replay' })
      const client = createClient({ key: 'replay-key', secret: 'replay-secret', fetch: recorder.fetch, retry: 0 })
      await client.blacklist.add(numbers[0]!)
      await client.blacklist.add(numbers[1]!)
      await client.blacklist.remove(numbers[2]!)
    })()
  // Other real numbers replay too (the recording keeps no trace of the originals), if used consistently.
  await expect(replayed(['05001112233', '05004445566', '05001112233'])).resolves.toBeUndefined()
  const failure = await replayed(['05001112233', '05004445566', '05004445566']).catch((error: unknown) => error)
  expect(failure).toBeInstanceOf(NetworkError)
  const miss = (failure as NetworkError).cause as FixtureMissError
  expect(miss).toBeInstanceOf(FixtureMissError)
  expect(miss.message).toMatch(/delete-blacklist request \(json\); nearest case: delete-blacklist\/call-001 \(blacklist\.number: recorded "05990000001", asked a value that stands for another one\)/)
})
