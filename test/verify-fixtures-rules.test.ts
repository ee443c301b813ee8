// verifyFixtures' rules on hand-made folders, with a fetch that stands for the server (issue 22: the
// credentials go only where the authentication element is; nothing masked is re-sent; refused
// credentials are not drift; a recorded status is compared as recorded).
import { readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, test } from 'vitest'
import { AuthenticationError, NetworkError } from '../src/index.js'
import { FixtureFileError, verifyFixtures } from '../src/testing/index.js'
import { fixtureCopies } from './support/fixture-copies.js'

const { folderOf, remove } = fixtureCopies('verify-rules-')
afterAll(remove)

const key = 'verify-rules-key'
const secret = 'verify-rules-secret-7a3c'
const sendersAnswer = '{"response":{"status":{"code":200,"message":"İşlem başarılı"},"senders":{"sender":["eMarka"]}}}'

interface Sent {
  url: string
  body: string
}

// The same answer in the format each request was sent in: `status` and `code` as given, `fields` beside them.
function answering(code: number, httpStatus = 200, fields: { json: string; xml: string } = { json: '', xml: '' }) {
  return (sent: Sent) =>
    sent.url.endsWith('/json')
      ? new Response(`{"response":{"status":{"code":${code},"message":"OK"}${fields.json}}}`, { status: httpStatus })
      : new Response(`<response><status><code>${code}</code><message>OK</message></status>${fields.xml}</response>`, { status: httpStatus })
}
const senders = answering(200, 200, { json: ',"senders":{"sender":["eMarka"]}', xml: '<senders><sender>eMarka</sender></senders>' })

function server(answer: (sent: Sent) => Response = senders) {
  const sent: Sent[] = []
  const fetch = (async (url: string | URL | Request, init?: RequestInit) => {
    const request = { url: String(url), body: String(init?.body) }
    sent.push(request)
    return answer(request)
  }) as typeof globalThis.fetch
  return { sent, fetch }
}

async function refusalOf(dir: string): Promise<FixtureFileError> {
  const { sent, fetch } = server()
  const outcome = await verifyFixtures({ dir, key, secret, fetch }).catch((error: unknown) => error)
  expect(outcome).toBeInstanceOf(FixtureFileError)
  expect(sent).toEqual([])
  return outcome as FixtureFileError
}

describe('credentials go where the authentication element is, and nowhere else', () => {
  test('a shipped case: its stand-in key and {{hash}} are swapped for the account’s, at that element only', async () => {
    const { sent, fetch } = server()
    const report = await verifyFixtures({ dir: folderOf(['get-sender/docs-sample']), key, secret, fetch, baseUrl: 'https://box.test//' })
    expect(report.cases.map((verified) => verified.drift)).toEqual([[], []])
    expect(report).toMatchObject({ drifted: 0, checked: 2 })
    expect(sent.map((request) => request.url)).toEqual(['https://box.test/get-sender/json', 'https://box.test/get-sender'])
    const json = JSON.parse(sent[0]!.body).request.authentication
    expect(json.key).toBe(key)
    expect(json.hash).toMatch(/^[0-9a-f]{64}$/)
    expect(sent[1]!.body).toContain(`<key>${key}</key>`)
    expect(sent[1]!.body).toContain(`<hash>${json.hash}</hash>`)
  })

  test.each([
    ['{{hash}} in place of the key', (text: string) => text.replace('test-key', '{{hash}}'), 'does not hold {{key}}'],
    ['a key that is not quite the placeholder', (text: string) => text.replace('test-key', '{{ key }}'), 'does not hold {{key}}'],
    ['no key', (text: string) => text.replace('test-key', ''), 'does not hold {{key}}'],
    ['a real hash in place of {{hash}}', (text: string) => text.replace('{{hash}}', 'a'.repeat(64)), 'does not hold {{key}}'],
  ])('the authentication element must hold the placeholders: %s is refused, naming the file', async (_, change, why) => {
    const error = await refusalOf(folderOf(['get-contact/docs-sample'], change))
    expect(error.message).toContain(why)
    expect(error.message).toMatch(/get-contact[/\\]docs-sample[/\\]request\.json: /)
  })

  test.each(['{{hash}}', '{{key}}', '{{ HASH }}', '{{key }}'])('a placeholder %s outside it (a search key) is refused', async (placeholder) => {
    const dir = folderOf(['search-contacts/docs-sample'], (text, format) =>
      format === 'json' ? text.replace(/"key": "[^"]*"(?![^{]*"hash")/, `"key": "x ${placeholder}"`) : text.replace(/<key>(?!test-key)[^<]*<\/key>/, `<key>x ${placeholder}</key>`),
    )
    expect((await refusalOf(dir)).message).toContain('a placeholder stands outside the authentication element')
  })

  test('the stand-in key written elsewhere too would carry the real key there: refused', async () => {
    const dir = folderOf(['get-sender/docs-sample'], (text, format) => (format === 'json' ? text.replace('"authentication"', '"note": "test-key",\n    "authentication"') : text.replace('<authentication>', '<note>test-key</note><authentication>')))
    expect((await refusalOf(dir)).message).toContain('the key "test-key" stands outside the authentication element too')
  })

  test('a stand-in key that is also a name in the request would land elsewhere: refused', async () => {
    const dir = folderOf(['get-sender/docs-sample'], (text) => text.replaceAll('test-key', 'key'))
    expect((await refusalOf(dir)).message).toContain('a placeholder is written where the request would carry it elsewhere')
  })

  test('a request file no codec reads is refused, naming it', async () => {
    const dir = folderOf(['get-sender/docs-sample'], (text, format) => (format === 'json' ? '{"request": ' : text))
    const error = await refusalOf(dir)
    expect(error.message).toMatch(/request\.json: not a readable json request \(/)
  })
})

describe('what is not re-sent', () => {
  test('a write without allowWrites, and a case with no request, are skipped with their reason', async () => {
    const dir = folderOf(['delete-contact/docs-sample', 'get-sender/docs-sample'])
    rmSync(join(dir, 'get-sender/docs-sample/request.xml'))
    const { sent, fetch } = server()
    const report = await verifyFixtures({ dir, key, secret, fetch })
    expect(report.cases.map(({ operation, format, skipped, reason }) => ({ operation, format, skipped, reason }))).toEqual([
      { operation: 'delete-contact', format: 'json', skipped: 'write', reason: 'a write: re-sent only with allowWrites' },
      { operation: 'delete-contact', format: 'xml', skipped: 'write', reason: 'a write: re-sent only with allowWrites' },
      { operation: 'get-sender', format: 'json', skipped: undefined, reason: undefined },
      { operation: 'get-sender', format: 'xml', skipped: 'no-request', reason: 'no request on the wire to send' },
    ])
    expect(report.checked).toBe(1)
    expect(sent).toHaveLength(1)
  })

  test('stand-ins where personal data was are not re-sent; kept values that look like stand-ins and real values are', async () => {
    const masked = folderOf(['get-contact/docs-sample'], (text, format) => text.replace('1009', format === 'json' ? '"Masked text 3"' : 'Masked text 3'))
    const { sent, fetch } = server(answering(404, 404))
    expect((await verifyFixtures({ dir: masked, key, secret, fetch })).cases.map((verified) => verified.skipped)).toEqual(['masked', 'masked'])
    expect(sent).toEqual([])
    // An id of 9s is a kept count, not a stand-in: sent.
    const kept = folderOf(['get-contact/docs-sample'], (text) => text.replace('1009', '912345'))
    expect((await verifyFixtures({ dir: kept, key, secret, fetch })).checked).toBe(2)
  })
})

describe('answers', () => {
  test('a case recorded with an error status compares with that status', async () => {
    const dir = folderOf(['get-contact/error-404'])
    const { fetch } = server(answering(404, 404))
    const report = await verifyFixtures({ dir, key, secret, fetch })
    expect(report.cases.map((verified) => verified.drift)).toEqual([[], []])
  })

  test.each([
    ['HTTP 401', answering(401, 401)],
    ['HTTP 403', () => new Response('Forbidden', { status: 403 })],
    // The provider's other spelling of a refusal (fixtures/get-sender/error-401 has both).
    ['code 401 in a 200', answering(401, 200)],
  ])('refused credentials (%s) are no drift: an AuthenticationError, nothing verified', async (_, answer) => {
    const { fetch } = server(answer)
    const outcome = await verifyFixtures({ dir: folderOf(['get-sender/docs-sample']), key, secret, fetch }).catch((error: unknown) => error)
    expect(outcome).toBeInstanceOf(AuthenticationError)
    expect((outcome as Error).message).toContain('the server refused the credentials')
    expect(outcome).toMatchObject({ operation: 'get-sender', format: 'json' })
  })

  test('a case recorded as a 401 answered 401 is no refusal', async () => {
    const { fetch } = server(answering(401, 401))
    const report = await verifyFixtures({ dir: folderOf(['get-sender/error-401']), key, secret, fetch })
    expect(report.cases.map((verified) => verified.drift)).toEqual([[], []])
    // Recorded as a 401 in an HTTP 401; now a 401 in an HTTP 200: the same refusal, its HTTP status drifted.
    const { fetch: in200 } = server(answering(401, 200))
    expect((await verifyFixtures({ dir: folderOf(['get-sender/error-401']), key, secret, fetch: in200 })).cases[0]!.drift).toEqual([{ kind: 'status', path: '(http)', recorded: '401', now: '200' }])
  })

  test('an unreadable answer is drift, not a refusal', async () => {
    const { fetch } = server(() => new Response('<html>maintenance</html>', { status: 200 }))
    const report = await verifyFixtures({ dir: folderOf(['get-sender/docs-sample']), key, secret, fetch })
    expect(report.drifted).toBe(2)
  })

  test('a network failure that quotes the credentials does not carry them', async () => {
    const fetch = (async () => {
      throw new Error(`connect ECONNREFUSED (${key} ${secret})`)
    }) as typeof globalThis.fetch
    const outcome = await verifyFixtures({ dir: folderOf(['get-sender/docs-sample']), key, secret, fetch }).catch((error: unknown) => error)
    expect(outcome).toBeInstanceOf(NetworkError)
    const said = `${(outcome as Error).message} ${String((outcome as Error).cause)}`
    expect(said).toContain('ECONNREFUSED')
    expect(said).not.toContain(secret)
    expect(said).not.toContain(key)
  })
})
