// createRecorder: record every operation against the sandbox, replay with the network shut, in both formats.
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import nock from 'nock'
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest'
import { steps } from '../demo/steps.js'
import { createClient, NetworkError, type Format } from '../src/index.js'
import { createRecorder, FixtureMissError, loadFixtureCases, startSandbox, type Sandbox } from '../src/testing/index.js'

const formats: readonly Format[] = ['json', 'xml']
// These tests set each recorder's mode themselves: a developer's ILETIMERKEZI_FIXTURES must not switch them.
delete process.env['ILETIMERKEZI_FIXTURES']
const root = mkdtempSync(join(tmpdir(), 'recorder-test-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))
afterEach(() => {
  nock.cleanAll()
  nock.enableNetConnect()
})

interface Outcome {
  result?: unknown
  error?: { class: string; code: number | undefined }
}

async function outcomeOf(promise: Promise<unknown>): Promise<Outcome> {
  try {
    return { result: JSON.parse(JSON.stringify((await promise) ?? null)) }
  } catch (error) {
    const failure = error as { name: string; code?: number }
    return { error: { class: failure.name, code: failure.code } }
  }
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((name) => join(dir, name))
    .filter((path) => statSync(path).isFile())
}

// Every demo step covers every operation between them; run against a fresh sandbox through a recorder.
async function recordSession(format: Format, dir: string, mask: boolean): Promise<{ outcomes: Outcome[]; sandbox: Sandbox }> {
  const sandbox = await startSandbox()
  const recorder = createRecorder({ dir, mode: 'record', mask })
  const client = createClient({ baseUrl: sandbox.url, key: sandbox.key, secret: sandbox.secret!, format, fetch: recorder.fetch })
  const outcomes: Outcome[] = []
  for (const step of steps) outcomes.push(await outcomeOf(step.run(client)))
  await recorder.close()
  await sandbox.close()
  return { outcomes, sandbox }
}

async function replaySession(format: Format, dir: string): Promise<Outcome[]> {
  nock.disableNetConnect()
  const recorder = createRecorder({ dir, mode: 'replay' })
  const client = createClient({ baseUrl: 'https://api.iletimerkezi.com/v1', key: 'sandbox-key', secret: 'sandbox-secret', format, fetch: recorder.fetch, retry: 0 })
  const outcomes: Outcome[] = []
  for (const step of steps) outcomes.push(await outcomeOf(step.run(client)))
  expect(recorder.exchanges.every((exchange) => exchange.action === 'replayed')).toBe(true)
  return outcomes
}

describe.each(formats)('%s', (format) => {
  const plainDir = join(root, `plain-${format}`)
  const maskedDir = join(root, `masked-${format}`)
  let recorded: Outcome[]
  let masked: Outcome[]
  let sandbox: Sandbox

  beforeAll(async () => {
    recorded = (await recordSession(format, plainDir, false)).outcomes
    ;({ outcomes: masked, sandbox } = await recordSession(format, maskedDir, true))
  })

  test('every operation is recorded as a case, in the layout of fixtures/', () => {
    const cases = loadFixtureCases(plainDir)
    const operations = new Set(cases.map((fixture) => fixture.operation))
    const expectedOperations = format === 'json' ? 20 : 19 // get-reports is JSON only: refused unsent in XML
    expect(operations.size).toBe(expectedOperations)
    for (const fixture of cases) {
      expect(fixture.source).toBe('recorded')
      expect(fixture.formats).toEqual([format])
      expect(Object.keys(fixture.request)).toEqual([format])
      expect(fixture.request[format]).toContain('{{hash}}')
      expect(fixture.request[format]).toContain('{{key}}')
    }
    // A not-found and a locked blacklist entry were recorded as errors.
    expect(cases.some((fixture) => 'error' in fixture.expected && fixture.expected.error.class === 'NotFoundError')).toBe(true)
  })

  test('two identical requests are two cases, named apart', () => {
    const names = loadFixtureCases(plainDir)
      .filter((fixture) => fixture.operation === 'search-contacts')
      .map((fixture) => fixture.name)
    expect(new Set(names).size).toBe(names.length)
    expect(names.length).toBeGreaterThan(2)
  })

  test('replay with the network shut gives the very outcomes the recording gave', async () => {
    expect(await replaySession(format, plainDir)).toEqual(recorded)
  })

  test('a masked recording replays: each call gets what the expected.json of its case says, stand-ins included', async () => {
    nock.disableNetConnect()
    const cases = new Map(loadFixtureCases(maskedDir).map((fixture) => [`${fixture.operation}/${fixture.name}`, fixture]))
    const recorder = createRecorder({ dir: maskedDir, mode: 'replay' })
    const client = createClient({ key: 'replay-key', secret: 'replay-secret', format, fetch: recorder.fetch, retry: 0 })
    let checked = 0
    for (const [index, step] of steps.entries()) {
      const before = recorder.exchanges.length
      const outcome = await outcomeOf(step.run(client))
      expect(outcome.error?.class, step.call).toBe(masked[index]!.error?.class)
      // A step of one call (not a walk over pages) is that one case's outcome exactly.
      if (recorder.exchanges.length !== before + 1) continue
      const { expected } = cases.get(recorder.exchanges[before]!.case)!
      expect(outcome, step.call).toEqual('result' in expected ? { result: expected.result } : { error: { class: expected.error.class, code: expected.error.code } })
      checked++
    }
    expect(checked).toBeGreaterThan(20)
    expect(JSON.stringify(recorder.exchanges)).toContain('replayed')
    expect(JSON.stringify([...cases.values()].map((fixture) => fixture.expected))).toContain('Name1')
  })

  test('no written file holds the key, the hash, or a real number or name', () => {
    const real = ['sandbox-key', sandbox.hash, sandbox.secret!, '05321234567', '5321234567', '0505 702 31 00', '5057023100', 'Zeynep', 'Kaya', 'Ayşe', 'Yılmaz', 'mehmet.ozturk', 'Merhaba', '5301112233']
    const files = filesUnder(maskedDir)
    expect(files.length).toBeGreaterThan(80)
    for (const file of files) {
      const text = readFileSync(file, 'utf8')
      for (const value of real) expect(text.includes(value), `${value} in ${file}`).toBe(false)
    }
    // Unmasked, the personal data is there (the scan above can find it), but never a credential.
    const plainText = filesUnder(plainDir).map((file) => readFileSync(file, 'utf8')).join('\n')
    expect(plainText).toContain('Zeynep')
    expect(plainText).not.toContain(sandbox.hash)
    expect(plainText).not.toContain('sandbox-key')
  })
})

describe('cross-format replay', () => {
  test.each([
    ['json', 'xml'],
    ['xml', 'json'],
  ] as const)('a %s recording answers a %s client with the same outcomes', async (recordedIn, askedIn) => {
    const dir = join(root, `cross-${recordedIn}`)
    const { outcomes } = await recordSession(recordedIn, dir, false)
    const replayed = await replaySession(askedIn, dir)
    // get-reports is JSON only: an XML client refuses it unsent, whatever the recording holds.
    const offeredIn = (index: number) => steps[index]!.formats === undefined || steps[index]!.formats!.includes(askedIn)
    const comparable = (list: Outcome[]) => list.filter((_, index) => offeredIn(index) && steps[index]!.formats?.includes(recordedIn) !== false)
    expect(comparable(replayed)).toEqual(comparable(outcomes))
  })
})

describe('misses and bad recordings', () => {
  test('a request with no recording fails with FixtureMissError naming the nearest case and what differs', async () => {
    const dir = join(root, 'miss')
    const sandbox = await startSandbox()
    const recording = createRecorder({ dir, mode: 'record' })
    const live = createClient({ baseUrl: sandbox.url, key: sandbox.key, secret: sandbox.secret!, fetch: recording.fetch })
    await live.contacts.get(1001)
    await sandbox.close()

    nock.disableNetConnect()
    const recorder = createRecorder({ dir, mode: 'replay' })
    const client = createClient({ baseUrl: sandbox.url, key: 'sandbox-key', secret: 'sandbox-secret', format: 'xml', fetch: recorder.fetch, retry: 0 })
    const failure = await client.contacts.get(1002).then(
      () => undefined,
      (error: unknown) => error,
    )
    expect(failure).toBeInstanceOf(NetworkError)
    const miss = (failure as NetworkError).cause
    expect(miss).toBeInstanceOf(FixtureMissError)
    expect((miss as FixtureMissError).message).toMatch(/get-contact request \(xml\); nearest case: get-contact\/call-001 \(contact\.id: recorded "1001", asked "1002"\)/)
    expect((miss as FixtureMissError).nearest).toBe('get-contact/call-001')
    // The same request that was recorded is answered.
    await expect(client.contacts.get(1001)).resolves.toMatchObject({ id: 1001 })
  })

  test('update mode replays what is there and records what is missing', async () => {
    const dir = join(root, 'update')
    const sandbox = await startSandbox()
    const first = createRecorder({ dir, mode: 'record' })
    await createClient({ baseUrl: sandbox.url, key: sandbox.key, secret: sandbox.secret!, fetch: first.fetch }).contacts.get(1001)
    const recorder = createRecorder({ dir, mode: 'update' })
    const client = createClient({ baseUrl: sandbox.url, key: sandbox.key, secret: sandbox.secret!, fetch: recorder.fetch })
    await client.contacts.get(1001)
    await client.contacts.get(1002)
    await sandbox.close()
    expect(recorder.exchanges.map((exchange) => [exchange.case, exchange.action])).toEqual([
      ['get-contact/call-001', 'replayed'],
      ['get-contact/call-002', 'recorded'],
    ])
    // The second contact got stand-ins of its own, not any the first case holds.
    const [earlier, added] = loadFixtureCases(dir).map((fixture) => fixture.response.json!)
    const names = (text: string) => new Set(text.match(/Name\d+|Surname\d+|person\d+@example\.com|05990\d{6}/g))
    expect(names(added!).size).toBeGreaterThan(2)
    for (const standIn of names(added!)) expect(names(earlier!).has(standIn), standIn).toBe(false)
  })

  test('re-recording removes the cases of the earlier recording', async () => {
    const dir = join(root, 'rerecord')
    const sandbox = await startSandbox()
    const first = createRecorder({ dir, mode: 'record' })
    const client = createClient({ baseUrl: sandbox.url, key: sandbox.key, secret: sandbox.secret!, fetch: first.fetch })
    await client.contacts.get(1001)
    await client.senders.list()
    const second = createRecorder({ dir, mode: 'record' })
    await createClient({ baseUrl: sandbox.url, key: sandbox.key, secret: sandbox.secret!, fetch: second.fetch }).senders.list()
    await sandbox.close()
    expect(second.removed.sort()).toEqual(['get-contact/call-001', 'get-sender/call-001'])
    expect(loadFixtureCases(dir).map((fixture) => `${fixture.operation}/${fixture.name}`)).toEqual(['get-sender/call-001'])
  })

  test('the İYS consent endpoints (three path segments, nested case folders): recorded, replayed offline, re-recorded cleanly', async () => {
    const dir = join(root, 'consents')
    const brandCode = 696422
    const recipient = '+905301234567'
    const calls = (client: ReturnType<typeof createClient>) => [
      () => client.consents.get({ brandCode, recipient }),
      () => client.consents.add({ brandCode, consents: [{ recipient, recipientType: 'BIREYSEL', type: 'MESAJ', status: 'ONAY', source: 'HS_WEB', consentDate: '2025-03-01 09:00:00' }] }),
      () => client.consents.get({ brandCode, recipient }),
    ]
    const session = async (fetch: typeof globalThis.fetch, baseUrl: string, key: string, secret: string): Promise<Outcome[]> => {
      const outcomes: Outcome[] = []
      for (const call of calls(createClient({ baseUrl, key, secret, fetch, retry: 0 }))) outcomes.push(await outcomeOf(call()))
      return outcomes
    }

    const sandbox = await startSandbox()
    const first = createRecorder({ dir, mode: 'record', mask: false })
    const recorded = await session(first.fetch, sandbox.url, sandbox.key, sandbox.secret!)
    await first.close()
    await sandbox.close()
    expect(recorded.map((outcome) => outcome.error)).toEqual([undefined, undefined, undefined])
    expect(recorded[0]!.result).toBeNull()
    expect(recorded[2]!.result).toMatchObject({ recipient, status: 'ONAY' })
    expect(first.exchanges.map((exchange) => exchange.action)).toEqual(['recorded', 'recorded', 'recorded'])
    const names = ['consent/create/call-001', 'consent/show/call-001', 'consent/show/call-002']
    expect(loadFixtureCases(dir).map((fixture) => `${fixture.operation}/${fixture.name}`)).toEqual(names)

    nock.disableNetConnect()
    const replay = createRecorder({ dir, mode: 'replay' })
    expect(await session(replay.fetch, 'https://api.iletimerkezi.com/v1', 'sandbox-key', 'sandbox-secret')).toEqual(recorded)
    expect(replay.exchanges.map((exchange) => exchange.action)).toEqual(['replayed', 'replayed', 'replayed'])
    nock.enableNetConnect()

    const again = await startSandbox()
    const second = createRecorder({ dir, mode: 'record', mask: false })
    await createClient({ baseUrl: again.url, key: again.key, secret: again.secret!, fetch: second.fetch, retry: 0 }).consents.get({ brandCode, recipient })
    await second.close()
    await again.close()
    expect(second.removed.sort()).toEqual(names)
    expect(loadFixtureCases(dir).map((fixture) => `${fixture.operation}/${fixture.name}`)).toEqual(['consent/show/call-001'])
  })

  test('record mode with no server: the client’s typed error, and nothing written', async () => {
    const dir = join(root, 'no-server')
    const sandbox = await startSandbox()
    const url = sandbox.url
    await sandbox.close()
    const recorder = createRecorder({ dir, mode: 'record' })
    const client = createClient({ baseUrl: url, key: 'k', secret: 's', fetch: recorder.fetch, retry: 0 })
    await expect(client.senders.list()).rejects.toBeInstanceOf(NetworkError)
    expect(() => readdirSync(dir)).toThrow(/ENOENT/)
  })

  test('ILETIMERKEZI_FIXTURES overrides the mode; a bad value is refused', () => {
    const saved = process.env['ILETIMERKEZI_FIXTURES']
    try {
      process.env['ILETIMERKEZI_FIXTURES'] = 'replay'
      expect(createRecorder({ dir: root, mode: 'record' }).mode).toBe('replay')
      process.env['ILETIMERKEZI_FIXTURES'] = 'wild'
      expect(() => createRecorder({ dir: root, mode: 'record' })).toThrow(/ILETIMERKEZI_FIXTURES/)
    } finally {
      if (saved === undefined) delete process.env['ILETIMERKEZI_FIXTURES']
      else process.env['ILETIMERKEZI_FIXTURES'] = saved
    }
  })
})

describe("mode 'verify': the same tests against the live service", () => {
  // The app's calls, as a test file would make them.
  async function appCalls(client: ReturnType<typeof createClient>): Promise<void> {
    await client.contacts.get(1001)
    await client.contacts.search({ key: 'Yılmaz' })
    await client.groups.list()
    await client.sms.send({ sender: 'eMarka', text: 'Kargonuz yolda', recipients: ['05321234567'] })
  }
  const dir = join(root, 'verify-mode')

  beforeAll(async () => {
    const sandbox = await startSandbox()
    const recorder = createRecorder({ dir, mode: 'record' })
    await appCalls(createClient({ baseUrl: sandbox.url, key: sandbox.key, secret: sandbox.secret!, fetch: recorder.fetch }))
    await recorder.close()
    await sandbox.close()
  })

  test.each(formats)('an unchanged service: every call verified, no drift, nothing written (%s)', async (format) => {
    const before = filesUnder(dir).map((file) => [file, readFileSync(file, 'utf8')])
    const sandbox = await startSandbox()
    const recorder = createRecorder({ dir, mode: 'verify' })
    await appCalls(createClient({ baseUrl: sandbox.url, key: sandbox.key, secret: sandbox.secret!, format, fetch: recorder.fetch }))
    await sandbox.close()
    await expect(recorder.close()).resolves.toBeUndefined()
    expect(recorder.exchanges.map((exchange) => [exchange.case, exchange.action, exchange.drift])).toEqual([
      ['get-contact/call-001', 'verified', []],
      ['search-contacts/call-001', 'verified', []],
      ['get-groups/call-001', 'verified', []],
      ['send-sms/call-001', 'verified', []],
    ])
    expect(filesUnder(dir).map((file) => [file, readFileSync(file, 'utf8')])).toEqual(before)
  })

  test('a service answering in the legacy shapes: drift per case, and close() fails the test with it', async () => {
    const sandbox = await startSandbox({ backend: 'legacy' })
    const recorder = createRecorder({ dir, mode: 'verify' })
    await appCalls(createClient({ baseUrl: sandbox.url, key: sandbox.key, secret: sandbox.secret!, fetch: recorder.fetch }))
    await sandbox.close()
    const failure = await recorder.close().catch((error: unknown) => error)
    expect(failure).toBeInstanceOf(Error)
    expect((failure as Error).message).toMatch(/search-contacts\/call-001 \(json\) drifted: type: contacts: list → record/)
    expect(recorder.exchanges.filter((exchange) => (exchange.drift ?? []).length > 0).length).toBeGreaterThan(0)
  })

  test('a call the recording does not hold is a miss, and the live answer still reaches the app', async () => {
    const sandbox = await startSandbox()
    const recorder = createRecorder({ dir, mode: 'verify' })
    const client = createClient({ baseUrl: sandbox.url, key: sandbox.key, secret: sandbox.secret!, fetch: recorder.fetch })
    await expect(client.senders.list()).resolves.toEqual(['APITEST', 'eMarka'])
    await sandbox.close()
    expect(recorder.misses).toHaveLength(1)
    await expect(recorder.close()).rejects.toBeInstanceOf(FixtureMissError)
  })
})
