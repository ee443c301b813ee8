import fc from 'fast-check'
import * as v from 'valibot'
import { describe, expect, test } from 'vitest'
import { EncodeFailure } from '../src/codec/codec.js'
import { writeRequestDocument as writeWithXmlBuilder } from '../src/codec/xml/node-request-writer.js'
import { writeRequestDocument as writeAsString } from '../src/codec/xml/string-request-writer.js'
import { operationTable, type AnyOperation } from '../src/operations/index.js'
import { freeText, type WireTree } from '../src/wire/tree.js'

// package.json's `#xml-request-writer` sends XML requests through xmlbuilder2 where Node's built-ins
// are (Node, Bun, Deno) and through the string writer elsewhere (workerd, browsers). xmlbuilder2's
// output is what a request's bytes are: the string writer is held to it, byte for byte, for every
// operation's requests, hostile text included, and refuses what it refuses.

// Pieces of text that mean something to XML or to a careless escaper.
const fragment = fc.constantFrom(
  ']]>', ']]', ']', '>', '<', '&', '<![CDATA[', '&amp;', '&lt;', '&name;', '&#13;', '&#x0;', '&nbsp;', '"', "'", '</name>', '<!--',
  '\r', '\r\n', '\n\r', '\t', ' ', '\u00a0', '\u2028', 'Ş', 'ş', 'İ', 'ı', 'ğ', 'Ğ', 'ü', 'ö', 'ç', '😀', '\u{10FFFF}', '\uFEFF',
)
const codePoint = fc.string({ unit: 'binary', minLength: 1, maxLength: 1 })
// XML 1.0's Char production: validation refuses anything else before a tree is built.
const notXmlCharacter = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u
const hostile = fc.string({ unit: fc.oneof({ arbitrary: fragment, weight: 3 }, { arbitrary: codePoint, weight: 1 }), maxLength: 30 }).filter((text) => !notXmlCharacter.test(text))
// As long as the input caps allow (1 000 characters for free text, src/schemas/input-fields.ts): longer
// text never reaches a writer, and a generator of it would only feed the filter below refusals.
const longHostile = fc.tuple(hostile, fc.integer({ min: 500, max: 1_000 })).map(([text, length]) => {
  const unit = text.length < 3 ? ']]>Ş&name;\r' : text
  return unit.repeat(Math.max(1, Math.floor(length / unit.length)))
})

// Each operation's arguments, built from the text generator; values a schema refuses are dropped below.
type ArgsOf = (text: fc.Arbitrary<string>) => fc.Arbitrary<unknown>
const id = fc.integer({ min: 1, max: 2_000_000_000 })
const page = fc.option(fc.integer({ min: 1, max: 500 }), { nil: undefined })
const rowCount = fc.option(fc.integer({ min: 1, max: 1000 }), { nil: undefined })
const phone = fc.constantFrom('05321234567', '+90 532 123 45 67', '(0532) 123-4567', '5321234567')
const digits = fc.stringMatching(/^\d{1,12}$/)
const day = fc.constantFrom('2024-11-01', '2024-11-05', '2025-02-28')
const nonBlank = (text: fc.Arbitrary<string>) => text.map((value) => `x${value}`)
const consentPhone = fc.constantFrom('+905051234567', '+905321234567', '05321234567')
// Hostile text in the local part: an e-mail address's shape allows anything but spaces, @ and dots there.
const consentEmail = (text: fc.Arbitrary<string>) => text.map((value) => `x${value.replace(/[\s@.]/g, '')}@example.com`)
const sender = fc.string({ unit: fc.oneof(fc.constantFrom('<', '>', '&', '"', "'", ']]>', '&amp;', ']', ' '), fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 1 })), minLength: 1, maxLength: 5 }).map((text) => `S${text}`.slice(0, 11))
const contactFields = (text: fc.Arbitrary<string>) =>
  fc.record(
    {
      name: nonBlank(text),
      surname: text,
      email: text,
      gsm: text,
      customFields: fc.array(fc.record({ id, value: text }), { maxLength: 3 }),
      groups: fc.array(id, { maxLength: 3 }),
    },
    { requiredKeys: [] },
  )

const argsFor: Record<string, ArgsOf> = {
  'get-contact': () => fc.record({ id }),
  'delete-contact': () => fc.record({ id }),
  'search-contacts': (text) => fc.record({ key: text.map((value) => `abc${value}`), page, rowCount }),
  'add-contact': contactFields,
  'edit-contact': (text) => fc.tuple(id, contactFields(text)).map(([contactId, fields]) => ({ id: contactId, ...fields, name: fields.name ?? 'Ayşe' })),
  'add-group': (text) => fc.record({ name: nonBlank(text), parent: fc.option(id, { nil: undefined }) }),
  'edit-group': (text) => fc.record({ id, name: nonBlank(text), parent: fc.option(id, { nil: undefined }) }),
  'get-groups': () => fc.constant({}),
  'get-group': () => fc.record({ id }),
  'delete-group': () => fc.record({ id }),
  'get-group-contacts': () => fc.record({ id, page, rowCount }),
  'get-sender': () => fc.constant({}),
  'send-sms': (text) =>
    fc.oneof(
      fc.record({ sender, text: nonBlank(text), recipients: fc.array(phone, { minLength: 1, maxLength: 3 }), iys: fc.constantFrom(0, 1), iysList: fc.constantFrom('BIREYSEL', 'TACIR') }),
      fc.record({
        sender,
        messages: fc.array(fc.record({ text: nonBlank(text), recipients: fc.array(phone, { minLength: 1, maxLength: 2 }) }), { minLength: 1, maxLength: 3 }),
        sendAt: fc.option(fc.constantFrom('2030-01-02 10:30', '02/01/2030 10:30'), { nil: undefined }),
      }),
    ),
  'cancel-order': () => fc.record({ orderId: digits }),
  'get-report': () => fc.record({ orderId: digits, page, rowCount }),
  'get-reports': () => fc.record({ start: fc.constant('2024-11-01'), end: day, page }),
  'get-balance': () => fc.constant({}),
  'get-blacklist': () => fc.record({ start: fc.option(fc.constant('2024-11-01'), { nil: undefined }), end: fc.option(day, { nil: undefined }), page, rowCount }),
  'add-blacklist': () => fc.record({ number: phone }),
  'delete-blacklist': () => fc.record({ number: phone }),
  // JSON only, like get-reports: the XML writers are still held to the same bytes for their trees.
  'consent/create': (text) =>
    fc.record({
      brandCode: fc.oneof(fc.integer({ min: 1, max: 999_999 }), digits.map((value) => `1${value}`)),
      consents: fc.array(
        fc.oneof(
          fc.record({ recipient: consentPhone, recipientType: fc.constant('TACIR'), type: fc.constantFrom('MESAJ', 'ARAMA'), status: fc.constantFrom('ONAY', 'RET') }),
          fc.record({
            recipient: consentEmail(text),
            recipientType: fc.constant('BIREYSEL'),
            type: fc.constant('EPOSTA'),
            status: fc.constantFrom('ONAY', 'RET'),
            source: fc.constantFrom('HS_WEB', 'HS_MESAJ', 'HS_FIZIKSEL_ORTAM'),
            consentDate: fc.constantFrom('2024-11-01 10:30', '2020-02-29 23:59:59', '2024-11-01T10:30:00+03:00'),
          }),
        ),
        { minLength: 1, maxLength: 3 },
      ),
    }),
  'consent/show': (text) =>
    fc.oneof(
      fc.record({ brandCode: digits.map((value) => `1${value}`), recipient: consentPhone, recipientType: fc.constantFrom('BIREYSEL', 'TACIR'), type: fc.constantFrom('MESAJ', 'ARAMA') }),
      fc.record({ brandCode: fc.integer({ min: 1, max: 999_999 }), recipient: consentEmail(text), type: fc.constant('EPOSTA') }),
    ),
}

// The document as the client sends it: credentials (plain text, hostile too) and the operation's tree.
const credentials = fc.record({ key: fc.oneof(fc.constant('api-key'), hostile), hash: fc.stringMatching(/^[0-9a-f]{64}$/) })

function requestTrees(operation: AnyOperation, text: fc.Arbitrary<string>): fc.Arbitrary<WireTree> {
  return fc
    .tuple(credentials, argsFor[operation.name]!(text))
    .map(([authentication, args]) => ({ authentication, parsed: v.safeParse(operation.input, args) }))
    // A value its schema refuses never reaches a writer.
    .filter(({ parsed }) => parsed.success)
    .map(({ authentication, parsed }) => ({ authentication, ...operation.request(parsed.output) }))
}

function written(write: () => string): string | { refused: string } {
  try {
    return write()
  } catch (error) {
    return { refused: error instanceof EncodeFailure ? `EncodeFailure: ${error.message}` : String(error) }
  }
}

function expectSameBytes(tree: WireTree): void {
  const expected = written(() => writeWithXmlBuilder('request', tree))
  expect(typeof expected).toBe('string')
  expect(written(() => writeAsString('request', tree))).toEqual(expected)
}

test('every operation has request arguments here', () => {
  expect(Object.keys(argsFor).sort()).toEqual(operationTable.map((operation) => operation.name).sort())
})

describe.each(operationTable.map((operation) => [operation.name, operation] as const))('%s', (_name, operation) => {
  test('the string writer writes xmlbuilder2’s bytes for any request, hostile text included', () => {
    fc.assert(
      fc.property(requestTrees(operation, hostile), expectSameBytes),
      { numRuns: 200 },
    )
  })

  test('and for long hostile text, up to the input caps (500 to 1 000 characters)', () => {
    fc.assert(fc.property(requestTrees(operation, longHostile), expectSameBytes), { numRuns: 3 })
  })
})

test('the same refusal for text XML cannot carry, should a schema ever let it through', () => {
  for (const bad of ['\u0000', '\uD800', '\uFFFF', '\u000B']) {
    for (const tree of [{ group: { name: freeText(`a${bad}`) } }, { contact: { gsm: `0${bad}` } }, { authentication: { key: bad } }]) {
      const refusal = written(() => writeWithXmlBuilder('request', tree))
      expect(refusal).toEqual({ refused: expect.stringMatching(/^EncodeFailure: .*cannot carry/) })
      expect(written(() => writeAsString('request', tree))).toEqual(refusal)
    }
  }
})

test('known hostile values, written out', () => {
  const tree = { authentication: { key: 'k&<>\r', hash: 'ab' }, group: { name: freeText(']]>Şİğ\r\n&name;'), parent: '' } }
  const expected =
    '<?xml version="1.0" encoding="UTF-8"?><request><authentication><key>k&amp;&lt;&gt;&#13;</key><hash>ab</hash></authentication>' +
    '<group><name><![CDATA[]]]]><![CDATA[>Şİğ]]>&#13;<![CDATA[\n&name;]]></name><parent></parent></group></request>'
  expect(writeWithXmlBuilder('request', tree)).toBe(expected)
  expect(writeAsString('request', tree)).toBe(expected)
})

test('many pieces of text that need several CDATA sections in one request: each lands in its own place', () => {
  // Past ten such pieces, their places are told apart by two-digit indexes (request-writer.ts's placeholders).
  const messages = Array.from({ length: 23 }, (_, index) => ({ text: freeText(`m${index}\r]]>${index}`), receipents: { number: ['05321234567'] } }))
  const tree = { order: { sender: 'S', message: messages } } as unknown as WireTree
  const written = writeWithXmlBuilder('request', tree)
  expect(written).toBe(writeAsString('request', tree))
  for (let index = 0; index < 23; index++) {
    expect(written).toContain(`<text><![CDATA[m${index}]]>&#13;<![CDATA[]]]]><![CDATA[>${index}]]></text>`)
  }
})

test('a list directly inside a list is a programming error, said plainly by both writers', () => {
  const tree = { order: { numbers: [['05321234567']] } } as unknown as WireTree
  for (const write of [writeWithXmlBuilder, writeAsString]) {
    expect(() => write('request', tree)).toThrow(new TypeError('a list cannot hold a list directly (<numbers>)'))
  }
})
