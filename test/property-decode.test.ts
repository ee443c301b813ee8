import fc from 'fast-check'
import { beforeAll, describe, expect, test } from 'vitest'
import { computeHash } from '../src/client/auth-hash.js'
import type { Codec } from '../src/codec/codec.js'
import { loadCodec } from '../src/codec/load-codec.js'
import { ApiError, IletiMerkeziError, ProtocolError } from '../src/errors/index.js'
import { readAnswer } from '../src/normalize/read-answer.js'
import { operationTable, type AnyOperation } from '../src/operations/index.js'
import { validate } from '../src/schemas/validate.js'
import { loadFixtureCases } from '../src/testing/fixture-cases.js'

// Fuzzing the decode path: whatever a server sends, in either format, to any operation, readAnswer
// gives a result or throws one of this library's errors, never a TypeError, never the credentials.

const key = 'fuzz-key'
const secret = 'fuzz-secret-value'
let hash = ''
const codecs: Partial<Record<'json' | 'xml', Codec>> = {}

beforeAll(async () => {
  hash = await computeHash(key, secret)
  codecs.json = await loadCodec('json')
  codecs.xml = await loadCodec('xml')
})

// A valid input for every operation (results use it: page, rowCount, orderId). A new operation
// without one fails the first test, on purpose.
const samples: Record<string, unknown> = {
  'get-contact': { id: 1001 },
  'search-contacts': { key: 'ayşe', page: 2, rowCount: 3 },
  'get-sender': {},
  'add-group': { name: 'Yeni' },
  'get-groups': {},
  'get-group': { id: 7 },
  'edit-group': { id: 7, name: 'Yeni ad' },
  'delete-group': { id: 20 },
  'get-group-contacts': { id: 7 },
  'add-contact': { name: 'Ayşe' },
  'edit-contact': { id: 1001, name: 'Ayşe' },
  'delete-contact': { id: 1005 },
  'send-sms': { sender: 'eMarka', text: 'Merhaba', recipients: ['05321234567'] },
  'cancel-order': { orderId: '12345' },
  'get-report': { orderId: '12345' },
  'get-reports': { start: '2024-11-01', end: '2024-11-05' },
  'get-balance': {},
  'get-blacklist': {},
  'add-blacklist': { number: '05321234567' },
  'delete-blacklist': { number: '05321234567' },
  'consent/create': {
    brandCode: 696422,
    consents: [{ recipient: '+905051234567', recipientType: 'BIREYSEL', type: 'MESAJ', status: 'ONAY', source: 'HS_WEB', consentDate: '2024-11-01 10:00' }],
  },
  'consent/show': { brandCode: 696422, recipient: '+905051234567' },
}

test('every operation has a sample input', () => {
  for (const operation of operationTable) expect(samples, `add a sample for ${operation.name}`).toHaveProperty([operation.name])
})

const operations = operationTable.filter((operation) => operation.name in samples)
const fixtures = loadFixtureCases()
const validBodies = (format: 'json' | 'xml'): string[] => {
  const bodies = fixtures.map((fixture) => fixture.response[format]).filter((body): body is string => body !== undefined)
  return bodies.length > 0 ? bodies : [format === 'json' ? '{"response":{"status":{"code":200}}}' : '<response><status><code>200</code></status></response>']
}

// Bodies written to hurt: entity bombs, external entities, prototype keys, deep nesting, echoed credentials.
function hostileBodies(format: 'json' | 'xml'): string[] {
  const echo = `${hash} ${hash.toUpperCase()} ${secret}`
  if (format === 'json') {
    return [
      '{"response":{"status":{"code":200},"__proto__":{"contact":{"id":1}}}}',
      '{"response":{"status":{"code":"200"},"constructor":{"prototype":{"polluted":true}}}}',
      `{"response":${'['.repeat(5000)}${']'.repeat(5000)}}`,
      `{"response":{"status":{"code":200},"contact":"${hash}","contacts":"${hash}","senders":{"sender":{"${hash}":1}},"balance":"${hash}"}}`,
      `{"response":{"status":{"code":401,"message":"${echo}"}}}`,
      '{"response":{"status":{"code":1e400}}}',
      '{"response":{"status":{"code":200},"contact":{"id":1e400,"gsm":1e400}}}',
      '{"response":{"status":null}}',
      '{"response":[]}',
      'null',
      '',
    ]
  }
  const laughs = '<!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>'
  return [
    `${laughs}<response><status><code>200</code><message>&c;</message></status></response>`,
    '<?xml version="1.0"?><!DOCTYPE response SYSTEM "file:///etc/passwd"><response><status><code>200</code></status></response>',
    '<!DOCTYPE response [<!ENTITY xxe SYSTEM "http://169.254.169.254/">]><response><status><code>200</code><message>&xxe;</message></status></response>',
    '<!--<![CDATA[--><!DOCTYPE r [<!ENTITY x "y">]><!--]]>--><response><status><code>200</code></status></response>',
    '<response><__proto__><status><code>200</code></status></__proto__></response>',
    '<response><status><code>200</code></status><constructor><prototype>1</prototype></constructor></response>',
    `<response>${'<a>'.repeat(3000)}${'</a>'.repeat(3000)}</response>`,
    `<response><status><code>200</code></status><contact><id>${hash}</id><${'a' + hash}/></contact><senders>${hash}</senders></response>`,
    `<response><status><code>401</code><message>${echo}</message></status></response>`,
    `<response><status><code>200</code></status><${hash}>`,
    '<response><status><code>200</code></status><contact><id>1</id><id>2</id></contact></response>',
    '<response><status><code>200</code></status><contact>text<id>1</id>more</contact></response>',
    '<response attr="1"><status code="200"/></response>',
    '<response><status><code>2&#48;0</code></status></response>',
    '<response><status><code>&#0;</code></status></response>',
    '<response/>',
    '<?xml version="1.0"?>',
    '',
  ]
}

type Mutation =
  | { kind: 'truncate'; at: number }
  | { kind: 'insert'; at: number; text: string }
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'duplicate'; at: number; length: number }

function mutate(body: string, mutations: readonly Mutation[]): string {
  let result = body
  for (const mutation of mutations) {
    const at = result.length === 0 ? 0 : mutation.at % (result.length + 1)
    if (mutation.kind === 'truncate') result = result.slice(0, at)
    else if (mutation.kind === 'insert') result = result.slice(0, at) + mutation.text + result.slice(at)
    else if (mutation.kind === 'delete') result = result.slice(0, at) + result.slice(at + mutation.length)
    else result = result.slice(0, at) + result.slice(at, at + mutation.length).repeat(2) + result.slice(at + mutation.length)
  }
  return result
}

// Text that means something to a parser, or to us.
const syntax = fc.constantFrom('<', '>', '/', '"', "'", '&', ';', '=', '{', '}', '[', ']', ':', ',', '<![CDATA[', ']]>', '<!--', '-->', '<!DOCTYPE x>', '&amp;', '&#0;', '&#xFFFE;', '&unknown;', '<status><code>200</code></status>', '"code":200', 'null', 'true', '-1', '1e999', '\u0000', '\uD800', '\uFFFE', 'ş', '😀')
const insertion = fc.oneof(syntax, fc.string({ unit: 'binary', maxLength: 20 }), fc.constant('HASH'))
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: insertion }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 40 }) }),
  fc.record({ kind: fc.constant('duplicate' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 40 }) }),
)

// JSON with a value swapped for one of another type: wrong types where the schema expects others.
function swapValue(document: unknown, path: readonly number[], replacement: unknown): unknown {
  if (path.length === 0 || document === null || typeof document !== 'object') return replacement
  const entries = Object.entries(document as Record<string, unknown>)
  if (entries.length === 0) return replacement
  const [head, ...rest] = path
  const index = head! % entries.length
  const copy: Record<string, unknown> | unknown[] = Array.isArray(document) ? [...document] : { ...(document as Record<string, unknown>) }
  ;(copy as Record<string, unknown>)[entries[index]![0]] = swapValue(entries[index]![1], rest, replacement)
  return copy
}

const statuses = fc.constantFrom(200, 201, 204, 400, 401, 404, 408, 429, 452, 465, 500, 502, 503)

function isPlainData(value: unknown, depth = 0): boolean {
  if (depth > 50) return false
  if (value === undefined || value === null || typeof value === 'string' || typeof value === 'boolean') return true
  if (typeof value === 'number') return !Number.isNaN(value)
  if (Array.isArray(value)) return value.every((item) => isPlainData(item, depth + 1))
  if (typeof value !== 'object') return false
  const prototype = Object.getPrototypeOf(value)
  return (prototype === Object.prototype || prototype === null) && Object.values(value).every((item) => isPlainData(item, depth + 1))
}

/** The one property: a plain result, or this library's error, saying the HTTP status, with nothing secret in it. */
function checkOutcome(operation: AnyOperation, format: 'json' | 'xml', rawBody: string, status: number): void {
  const body = rawBody.replaceAll('HASH', hash)
  const input = validate(operation.input, samples[operation.name], {})
  const answer = { status, statusText: 'Status', text: body, retryAfterMs: undefined }
  let value: unknown
  try {
    value = readAnswer(operation, input, codecs[format]!, answer, { operation: operation.name, format, secrets: [hash, secret] })
  } catch (error) {
    if (!(error instanceof IletiMerkeziError)) throw new Error(`${operation.name}/${format}: not an IletiMerkeziError: ${String(error)}`, { cause: error })
    expect(error.operation).toBe(operation.name)
    expect(error.format).toBe(format)
    if (error instanceof ApiError || error instanceof ProtocolError) expect(error.httpStatus).toBe(status)
    if (error instanceof ProtocolError) expect(error.bodySnippet.length).toBeLessThanOrEqual(200)
    const everything = JSON.stringify({ ...error, message: error.message, name: error.name }).toLowerCase()
    expect(everything).not.toContain(hash)
    expect(everything).not.toContain(secret)
    return
  }
  expect(isPlainData(value), `${operation.name}/${format}: a result that is not plain data`).toBe(true)
}

const runs = { numRuns: 300 }

describe.each(['json', 'xml'] as const)('%s: readAnswer only ever gives a result or an IletiMerkeziError', (format) => {
  const operation = fc.constantFrom(...operations)

  test('arbitrary strings', () => {
    fc.assert(fc.property(operation, fc.string({ unit: 'binary', maxLength: 400 }), statuses, (op, body, status) => checkOutcome(op, format, body, status)), runs)
  })

  test('arbitrary bytes, read as UTF-8 the way the transport reads them', () => {
    const decoder = new TextDecoder('utf-8')
    fc.assert(fc.property(operation, fc.uint8Array({ maxLength: 400 }), statuses, (op, bytes, status) => checkOutcome(op, format, decoder.decode(bytes), status)), runs)
  })

  test('valid bodies mutated: truncated, spliced, with syntax and the hash inserted', () => {
    const bodies = validBodies(format)
    fc.assert(
      fc.property(operation, fc.constantFrom(...bodies), fc.array(mutation, { minLength: 1, maxLength: 4 }), statuses, (op, body, mutations, status) =>
        checkOutcome(op, format, mutate(body, mutations), status),
      ),
      { numRuns: 600 },
    )
  })

  test('hostile bodies: entity bombs, external entities, prototype keys, deep nesting, echoed credentials', () => {
    for (const body of hostileBodies(format)) for (const op of operations) for (const status of [200, 500]) checkOutcome(op, format, body, status)
  })

  if (format === 'json') {
    test('valid bodies with a value swapped for one of another type', () => {
      const parsed = validBodies('json').flatMap((body) => {
        try {
          return [JSON.parse(body) as unknown]
        } catch {
          return []
        }
      })
      const replacement = fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.constantFrom(null, '', 'HASH', -1, 1.5, '1e999', [], {}, [[]], { '#text': 'x' }))
      fc.assert(
        fc.property(operation, fc.constantFrom(...parsed), fc.array(fc.nat(), { minLength: 1, maxLength: 6 }), replacement, statuses, (op, document, path, value, status) =>
          checkOutcome(op, format, JSON.stringify(swapValue(document, path, value)), status),
        ),
        { numRuns: 600 },
      )
    })
  }
})

test('any DOCTYPE is refused, whatever it declares and wherever it hides', () => {
  const doctypes = ['<!DOCTYPE response>', '<!doctype response [ ]>', '<!DOCTYPE response [<!ENTITY x "y">]>', '<!ENTITY x "y">']
  const ok = '<response><status><code>200</code></status><senders><sender>A</sender></senders></response>'
  for (const doctype of doctypes) {
    for (const body of [doctype + ok, `<?xml version="1.0"?>\n${doctype}\n${ok}`, `<!-- c -->${doctype}${ok}`, `<!--<![CDATA[-->${doctype}<!--]]>-->${ok}`]) {
      let caught: unknown
      try {
        readAnswer(operations.find((candidate) => candidate.name === 'get-sender')!, {}, codecs.xml!, { status: 200, statusText: '', text: body, retryAfterMs: undefined }, { secrets: [] })
      } catch (error) {
        caught = error
      }
      expect(caught, body).toBeInstanceOf(ProtocolError)
    }
  }
})

test('a DOCTYPE that is only text in CDATA (a contact named so) is text, not a declaration', async () => {
  const getContact = operations.find((operation) => operation.name === 'get-contact')!
  const body = '<response><status><code>200</code></status><contact><id>1</id><name><![CDATA[<!DOCTYPE x>]]></name><surname><![CDATA[<!ENTITY y "z">]]></surname></contact></response>'
  const contact = readAnswer<{ name: string; surname: string }>(getContact, { id: 1 }, codecs.xml!, { status: 200, statusText: '', text: body, retryAfterMs: undefined }, { secrets: [] })
  expect(contact).toMatchObject({ name: '<!DOCTYPE x>', surname: '<!ENTITY y "z">' })
})
