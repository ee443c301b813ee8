import fc from 'fast-check'
import * as v from 'valibot'
import { describe, expect, test } from 'vitest'
import { loadCodec } from '../src/codec/load-codec.js'
import { searchContacts } from '../src/operations/index.js'
import { contactSchema, contactWireSchema, readContact, type Contact } from '../src/schemas/contact.js'
import { readWireId, readWireText } from '../src/schemas/wire-fast-paths.js'
import { wireId, wireText } from '../src/schemas/wire-scalars.js'
import { contactTree } from '../src/testing/sandbox/handlers/contact-tree.js'
import { wireList } from '../src/wire/tree.js'

// The fast paths for the hot shapes against the valibot schemas they stand in for: whatever a fast
// reader accepts, the schema accepts too, with the same output; what it declines goes through the
// schema, so the schema with its fast path behaves exactly as the schema alone.

const digits = fc.stringMatching(/^\d{1,20}$/)
const scalar = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, -0, 1.5, 2 ** 53 + 2),
  digits,
  digits.map((text) => ` ${text}\n`),
  fc.constantFrom('', ' ', '1.0', '-1', '+1', '0x1F', '1e3', '١٢', '\u00a012', '007'),
  fc.string({ maxLength: 8 }),
  fc.constantFrom(null, undefined, true, {}, [], { '#text': '\n' }),
)

const customField = fc.oneof(
  fc.record({ id: scalar, value: scalar }, { requiredKeys: [] }),
  fc.record({ id: digits, value: fc.string(), extra: scalar }),
  scalar,
)
const idList = fc.oneof(fc.array(scalar, { maxLength: 3 }), scalar)
const customFields = fc.oneof(
  fc.constantFrom(undefined, '', '  \n', { '#text': '\n ' }, {}, null),
  fc.array(customField, { maxLength: 3 }),
  fc.record({ custom_field: fc.oneof(customField, fc.array(customField, { maxLength: 3 })) }),
  scalar,
)
const groups = fc.oneof(
  fc.constantFrom(undefined, '', ' ', { '#text': '\n' }, {}, null),
  idList,
  fc.record({ id: idList }),
  fc.record({ group: fc.oneof(fc.array(fc.record({ id: scalar }), { maxLength: 3 }), fc.record({ id: scalar }), scalar) }),
  fc.record({ group: idList, id: idList }),
)
const wireContact = fc.oneof(
  fc.record({ id: scalar, name: scalar, surname: scalar, email: scalar, gsm: scalar, custom_fields: customFields, groups, extra: scalar }, { requiredKeys: [] }),
  fc.record({ id: fc.oneof(fc.nat(), digits), name: fc.string(), surname: fc.string(), email: fc.string(), gsm: fc.oneof(digits, fc.nat()), custom_fields: customFields, groups }),
  scalar,
)

function same(schema: v.GenericSchema, value: unknown) {
  const result = v.safeParse(schema, value)
  return result.success ? { output: result.output } : { issues: result.issues.map(({ message, path }) => ({ message, path: path?.map((item) => item.key) })) }
}

describe('fast paths against their schemas', () => {
  test('readWireId gives wireId’s output wherever it gives one', () => {
    fc.assert(
      fc.property(scalar, (value) => {
        const fast = readWireId(value)
        if (fast !== undefined) expect({ output: fast }).toStrictEqual(same(wireId, value))
        else expect(v.safeParse(wireId, value).success).toBe(false)
      }),
      { numRuns: 5000 },
    )
  })

  test('readWireText gives wireText’s output wherever it gives one', () => {
    fc.assert(
      fc.property(scalar, (value) => {
        const fast = readWireText(value)
        if (fast !== undefined) expect({ output: fast }).toStrictEqual(same(wireText, value))
        else expect(v.safeParse(wireText, value).success).toBe(false)
      }),
      { numRuns: 5000 },
    )
  })

  test('readContact gives the schema’s contact wherever it gives one; with the fast path the schema behaves as without it', () => {
    let read = 0
    fc.assert(
      fc.property(wireContact, (wire) => {
        const fast = readContact(wire)
        const reference = same(contactWireSchema, wire)
        if (fast !== undefined) {
          read++
          expect({ output: fast }).toStrictEqual(reference)
        }
        expect(same(contactSchema, wire)).toStrictEqual(reference)
      }),
      { numRuns: 5000 },
    )
    expect(read).toBeGreaterThan(500)
  })

  test('every contact the sandbox sends, in either format, takes the fast path and reads as stored', async () => {
    const stored = fc.sample(
      fc.record({
        id: fc.integer({ min: 1, max: 2 ** 31 }),
        name: fc.string(),
        surname: fc.string(),
        email: fc.string(),
        gsm: fc.stringMatching(/^\+?\d{0,12}$/),
        customFields: fc.array(fc.record({ id: fc.nat(), value: fc.string() }), { maxLength: 3 }),
        groups: fc.array(fc.nat(), { maxLength: 3 }),
      }),
      { numRuns: 300, seed: 8 },
    ) satisfies Contact[]
    // Text XML can carry (the input schemas refuse the rest before anything is sent).
    const xmlText = (text: string) => text.replace(/[^\t\n\r\u0020-\ud7ff\ue000-\ufffd]/g, '')
    const carried = stored.map((contact) => ({
      ...contact,
      name: xmlText(contact.name),
      surname: xmlText(contact.surname),
      email: xmlText(contact.email),
      customFields: contact.customFields.map((field) => ({ ...field, value: xmlText(field.value) })),
    }))
    for (const format of ['json', 'xml'] as const) {
      const codec = await loadCodec(format)
      for (const contacts of [carried, carried.slice(0, 1)]) {
        const body = codec.encodeResponse({ status: { code: 200 }, contacts: wireList('contact', contacts.map(contactTree)) })
        const decoded = codec.decodeResponse(body, searchContacts.lists).body as { contacts: unknown }
        const items = (Array.isArray(decoded.contacts) ? decoded.contacts : [(decoded.contacts as { contact: unknown[] }).contact].flat()) as unknown[]
        expect(items.map(readContact), format).toStrictEqual(contacts)
      }
    }
  })

  test('contacts without custom fields or groups get arrays of their own', () => {
    const first = v.parse(contactWireSchema, { id: 1 })
    const second = v.parse(contactWireSchema, { id: 2 })
    expect(first.customFields).not.toBe(second.customFields)
    expect(first.groups).not.toBe(second.groups)
  })
})
