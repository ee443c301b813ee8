import { redact } from '../src/errors/redact.js'

/** One HTTP exchange as it went over the wire, credentials cut out. */
export interface Exchange {
  path: string
  status: number
  request: string
  response: string
}

/** A `fetch` for the client's `fetch` option that records every exchange, and a way to collect them. */
export interface WireCapture {
  fetch: typeof globalThis.fetch
  /** The exchanges since the last call, oldest first. */
  take(): Exchange[]
}

/** Records what the client sends and gets; `secrets` (the hash, the secret) never appear in a record. */
export function captureWire(secrets: readonly string[]): WireCapture {
  let exchanges: Exchange[] = []
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const request = new Request(input, init)
    const sent = await request.clone().text()
    const response = await globalThis.fetch(request)
    // A clone to read: the client still gets the whole, unread answer.
    const received = await response.clone().text()
    exchanges.push({ path: new URL(request.url).pathname, status: response.status, request: redact(sent, secrets), response: redact(received, secrets) })
    return response
  }
  return {
    fetch,
    take: () => {
      const taken = exchanges
      exchanges = []
      return taken
    },
  }
}
