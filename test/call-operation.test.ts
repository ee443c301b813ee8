// One call's promises, at the seam every resource uses (createCallOperation): only this library's
// errors leave a call, with no credential in them; the operation table's rules (formats, loaders,
// the base URL); what a timeout after retries says; and the caller's signal ending the call.
import { describe, expect, test } from 'vitest'
import { EncodeFailure } from '../src/codec/codec.js'
import { createCallOperation } from '../src/client/call-operation.js'
import { clientOptionsSchema, type ClientOptions } from '../src/client/client-options.js'
import { AbortError, IletiMerkeziError, NetworkError, TimeoutError, ValidationError, type Format } from '../src/index.js'
import { getSender } from '../src/operations/index.js'
import { validate } from '../src/schemas/validate.js'

const key = 'call-operation-key'
const secret = 'call-operation-secret-4f1d2c'
const sendersAnswer = '{"response":{"status":{"code":200,"message":"İşlem başarılı"},"senders":{"sender":["eMarka"]}}}'

interface Sent {
  url: string
}

function caller(options: Partial<ClientOptions> = {}, answer: (sent: Sent[], init: RequestInit) => Promise<Response> = async () => new Response(sendersAnswer)) {
  const sent: Sent[] = []
  const fetch = (async (url: string | URL | Request, init?: RequestInit) => {
    sent.push({ url: String(url) })
    return answer(sent, init ?? {})
  }) as typeof globalThis.fetch
  const call = createCallOperation(validate(clientOptionsSchema, { key, secret, format: 'json', fetch, ...options }, {}))
  return { call, sent }
}

// A fetch that answers only when its request is aborted, with the abort's reason.
const hanging = (_: Sent[], init: RequestInit) =>
  new Promise<Response>((_resolve, reject) => init.signal?.addEventListener('abort', () => reject(init.signal!.reason), { once: true }))

async function failureOf(promise: Promise<unknown>): Promise<IletiMerkeziError> {
  const outcome = await promise.then(
    () => undefined,
    (error: unknown) => error,
  )
  expect(outcome).toBeInstanceOf(IletiMerkeziError)
  return outcome as IletiMerkeziError
}

const mentionsSecret = (error: unknown) => JSON.stringify({ message: String((error as Error).message), cause: String((error as { cause?: unknown }).cause) }).includes(secret)

describe('only the library’s own errors leave a call', () => {
  test('a failure of our own code (not a typed error) is an IletiMerkeziError naming the call, its cause with the secret cut out', async () => {
    const { call, sent } = caller()
    const broken = { ...getSender, request: () => { throw new TypeError(`cannot read the order of ${secret}`) } }
    const error = await failureOf(call(broken, undefined, undefined))
    expect(error.constructor).toBe(IletiMerkeziError)
    expect(error.message).toBe('the call failed unexpectedly')
    expect(error).toMatchObject({ operation: 'get-sender', format: 'json' })
    expect(error.cause).toBeInstanceOf(Error)
    expect(String((error.cause as Error).message)).toContain('cannot read the order of')
    expect(mentionsSecret(error)).toBe(false)
    expect(sent).toEqual([])
  })

  test('an operation module that fails to load: the same, with the client’s format', async () => {
    const { call } = caller()
    const error = await failureOf(call(() => Promise.reject(new Error(`chunk failed for ${secret}`)), undefined, undefined))
    expect(error.constructor).toBe(IletiMerkeziError)
    expect(error.format).toBe('json')
    expect(mentionsSecret(error)).toBe(false)
    // A client given the hash, not the secret, has no secret to cut out.
    const hashed = createCallOperation(validate(clientOptionsSchema, { key, hash: 'a'.repeat(64), format: 'json', fetch: async () => new Response(sendersAnswer) }, {}))
    const plain = await failureOf(hashed(() => Promise.reject(new Error('chunk failed')), undefined, undefined))
    expect(plain.constructor).toBe(IletiMerkeziError)
    expect((plain.cause as Error).message).toBe('chunk failed')
  })

  test('a network failure that quotes the secret does not carry it', async () => {
    const { call } = caller({ retry: 0 }, async () => {
      throw new Error(`connect ECONNREFUSED while sending ${secret}`)
    })
    const error = await failureOf(call(getSender, undefined, undefined))
    expect(error).toBeInstanceOf(NetworkError)
    expect(error.message).toContain('ECONNREFUSED')
    expect(mentionsSecret(error)).toBe(false)
  })

  test('a request the codec cannot write is a ValidationError saying why, nothing sent; another failure is not', async () => {
    const { call, sent } = caller()
    const unwritable = { ...getSender, request: () => { throw new EncodeFailure('text holds a character XML cannot carry') } }
    const error = await failureOf(call(unwritable, undefined, undefined))
    expect(error).toBeInstanceOf(ValidationError)
    expect((error as ValidationError).issues).toEqual([{ path: '', message: 'text holds a character XML cannot carry' }])
    expect(error.operation).toBe('get-sender')
    expect(sent).toEqual([])
  })
})

describe('the operation table’s rules', () => {
  test('an endpoint the provider offers in other formats only is refused before anything is sent', async () => {
    const { call, sent } = caller({ format: 'xml' })
    const jsonOnly = { ...getSender, formats: ['json'] as Format[] }
    const error = await failureOf(call(jsonOnly, undefined, undefined))
    expect(error).toBeInstanceOf(ValidationError)
    expect((error as ValidationError).issues).toEqual([{ path: '', message: 'get-sender is offered by the provider in json only; this client uses xml' }])
    expect(error).toMatchObject({ operation: 'get-sender', format: 'xml' })
    const elsewhere = await failureOf(call({ ...getSender, formats: ['json', 'soap'] as unknown as Format[] }, undefined, undefined))
    expect(elsewhere.message).toContain('in json or soap only')
    expect(sent).toEqual([])
    // Offered in this client's format: sent.
    await call({ ...getSender, formats: ['json', 'xml'] as Format[] }, undefined, undefined).catch(() => undefined)
    expect(sent).toHaveLength(1)
  })

  test('an operation module is loaded once, however many calls use it', async () => {
    const { call } = caller()
    let loads = 0
    const loader = async () => {
      loads++
      return getSender
    }
    expect(await call(loader, undefined, undefined)).toEqual(['eMarka'])
    expect(await call(loader, undefined, undefined)).toEqual(['eMarka'])
    expect(loads).toBe(1)
  })

  test('each format’s content type goes out with the body', async () => {
    const types: (string | null)[] = []
    for (const format of ['json', 'xml'] as const) {
      const { call } = caller({ format }, async (_, init) => {
        types.push(new Headers(init.headers).get('content-type'))
        return new Response(format === 'json' ? sendersAnswer : '<response><status><code>200</code></status><senders><sender>eMarka</sender></senders></response>')
      })
      expect(await call(getSender, undefined, undefined)).toEqual(['eMarka'])
    }
    expect(types).toEqual(['application/json', 'text/xml; charset=UTF-8'])
  })

  test('trailing slashes of the base URL are dropped, however many', async () => {
    const { call, sent } = caller({ baseUrl: 'https://box.test//' })
    await call(getSender, undefined, undefined)
    expect(sent).toEqual([{ url: 'https://box.test/get-sender/json' }])
  })
})

describe('timeouts and the caller’s signal', () => {
  test('a timeout after retries says each attempt’s wait and each pause, and keeps the call’s context', async () => {
    const { call, sent } = caller({ timeout: 40, retry: 2 }, hanging)
    const error = await failureOf(call(getSender, undefined, undefined))
    expect(error).toBeInstanceOf(TimeoutError)
    expect(error.message).toMatch(/^no answer within 40 ms after 3 attempts \(they waited \d+, \d+, \d+ ms, with pauses of \d+, \d+ ms between them\)$/)
    for (const waited of /waited (\d+), (\d+), (\d+) ms/.exec(error.message)!.slice(1)) expect(Number(waited)).toBeGreaterThanOrEqual(39)
    expect(error).toMatchObject({ operation: 'get-sender', format: 'json', url: 'https://api.iletimerkezi.com/v1/get-sender/json' })
    expect(error.cause).toBeInstanceOf(TimeoutError)
    expect(sent).toHaveLength(3)
  })

  test('one attempt that times out says so plainly', async () => {
    const { call } = caller({ timeout: 40, retry: 0 }, hanging)
    const error = await failureOf(call(getSender, undefined, undefined))
    expect(error).toBeInstanceOf(TimeoutError)
    expect(error.message).not.toContain('attempts')
  })

  test('timeout 0 is no timeout: a slow answer is taken', async () => {
    const { call } = caller({ timeout: 0 }, async () => {
      await new Promise((resolve) => setTimeout(resolve, 30))
      return new Response(sendersAnswer)
    })
    expect(await call(getSender, undefined, undefined)).toEqual(['eMarka'])
  })

  test('the caller’s own AbortSignal.timeout ends the call: no retry', async () => {
    const { call, sent } = caller({ retry: 3 }, hanging)
    const error = await failureOf(call(getSender, undefined, { signal: AbortSignal.timeout(40) }))
    expect(error).toBeInstanceOf(TimeoutError)
    expect(sent).toHaveLength(1)
  })

  test('aborted in the pause before a retry: an AbortError naming the call and its URL', async () => {
    const controller = new AbortController()
    const { call, sent } = caller(
      { retry: 3, baseUrl: 'https://box.test', hooks: { onRetry: () => controller.abort() } },
      async () => new Response('busy', { status: 503 }),
    )
    const error = await failureOf(call(getSender, undefined, { signal: controller.signal }))
    expect(error).toBeInstanceOf(AbortError)
    expect(error).toMatchObject({ operation: 'get-sender', format: 'json', url: 'https://box.test/get-sender/json' })
    expect(sent).toHaveLength(1)
  })
})

test('hooks are told how long an attempt and a failed call took, in milliseconds from their start', async () => {
  const durations: Record<string, number[]> = { onResponse: [], onError: [] }
  const hooks = {
    onResponse: (event: { durationMs: number }) => void durations.onResponse!.push(event.durationMs),
    onError: (event: { durationMs: number }) => void durations.onError!.push(event.durationMs),
  }
  await caller({ hooks }).call(getSender, undefined, undefined)
  await caller({ hooks, retry: 0 }, async () => new Response('gone', { status: 500 })).call(getSender, undefined, undefined).catch(() => undefined)
  expect(durations.onResponse).toHaveLength(2)
  expect(durations.onError).toHaveLength(1)
  for (const ms of [...durations.onResponse!, ...durations.onError!]) {
    expect(ms).toBeGreaterThanOrEqual(0)
    expect(ms).toBeLessThan(10_000)
  }
})
