import { createHmac } from 'node:crypto'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest'
import { computeHash } from '../src/client/auth-hash.js'
import { createClient, IletiMerkeziError, ValidationError, type ClientHooks, type ClientSettings } from '../src/index.js'
import { thrownBy } from './support/outcomes.js'
import { reachableText } from './support/reachable-text.js'

// The secret and the hash never appear in an error (message, properties, cause chain), a hook
// event, a console line or a fixture. Servers here echo the request (which holds the hash) back
// in every place an answer can hold text.

const root = fileURLToPath(new URL('..', import.meta.url))
const key = 'secret-scan-key'
const secret = 'secret-scan-s3cr3t-value'
let hash = ''

beforeAll(async () => {
  hash = await computeHash(key, secret)
})

function filesUnder(folder: string): string[] {
  let entries: string[]
  try {
    entries = readdirSync(folder)
  } catch {
    return []
  }
  return entries.flatMap((name) => {
    const path = join(folder, name)
    return statSync(path).isDirectory() ? (name === 'node_modules' ? [] : filesUnder(path)) : [path]
  })
}

function expectNoCredential(value: unknown, label: string): void {
  const { texts, opaque } = reachableText(value)
  const all = texts.join('\n').toLowerCase()
  expect(all.includes(hash.toLowerCase()), `${label}: holds the hash`).toBe(false)
  expect(all.includes(secret.toLowerCase()), `${label}: holds the secret`).toBe(false)
  expect(opaque, `${label}: holds objects whose content cannot be checked`).toEqual([])
}

describe('fixtures hold no credential', () => {
  test('no fixture holds a hash of any key and secret used in the tests, a test secret, or any 64-hex string', () => {
    // Every key and secret written in the tests, the demo and the sandbox, plus the provider's test vector.
    const sources = [...filesUnder(join(root, 'test')), ...filesUnder(join(root, 'demo')), ...filesUnder(join(root, 'src/testing'))].filter((path) => /\.(ts|mts|js|mjs)$/.test(path))
    const keys = new Set(['sandbox-key', 'public_key', key])
    const secrets = new Set(['sandbox-secret', 'secret_key', secret])
    for (const path of sources) {
      const text = readFileSync(path, 'utf8')
      for (const match of text.matchAll(/\b(\w*key|\w*secret)\s*[:=]\s*['"`]([^'"`\n]{1,200})['"`]/gi)) {
        const [, name, value] = match
        if (/secret/i.test(name!)) secrets.add(value!)
        else keys.add(value!)
      }
    }
    expect(keys.size).toBeGreaterThan(3)
    expect(secrets.size).toBeGreaterThan(3)
    // node:crypto for speed (hundreds of pairs); the same HMAC as computeHash, checked on one pair.
    const hmac = (candidateKey: string, candidateSecret: string) => createHmac('sha256', candidateSecret).update(candidateKey).digest('hex')
    expect(hmac(key, secret)).toBe(hash)
    const hashes = new Set<string>()
    for (const candidateKey of keys) for (const candidateSecret of secrets) hashes.add(hmac(candidateKey, candidateSecret))

    const fixtures = filesUnder(join(root, 'fixtures'))
    expect(fixtures.length).toBeGreaterThan(10)
    const longSecrets = [...secrets].filter((candidate) => candidate.length >= 8)
    for (const path of fixtures) {
      const text = readFileSync(path, 'utf8')
      const where = relative(root, path)
      expect(text, `${where}: a 64-hex string (a hash?); write {{hash}}`).not.toMatch(/(?<![0-9a-f])[0-9a-f]{64}(?![0-9a-f])/i)
      // A hash can only hide in a hex run of 64 or more characters.
      for (const [run] of text.toLowerCase().matchAll(/[0-9a-f]{64,}/g)) {
        for (const candidate of hashes) expect(run.includes(candidate), `${where}: holds a test hash`).toBe(false)
      }
      for (const candidate of longSecrets) expect(text.includes(candidate), `${where}: holds the secret ${candidate}`).toBe(false)
    }
  })
})

describe('errors, hook events and console lines hold no credential, whatever the server echoes', () => {
  const events: unknown[] = []
  const hooks: ClientHooks = {
    onRequest: (event) => void events.push(event),
    onResponse: (event) => void events.push(event),
    onRetry: (event) => void events.push(event),
    onError: (event) => void events.push(event),
  }
  const consoleLines: unknown[][] = []
  const consoleMethods = ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const

  beforeAll(() => {
    for (const method of consoleMethods) vi.spyOn(console, method).mockImplementation((...args: unknown[]) => void consoleLines.push(args))
  })
  afterAll(() => {
    vi.restoreAllMocks()
  })

  type Echo = (body: string, request: Request) => Response | Promise<Response>
  const deepCause = (body: string) => {
    let error: Error = new Error(`bottom: ${body}`)
    for (let depth = 0; depth < 7; depth++) error = new Error(`level ${depth}`, { cause: error })
    return error
  }
  const throwing = (make: (body: string, request: Request) => unknown): Echo => (body, request) => Promise.reject(make(body, request))
  const hangs: Echo = () => new Promise(() => {})
  // Each way a server or a fetch can hand the request back.
  const echoes: [string, Echo, Partial<ClientSettings>?][] = [
    ['the hash where an id should be (schema messages quote values)', () => new Response(JSON.stringify({ response: { status: { code: 200 }, contact: { id: hash }, contacts: hash } }), { status: 200 })],
    ['an HTML page under HTTP 200', (body) => new Response(`<html><pre>${body}</pre></html>`, { status: 200 })],
    ['an HTML page under HTTP 502 (retried, then an ApiError)', (body) => new Response(`<html>${body}</html>`, { status: 502, headers: { 'retry-after': '0' } })],
    ['the hash as the reason phrase', () => new Response('<html/>', { status: 500, statusText: hash })],
    ['the hash in upper case', (body) => new Response(`<html>${body.toUpperCase()}</html>`, { status: 200 })],
    ['the hash as the provider message (JSON)', (body) => new Response(JSON.stringify({ response: { status: { code: 401, message: `bad ${body}` } } }), { status: 401 })],
    ['the hash as the provider message (XML)', (body) => new Response(`<response><status><code>401</code><message><![CDATA[bad ${body}]]></message></status></response>`, { status: 401 })],
    ['the hash as an XML element name (parser messages quote names)', () => new Response(`<response><status><code>200</code></status><a${hash}><b></response>`, { status: 200 })],
    ['a body over maxResponseBytes that starts with the hash', () => new Response(`${hash}${'x'.repeat(5000)}`, { status: 200 }), { maxResponseBytes: 1000 }],
    ['fetch throws an Error quoting the body', throwing((body) => new Error(`failed to send ${body}`))],
    ['fetch throws with the body deep in the cause chain', throwing((body) => deepCause(body))],
    ['fetch throws an AggregateError holding the body', throwing((body) => new AggregateError([new Error(body)], 'all attempts failed'))],
    ['fetch throws a string', throwing((body) => `raw ${body}`)],
    ['fetch throws an object holding the Request', throwing((_body, request) => Object.assign(new Error('failed'), { request }))],
    ['fetch throws an object with the body in a property', throwing((body) => Object.assign(new Error('failed'), { sent: { body } }))],
    ['no answer before the timeout', hangs, { timeout: 30 }],
  ]

  function echoingFetch(echo: Echo): typeof globalThis.fetch {
    return (async (input: RequestInfo | URL, init?: RequestInit) => {
      const request = input instanceof Request ? input : new Request(input, init)
      return echo(await request.clone().text(), request)
    }) as typeof globalThis.fetch
  }

  describe.each(['json', 'xml'] as const)('%s', (format) => {
    test.each(echoes)('%s', async (label, echo, options) => {
      const client = createClient({ key, secret, format, hooks, retry: 1, fetch: echoingFetch(echo), ...options })
      // Three reads of different shapes: a list, a contact, a page of contacts.
      const calls = [client.senders.list(), client.contacts.get(1), client.contacts.search({ key: 'ayşe' })]
      const outcomes = await Promise.allSettled(calls)
      const errors = outcomes.flatMap((outcome) => (outcome.status === 'rejected' ? [outcome.reason as unknown] : []))
      // A shape one read cannot use may be an empty list to another (no senders is `[]`): at least one fails.
      expect(errors.length, label).toBeGreaterThan(0)
      for (const error of errors) {
        expect(error, label).toBeInstanceOf(IletiMerkeziError)
        expectNoCredential(error, `${format}, ${label}`)
      }
    })

    test('an abort whose reason quotes the hash', async () => {
      const fetch = echoingFetch(hangs)
      const client = createClient({ key, secret, format, hooks, fetch })
      const controller = new AbortController()
      const call = client.contacts.get(1, { signal: controller.signal })
      setTimeout(() => controller.abort(new Error(`stop ${hash}`)), 10)
      const error = await call.catch((caught: unknown) => caught)
      expect(error).toMatchObject({ name: 'AbortError' })
      expectNoCredential(error, 'abort')
    })

    test('input refused, with the secret given to the client', async () => {
      const client = createClient({ key, secret, format, hooks, fetch: echoingFetch(hangs) })
      const error = await client.contacts.search({ key: hash.slice(0, 2) }).catch((caught: unknown) => caught)
      expect(error).toBeInstanceOf(ValidationError)
      expectNoCredential(error, 'input refused')
    })
  })

  test('createClient errors never quote the secret or the hash', () => {
    const refused: Partial<ClientSettings & { hash: string }>[] = [
      { format: 'soap' as never },
      { hash },
      { timeout: -1 },
      { baseUrl: `http://example.com/${secret}` },
      { baseUrl: `https://user:${secret}@api.iletimerkezi.com/v1` },
      { hooks: { onRequest: secret } as never },
      { fetch: secret as never },
    ]
    for (const options of refused) {
      const thrown = thrownBy(() => createClient({ key, secret, ...options } as never))
      expect(thrown, JSON.stringify(Object.keys(options))).toBeInstanceOf(ValidationError)
      expectNoCredential(thrown, `createClient ${Object.keys(options).join()}`)
    }
  })

  test('every hook event of all the calls above, and every console line, is free of them', () => {
    expect(events.length).toBeGreaterThan(50)
    for (const event of events) expectNoCredential(event, `hook event ${JSON.stringify(Object.keys(event as object))}`)
    expectNoCredential(consoleLines, 'console')
  })
})

describe('baseUrl: https, or http to loopback only', () => {
  test.each([
    'http://api.iletimerkezi.com/v1',
    'http://10.0.0.1/v1',
    'http://192.168.1.1/v1',
    'http://127.0.0.1.example.com/v1',
    'http://localhost.example.com/v1',
    'http://[::2]/v1',
    'http://0.0.0.0/v1',
    'ftp://127.0.0.1/v1',
    'file:///etc/passwd',
    'https://user:password@api.iletimerkezi.com/v1',
    'http://127.0.0.1:80@example.com/v1',
  ])('%s is refused', (baseUrl) => {
    expect(() => createClient({ key, secret, baseUrl })).toThrow(ValidationError)
  })

  test.each(['https://api.iletimerkezi.com/v1', 'http://localhost:8080/v1', 'http://127.0.0.1/v1', 'http://127.255.0.9:1/v1', 'http://[::1]:9/v1', 'HTTP://LOCALHOST/v1'])(
    '%s is accepted',
    (baseUrl) => {
      expect(() => createClient({ key, secret, baseUrl })).not.toThrow()
    },
  )
})
