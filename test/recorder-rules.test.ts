// The recorder's rules one by one (issue 22), on copies of shipped cases and nock: which mode is in force,
// which case answers a request, what a miss and the sum of misses say, and verify's refusals and redirects.
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import nock from 'nock'
import { afterAll, afterEach, beforeEach, describe, expect, test } from 'vitest'
import { createClient, IletiMerkeziError, ProtocolError, ValidationError } from '../src/index.js'
import { createRecorder, FixtureMissError } from '../src/testing/index.js'
import { fixtureCopies } from './support/fixture-copies.js'
import { providerOrigin } from './support/nock-provider.js'
import { thrownBy } from './support/outcomes.js'

const { root, folderOf, fresh, remove } = fixtureCopies('recorder-rules-')
afterAll(remove)
const saved = { fixtures: process.env['ILETIMERKEZI_FIXTURES'], maskKey: process.env['ILETIMERKEZI_MASK_KEY'] }
beforeEach(() => {
  delete process.env['ILETIMERKEZI_FIXTURES']
  delete process.env['ILETIMERKEZI_MASK_KEY']
  nock.disableNetConnect()
})
afterEach(() => {
  nock.cleanAll()
  nock.enableNetConnect()
  for (const [name, value] of [['ILETIMERKEZI_FIXTURES', saved.fixtures], ['ILETIMERKEZI_MASK_KEY', saved.maskKey]] as const) {
    if (value === undefined) delete process.env[name]
    else process.env[name] = value
  }
})

const secret = 'recorder-rules-secret'
const clientOf = (fetch: typeof globalThis.fetch, format: 'json' | 'xml' = 'json') => createClient({ key: 'test-key', secret, format, retry: 0, fetch })

describe('the mode in force', () => {
  test('ILETIMERKEZI_FIXTURES, when set and not empty, overrides the mode given', () => {
    process.env['ILETIMERKEZI_FIXTURES'] = 'verify'
    expect(createRecorder({ dir: root, mode: 'replay' }).mode).toBe('verify')
    process.env['ILETIMERKEZI_FIXTURES'] = ''
    expect(createRecorder({ dir: root, mode: 'replay' }).mode).toBe('replay')
  })

  test('an unknown mode is refused, naming where it came from', () => {
    expect(() => createRecorder({ dir: root, mode: 'rewind' as 'replay' })).toThrow(expect.objectContaining({ issues: [{ path: 'mode', message: 'expected record, replay, update or verify (got "rewind")' }] }))
    process.env['ILETIMERKEZI_FIXTURES'] = 'later'
    expect(() => createRecorder({ dir: root, mode: 'replay' })).toThrow(expect.objectContaining({ issues: [{ path: 'ILETIMERKEZI_FIXTURES', message: 'expected record, replay, update or verify (got "later")' }] }))
  })

  test.each([undefined, null, {}, { dir: '' }, { dir: 7 }])('no folder (%j) is refused', (options) => {
    const thrown = thrownBy(() => createRecorder(options as never))
    expect(thrown).toBeInstanceOf(ValidationError)
    expect((thrown as ValidationError).issues).toEqual([{ path: 'dir', message: 'expected the recording folder' }])
  })
})

describe('replay', () => {
  test('identical requests are answered in the order recorded, the last case again after that, each with its status', async () => {
    const recorder = createRecorder({ dir: folderOf(['get-contact/docs-sample', 'get-contact/error-404']), mode: 'replay' })
    const client = clientOf(recorder.fetch, 'xml')
    expect(await client.contacts.get(1009)).toMatchObject({ id: 1009 })
    await expect(client.contacts.get(1009)).rejects.toMatchObject({ code: 404 })
    await expect(client.contacts.get(1009)).rejects.toMatchObject({ code: 404 })
    expect(recorder.exchanges.map(({ case: label, httpStatus }) => `${label} ${httpStatus}`)).toEqual(['get-contact/docs-sample 200', 'get-contact/error-404 404', 'get-contact/error-404 404'])
    await recorder.close()
  })

  test('the nearest case is named with what differs, by field and recorded value', async () => {
    const recorder = createRecorder({ dir: folderOf(['get-contact/docs-sample', 'get-sender/docs-sample']), mode: 'replay' })
    const miss = await clientOf(recorder.fetch).contacts.get(4242).catch((error: unknown) => (error as Error).cause)
    expect(miss).toBeInstanceOf(FixtureMissError)
    expect((miss as FixtureMissError).nearest).toBe('get-contact/docs-sample')
    expect((miss as FixtureMissError).differences).toEqual(['contact.id: recorded "1009", asked "4242"'])
    await expect(recorder.close()).rejects.toBe(miss)
  })

  test('several misses: close() rejects with their sum, each numbered', async () => {
    const recorder = createRecorder({ dir: folderOf(['get-sender/docs-sample']), mode: 'replay' })
    const client = clientOf(recorder.fetch)
    await client.contacts.get(1).catch(() => undefined)
    await client.groups.list().catch(() => undefined)
    const sum = await recorder.close().catch((error: unknown) => error)
    expect(sum).toBeInstanceOf(FixtureMissError)
    expect((sum as FixtureMissError).misses).toHaveLength(2)
    expect((sum as Error).message).toMatch(/^2 requests had no recorded answer:\n1\. no recorded answer for this get-contact request \(json\); no case of get-contact is recorded in .*\n2\. no recorded answer for this get-groups request/)
    expect(sum).toMatchObject({ operation: 'get-contact', format: 'json' })
  })

  test('a path that names no operation is refused in replay; the recorder refuses everything once closed', async () => {
    const recorder = createRecorder({ dir: folderOf(['get-sender/docs-sample']), mode: 'replay' })
    await expect(recorder.fetch(`${providerOrigin}/v1/no-such-method/json`, { method: 'POST', body: '{}' })).rejects.toThrow('the recorder knows no operation at /v1/no-such-method/json')
    await recorder.close()
    await expect(recorder.fetch(`${providerOrigin}/v1/get-sender/json`, { method: 'POST', body: '{}' })).rejects.toThrow('this recorder is closed')
  })
})

// The provider's ways of refusing the credentials: a status, or code 401 in an HTTP 200.
const refusals = [
  ['HTTP 401', 401, '{"response":{"status":{"code":401,"message":"no"}}}'],
  ['HTTP 403', 403, 'Forbidden'],
  ['code 401 in a 200', 200, '{"response":{"status":{"code":401,"message":"no"}}}'],
] as const

describe('verify', () => {
  const sendersJson = '{"response":{"status":{"code":200,"message":"Operation successful"},"senders":{"sender":["eMarka","Yeni"]}}}'

  test('an unchanged answer is verified with no drift; a changed one is reported at close', async () => {
    nock(providerOrigin).post('/v1/get-sender/json').reply(200, sendersJson)
    const recorder = createRecorder({ dir: folderOf(['get-sender/docs-sample']), mode: 'verify' })
    expect(await clientOf(recorder.fetch).senders.list()).toEqual(['eMarka', 'Yeni'])
    expect(recorder.exchanges).toEqual([{ operation: 'get-sender', format: 'json', case: 'get-sender/docs-sample', action: 'verified', httpStatus: 200, drift: [] }])
    await recorder.close()

    nock(providerOrigin).post('/v1/get-sender/json').reply(200, '{"response":{"status":{"code":200,"message":"ok"},"sender":["eMarka"]}}')
    const drifting = createRecorder({ dir: folderOf(['get-sender/docs-sample']), mode: 'verify' })
    await clientOf(drifting.fetch).senders.list().catch(() => undefined)
    const error = await drifting.close().catch((failure: unknown) => failure)
    expect(error).toBeInstanceOf(IletiMerkeziError)
    expect((error as Error).message).toContain('get-sender/docs-sample (json) drifted: gone: senders; added: sender')
  })

  test.each(refusals)('refused credentials (%s) are said at close, not drift', async (_, status, body) => {
    nock(providerOrigin).post('/v1/get-sender/json').reply(status, body)
    const recorder = createRecorder({ dir: folderOf(['get-sender/docs-sample']), mode: 'verify' })
    await clientOf(recorder.fetch).senders.list().catch(() => undefined)
    const error = await recorder.close().catch((failure: unknown) => failure)
    expect((error as Error).message).toContain(`get-sender/docs-sample: not verified, the server refused the credentials (HTTP ${status})`)
    expect((error as Error).message).not.toContain('drifted')
  })

  test('a redirect is handed back unfollowed, for the client to refuse; nothing reaches its target', async () => {
    nock(providerOrigin).post('/v1/get-sender/json').reply(307, '', { location: 'http://127.0.0.2:9/collect' })
    const recorder = createRecorder({ dir: folderOf(['get-sender/docs-sample']), mode: 'verify' })
    await expect(clientOf(recorder.fetch).senders.list()).rejects.toBeInstanceOf(ProtocolError)
    expect(recorder.exchanges).toEqual([])
    await recorder.close()
  })

  test('a request no case answers is passed to the server and counted as a miss; an unknown path goes to the server as it is', async () => {
    nock(providerOrigin).post('/v1/get-contact/json').reply(200, '{"response":{"status":{"code":200,"message":"ok"},"contact":{"id":5,"name":"A","surname":"B","email":"","gsm":"05321112233","custom_fields":[],"groups":[]}}}')
    nock(providerOrigin).post('/v1/no-such-method/json').reply(200, 'passed through')
    const recorder = createRecorder({ dir: folderOf(['get-sender/docs-sample']), mode: 'verify' })
    expect(await clientOf(recorder.fetch).contacts.get(5)).toMatchObject({ id: 5 })
    expect(await (await recorder.fetch(`${providerOrigin}/v1/no-such-method/json`, { method: 'POST', body: '{}' })).text()).toBe('passed through')
    expect(recorder.misses).toHaveLength(1)
    await expect(recorder.close()).rejects.toThrow(/no case of get-contact is recorded/)
  })
})

describe('more rules', () => {
  test.each(refusals)('record: refused credentials (%s) write nothing and keep the earlier recording', async (_, status, body) => {
    nock(providerOrigin).post('/v1/get-sender/json').reply(status, body)
    const dir = folderOf(['get-sender/docs-sample'])
    const before = readFileSync(join(dir, 'get-sender/docs-sample/case.json'), 'utf8')
    const recorder = createRecorder({ dir, mode: 'record' })
    await clientOf(recorder.fetch).senders.list().catch(() => undefined)
    await expect(recorder.close()).rejects.toThrow(/earlier recording .* was kept, nothing was written: every answer \(1\) was an authentication failure/)
    expect(recorder.removed).toEqual([])
    expect(readFileSync(join(dir, 'get-sender/docs-sample/case.json'), 'utf8')).toBe(before)
  })

  const url = `${providerOrigin}/v1/get-sender/json`
  const request = { method: 'POST', body: '{"request":{"authentication":{"key":"test-key","hash":"h"}}}' }

  test.each([204, 205, 304])('a case recorded with HTTP %i is replayed with no body', async (status) => {
    const dir = folderOf(['get-sender/docs-sample'])
    const caseFile = join(dir, 'get-sender/docs-sample/case.json')
    writeFileSync(caseFile, JSON.stringify({ ...JSON.parse(readFileSync(caseFile, 'utf8')), httpStatus: status }))
    const answer = await createRecorder({ dir, mode: 'replay' }).fetch(url, request)
    expect(answer.status).toBe(status)
    expect(await answer.text()).toBe('')
  })

  test('a folder that does not exist replays nothing: each call is a miss naming the folder', async () => {
    const dir = join(root, 'not-there')
    const recorder = createRecorder({ dir, mode: 'replay' })
    const cause = await clientOf(recorder.fetch).senders.list().catch((error: unknown) => (error as Error).cause)
    expect(cause).toBeInstanceOf(FixtureMissError)
    expect((cause as Error).message).toContain(`no case of get-sender is recorded in ${dir}`)
  })

  test('a case with no request (a hand-written answer) is not matched; the others still are', async () => {
    const recorder = createRecorder({ dir: folderOf(['get-contact/html-page-with-http-502', 'get-contact/docs-sample']), mode: 'replay' })
    expect(await clientOf(recorder.fetch).contacts.get(1009)).toMatchObject({ id: 1009 })
    expect(recorder.exchanges.map((exchange) => exchange.case)).toEqual(['get-contact/docs-sample'])
  })

  test('update: a miss is recorded, then answered from the new case without the network', async () => {
    nock(providerOrigin).post('/v1/get-group/json').reply(200, '{"response":{"status":{"code":200,"message":"ok"},"group":{"id":5,"name":"Aile","contactCount":2}}}', { 'content-type': 'application/json; charset=utf-8' })
    const recorder = createRecorder({ dir: folderOf(['get-sender/docs-sample']), mode: 'update' })
    const client = clientOf(recorder.fetch)
    expect(await client.groups.get(5)).toMatchObject({ id: 5, name: 'Aile' })
    // The second is the recorded case: its name masked.
    expect(await client.groups.get(5)).toMatchObject({ id: 5, name: expect.stringMatching(/^Name\d+$/) })
    expect(recorder.exchanges.map(({ action, case: label }) => `${action} ${label}`)).toEqual(['recorded get-group/call-001', 'replayed get-group/call-001'])
    const answer = await createRecorder({ dir: folderOf(['get-sender/docs-sample']), mode: 'update' }).fetch(url, request)
    expect(answer.headers.get('content-type')).toBe('application/json')
    await recorder.close()
  })

  test('record: what a server answers goes back with its content type; a path naming no operation goes to the server as it is', async () => {
    nock(providerOrigin).post('/v1/get-sender/json').reply(200, '{"response":{"status":{"code":200,"message":"ok"},"senders":{"sender":["eMarka"]}}}', { 'content-type': 'application/json; charset=utf-8' })
    nock(providerOrigin).post('/v1/no-such-method/json').reply(200, 'passed through')
    const recorder = createRecorder({ dir: fresh('record'), mode: 'record' })
    const answer = await recorder.fetch(url, request)
    expect(answer.headers.get('content-type')).toBe('application/json; charset=utf-8')
    expect(await (await recorder.fetch(`${providerOrigin}/v1/no-such-method/json`, { method: 'POST', body: '{}' })).text()).toBe('passed through')
    await recorder.close()
  })

  test('record: a recorder closed having sent nothing keeps nothing and says nothing', async () => {
    await expect(createRecorder({ dir: fresh('record'), mode: 'record' }).close()).resolves.toBeUndefined()
  })

  test('verify: a case recorded with an error status is compared with that status', async () => {
    nock(providerOrigin).post('/v1/get-contact/json').reply(404, '{"response":{"status":{"code":404,"message":"Kayıt bulunamadı"}}}')
    const recorder = createRecorder({ dir: folderOf(['get-contact/error-404']), mode: 'verify' })
    await clientOf(recorder.fetch).contacts.get(1009).catch(() => undefined)
    expect(recorder.exchanges.map((exchange) => exchange.drift)).toEqual([[]])
    await recorder.close()
  })

  test.each([
    [300, true],
    [399, true],
    [400, false],
  ])('verify: HTTP %i is a redirect handed back unread: %s', async (status, redirect) => {
    nock(providerOrigin).post('/v1/get-sender/json').reply(status, '{"response":{"status":{"code":200,"message":"ok"}}}', { location: 'https://elsewhere.example/' })
    const recorder = createRecorder({ dir: folderOf(['get-sender/docs-sample']), mode: 'verify' })
    await clientOf(recorder.fetch).senders.list().catch(() => undefined)
    expect(recorder.exchanges.length).toBe(redirect ? 0 : 1)
    await recorder.close().catch(() => undefined)
  })

  test('verify: refusals and misses are listed together at close, each on its line', async () => {
    nock(providerOrigin).post('/v1/get-sender/json').reply(401, '{"response":{"status":{"code":401,"message":"no"}}}')
    nock(providerOrigin).post('/v1/get-groups/json').reply(200, '{"response":{"status":{"code":200,"message":"ok"},"groups":[]}}')
    const recorder = createRecorder({ dir: folderOf(['get-sender/docs-sample']), mode: 'verify' })
    const client = clientOf(recorder.fetch)
    await client.senders.list().catch(() => undefined)
    await client.groups.list().catch(() => undefined)
    const error = (await recorder.close().catch((failure: unknown) => failure)) as Error
    expect(error).not.toBeInstanceOf(FixtureMissError)
    const lines = error.message.split('\n')
    expect(lines[0]).toMatch(/^iletimerkezi recorder \(verify, .*\):$/)
    expect(lines.slice(1)).toEqual([
      '- get-sender/docs-sample: not verified, the server refused the credentials (HTTP 401)',
      expect.stringMatching(/^- no recorded answer for this get-groups request \(json\); no case of get-groups is recorded in /),
    ])
  })
})
