// Errors keep what the user needs: every problem of createClient's options at once (an unknown option
// named), the caller's abort reason, AbortSignal.timeout() as a TimeoutError, the attempts behind a
// timeout after retries, the URL a network error was calling, a sendAt in the past refused.
// Calls go to an injected fetch: nothing touches the network.
import { describe, expect, test } from 'vitest'
import { AbortError, createClient, NetworkError, TimeoutError, ValidationError, type ClientSettings } from '../src/index.js'
import { rejectionOf } from './support/outcomes.js'

const credentials = { key: 'detail-key', secret: 'detail-secret-value' }

// A fetch that never answers, until its signal aborts.
const silent: typeof globalThis.fetch = (_input, init) =>
  new Promise((_resolve, reject) => init?.signal?.addEventListener('abort', () => reject(init.signal!.reason), { once: true }))

const okSenders: typeof globalThis.fetch = async () =>
  new Response(JSON.stringify({ response: { status: { code: 200, message: 'İşlem başarılı' }, senders: { sender: ['eMarka'] } } }), { headers: { 'content-type': 'application/json' } })

function client(fetch: typeof globalThis.fetch, options: Partial<ClientSettings> = {}) {
  return createClient({ ...credentials, fetch, ...options })
}

function thrownBy(make: () => unknown): ValidationError {
  try {
    make()
  } catch (error) {
    if (error instanceof ValidationError) return error
    throw error
  }
  throw new Error('expected a ValidationError')
}

describe('createClient names what is wrong, all of it at once', () => {
  test('{} says the key is missing and that a secret or hash is needed', () => {
    const error = thrownBy(() => createClient({} as never))
    expect(error.issues).toEqual([
      { path: 'key', message: 'is missing' },
      { path: '', message: 'give secret (or hash): one of them is needed besides key' },
    ])
    expect(error.message).toBe('key: is missing; give secret (or hash): one of them is needed besides key')
    expect(error.message).not.toContain('options object')
  })

  test('an unknown option is refused at run time, by name, beside the other problems', () => {
    const error = thrownBy(() => createClient({ key: '', secret: 's', timout: 5000, retry: -1 } as never))
    expect(error.issues.map((issue) => issue.path)).toEqual(['timout', 'key', 'retry'])
    expect(error.issues[0]!.message).toMatch(/^unknown option \(the options are key, secret, hash, format, baseUrl, timeout, /)
  })

  test('both secret and hash', () => {
    expect(thrownBy(() => createClient({ key: 'k', secret: 's', hash: 'h' } as never)).issues).toEqual([{ path: '', message: 'give either secret or hash, not both' }])
  })

  test('something that is not an object', () => {
    expect(thrownBy(() => createClient('key' as never)).message).toBe('expected an options object such as { key, secret }')
  })
})

describe('aborts and timeouts', () => {
  test("an abort keeps the caller's reason as cause", async () => {
    const controller = new AbortController()
    const reason = new Error('the user left the page')
    const pending = client(silent).senders.list({ signal: controller.signal })
    setTimeout(() => controller.abort(reason), 20)
    const error = await rejectionOf(pending)
    expect(error).toBeInstanceOf(AbortError)
    expect((error as AbortError).cause).toBe(reason)
  })

  test('an abort before the call keeps the reason too', async () => {
    const reason = new Error('not needed any more')
    const error = await rejectionOf(client(silent).senders.list({ signal: AbortSignal.abort(reason) }))
    expect(error).toBeInstanceOf(AbortError)
    expect((error as AbortError).cause).toBe(reason)
  })

  test('AbortSignal.timeout() firing is a TimeoutError, with its reason as cause, and is not retried', async () => {
    let calls = 0
    const counting: typeof globalThis.fetch = (input, init) => {
      calls++
      return silent(input, init)
    }
    const error = await rejectionOf(client(counting, { retry: 2, timeout: 0 }).senders.list({ signal: AbortSignal.timeout(30) }))
    expect(error).toBeInstanceOf(TimeoutError)
    expect(error).not.toBeInstanceOf(AbortError)
    // On a busy machine the signal may fire before the request goes out: then nothing is sent at all.
    expect((error as TimeoutError).message).toMatch(/^the call's signal timed out( before it was sent)?$/)
    expect(((error as TimeoutError).cause as DOMException).name).toBe('TimeoutError')
    expect(calls).toBeLessThanOrEqual(1)
  })

  test('a timeout after retries says how many attempts were made and how long each waited', async () => {
    const error = await rejectionOf(client(silent, { retry: 2, timeout: 40 }).senders.list())
    expect(error).toBeInstanceOf(TimeoutError)
    expect((error as TimeoutError).message).toMatch(/^no answer within 40 ms after 3 attempts \(they waited \d+, \d+, \d+ ms, with pauses of \d+, \d+ ms between them\)$/)
    expect((error as TimeoutError).cause).toBeInstanceOf(TimeoutError)
  })

  test('a timeout with no retry keeps its short message', async () => {
    const error = await rejectionOf(client(silent, { retry: 0, timeout: 30 }).senders.list())
    expect((error as TimeoutError).message).toBe('no answer within 30 ms')
  })
})

describe('NetworkError says which URL it was calling, with no credential in it', () => {
  test.each(['json', 'xml'] as const)('%s', async (format) => {
    const refused: typeof globalThis.fetch = async () => {
      throw new TypeError('fetch failed', { cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }) })
    }
    const error = await rejectionOf(client(refused, { format, retry: 0, baseUrl: 'https://sms.example.com/v1/' }).senders.list())
    expect(error).toBeInstanceOf(NetworkError)
    expect((error as NetworkError).url).toBe(format === 'json' ? 'https://sms.example.com/v1/get-sender/json' : 'https://sms.example.com/v1/get-sender')
    expect(JSON.stringify({ ...(error as NetworkError) })).not.toContain(credentials.secret)
  })

  test('a timeout is a NetworkError with the URL too', async () => {
    const error = await rejectionOf(client(silent, { retry: 0, timeout: 20 }).senders.list())
    expect((error as TimeoutError).url).toBe('https://api.iletimerkezi.com/v1/get-sender/json')
  })
})

describe('a sendAt in the past is refused before sending (457), with a margin for clock skew', () => {
  const minutes = (count: number) => new Date(Date.now() + count * 60_000)
  let sent = 0
  const accepting: typeof globalThis.fetch = async () => {
    sent++
    return new Response(JSON.stringify({ response: { status: { code: 200, message: 'İşlem başarılı' }, order: { id: '42' } } }))
  }
  const order = (sendAt: Date | string) => ({ sender: 'eMarka', text: 'Merhaba', recipients: ['05321234567'], sendAt })

  test.each(['json', 'xml'] as const)('%s: an hour ago, or yesterday as text, is a ValidationError 457 on sendAt', async (format) => {
    sent = 0
    const sms = client(accepting, { format }).sms
    for (const sendAt of [minutes(-60), '2020-01-20 10:00']) {
      const error = await rejectionOf(sms.send(order(sendAt)))
      expect(error).toBeInstanceOf(ValidationError)
      expect(error).toMatchObject({ code: 457, operation: 'send-sms', format })
      expect((error as ValidationError).issues).toEqual([{ path: 'sendAt', message: expect.stringMatching(/^is in the past \(\d\d\/\d\d\/\d{4} \d\d:\d\d, Turkey time\)/) }])
    }
    expect(sent).toBe(0)
  })

  test('a minute ago (clock skew) and later times are sent', async () => {
    sent = 0
    const sms = client(accepting).sms
    await expect(sms.send(order(minutes(-1)))).resolves.toEqual({ orderId: '42' })
    await expect(sms.send(order(minutes(60)))).resolves.toEqual({ orderId: '42' })
    expect(sent).toBe(2)
  })

  test('the right format still comes first: a form the provider cannot read is 457 for that reason', async () => {
    const error = await rejectionOf(client(okSenders).sms.send(order('2020-01-20T10:00')))
    expect((error as ValidationError).issues[0]!.message).toMatch(/^expected a Date/)
  })
})
