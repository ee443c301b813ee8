// verifyFixtures: re-send recorded reads, report shape drift case by case.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { createClient, type Format } from '../src/index.js'
import { createRecorder, describeDrift, FixtureFileError, startSandbox, verifyFixtures, type Sandbox } from '../src/testing/index.js'

// These tests set each recorder's mode themselves: a developer's ILETIMERKEZI_FIXTURES must not switch them.
delete process.env['ILETIMERKEZI_FIXTURES']
const root = mkdtempSync(join(tmpdir(), 'verify-test-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))

// A few reads and one write, recorded against a fresh sandbox.
async function record(format: Format, dir: string): Promise<void> {
  const sandbox = await startSandbox()
  const recorder = createRecorder({ dir, mode: 'record' })
  const client = createClient({ baseUrl: sandbox.url, key: sandbox.key, secret: sandbox.secret!, format, fetch: recorder.fetch })
  await client.contacts.get(1001)
  await client.contacts.get(1002)
  await client.senders.list()
  await client.groups.list()
  await client.account.balance()
  await client.contacts.delete(1003)
  await client.contacts.search({ key: 'Yılmaz' })
  await recorder.close()
  await sandbox.close()
}

function edit(path: string, change: (text: string) => string): void {
  const before = readFileSync(path, 'utf8')
  const after = change(before)
  expect(after, `the edit changed ${path}`).not.toBe(before)
  writeFileSync(path, after)
}

describe.each(['json', 'xml'] as const)('%s', (format) => {
  const dir = join(root, format)
  let sandbox: Sandbox
  beforeAll(async () => {
    await record(format, dir)
    sandbox = await startSandbox()
    // A value that changes in the same shape is not drift.
    sandbox.store.contacts.get(1002)!.name = 'Başka'
  })
  afterAll(() => sandbox.close())
  const verify = (extra: { allowWrites?: boolean } = {}) => verifyFixtures({ dir, baseUrl: sandbox.url, key: sandbox.key, secret: sandbox.secret!, ...extra })

  test('an untouched recording against the same service: no drift; writes and masked requests skipped, with the reason', async () => {
    const report = await verify()
    expect(report.drifted).toBe(0)
    expect(report.cases).toHaveLength(7)
    expect(report.checked).toBe(5)
    expect(report.cases.filter((verified) => verified.skipped === 'write').map((verified) => verified.operation)).toEqual(['delete-contact'])
    // A search recorded with its key masked ("Masked text 1") would find nobody: not re-sent, not drift.
    expect(report.cases.find((verified) => verified.operation === 'search-contacts')).toMatchObject({
      skipped: 'masked',
      reason: "holds masked values: verify it with mode 'verify'",
      drift: [],
    })
  })

  test('a dropped field and a changed type are reported for exactly that case', async () => {
    const response = join(dir, 'get-contact', 'call-001', `response.${format}`)
    if (format === 'json') {
      edit(response, (text) => text.replace(/"email":\s*"[^"]*",/, '').replace(/"id":\s*1001/, '"id":"1001"'))
    } else {
      edit(response, (text) => text.replace(/<email>[^<]*<\/email>/, '').replace(/<groups>.*?<\/groups>/, '<groups>7</groups>'))
    }
    const report = await verify()
    expect(report.drifted).toBe(1)
    const drifted = report.cases.filter((verified) => verified.drift.length > 0)
    expect(drifted.map((verified) => `${verified.operation}/${verified.name}`)).toEqual(['get-contact/call-001'])
    const phrases = drifted[0]!.drift.map(describeDrift).sort()
    // The recording lost email, so the live answer has it "added"; the edited type reads as changed.
    expect(phrases).toEqual(
      format === 'json' ? ['added: contact.email', 'type: contact.id: text → number'] : ['added: contact.email', 'type: contact.groups: text → record'],
    )
  })

  test('a different status is drift; writes are re-sent only with allowWrites', async () => {
    sandbox.store.contacts.delete(1002)
    const report = await verify({ allowWrites: true })
    const byCase = Object.fromEntries(report.cases.map((verified) => [`${verified.operation}/${verified.name}`, verified.drift.map(describeDrift)]))
    expect(byCase['get-contact/call-002']).toEqual(expect.arrayContaining(['status: status.code: 200 → 465']))
    // The write went out: contact 1003 is gone from the fresh sandbox too.
    expect(sandbox.store.contacts.has(1003)).toBe(false)
    expect(report.cases.some((verified) => verified.skipped === 'write')).toBe(false)
  })
})

describe('what verify refuses to do', () => {
  const dir = join(root, 'json')
  let sandbox: Sandbox
  beforeAll(async () => {
    sandbox = await startSandbox()
  })
  afterAll(() => sandbox.close())

  test('wrong credentials are no drift: an AuthenticationError, nothing verified', async () => {
    await expect(verifyFixtures({ dir, baseUrl: sandbox.url, key: sandbox.key, secret: 'a-wrong-secret' })).rejects.toMatchObject({ name: 'AuthenticationError', code: 401 })
  })

  test.each([
    ['a message text', (text: string) => text.replace('"id":1002', '"id":1002,"note":"key={{key}} hash={{hash}}"')],
    ['the authentication element', (text: string) => text.replace('"hash":"{{hash}}"', '"hash":"x"')],
    ['a stand-in key written in a field too', (text: string) => text.replace('"key":"{{key}}"', '"key":"stand-in-key"').replace('"id":1002', '"id":1002,"note":"stand-in-key"')],
  ])('a placeholder outside the authentication element (%s) is a FixtureFileError naming the file; nothing is sent', async (_, change) => {
    const crafted = join(root, 'crafted')
    rmSync(crafted, { recursive: true, force: true })
    cpSync(dir, crafted, { recursive: true })
    const file = join(crafted, 'get-contact', 'call-002', 'request.json')
    edit(file, change)
    const sent: string[] = []
    const counting: typeof fetch = (input, init) => {
      sent.push(String(init?.body))
      return fetch(input, init)
    }
    const failure = await verifyFixtures({ dir: crafted, baseUrl: sandbox.url, key: sandbox.key, secret: sandbox.secret!, fetch: counting }).catch((error: unknown) => error)
    expect(failure).toBeInstanceOf(FixtureFileError)
    expect((failure as FixtureFileError).file).toBe(file)
    expect((failure as FixtureFileError).message).toMatch(/may stand only at the authentication element/)
    // The cases before it were sent; get-contact/call-002 was refused before it went out.
    expect(sent.length).toBeGreaterThan(0)
    expect(sent.some((body) => body.includes('1002'))).toBe(false)
  })

  test('a redirect is not followed: the client’s ProtocolError, naming the status and the target’s origin', async () => {
    // fetch's three redirect modes: 'manual' hands the 3xx back, 'error' fails with no word of it, 'follow' answers from the target.
    const redirecting: typeof fetch = async (_input, init) => {
      if (init?.redirect === 'manual') return new Response(null, { status: 307, headers: { location: 'https://elsewhere.example/collect?x=1' } })
      if (init?.redirect === 'error') throw new TypeError('fetch failed')
      return new Response('{"response":{"status":{"code":200,"message":"followed"}}}', { status: 200 })
    }
    await expect(verifyFixtures({ dir, baseUrl: sandbox.url, key: sandbox.key, secret: sandbox.secret!, fetch: redirecting })).rejects.toMatchObject({
      name: 'ProtocolError',
      httpStatus: 307,
      message: expect.stringContaining('HTTP 307 to https://elsewhere.example;'),
    })
  })

  test('a recorded case with a stand-in key (the shipped fixtures’ test-key) is sent with the account’s key', async () => {
    const shipped = join(root, 'shipped')
    rmSync(shipped, { recursive: true, force: true })
    cpSync(join(import.meta.dirname, '..', 'fixtures', 'get-balance', 'docs-json-sample'), join(shipped, 'get-balance', 'docs-json-sample'), { recursive: true })
    const sent: string[] = []
    const counting: typeof fetch = (input, init) => {
      sent.push(String(init?.body))
      return fetch(input, init)
    }
    const report = await verifyFixtures({ dir: shipped, baseUrl: sandbox.url, key: sandbox.key, secret: sandbox.secret!, fetch: counting })
    expect(report.checked).toBeGreaterThan(0)
    expect(sent.length).toBe(report.checked)
    for (const body of sent) {
      expect(body).toContain(sandbox.key)
      expect(body).not.toContain('test-key')
      expect(body).not.toContain('{{')
    }
  })
})

test('verifyFixtures refuses what the client refuses: no credentials, a plain-http remote URL', async () => {
  await expect(verifyFixtures({ dir: root, key: 'k' })).rejects.toThrow(/secret \(or hash\)/)
  await expect(verifyFixtures({ dir: root, key: 'k', secret: 's', baseUrl: 'http://example.com/v1' })).rejects.toThrow(/https/)
})
