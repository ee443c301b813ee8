import { afterEach, describe, expect, test, vi } from 'vitest'
import { AbortError, ApiError, createClient, NetworkError, ProtocolError, TimeoutError, type ClientSettings } from '../src/index.js'
import { inspect } from 'node:util'
import { rejectionOf } from './support/outcomes.js'

// What the transport says when an exchange goes wrong (src/transport/post.ts, read-body.ts): each
// failure its own class and a message that says what happened; bodies read whole across chunks,
// refused over the cap before or while reading. Fetch doubles only: never the network.

afterEach(() => {
  vi.resetModules()
})

function client(fetch: ClientSettings['fetch'], options: Partial<ClientSettings> = {}) {
  return createClient({ key: 'transport-errors-key', secret: 'transport-errors-s3cret', fetch, retry: 0, ...options })
}

const ok = '{"response":{"status":{"code":200},"senders":{"sender":["A"]}}}'

/** A body sent in the given byte chunks. */
function chunked(chunks: Uint8Array[]): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(chunk)
      controller.close()
    },
  })
}

describe('aborts', () => {
  test('a signal aborted before the call: AbortError "before it was sent", and no request', async () => {
    let sent = 0
    const controller = new AbortController()
    controller.abort()
    const error = await rejectionOf(
      client(async () => {
        sent++
        return new Response(ok)
      }).senders.list({ signal: controller.signal }),
    )
    expect(error).toBeInstanceOf(AbortError)
    expect(error.message).toMatch(/^the call was aborted before it was sent/)
    expect(sent).toBe(0)
  })

  test('an abort while ky is still loading: the same, and nothing sent', async () => {
    const { post } = await import('../src/transport/post.js')
    const controller = new AbortController()
    let sent = 0
    const pending = post({
      url: 'http://127.0.0.1:9/v1/get-sender/json',
      body: '{}',
      contentType: 'application/json',
      timeout: 0,
      maxResponseBytes: 1024,
      signal: controller.signal,
      fetch: async () => {
        sent++
        return new Response(ok)
      },
      context: { operation: 'get-sender', format: 'json' },
      secrets: [],
    })
    controller.abort()
    await expect(pending).rejects.toMatchObject({ name: 'AbortError', message: expect.stringMatching(/^the call was aborted before it was sent/) })
    expect(sent).toBe(0)
  })

  test('an abort during the call is an AbortError even with no retry left, never a NetworkError', async () => {
    const controller = new AbortController()
    const fetch: ClientSettings['fetch'] = (_input, init) =>
      new Promise((_resolve, reject) => {
        init?.signal?.addEventListener('abort', () => reject(new TypeError('fetch failed')), { once: true })
        setTimeout(() => controller.abort(), 5)
      })
    const error = await rejectionOf(client(fetch).senders.list({ signal: controller.signal }))
    expect(error).toBeInstanceOf(AbortError)
    expect(error.message).toMatch(/^the call was aborted/)
  })

  test("the timeout aborts the attempt's signal with an error as its reason", async () => {
    let reason: unknown
    const fetch: ClientSettings['fetch'] = (_input, init) =>
      new Promise((_resolve, reject) => {
        init?.signal?.addEventListener('abort', () => reject((reason = init.signal!.reason)), { once: true })
      })
    const error = await rejectionOf(client(fetch, { timeout: 20 }).senders.list())
    expect(error).toBeInstanceOf(TimeoutError)
    expect(error.message).toMatch(/^no answer within 20 ms/)
    expect(reason).toBeInstanceOf(Error)
    expect(String((reason as Error).message)).toMatch(/timeout/i)
  })
})

describe('network failures say what failed', () => {
  test('a refused connection: the message names the system code', async () => {
    const refused = new TypeError('fetch failed', { cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' }) })
    const error = await rejectionOf(client(async () => Promise.reject(refused)).senders.list())
    expect(error).toBeInstanceOf(NetworkError)
    expect(error.message).toMatch(/^the request did not complete: fetch failed \(ECONNREFUSED\)/)
  })

  test('a failure with no code says only its message; a thrown string is quoted as it is', async () => {
    const plain = (await rejectionOf(client(async () => Promise.reject(new TypeError('fetch failed'))).senders.list())).message
    expect(plain).toMatch(/^the request did not complete: fetch failed/)
    expect(plain).not.toMatch(/fetch failed\S/)
    expect((await rejectionOf(client(async () => Promise.reject('gone')).senders.list())).message).toMatch(/^the request did not complete: gone/)
  })

  test('an error whose message cannot be read', async () => {
    const odd = new Error('x')
    Object.defineProperty(odd, 'message', {
      get() {
        throw new Error('no')
      },
    })
    const error = await rejectionOf(client(async () => Promise.reject(odd)).senders.list())
    expect(error).toBeInstanceOf(NetworkError)
    expect(error.message).toMatch(/^the request did not complete: an unreadable error/)
  })

  test('a body that breaks off after the headers: the message says while reading which answer', async () => {
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('{"response":'))
        controller.error(new TypeError('terminated'))
      },
    })
    const error = await rejectionOf(client(async () => new Response(body, { status: 502 })).senders.list())
    expect(error).toBeInstanceOf(NetworkError)
    expect(error.message).toMatch(/^the request did not complete while reading the body of an HTTP 502 answer: terminated/)
  })
})

describe('a base URL that holds a credential', () => {
  // A proxy path may carry a token; should it be the hash or the secret, no error says it.
  const credentials = [{ hash: '0123456789abcdef'.repeat(4) }, { secret: 'base-url-s3cret-value' }]
  const failures: Array<[string, ClientSettings['fetch'], Partial<ClientSettings>]> = [
    ['a refused connection', async () => Promise.reject(new TypeError('fetch failed')), {}],
    ['a body that breaks off', async () => new Response(new ReadableStream({ start: (controller) => controller.error(new TypeError('terminated')) })), {}],
    ['no answer within the timeout', (_url, init) => new Promise((_resolve, reject) => init!.signal!.addEventListener('abort', () => reject(new Error('aborted')))), { timeout: 20 }],
  ]

  test.each(failures)('%s: the error names the URL with the credential cut out', async (_name, fetch, options) => {
    for (const credential of credentials) {
      const value = credential.hash ?? credential.secret!
      const baseUrl = `https://proxy.example/${value}/relay`
      const error = await rejectionOf(createClient({ key: 'transport-errors-key', ...credential, baseUrl, fetch, retry: 0, ...options }).senders.list())
      expect(error).toBeInstanceOf(NetworkError)
      const url = (error as NetworkError).url!
      expect(url).toBe('https://proxy.example/[redacted]/relay/get-sender/json')
      for (const text of [url, error.message, inspect(error, { depth: 5 })]) expect(text).not.toContain(value)
    }
  })

  test('hooks, and an abort during the pause before a retry, show it cut out too', async () => {
    for (const credential of credentials) {
      const value = credential.hash ?? credential.secret!
      const events: unknown[] = []
      const controller = new AbortController()
      const busy = async () => new Response('', { status: 503, headers: { 'retry-after': '5' } })
      const record = (event: unknown) => events.push(event)
      const hooks = { onRequest: record, onResponse: record, onError: record, onRetry: (event: unknown) => (record(event), controller.abort()) }
      const settings = { key: 'transport-errors-key', ...credential, baseUrl: `https://proxy.example/${value}/relay`, fetch: busy, retry: 1, hooks }
      const error = await rejectionOf(createClient(settings).senders.list({ signal: controller.signal }))
      expect(error).toBeInstanceOf(AbortError)
      expect((error as AbortError).url).toBe('https://proxy.example/[redacted]/relay/get-sender/json')
      expect(events.map((event) => (event as { url: string }).url)).toEqual(Array(4).fill('https://proxy.example/[redacted]/relay/get-sender/json'))
      expect(inspect([error, events], { depth: 8 })).not.toContain(value)
    }
  })
})

describe('reason phrases', () => {
  test('raw UTF-8 (as the provider writes Turkish) is decoded; bytes that are not UTF-8 are kept', async () => {
    const turkish = String.fromCharCode(...new TextEncoder().encode('Sunucu geçici olarak servis dışı'))
    expect((await rejectionOf(client(async () => new Response('', { status: 503, statusText: turkish })).senders.list())).message).toBe(
      'HTTP 503 Sunucu geçici olarak servis dışı',
    )
    expect((await rejectionOf(client(async () => new Response('', { status: 503, statusText: 'Bad \u00ff\u00fe' })).senders.list())).message).toBe('HTTP 503 Bad \u00ff\u00fe')
    expect((await rejectionOf(client(async () => new Response('', { status: 503, statusText: 'Plain' })).senders.list())).message).toBe('HTTP 503 Plain')
  })
})

describe('bodies', () => {
  test('a body in many chunks is read whole, a character split between chunks included', async () => {
    const bytes = new TextEncoder().encode('{"response":{"status":{"code":200},"senders":{"sender":["ŞİRKET","B"]}}}')
    const cuts = [0, 5, 45, 46, 47, bytes.length]
    const chunks = cuts.slice(1).map((end, index) => bytes.slice(cuts[index], end))
    const senders = await client(async () => new Response(chunked(chunks))).senders.list()
    expect(senders).toEqual(['ŞİRKET', 'B'])
  })

  test('no body at all: read as empty text (a ProtocolError under 200 with an empty snippet, an ApiError under 503)', async () => {
    const empty = (await rejectionOf(client(async () => new Response(null, { status: 200 })).senders.list())) as ProtocolError
    expect(empty).toBeInstanceOf(ProtocolError)
    expect(empty.bodySnippet).toBe('')
    expect(await rejectionOf(client(async () => new Response(null, { status: 503 })).senders.list())).toMatchObject({ name: 'ApiError', code: 503 })
  })

  test('a Content-Length over the cap is refused before reading, even with no body to cancel', async () => {
    const error = (await rejectionOf(
      client(async () => new Response(null, { status: 200, headers: { 'content-length': '2048' } }), { maxResponseBytes: 1024 }).senders.list(),
    )) as ProtocolError
    expect(error).toBeInstanceOf(ProtocolError)
    expect(error.message).toBe('the answer is larger than maxResponseBytes (Content-Length 2048)')
    expect(error.bodySnippet).toBe('')
    expect(error.httpStatus).toBe(200)
  })

  test('a body that passes the cap while streaming: the message says the cap, the snippet is its start', async () => {
    const chunk = new TextEncoder().encode('x'.repeat(700))
    const error = (await rejectionOf(client(async () => new Response(chunked([chunk, chunk])), { maxResponseBytes: 1024 }).senders.list())) as ProtocolError
    expect(error.message).toBe('the answer is larger than maxResponseBytes (more than 1024 bytes)')
    expect(error.bodySnippet).toBe('x'.repeat(200))
  })

  test('an over-size answer under an error status is still a ProtocolError, not retried', async () => {
    let sent = 0
    const fetch: ClientSettings['fetch'] = async () => {
      sent++
      return new Response('y'.repeat(2048), { status: 503 })
    }
    const error = await rejectionOf(client(fetch, { maxResponseBytes: 1024, retry: 2 }).senders.list())
    expect(error).toBeInstanceOf(ProtocolError)
    expect(error).not.toBeInstanceOf(ApiError)
    expect(sent).toBe(1)
  })
})
