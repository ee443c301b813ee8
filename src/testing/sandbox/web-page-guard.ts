import type { IncomingMessage, ServerResponse } from 'node:http'
import { isIPv4 } from 'node:net'
import { ValidationError } from '../../errors/index.js'

// Why: the sandbox listens on 127.0.0.1, but a web page the developer has open can still reach it.
// A page on evil.example whose name is re-pointed at 127.0.0.1 (DNS rebinding) sends `Host:
// evil.example:<port>`; any page can send a "simple" cross-site POST (text/plain) or a GET (an
// <img>) to http://127.0.0.1:<port>, which carries its `Origin` or `Sec-Fetch-Site: cross-site`.
// Either would store contacts or "send" messages with the public default credentials. The guard
// refuses both, as development servers do, before anything is read or stored.

/**
 * `allowedHosts` of `startSandbox`: more host names it answers to (any port,
 * as behind a proxy), also accepted as a page's `Origin`; or `true` for any
 * `Host` (pages from foreign origins are still refused).
 */
export type AllowedHosts = readonly string[] | true

const refusal = 'Forbidden: the iletimerkezi sandbox answers only requests addressed to a loopback host (localhost, 127.0.0.0/8, [::1]), never a web page on another site. Allow more host names with startSandbox({ allowedHosts }).\n'

/** `allowedHosts` as given, or a `ValidationError` naming it. */
export function readAllowedHosts(value: unknown): AllowedHosts {
  if (value === undefined) return []
  if (value === true) return true
  if (Array.isArray(value) && value.every((name) => typeof name === 'string' && /^[a-z0-9.-]+$/i.test(name))) return value.map((name: string) => name.toLowerCase())
  throw new ValidationError([{ path: 'allowedHosts', message: 'must be true or an array of host names, like "sandbox.internal" (no port, no scheme)' }])
}

const isLoopbackName = (host: string) =>
  host === 'localhost' || host.endsWith('.localhost') || host === '[::1]' || (isIPv4(host) && host.startsWith('127.'))

// `host` and `port` of a Host header (`name:port`, `[v6]:port`), lower-cased; undefined when it is not one.
function splitHost(header: string): { host: string; port: string } | undefined {
  const parts = /^(\[[0-9a-f:.]+\]|[^:[\]]+)(?::(\d{1,5}))?$/i.exec(header)
  return parts === null ? undefined : { host: parts[1]!.toLowerCase(), port: parts[2] ?? '80' }
}

function originHost(origin: string): string | undefined {
  try {
    const url = new URL(origin)
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.hostname.toLowerCase() : undefined
  } catch {
    return undefined
  }
}

/**
 * A check to run on every request before it is read: refuses (403, nothing
 * read or stored, the connection closed) a request whose `Host` is not a
 * loopback name or address with the port it came in on, nor one of
 * `allowedHosts`; one with an `Origin` whose host is neither (an opaque
 * `null` Origin included); and one a browser marks `Sec-Fetch-Site:
 * cross-site`. Returns whether it refused.
 */
export function webPageGuard(allowedHosts: AllowedHosts): (request: IncomingMessage, response: ServerResponse) => boolean {
  const named = (host: string) => isLoopbackName(host) || (allowedHosts !== true && allowedHosts.includes(host))
  const hostAllowed = (header: string | undefined, localPort: number | undefined) => {
    // No Host at all is no browser (they always send one), so no page can be behind it.
    if (header === undefined) return true
    const parts = splitHost(header)
    if (parts === undefined) return false
    // A loopback name with another port was meant for another server; a named host may sit behind a proxy's port.
    return isLoopbackName(parts.host) ? parts.port === String(localPort) : allowedHosts === true || named(parts.host)
  }
  const originAllowed = (origin: string | undefined) => {
    if (origin === undefined) return true
    // `true` opens the Host check only: a page's Origin must still be loopback or named.
    const host = originHost(origin)
    return host !== undefined && named(host)
  }
  return (request, response) => {
    if (
      hostAllowed(request.headers.host, request.socket.localPort) &&
      originAllowed(request.headers.origin) &&
      request.headers['sec-fetch-site'] !== 'cross-site'
    ) {
      return false
    }
    response.writeHead(403, { 'content-type': 'text/plain; charset=utf-8', 'content-length': String(Buffer.byteLength(refusal)), connection: 'close' })
    response.end(refusal)
    return true
  }
}
