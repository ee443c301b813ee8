// Issue 24, item 1: the provider never redirects an API call. A 3xx is a ProtocolError naming the
// status and the target's origin, and nothing is sent to the target: not by the client, not by the
// recorder, not by verifyFixtures. Two loopback servers: the base URL's (127.0.0.1) answers with a
// redirect to the other (127.0.0.2), which counts what reaches it.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { createServer, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest'
import { computeHash } from '../src/client/auth-hash.js'
import { createClient, ProtocolError, type Format } from '../src/index.js'
import { createRecorder, verifyFixtures } from '../src/testing/index.js'
import { reachableText } from './support/reachable-text.js'
import { rejectionOf } from './support/outcomes.js'

delete process.env['ILETIMERKEZI_FIXTURES']

const key = 'redirect-test-key'
const secret = 'redirect-test-secret-of-some-length'
const hash = await computeHash(key, secret)
const statuses = [301, 302, 303, 307, 308] as const
const formats: readonly Format[] = ['json', 'xml']

function listen(server: Server, host: string): Promise<string> {
  return new Promise((resolve) => server.listen(0, host, () => resolve(`http://${host}:${(server.address() as AddressInfo).port}`)))
}

function drain(request: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let body = ''
    request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')))
    request.on('end', () => resolve(body))
  })
}

let redirecting: Server
let collecting: Server
let baseOrigin = ''
let targetOrigin = ''
let status: number = 307
let location = ''
const collected: string[] = []

beforeAll(async () => {
  collecting = createServer(async (request, response) => {
    collected.push(`${request.method} ${request.url} ${await drain(request)}`)
    response.writeHead(200, { 'content-type': 'application/json' }).end('{"response":{"status":{"code":200,"message":"stolen"}}}')
  })
  redirecting = createServer(async (request, response) => {
    await drain(request)
    response.writeHead(status, { location, 'content-type': 'text/html' }).end('<a href="elsewhere">moved</a>')
  })
  targetOrigin = await listen(collecting, '127.0.0.2')
  baseOrigin = await listen(redirecting, '127.0.0.1')
})
afterAll(() => {
  redirecting.close()
  collecting.close()
})
beforeEach(() => {
  collected.length = 0
  // The path and query a hostile redirect could use to quote the request back.
  location = `${targetOrigin}/collect/${hash}?key=${key}&hash=${hash}&secret=${secret}`
})

/** Fails if anything reachable from the error holds a credential or a piece of the hash, or the target's path or query. */
function expectClean(error: unknown): void {
  for (const text of reachableText(error).texts) {
    expect(text).not.toContain(secret)
    expect(text).not.toContain('/collect')
    expect(text).not.toContain('?key')
    for (let at = 0; at + 8 <= hash.length; at++) expect(text.toLowerCase()).not.toContain(hash.slice(at, at + 8))
  }
}

function expectRedirectRefused(error: unknown, answered: number): void {
  expect(error).toBeInstanceOf(ProtocolError)
  const refused = error as ProtocolError
  expect(refused.httpStatus).toBe(answered)
  expect(refused.message).toContain(`HTTP ${answered} to ${targetOrigin};`)
  expect(refused.bodySnippet).toBe('')
  expectClean(refused)
}

describe('the client refuses a redirect, and sends nothing to its target', () => {
  for (const format of formats) {
    test.each(statuses)(`${format}: HTTP %i`, async (answered) => {
      status = answered
      // retry: a read would otherwise be tried again; nothing about a redirect is worth a second attempt.
      const client = createClient({ key, secret, format, baseUrl: `${baseOrigin}/v1`, retry: 2 })
      expectRedirectRefused(await rejectionOf(client.contacts.get(5)), answered)
      expectRedirectRefused(await rejectionOf(client.sms.send({ sender: 'eMarka', text: 'x', recipients: ['05321234567'] })), answered)
      expect(collected).toEqual([])
    })
  }

  test('a relative Location names the base URL’s own origin; none, or one that is no URL, is said so', async () => {
    const client = createClient({ key, secret, baseUrl: `${baseOrigin}/v1`, retry: 0 })
    status = 308
    location = `/v2/${hash}?hash=${hash}`
    const relative = await rejectionOf(client.account.balance())
    expect(relative.message).toContain(`HTTP 308 to ${baseOrigin};`)
    expectClean(relative)
    location = 'http://[not a url'
    expect((await rejectionOf(client.account.balance())).message).toContain('HTTP 308 to an unreadable Location;')
    // A URL with no origin (data:, javascript:) is named by its scheme alone.
    location = `data:text/plain,${hash}`
    const scheme = await rejectionOf(client.account.balance())
    expect(scheme.message).toContain('HTTP 308 to data:;')
    expectClean(scheme)
  })

  test('every 3xx is refused, 300 and 399 and a 304 with no Location included; 299 and 400 are answers', async () => {
    const client = createClient({ key, secret, baseUrl: `${baseOrigin}/v1`, retry: 0 })
    for (const answered of [300, 399]) {
      status = answered
      expectRedirectRefused(await rejectionOf(client.account.balance()), answered)
    }
    status = 304
    location = ''
    const bare = await rejectionOf(createClient({ key, secret, baseUrl: `${baseOrigin}/v1`, retry: 0, fetch: async () => new Response(null, { status: 304 }) }).account.balance())
    expect(bare).toBeInstanceOf(ProtocolError)
    expect(bare.message).toBe('the server answered HTTP 304 with no Location; the provider never redirects an API call, so it was not followed')
    for (const answered of [299, 400]) {
      const answer = createClient({ key, secret, baseUrl: `${baseOrigin}/v1`, retry: 0, fetch: async () => new Response('<p>x</p>', { status: answered, headers: { location: `${targetOrigin}/x` } }) })
      expect((await rejectionOf(answer.account.balance())).message, String(answered)).not.toContain('redirect')
    }
    expect(collected).toEqual([])
  })

  test('a browser’s opaque redirect (status 0, no Location to read) is refused too', async () => {
    const opaque = () => {
      const response = new Response(null, { status: 200 })
      Object.defineProperties(response, { type: { value: 'opaqueredirect' }, status: { value: 0 } })
      return response
    }
    const client = createClient({ key, secret, baseUrl: `${baseOrigin}/v1`, retry: 0, fetch: async () => opaque() })
    const refused = await rejectionOf(client.account.balance())
    expect(refused).toBeInstanceOf(ProtocolError)
    expect(refused.message).toBe('the server answered a redirect with no Location; the provider never redirects an API call, so it was not followed')
  })
})

describe('the recorder and verifyFixtures refuse it too', () => {
  const root = mkdtempSync(join(tmpdir(), 'redirect-test-'))
  afterAll(() => rmSync(root, { recursive: true, force: true }))

  for (const format of formats) {
    test.each(statuses)(`${format}: HTTP %i`, async (answered) => {
      status = answered
      const dir = join(root, `${format}-${answered}`)
      const recorder = createRecorder({ dir, mode: 'record' })
      const client = createClient({ key, secret, format, baseUrl: `${baseOrigin}/v1`, retry: 0, fetch: recorder.fetch })
      expectRedirectRefused(await rejectionOf(client.contacts.get(5)), answered)
      // A redirect is not an answer: nothing is written for it.
      expect(readdirSync(root)).not.toContain(`${format}-${answered}`)

      const shipped = join(import.meta.dirname, '..', 'fixtures')
      const verifying = verifyFixtures({ dir: shipped, baseUrl: `${baseOrigin}/v1`, key, secret })
      expectRedirectRefused(await verifying.then(() => undefined, (error: unknown) => error), answered)
      expect(collected).toEqual([])
    })
  }

  test.each(formats)('%s: the recorder in verify mode hands the redirect back as it came, Location included', async (format) => {
    status = 308
    const recorder = createRecorder({ dir: join(root, `verify-${format}`), mode: 'verify' })
    const client = createClient({ key, secret, format, baseUrl: `${baseOrigin}/v1`, retry: 0, fetch: recorder.fetch })
    expectRedirectRefused(await rejectionOf(client.contacts.get(5)), 308)
    expect(collected).toEqual([])
    // Not compared with anything: the one complaint is that no case recorded this request.
    expect(recorder.exchanges).toEqual([])
    expect(recorder.misses).toHaveLength(1)
  })
})
