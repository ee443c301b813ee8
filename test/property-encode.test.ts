import fc from 'fast-check'
import { beforeAll, describe, expect, test } from 'vitest'
import { computeHash } from '../src/client/auth-hash.js'
import { createCallOperation } from '../src/client/call-operation.js'
import { clientOptionsSchema } from '../src/client/client-options.js'
import type { Codec } from '../src/codec/codec.js'
import { loadCodec } from '../src/codec/load-codec.js'
import { ValidationError } from '../src/errors/index.js'
import { operationsByName, operationTable, type AnyOperation } from '../src/operations/index.js'
import { longestText } from '../src/schemas/input-fields.js'
import { longestSmsText } from '../src/schemas/sms-input.js'
import { validate } from '../src/schemas/validate.js'
import { FreeText, WireList, type WireValue } from '../src/wire/tree.js'

// Hostile input: no value a caller passes can change the structure of the document sent. Every
// free-text field, in both formats, is encoded and read back the way the sandbox reads it
// (`decodeRequest`): the value comes back exactly, and the rest of the document is untouched.

const key = 'encode-key'
const secret = 'encode-secret'
let hash = ''
const codecs: Partial<Record<'json' | 'xml', Codec>> = {}
beforeAll(async () => {
  hash = await computeHash(key, secret)
  codecs.json = await loadCodec('json')
  codecs.xml = await loadCodec('xml')
})

type Path = readonly (string | number)[]

interface FreeTextField {
  operation: string
  label: string
  /** The call's arguments around the value. */
  args: (value: string) => unknown
  /** Where the value sits in the decoded request, under `request`. */
  wirePath: Path
  /** Elements that repeat, for XML's decodeRequest. */
  lists?: string[]
  /** Generates values this field's own rules accept (a search key needs 3 characters, a name cannot be blank). */
  values?: (text: fc.Arbitrary<string>) => fc.Arbitrary<string>
}

const nonBlank = (text: fc.Arbitrary<string>) => text.map((value) => `x${value}`)
const recipients = ['05321234567']

// One entry a free-text field. A new operation's fields are one entry each; the coverage test
// below fails when an operation sends free text that no entry covers.
const fields: FreeTextField[] = [
  { operation: 'search-contacts', label: 'key', args: (key) => ({ key }), wirePath: ['search', 'key'], values: (text) => text.map((value) => `abc${value}`) },
  { operation: 'add-group', label: 'name', args: (name) => ({ name }), wirePath: ['group', 'name'], values: nonBlank },
  { operation: 'edit-group', label: 'name', args: (name) => ({ id: 7, name }), wirePath: ['group', 'name'], values: nonBlank },
  ...(['add-contact', 'edit-contact'] as const).flatMap((operation): FreeTextField[] => {
    const id = operation === 'edit-contact' ? { id: 1001 } : {}
    return [
      ...(['name', 'surname', 'email', 'gsm'] as const).map(
        (field): FreeTextField => ({ operation, label: field, args: (value) => ({ ...id, [field]: value }), wirePath: ['contact', field], values: nonBlank }),
      ),
      {
        operation,
        label: 'customFields.value',
        args: (value) => ({ ...id, name: 'Ayşe', customFields: [{ id: 1, value }] }),
        wirePath: ['contact', 'custom_fields', 'custom_field', 0, 'value'],
        lists: ['contact.custom_fields.custom_field'],
      },
    ]
  }),
  { operation: 'send-sms', label: 'text', args: (text) => ({ sender: 'eMarka', text, recipients }), wirePath: ['order', 'message', 'text'], values: nonBlank },
  {
    operation: 'send-sms',
    label: 'messages.1.text',
    args: (text) => ({ sender: 'eMarka', messages: [{ text: 'first', recipients }, { text, recipients }] }),
    wirePath: ['order', 'message', 1, 'text'],
    lists: ['order.message'],
    values: nonBlank,
  },
  {
    operation: 'send-sms',
    label: 'sender',
    args: (sender) => ({ sender, text: 'Merhaba', recipients }),
    wirePath: ['order', 'sender'],
    // The sender's own rule: 1 to 11 printable ASCII characters, not blank. Hostile ones included.
    values: () =>
      fc
        .string({ unit: fc.oneof(fc.constantFrom('<', '>', '&', '"', "'", ']]>', '&amp;', '<!', ']', '\\', ' '), fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 1 })), minLength: 1, maxLength: 4 })
        .map((sender) => `S${sender}`.slice(0, 11)),
  },
]

const presentFields = fields.filter((field) => field.operation in operationsByName)

// XML 1.0's Char production, written out again here rather than imported: the test is a second opinion.
const notXmlCharacter = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u
const forbidden = fc.constantFrom('\u0000', '\u0001', '\u0008', '\u000B', '\u000C', '\u001F', '\uD800', '\uDBFF', '\uDC00', '\uDFFF', '\uFFFE', '\uFFFF')

// Pieces of text that mean something to XML or JSON, or to a careless escaper.
const fragment = fc.constantFrom(
  ']]>', ']]', ']', '>', '<![CDATA[', '<', '&', '&amp;', '&lt;', '&#13;', '&#x0;', '&nbsp;', '&name;', '"', "'", '\\', '\\u0000', '{"a":1}', '</name>', '<name>',
  '<!DOCTYPE x>', '<!--', '-->', '<?xml?>', '\r', '\r\n', '\n', '\t', ' ', '\u00a0', '\u2028', '\u0085', '\u007f', 'ş', 'İ', 'ğ', '😀', '\u{10FFFF}', '\uFEFF',
)
const codeUnit = fc.integer({ min: 0, max: 0xffff }).map((unit) => String.fromCharCode(unit)) // lone surrogates included
const codePoint = fc.string({ unit: 'binary', minLength: 1, maxLength: 1 })
const anyText = fc.string({ unit: fc.oneof(fragment, codePoint, codeUnit), maxLength: 40 })
const xmlText = anyText.filter((text) => !notXmlCharacter.test(text))
const longText = fc.tuple(xmlText, fc.integer({ min: 10_000, max: 40_000 })).map(([text, length]) => {
  const unit = text === '' ? ']]>ş&\r' : text
  return unit.repeat(Math.ceil(length / unit.length))
})
/** At most `length` characters of `text`, not ending in half a surrogate pair. */
function fitted(text: string, length: number): string {
  const cut = text.slice(0, length)
  return /[\uD800-\uDBFF]$/.test(cut) ? cut.slice(0, -1) : cut
}
const withForbidden = fc.tuple(xmlText, forbidden, fc.nat()).map(([text, bad, at]) => {
  const index = at % (text.length + 1)
  return text.slice(0, index) + bad + text.slice(index)
})

function valueAt(tree: unknown, path: Path): unknown {
  let value = tree
  for (const step of path) value = value !== null && typeof value === 'object' ? (value as Record<string | number, unknown>)[step] : undefined
  return value
}

function withValueAt(tree: unknown, path: Path, replacement: unknown): unknown {
  if (path.length === 0) return replacement
  const [head, ...rest] = path
  const copy = Array.isArray(tree) ? [...tree] : { ...(tree as Record<string, unknown>) }
  ;(copy as Record<string | number, unknown>)[head!] = withValueAt((tree as Record<string | number, unknown>)[head!], rest, replacement)
  return copy
}

function encodeAndReadBack(field: FreeTextField, format: 'json' | 'xml', value: string): Record<string, unknown> {
  const operation = operationsByName[field.operation]!
  const input = validate(operation.input, field.args(value), {})
  const codec = codecs[format]!
  const body = codec.encodeRequest({ authentication: { key, hash }, ...operation.request(input) })
  return codec.decodeRequest(body, field.lists ?? [])
}

function formatsOf(field: FreeTextField): ('json' | 'xml')[] {
  return [...(operationsByName[field.operation]!.formats ?? ['json', 'xml'])]
}

test('every operation that sends free text has each free-text field in the table', () => {
  const fullArgs: Record<string, unknown> = {
    'add-contact': { name: 'a', surname: 'b', email: 'c', gsm: '0', customFields: [{ id: 1, value: 'd' }], groups: [7] },
    'edit-contact': { id: 1, name: 'a', surname: 'b', email: 'c', gsm: '0', customFields: [{ id: 1, value: 'd' }], groups: [7] },
  }
  for (const field of fields) fullArgs[field.operation] ??= field.args('sample text')
  const freeTextPaths = (value: WireValue, path: string): string[] => {
    if (value instanceof FreeText) return [path]
    if (value instanceof WireList) return value.items.flatMap((item) => freeTextPaths(item, path))
    if (Array.isArray(value)) return value.flatMap((item) => freeTextPaths(item, path))
    if (value !== null && typeof value === 'object') return Object.entries(value).flatMap(([name, item]) => freeTextPaths(item as WireValue, path ? `${path}.${name}` : name))
    return []
  }
  for (const operation of operationTable as AnyOperation[]) {
    const args = fullArgs[operation.name]
    if (args === undefined) continue // sends no free text, or has no entry yet: the loop below checks the latter
    const sent = new Set(freeTextPaths(operation.request(validate(operation.input, args, {})), ''))
    const covered = new Set(fields.filter((field) => field.operation === operation.name).map((field) => field.wirePath.filter((step) => typeof step === 'string').join('.')))
    for (const path of sent) expect(covered, `${operation.name} sends free text at ${path}`).toContain(path)
  }
  for (const operation of operationTable as AnyOperation[]) {
    if (fullArgs[operation.name] !== undefined) continue
    // An operation with no entry: check that its sample request holds no free text.
    const sample = sampleArgs[operation.name]
    expect(sample, `add a sample input for ${operation.name} to sampleArgs`).not.toBeUndefined()
    expect(freeTextPaths(operation.request(validate(operation.input, sample, {})), ''), operation.name).toEqual([])
  }
})

// Inputs for operations with no free-text entry; each must send no free text at all.
const sampleArgs: Record<string, unknown> = {
  'get-contact': { id: 1 },
  'get-sender': {},
  'get-groups': {},
  'get-group': { id: 7 },
  'delete-group': { id: 20 },
  'get-group-contacts': { id: 7 },
  'delete-contact': { id: 1 },
  'cancel-order': { orderId: '1' },
  'get-report': { orderId: '1' },
  'get-reports': { start: '2024-11-01', end: '2024-11-05' },
  'get-balance': {},
  'get-blacklist': {},
  'add-blacklist': { number: '05321234567' },
  'delete-blacklist': { number: '05321234567' },
  // JSON only, like get-reports: no CDATA to choose, so the records' text goes out as plain strings.
  'consent/create': {
    brandCode: 696422,
    consents: [{ recipient: 'ayse@example.com', recipientType: 'BIREYSEL', type: 'EPOSTA', status: 'ONAY', source: 'HS_WEB', consentDate: '2024-11-01 10:00' }],
  },
  'consent/show': { brandCode: 696422, recipient: '+905051234567' },
}

describe.each(presentFields.map((field) => [`${field.operation} ${field.label}`, field] as const))('%s', (_label, field) => {
  const shaped = field.values ?? ((text: fc.Arbitrary<string>) => text)
  const knownHostile = fc.constantFrom(']]>', ']]]]><![CDATA[>', '&amp;', '\r\n\r', '<!DOCTYPE y>', '"\'<>&', '</key></search><x>')
  const accepted = shaped(fc.oneof({ arbitrary: xmlText, weight: 4 }, { arbitrary: knownHostile, weight: 1 }))

  test('any text XML can carry goes out and comes back exactly, and changes nothing else', () => {
    const placeholder = 'xPH' // valid for every field: 3 characters, ASCII, not blank
    fc.assert(
      fc.property(accepted, (value) => {
        for (const format of formatsOf(field)) {
          const decoded = encodeAndReadBack(field, format, value)
          expect(valueAt(decoded, field.wirePath)).toBe(value)
          const reference = encodeAndReadBack(field, format, placeholder)
          expect(withValueAt(decoded, field.wirePath, placeholder)).toEqual(reference)
        }
      }),
      { numRuns: 150 },
    )
  })

  if (field.label !== 'sender') {
    const longest = field.operation === 'send-sms' ? longestSmsText : longestText
    test(`text as long as the field allows (${longest} characters) comes back exactly; one more is refused`, () => {
      fc.assert(
        fc.property(shaped(longText), (value) => {
          const atCap = fitted(value, longest)
          for (const format of formatsOf(field)) expect(valueAt(encodeAndReadBack(field, format, atCap), field.wirePath)).toBe(atCap)
          expect(() => encodeAndReadBack(field, 'json', `${atCap}${'x'.repeat(longest + 1 - atCap.length)}`)).toThrow(ValidationError)
        }),
        { numRuns: 8 },
      )
    })

    test('a character XML cannot carry is a ValidationError in both formats, and nothing is sent', async () => {
      const operation = operationsByName[field.operation]!
      let sent = 0
      const fetch = (async () => {
        sent++
        return new Response('{}')
      }) as typeof globalThis.fetch
      const callers = formatsOf(field).map((format) => createCallOperation(validate(clientOptionsSchema, { key, secret, format, fetch }, {})))
      await fc.assert(
        fc.asyncProperty(shaped(withForbidden), async (value) => {
          for (const call of callers) {
            const error = await call(operation, field.args(value), undefined).catch((caught: unknown) => caught)
            expect(error).toBeInstanceOf(ValidationError)
            expect((error as ValidationError).operation).toBe(field.operation)
          }
        }),
        { numRuns: 60 },
      )
      expect(sent).toBe(0)
    })
  }
})

test('the XML encoder itself refuses what XML cannot carry, should a schema ever let it through', () => {
  for (const bad of ['\u0000', '\uD800', '\uFFFF']) {
    expect(() => codecs.xml!.encodeRequest({ search: { key: new FreeText(`a${bad}`) } })).toThrow(/cannot carry/)
    expect(() => codecs.xml!.encodeRequest({ contact: { gsm: `0${bad}` } })).toThrow(/cannot carry/)
  }
})
