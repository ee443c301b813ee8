import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { EncodeFailure } from '../src/codec/codec.js'
import { writeWithXmlBuilder } from '../src/codec/xml/request-writer.js'
import { writeXmlDocument } from '../src/codec/xml/response-writer.js'
import { contactTree } from '../src/testing/sandbox/handlers/contact-tree.js'
import { freeText, recordList, wireList, type WireTree, type WireValue } from '../src/wire/tree.js'

// The sandbox's string writer against xmlbuilder2 (which builds every request): the same bytes for
// any tree, the same refusal for text XML cannot carry.

const text = fc.oneof(
  fc.string({ maxLength: 8 }),
  fc.string({ unit: 'binary', maxLength: 6 }),
  fc.array(fc.constantFrom('&', '<', '>', ']]>', ']]', '\r', '\r\n', '\n', '&amp;', '&#13;', 'Şğ', '"', "'", ' ', '', '\u0000', '\ufffe', '\ud800'), { maxLength: 5 }).map((pieces) => pieces.join('')),
)
const name = fc.constantFrom('a', 'b', 'status', 'contact', 'id', 'custom_field', 'x-1')
const scalar: fc.Arbitrary<WireValue> = fc.oneof(text, text.map(freeText), fc.integer(), fc.double(), fc.constant(undefined))

const tree: fc.Arbitrary<WireTree> = fc.letrec<{ tree: WireTree; value: WireValue }>((tie) => ({
  tree: fc.dictionary(name, tie('value'), { maxKeys: 4, depthIdentifier: 'tree' }),
  value: fc.oneof(
    { maxDepth: 4, depthIdentifier: 'tree' },
    scalar,
    tie('tree'),
    fc.array(fc.oneof(scalar, tie('tree')), { maxLength: 3, depthIdentifier: 'tree' }),
    fc.tuple(name, fc.array(fc.oneof(scalar, tie('tree')), { maxLength: 3, depthIdentifier: 'tree' })).map(([item, items]) => wireList(item, items)),
    fc.tuple(name, name, fc.array(scalar, { maxLength: 3 })).map(([record, field, values]) => recordList(record, field, values)),
  ),
})).tree

function written(write: () => string): string | { refused: string } {
  try {
    return write()
  } catch (error) {
    return { refused: error instanceof EncodeFailure ? 'EncodeFailure' : String(error) }
  }
}

describe('the response writer against xmlbuilder2', () => {
  test('the same bytes for any tree, the same refusals', () => {
    fc.assert(
      fc.property(tree, (wire) => {
        expect(written(() => writeXmlDocument('response', wire))).toEqual(written(() => writeWithXmlBuilder('response', wire)))
      }),
      { numRuns: 3000 },
    )
  })

  test('a page of contacts, byte for byte', () => {
    const contacts = [
      { id: 1, name: 'Ayşe', surname: 'Doğan & Oğulları', email: 'a@örnek.com.tr', gsm: '05321234567', customFields: [{ id: 1, value: 'x]]>y\r\nz' }], groups: [7, 12] },
      { id: 2, name: '', surname: '', email: '', gsm: '', customFields: [], groups: [] },
    ]
    const page = { status: { code: 200, message: 'İşlem başarılı' }, contacts: wireList('contact', contacts.map(contactTree)) }
    expect(writeXmlDocument('response', page)).toBe(writeWithXmlBuilder('response', page))
  })
})
