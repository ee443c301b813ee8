// Issue 24, item 5: a web page the developer has open must not write into a running sandbox, neither
// by DNS rebinding (Host: evil.example:<port>) nor by a cross-site "simple" request (Origin, or
// Sec-Fetch-Site). Raw HTTP requests, each header as a browser would send it.
import { request as httpRequest, type OutgoingHttpHeaders } from 'node:http'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { runContractCommand } from '../src/cli/contract-commands.js'
import { AuthenticationError, createClient, ValidationError } from '../src/index.js'
import { startSandbox, type Sandbox } from '../src/testing/index.js'

interface Answer {
  status: number
  body: string
}

// One request to the sandbox's socket on 127.0.0.1, with exactly the headers given (Host included).
function rawRequest(sandbox: Sandbox, path: string, { method = 'POST', headers = {}, body = '' }: { method?: string; headers?: OutgoingHttpHeaders; body?: string } = {}): Promise<Answer> {
  const { port } = new URL(sandbox.url)
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest({ host: '127.0.0.1', port, path, method, headers: { 'content-length': Buffer.byteLength(body), ...headers }, agent: false }, (response) => {
      const chunks: Buffer[] = []
      response.on('data', (chunk: Buffer) => chunks.push(chunk))
      response.on('end', () => resolve({ status: response.statusCode!, body: Buffer.concat(chunks).toString('utf8') }))
    })
    outgoing.on('error', reject)
    outgoing.end(body)
  })
}

const addContactBody = (sandbox: Sandbox, name: string) =>
  JSON.stringify({ request: { authentication: { key: sandbox.key, hash: sandbox.hash }, contact: { name, gsm: '05321112233' } } })

let sandbox: Sandbox
let port: string
const contactNames = () => [...sandbox.store.contacts.values()].map((contact) => contact.name)

beforeAll(async () => {
  sandbox = await startSandbox()
  port = new URL(sandbox.url).port
})
afterAll(() => sandbox.close())

describe('requests a web page could make are refused with 403, and nothing is stored or logged', () => {
  const refused = [
    { name: 'DNS rebinding: Host evil.example with the sandbox port', headers: () => ({ host: `evil.example:${port}`, 'content-type': 'text/plain' }) },
    { name: 'a cross-site text/plain POST: Origin http://evil.example', headers: () => ({ host: `127.0.0.1:${port}`, origin: 'http://evil.example', 'content-type': 'text/plain' }) },
    { name: 'both at once', headers: () => ({ host: `evil.example:${port}`, origin: 'http://evil.example', 'content-type': 'text/plain' }) },
    { name: 'an opaque Origin (null: a sandboxed frame, a file)', headers: () => ({ host: `127.0.0.1:${port}`, origin: 'null' }) },
    { name: 'an Origin that only starts like a loopback one', headers: () => ({ host: `localhost:${port}`, origin: 'http://localhost.evil.example' }) },
    { name: 'Sec-Fetch-Site: cross-site, no Origin', headers: () => ({ host: `127.0.0.1:${port}`, 'sec-fetch-site': 'cross-site' }) },
    { name: 'a loopback name with another port (meant for another server)', headers: () => ({ host: `localhost:${Number(port) + 1}` }) },
    { name: 'a loopback name with no port (port 80)', headers: () => ({ host: 'localhost' }) },
    { name: 'a Host that is not one', headers: () => ({ host: `evil.example:${port}@127.0.0.1` }) },
    { name: 'a public IP address', headers: () => ({ host: `93.184.216.34:${port}` }) },
    { name: 'a rebinding name that ends in a loopback address', headers: () => ({ host: `127.0.0.1.evil.example:${port}` }) },
  ]

  test.each(refused)('$name', async ({ headers }) => {
    const before = { contacts: sandbox.store.contacts.size, requests: sandbox.requests.length }
    const answer = await rawRequest(sandbox, '/v1/add-contact/json', { headers: headers(), body: addContactBody(sandbox, 'Evil Page') })
    expect(answer.status).toBe(403)
    expect(answer.body).toMatch(/^Forbidden: /)
    expect(sandbox.store.contacts.size).toBe(before.contacts)
    expect(contactNames()).not.toContain('Evil Page')
    expect(sandbox.requests.length).toBe(before.requests)
  })

  test('the GET send variant from an <img> on another site sends nothing', async () => {
    const orders = sandbox.store.orders.size
    const query = new URLSearchParams({ key: sandbox.key, hash: sandbox.hash, text: 'Evil', receipents: '05321112233', sender: 'eMarka', iys: '0' })
    const send = (headers: OutgoingHttpHeaders) => rawRequest(sandbox, `/v1/send-sms/get/?${query}`, { method: 'GET', headers: { host: `127.0.0.1:${port}`, ...headers } })
    expect((await send({ 'sec-fetch-site': 'cross-site' })).status).toBe(403)
    expect(sandbox.store.orders.size).toBe(orders)
    // The same request typed into the address bar is the developer's own: it sends.
    expect((await send({ 'sec-fetch-site': 'none' })).status).toBe(200)
    expect(sandbox.store.orders.size).toBe(orders + 1)
  })
})

describe('what is not a web page on another site is served as before', () => {
  const served = [
    { name: 'Host 127.0.0.1 with the port', headers: () => ({ host: `127.0.0.1:${port}` }) },
    { name: 'Host localhost with the port, any case', headers: () => ({ host: `LocalHost:${port}` }) },
    { name: 'Host a.localhost (loopback by definition)', headers: () => ({ host: `app.localhost:${port}` }) },
    { name: 'another 127/8 address', headers: () => ({ host: `127.1.2.3:${port}` }) },
    { name: 'Host [::1]', headers: () => ({ host: `[::1]:${port}` }) },
    { name: 'a page on a loopback origin, same-site', headers: () => ({ host: `localhost:${port}`, origin: 'http://localhost:5173', 'sec-fetch-site': 'same-site' }) },
    { name: 'same-origin fetch', headers: () => ({ host: `127.0.0.1:${port}`, origin: `http://127.0.0.1:${port}`, 'sec-fetch-site': 'same-origin' }) },
    { name: 'typed into the address bar (Sec-Fetch-Site: none)', headers: () => ({ host: `127.0.0.1:${port}`, 'sec-fetch-site': 'none' }) },
  ]

  test.each(served)('$name', async ({ name, headers }) => {
    const answer = await rawRequest(sandbox, '/v1/add-contact/json', { headers: headers(), body: addContactBody(sandbox, name) })
    expect(answer.status).toBe(200)
    expect(contactNames()).toContain(name)
  })

  test('the client in both formats, which sends no Origin', async () => {
    for (const format of ['json', 'xml'] as const) {
      const client = createClient({ baseUrl: sandbox.url, key: sandbox.key, secret: sandbox.secret, format })
      expect(await client.senders.list()).toEqual(['APITEST', 'eMarka'])
    }
  })
})

describe('allowedHosts', () => {
  test('names more hosts (any port, as behind a proxy) for Host and Origin; others still refused', async () => {
    const named = await startSandbox({ allowedHosts: ['Sandbox.Internal'] })
    try {
      const post = (headers: OutgoingHttpHeaders, name: string) => rawRequest(named, '/v1/add-contact/json', { headers, body: addContactBody(named, name) })
      expect((await post({ host: 'sandbox.internal:8080' }, 'proxied')).status).toBe(200)
      expect((await post({ host: 'sandbox.internal', origin: 'https://sandbox.internal' }, 'from its page')).status).toBe(200)
      expect((await post({ host: `evil.example:${new URL(named.url).port}` }, 'rebound')).status).toBe(403)
      expect((await post({ host: 'sandbox.internal', origin: 'http://evil.example' }, 'foreign page')).status).toBe(403)
      expect([...named.store.contacts.values()].map((contact) => contact.name)).toEqual(expect.arrayContaining(['proxied', 'from its page']))
      expect([...named.store.contacts.values()].map((contact) => contact.name)).not.toContain('rebound')
    } finally {
      await named.close()
    }
  })

  test('true answers any Host, but a foreign page is still refused', async () => {
    const open = await startSandbox({ allowedHosts: true })
    try {
      expect((await rawRequest(open, '/v1/add-contact/json', { headers: { host: 'anything.example:1' }, body: addContactBody(open, 'any host') })).status).toBe(200)
      expect((await rawRequest(open, '/v1/add-contact/json', { headers: { host: 'anything.example:1', origin: 'http://evil.example' }, body: addContactBody(open, 'page') })).status).toBe(403)
    } finally {
      await open.close()
    }
  })

  test.each([['not-an-array'], [[1]], [['http://sandbox.internal']], [['host:80']], [false]])('a wrong value (%j) is a ValidationError naming it, before anything listens', async (value) => {
    const error = await startSandbox({ allowedHosts: value as never }).catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(ValidationError)
    expect((error as ValidationError).issues).toEqual([expect.objectContaining({ path: 'allowedHosts' })])
  })
})

test('property: any Host that is neither a loopback name with the port nor allowed is refused, and nothing is stored', async () => {
  const loopback = (host: string) => /^(localhost|[^:]*\.localhost|127\.\d+\.\d+\.\d+|\[::1\])$/i.test(host)
  await fc.assert(
    fc.asyncProperty(fc.domain(), fc.option(fc.integer({ min: 1, max: 65535 }), { nil: undefined }), async (host, hostPort) => {
      fc.pre(!loopback(host))
      const before = sandbox.store.contacts.size
      const answer = await rawRequest(sandbox, '/v1/add-contact/json', {
        headers: { host: hostPort === undefined ? host : `${host}:${hostPort}` },
        body: addContactBody(sandbox, 'property'),
      })
      expect(answer.status).toBe(403)
      expect(sandbox.store.contacts.size).toBe(before)
    }),
    { numRuns: 60 },
  )
})

describe('iletimerkezi sandbox: fresh random credentials at each start unless given, printed', () => {
  // Runs the command in this process; `whileServing` gets the printed variables while it serves.
  async function serveOnce(argv: string[], whileServing: (env: Record<string, string>) => Promise<void>): Promise<Record<string, string>> {
    let out = ''
    let printed: Record<string, string> = {}
    const code = await runContractCommand(['sandbox', ...argv], { env: {}, out: (text) => (out += `${text}\n`), err: () => {} }, async () => {
      printed = Object.fromEntries(out.trim().split('\n').map((line) => /^export (\w+)=(.*)$/.exec(line)!.slice(1, 3) as [string, string]))
      await whileServing(printed)
    })
    expect(code).toBe(0)
    return printed
  }
  const clientFor = (env: Record<string, string>, key = env['ILETIMERKEZI_KEY']!, secret = env['ILETIMERKEZI_SECRET']!) =>
    createClient({ baseUrl: env['ILETIMERKEZI_BASE_URL']!, key, secret, format: 'json' })

  test('two starts print different keys and secrets, which work; the public defaults do not', async () => {
    const starts: Record<string, string>[] = []
    for (let run = 0; run < 2; run++) {
      starts.push(
        await serveOnce([], async (env) => {
          expect(await clientFor(env).senders.list()).toEqual(['APITEST', 'eMarka'])
          await expect(clientFor(env, 'sandbox-key', 'sandbox-secret').senders.list()).rejects.toBeInstanceOf(AuthenticationError)
        }),
      )
    }
    const [first, second] = starts as [Record<string, string>, Record<string, string>]
    expect(Object.keys(first)).toEqual(['ILETIMERKEZI_BASE_URL', 'ILETIMERKEZI_KEY', 'ILETIMERKEZI_SECRET'])
    expect(first['ILETIMERKEZI_KEY']).not.toBe(second['ILETIMERKEZI_KEY'])
    expect(first['ILETIMERKEZI_SECRET']).not.toBe(second['ILETIMERKEZI_SECRET'])
    expect(first['ILETIMERKEZI_SECRET']!.length).toBeGreaterThanOrEqual(32)
  })

  test('--key and --secret given are the ones served and printed', async () => {
    const printed = await serveOnce(['--key', 'my-key', '--secret', 'my-own-secret'], async (env) => {
      expect(await clientFor(env, 'my-key', 'my-own-secret').senders.list()).toEqual(['APITEST', 'eMarka'])
    })
    expect(printed).toMatchObject({ ILETIMERKEZI_KEY: 'my-key', ILETIMERKEZI_SECRET: 'my-own-secret' })
  })
})
