// The sandbox's guard against web pages (issue 24, item 5), rule by rule, without a server: each case is one
// request's headers and the port it came in on. test/sandbox-web-pages.test.ts sends the same attacks over HTTP.
import type { IncomingMessage, ServerResponse } from 'node:http'
import { describe, expect, test } from 'vitest'
import { ValidationError } from '../src/index.js'
import { readAllowedHosts, webPageGuard, type AllowedHosts } from '../src/testing/sandbox/web-page-guard.js'
import { thrownBy } from './support/outcomes.js'

const localPort = 4010

interface Written {
  status?: number
  headers?: Record<string, string>
  body?: string
}

// Runs the guard on one request; says whether it refused and what it wrote.
function guard(headers: Record<string, string>, allowedHosts: AllowedHosts = []): { refused: boolean; written: Written } {
  const written: Written = {}
  const request = { headers, socket: { localPort } } as unknown as IncomingMessage
  const response = {
    writeHead(status: number, sent: Record<string, string>) {
      written.status = status
      written.headers = sent
      return this
    },
    end(body: string) {
      written.body = body
      return this
    },
  } as unknown as ServerResponse
  return { refused: webPageGuard(allowedHosts)(request, response), written }
}

const refusedFor = (headers: Record<string, string>, allowedHosts?: AllowedHosts) => guard(headers, allowedHosts).refused

describe('readAllowedHosts', () => {
  test('none given is none; true is any Host; names are lower-cased', () => {
    expect(readAllowedHosts(undefined)).toEqual([])
    expect(readAllowedHosts(true)).toBe(true)
    expect(readAllowedHosts([])).toEqual([])
    expect(readAllowedHosts(['Sandbox.Internal', 'box-2.lan'])).toEqual(['sandbox.internal', 'box-2.lan'])
  })

  test.each([false, 'sandbox.internal', [1], ['ok.lan', 'with:port'], ['http://scheme.lan'], ['a b'], [''], {}, null])('%j is refused, naming allowedHosts', (value) => {
    const thrown = thrownBy(() => readAllowedHosts(value))
    expect(thrown).toBeInstanceOf(ValidationError)
    expect((thrown as ValidationError).issues).toEqual([{ path: 'allowedHosts', message: expect.stringContaining('must be true or an array of host names') }])
  })
})

describe('Host', () => {
  test.each(['localhost', 'LOCALHOST', 'app.localhost', '127.0.0.1', '127.9.8.7', '[::1]'])('the loopback name %s with the port it came in on is answered', (host) => {
    expect(refusedFor({ host: `${host}:${localPort}` })).toBe(false)
  })

  test('no Host at all (no browser omits it) is answered', () => {
    expect(refusedFor({})).toBe(false)
  })

  test.each([`localhost:${localPort + 1}`, 'localhost', '127.0.0.1:80', `[::1]:${localPort + 1}`])('a loopback name with another port (%s) was meant for another server: refused', (host) => {
    expect(refusedFor({ host })).toBe(true)
  })

  test.each([
    `evil.example:${localPort}`,
    `localhost.evil.example:${localPort}`,
    `127.0.0.1.evil.example:${localPort}`,
    `128.0.0.1:${localPort}`,
    `10.0.0.1:${localPort}`,
    `[::2]:${localPort}`,
    `0.0.0.0:${localPort}`,
    `localhost:${localPort}:1`,
    `[::1:${localPort}`,
    ':80',
    '',
  ])('%j is refused', (host) => {
    expect(refusedFor({ host })).toBe(true)
  })

  test('an allowed name is answered on any port (behind a proxy), its case ignored; others still refused', () => {
    expect(refusedFor({ host: 'sandbox.internal:443' }, ['sandbox.internal'])).toBe(false)
    expect(refusedFor({ host: 'Sandbox.Internal' }, ['sandbox.internal'])).toBe(false)
    expect(refusedFor({ host: 'other.internal' }, ['sandbox.internal'])).toBe(true)
    expect(refusedFor({ host: `localhost:${localPort + 1}` }, ['sandbox.internal'])).toBe(true)
  })

  test('true answers any Host, but a loopback name on another port is still another server', () => {
    expect(refusedFor({ host: 'evil.example:1234' }, true)).toBe(false)
    expect(refusedFor({ host: `localhost:${localPort + 1}` }, true)).toBe(true)
  })
})

describe('Origin and Sec-Fetch-Site', () => {
  const host = `127.0.0.1:${localPort}`

  test.each(['http://localhost:3000', 'https://LOCALHOST', 'http://127.0.0.1:5173', 'http://[::1]:8080', 'http://app.localhost'])('a page on a loopback origin (%s) is answered', (origin) => {
    expect(refusedFor({ host, origin })).toBe(false)
  })

  test.each(['http://evil.example', 'https://evil.example:443', 'null', 'file:///home/dev/page.html', 'ftp://localhost', 'not a url', ''])('a page whose origin is %j is refused', (origin) => {
    expect(refusedFor({ host, origin })).toBe(true)
  })

  test('an allowed name is an allowed origin; true opens the Host check only', () => {
    expect(refusedFor({ host, origin: 'https://sandbox.internal' }, ['sandbox.internal'])).toBe(false)
    expect(refusedFor({ host, origin: 'https://evil.example' }, ['sandbox.internal'])).toBe(true)
    expect(refusedFor({ host, origin: 'https://evil.example' }, true)).toBe(true)
    expect(refusedFor({ host, origin: 'http://localhost' }, true)).toBe(false)
  })

  test.each(['same-origin', 'same-site', 'none'])('Sec-Fetch-Site: %s is answered; cross-site is refused', (site) => {
    expect(refusedFor({ host, 'sec-fetch-site': site })).toBe(false)
    expect(refusedFor({ host, 'sec-fetch-site': 'cross-site' })).toBe(true)
  })
})

test('a refusal is a 403 that says why in plain text, its length exact, and closes the connection; an answered request is left alone', () => {
  const { refused, written } = guard({ host: 'evil.example' })
  expect(refused).toBe(true)
  expect(written.status).toBe(403)
  expect(written.body).toMatch(/^Forbidden: the iletimerkezi sandbox answers only requests addressed to a loopback host .*startSandbox\(\{ allowedHosts \}\)\.\n$/)
  expect(written.headers).toEqual({ 'content-type': 'text/plain; charset=utf-8', 'content-length': String(Buffer.byteLength(written.body!)), connection: 'close' })

  const answered = guard({ host: `localhost:${localPort}` })
  expect(answered).toEqual({ refused: false, written: {} })
})
