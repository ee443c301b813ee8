import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { computeHash } from '../src/client/auth-hash.js'
import { errorLine } from '../src/cli/error-line.js'
import { credentialMarks, redact, safeCause, snippet } from '../src/errors/redact.js'
import { ApiError, createClient, NetworkError, ProtocolError, type ClientOptions } from '../src/index.js'
import { reachableText } from './support/reachable-text.js'
import { rejectionOf } from './support/outcomes.js'
import { longestPiece } from './support/credential-pieces.js'

// Error messages never quote a credential or a piece of one: text from outside is redacted whole,
// then cut, and nothing is appended after the cut. A credential under 8 characters is a test value
// and is not searched for. Every test here uses fetch doubles: never the network.

const key = 'redaction-key'
const hash = await computeHash(key, 'redaction-s3cret')


/** Fails when any text reachable from `error` holds 8 or more characters of the hash in a row. */
function expectNoPiece(error: unknown, secret = hash): void {
  const { texts } = reachableText(error)
  for (const text of texts) expect(longestPiece(text, secret), `a piece of the credential in ${JSON.stringify(text)}`).toBeLessThan(8)
}

function answering(body: string, status = 200, statusText = ''): ClientOptions['fetch'] {
  return async () => new Response(body, { status, statusText })
}

function client(fetch: ClientOptions['fetch'], format: 'json' | 'xml', credentials: Partial<ClientOptions> = { hash }) {
  return createClient({ key, ...credentials, format, fetch, retry: 0 } as ClientOptions)
}

describe('the reproducer from issue 14: a parser message quoting the hash', () => {
  test('`</` + 44 × a + hash + `>` gives a ProtocolError with no piece of the hash, message and snippet', async () => {
    const body = `</${'a'.repeat(44)}${hash}>`
    const error = (await rejectionOf(client(answering(body), 'xml').contacts.get(5))) as ProtocolError
    expect(error).toBeInstanceOf(ProtocolError)
    expect(error.message).toContain('[redacted]')
    expectNoPiece(error)
  })

  test('the message is cut after redaction and nothing follows the cut', async () => {
    const body = `</${'a'.repeat(400)}${hash}>`
    const error = (await rejectionOf(client(answering(body), 'xml').contacts.get(5))) as ProtocolError
    expect(error.message.length).toBeLessThanOrEqual(300)
    expect(error.message).not.toMatch(/\(HTTP 200\)$/)
    expect(error.httpStatus).toBe(200)
    expectNoPiece(error)
  })
})

describe('snippet', () => {
  const secret = hash

  test('redacts before cutting: a credential across the cut leaves nothing of it', () => {
    for (let cut = 1; cut <= 40; cut++) {
      const text = `${'x'.repeat(cut)}${secret}tail`
      const result = snippet(text, [secret], cut + 8)
      expect(longestPiece(result, secret), result).toBeLessThan(4)
    }
  })

  test('a credential cut off at the end of the text it is given is trimmed (from 4 characters on)', () => {
    expect(snippet(`ok ${secret.slice(0, 5)}`, [secret])).toBe('ok ')
    expect(snippet(`ok ${secret.slice(0, 4).toUpperCase()}`, [secret])).toBe('ok ')
    // Three characters are as likely to be ordinary text.
    expect(snippet(`ok ${secret.slice(0, 3)}`, [secret])).toBe(`ok ${secret.slice(0, 3)}`)
  })

  test('a piece of a credential already in the text (a proxy quoting the request cut off) is cut wherever it stands', () => {
    const piece = secret.slice(3, 13)
    expect(snippet(`before ${piece} after`, [secret])).toBe('before [redacted] after')
    expect(snippet(`${piece.toUpperCase()} after`, [secret])).toBe('[redacted] after')
    // Two pieces with text between them: two placeholders.
    expect(snippet(`${secret.slice(0, 8)}-${secret.slice(8)}`, [secret])).toBe('[redacted]-[redacted]')
    // Seven characters in a row are not a credential.
    expect(snippet(`see ${secret.slice(2, 9)} here`, [secret])).toBe(`see ${secret.slice(2, 9)} here`)
  })

  test('pieces are looked for in the hash only: a secret never leaves the process, and its words are ordinary text', () => {
    expect(snippet('see transport.test.ts', ['transport-secret'])).toBe('see transport.test.ts')
    expect(snippet('a transport-secret b', ['transport-secret'])).toBe('a [redacted] b')
    expect(snippet(`x ${hash.slice(0, 40).toUpperCase()} y`, [hash.toUpperCase()])).toBe('x [redacted] y')
  })

  test('is at most `length` characters, placeholders included', () => {
    const text = `${secret.slice(0, 9)} `.repeat(40)
    expect(snippet(text, [secret], 50).length).toBeLessThanOrEqual(50)
    expect(snippet('x'.repeat(500), [secret])).toBe('x'.repeat(200))
    expect(snippet('x'.repeat(500), [secret], 7)).toBe('x'.repeat(7))
  })

  test('each credential is looked for, not only the first', () => {
    const other = 'Zyxwvuts98765432'
    expect(snippet(`a ${secret} b ${other} c ${other.slice(0, 6)}`, [secret, other])).toBe('a [redacted] b [redacted] c ')
    const second = hash.split('').reverse().join('')
    expect(snippet(`a ${second.slice(5, 20)} b`, ['Zyxwvuts98765432', hash, second])).toBe('a [redacted] b')
  })
})

describe('redact', () => {
  test('cuts every occurrence, whatever its case', () => {
    expect(redact(`x${hash}y${hash.toUpperCase()}z`, [hash])).toBe('x[redacted]y[redacted]z')
  })

  test('a credential holding regular-expression characters is matched as text', () => {
    const secret = 'a.b*c+d?(e)[f]{g}|^$\\h'
    expect(redact(`<${secret}>`, [secret])).toBe('<[redacted]>')
    // Read as a pattern, `a.b` would also match `aXb`.
    expect(redact('aXb*c+d?(e)[f]{g}|^$\\h', [secret])).toBe('aXb*c+d?(e)[f]{g}|^$\\h')
  })

  test('credentials under 8 characters are not searched for: ordinary text stays whole', () => {
    expect(redact('Test mesajı gönderildi', ['test', 'TEST'])).toBe('Test mesajı gönderildi')
    expect(redact('connect ECONNREFUSED 127.0.0.1:1', ['E', 'S'])).toBe('connect ECONNREFUSED 127.0.0.1:1')
    expect(redact('seven77 and more', ['seven77'])).toBe('seven77 and more')
    expect(redact('eight888 and more', ['eight888'])).toBe('[redacted] and more')
    expect(redact('nothing to hide', [''])).toBe('nothing to hide')
    expect(snippet('Test mesajı', ['test'])).toBe('Test mesajı')
  })
})

describe('safeCause', () => {
  const secret = 'cause-s3cret-value'

  test('an error that holds no credential is passed on as it is', () => {
    const error = Object.assign(new TypeError('fetch failed'), { code: 'ECONNRESET', cause: new Error('socket hang up') })
    expect(safeCause(error, [secret])).toBe(error)
    expect(safeCause('a plain string', [secret])).toBe('a plain string')
  })

  test.each([
    ['a Request', () => new Request('http://127.0.0.1/', { method: 'POST', body: 'x' })],
    ['a Response', () => new Response('x')],
    ['a stream', () => new ReadableStream()],
    ['a Blob', () => new Blob(['x'])],
    ['an ArrayBuffer', () => new ArrayBuffer(4)],
    ['bytes', () => new Uint8Array(4)],
    ['a function', () => () => 'x'],
  ])('an error holding %s (whose content cannot be read) is replaced by a copy', (_label, make) => {
    const error = Object.assign(new Error('fetch failed'), { detail: make() })
    const copy = safeCause(error, [secret]) as Error
    expect(copy).not.toBe(error)
    expect(copy).toBeInstanceOf(Error)
    expect(copy.message).toBe('fetch failed')
    expect(reachableText(copy).opaque).toEqual([])
    expect(Object.keys(copy)).not.toContain('detail')
  })

  test('an error with an own getter is replaced: a getter could compute anything', () => {
    let reads = 0
    const error = new Error('fetch failed')
    Object.defineProperty(error, 'body', { get: () => (reads++, secret), enumerable: false })
    const copy = safeCause(error, [secret]) as Error
    expect(copy).not.toBe(error)
    expect(reachableText(copy).texts.join(' ')).not.toContain(secret)
    expect(reads).toBe(0)
  })

  test('a credential anywhere in the graph (deep cause, errors list, symbol key, hidden property, upper case) is found', () => {
    const deep = new Error('outer', { cause: new Error('middle', { cause: { note: `x${secret}` } }) })
    const aggregate = new AggregateError([new Error('one'), new Error(`two ${secret.toUpperCase()}`)], 'many')
    const symbol = Object.assign(new Error('sym'), { [Symbol('body')]: secret })
    const hidden = new Error('hidden')
    Object.defineProperty(hidden, 'body', { value: secret, enumerable: false })
    const piece = Object.assign(new Error('piece'), { body: `…${hash.slice(2, 12)}` })
    for (const error of [deep, aggregate, symbol, hidden, piece]) {
      const copy = safeCause(error, [secret, hash])
      expect(copy, error.message).not.toBe(error)
      for (const text of reachableText(copy).texts) expect(longestPiece(text, secret)).toBeLessThan(8)
    }
  })

  test('the copy keeps the name, the redacted message and a system code (its own or its cause’s)', () => {
    const own = Object.assign(new TypeError(`failed for ${secret}`), { code: 'ECONNRESET' })
    expect(safeCause(own, [secret])).toMatchObject({ name: 'TypeError', message: 'failed for [redacted]', code: 'ECONNRESET' })
    const fromCause = new TypeError(`failed for ${secret}`, { cause: { code: 'ETIMEDOUT' } })
    expect(safeCause(fromCause, [secret])).toMatchObject({ code: 'ETIMEDOUT' })
    // A code that is not a system code's shape may be anything: not copied.
    const odd = Object.assign(new Error(secret), { code: `x ${secret}` })
    expect((safeCause(odd, [secret]) as { code?: unknown }).code).toBeUndefined()
    expect(safeCause(Object.assign(new Error(secret), { code: 42 }), [secret])).not.toHaveProperty('code')
  })

  test('a thrown string or an object holding a credential becomes an Error without it', () => {
    const copy = safeCause(`echo ${secret}`, [secret]) as Error
    expect(copy).toBeInstanceOf(Error)
    expect(copy.message).toBe('echo [redacted]')
    expect(copy.name).toBe('Error')
  })

  test('a proxy that throws, a graph too large to walk and a very long text count as holding a credential', () => {
    const trap = new Proxy(new Error('trap'), {
      ownKeys() {
        throw new Error('no')
      },
    })
    expect(safeCause(trap, [secret])).not.toBe(trap)
    let chain: Record<string, unknown> = {}
    const large = new Error('large', { cause: chain })
    for (let index = 0; index < 600; index++) chain = chain['next'] = {}
    expect(safeCause(large, [secret])).not.toBe(large)
    const long = new Error('long', { cause: 'x'.repeat(70_000) })
    expect(safeCause(long, [secret])).not.toBe(long)
    const fine = new Error('fine', { cause: 'x'.repeat(60_000) })
    expect(safeCause(fine, [secret])).toBe(fine)
  })

  test('a message whose reading throws gives a placeholder copy', () => {
    const error = new Error('x')
    Object.defineProperty(error, 'message', {
      get() {
        throw new Error('no')
      },
    })
    const copy = safeCause(error, [secret]) as Error
    expect(copy.message).toBe('unreadable error')
    expect(copy.name).toBe('Error')
  })

  test('a word of a secret (a test file named after it in the stack) is not a piece of a credential', () => {
    const error = new TypeError('fetch failed: transport')
    expect(safeCause(error, ['transport-secret', hash])).toBe(error)
  })

  test('short credentials are not searched for, but opaque contents still are not passed on', () => {
    const error = new Error('Test connection ECONNREFUSED')
    expect(safeCause(error, ['test', 'E'])).toBe(error)
    const holding = Object.assign(new Error('x'), { request: new Request('http://127.0.0.1/') })
    expect(safeCause(holding, ['test'])).not.toBe(holding)
  })
})

describe('test credentials do not mangle messages (issue 14, item 6)', () => {
  test("key 'test', secret 'test': the provider's \"Test mesajı\" reads as sent", async () => {
    const body = '{"response":{"status":{"code":452,"message":"Test mesajı gönderilemedi"}}}'
    const error = await rejectionOf(client(answering(body, 452), 'json', { secret: 'test' }).contacts.get(5))
    expect(error.message).toBe('Test mesajı gönderilemedi')
  })

  test('a one-letter secret leaves ECONNREFUSED whole, in the error and on the CLI line', async () => {
    const refused = Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' }) })
    const error = await rejectionOf(client(async () => Promise.reject(refused), 'json', { secret: 'E' }).contacts.get(5))
    expect(error).toBeInstanceOf(NetworkError)
    expect(error.message).toContain('ECONNREFUSED')
    expect(errorLine(error, ['E'])).toContain('ECONNREFUSED')
    expect(errorLine(new Error('usage: iletimerkezi contacts get <id>'), ['s', 'e'])).toBe('iletimerkezi: unexpected error: usage: iletimerkezi contacts get <id>')
  })

  test('a real secret is still cut out of the same messages', async () => {
    const secret = 'real-s3cret'
    const body = `{"response":{"status":{"code":452,"message":"Bad ${secret} here"}}}`
    const error = await rejectionOf(client(answering(body, 452), 'json', { secret }).contacts.get(5))
    expect(error.message).toBe('Bad [redacted] here')
    expect(errorLine(new Error(`no ${secret}`), [secret])).toBe('iletimerkezi: unexpected error: no [redacted]')
  })
})

// ---- hash-bearing bodies: the hash, whole or any piece of 8 or more, anywhere --------------------

/** The hash or a piece of it (8 characters or more, any case), between arbitrary text. */
const hashBearing = fc
  .record({
    start: fc.integer({ min: 0, max: 56 }),
    size: fc.integer({ min: 8, max: 64 }),
    upper: fc.boolean(),
    before: fc.string({ maxLength: 400 }),
    after: fc.string({ maxLength: 60 }),
  })
  .map(({ start, size, upper, before, after }) => {
    const piece = hash.slice(start, Math.min(64, start + size))
    return `${before}${upper ? piece.toUpperCase() : piece}${after}`
  })

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;')
const jsonText = (text: string) => JSON.stringify(text)

/** Bodies where the text lands in a parser's, a schema's or the provider's message, or only in the snippet. */
const places: Record<'json' | 'xml', ((text: string) => string)[]> = {
  xml: [
    (text) => `</${text.replace(/[<>&\s"'=/]/g, 'a')}>`,
    (text) => `<response><status><code>200</code></status><contact><id>${escapeXml(text)}</id></contact></response>`,
    (text) => `<response><status><code>452</code><message><![CDATA[${text.replace(/]]>/g, '')}]]></message></status></response>`,
    (text) => `<response><status><code>${escapeXml(text)}</code></status></response>`,
    (text) => `<html><body>${text}</body></html>`,
    (text) => `<response><status><code>200</code></status><${text.replace(/[^A-Za-z0-9]/g, 'b')}`,
  ],
  json: [
    (text) => `{"response":{"status":{"code":200},"contact":{"id":${jsonText(text)}}}}`,
    (text) => `{"response":{"status":{"code":452,"message":${jsonText(text)}}}}`,
    (text) => `{"response":${jsonText(text)}}`,
    (text) => `<html>${text}</html>`,
    (text) => `{"response":{"status":{"code":200},"contact":{"id":1,"groups":[${jsonText(text)}]}}}`,
  ],
}

describe.each(['json', 'xml'] as const)('hash-bearing bodies in %s', (format) => {
  test('no error holds 8 or more characters of the hash in a row, whatever the body, HTTP status or reason phrase', async () => {
    await fc.assert(
      fc.asyncProperty(
        hashBearing,
        fc.integer({ min: 0, max: places[format].length - 1 }),
        fc.constantFrom(200, 201, 400, 452, 465, 500, 502),
        fc.boolean(),
        async (text, place, status, phrase) => {
          const body = places[format][place]!(text)
          const statusText = phrase ? text.replace(/[^\x20-\x7e]/g, '').slice(0, 200) : ''
          const outcome = await client(answering(body, status, statusText), format)
            .contacts.get(5)
            .then(
              () => undefined,
              (error: unknown) => error,
            )
          if (outcome === undefined) return
          expectNoPiece(outcome)
          if (outcome instanceof ProtocolError) expect(outcome.bodySnippet.length).toBeLessThanOrEqual(200)
          expect((outcome as Error).message.length).toBeLessThanOrEqual(300)
        },
      ),
      { numRuns: 250 },
    )
  })

  test('a parser message quoting the hash at any cut position holds no piece of it', async () => {
    for (let padding = 0; padding <= 320; padding += 7) {
      const body = format === 'xml' ? `</${'a'.repeat(padding)}${hash}>` : `{"response":{"status":{"code":200},"contact":{"id":"${'a'.repeat(padding)}${hash}"}}}`
      const error = await rejectionOf(client(answering(body), format).contacts.get(5))
      expect(error).toBeInstanceOf(ProtocolError)
      expectNoPiece(error)
    }
  })

  test('an ApiError quotes the provider message redacted, and at most 300 characters of it', async () => {
    const message = `${'ş'.repeat(290)}${hash}`
    const body = format === 'xml' ? `<response><status><code>452</code><message>${message}</message></status></response>` : `{"response":{"status":{"code":452,"message":"${message}"}}}`
    const error = await rejectionOf(client(answering(body, 452), format).contacts.get(5))
    expect(error).toBeInstanceOf(ApiError)
    expect(error.message.length).toBeLessThanOrEqual(300)
    expect(error.message.startsWith('ş'.repeat(290))).toBe(true)
    expectNoPiece(error)
  })
})

describe('credentialMarks: the one finder behind errors and recordings', () => {
  const apiKey = '507caf2e1fcdb5eea9786332ca2d8785'

  test('marks every copy, case ignored, and every 8-character piece of a hex credential', () => {
    const text = `a ${hash.toUpperCase()} b ${apiKey.slice(3, 11)} c ${hash.slice(20, 27)} d`
    const marks = credentialMarks(text, [hash, apiKey])
    const marked = [...text].filter((_, index) => marks[index] === 1).join('')
    expect(marked).toBe(`${hash.toUpperCase()}${apiKey.slice(3, 11)}`)
    // Seven characters of the hash are not a piece: ordinary text keeps them.
    expect(redact(text, [hash, apiKey])).toBe(`a [redacted] b [redacted] c ${hash.slice(20, 27)} d`)
  })

  test('a secret made of words is found whole only; a short one not at all', () => {
    expect(redact('transport-secret and transport-sec', ['transport-secret'])).toBe('[redacted] and transport-sec')
    expect(redact('test mesajı', ['test'])).toBe('test mesajı')
  })

  test('adjacent and overlapping finds are one run, written with the replacement given', () => {
    expect(redact(`${hash}${hash.slice(0, 10)}!`, [hash], '<cut>')).toBe('<cut>!')
    expect(redact(`x${apiKey.toUpperCase()}y`, [apiKey], '')).toBe('xy')
  })
})
