import fc from 'fast-check'
import { create } from 'xmlbuilder2'
import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces.js'
import { describe, expect, test } from 'vitest'
import { EncodeFailure } from '../src/codec/codec.js'
import { writeWithXmlBuilder } from '../src/codec/xml/request-writer.js'
import { cdataSections } from '../src/codec/xml/xml-text.js'
import { FreeText, freeText, type WireTree } from '../src/wire/tree.js'

// The request writer hands xmlbuilder2 one node per free-text field, however many CDATA sections
// the text needs (issue 14, item 5): its bytes are held here to the writer it replaced, which gave
// xmlbuilder2 a node per section and per CR (seconds for long hostile text; bench/hostile.ts).

function appendPieces(element: XMLBuilder, text: string): void {
  text.split('\r').forEach((line, lineIndex) => {
    if (lineIndex > 0) element.txt('&#13;')
    if (line === '' && lineIndex > 0) return
    const parts = line.split(']]>')
    parts.forEach((part, index) => element.dat((index === 0 ? '' : '>') + part + (index === parts.length - 1 ? '' : ']]')))
  })
}

/** The node-per-piece writer, for flat trees of free text and plain text. */
function pieceByPiece(tree: Record<string, FreeText | string>): string {
  const document = create({ version: '1.0', encoding: 'UTF-8' })
  const root = document.ele('request')
  for (const [name, value] of Object.entries(tree)) {
    const element = root.ele(name)
    if (value instanceof FreeText) appendPieces(element, value.text)
    else element.txt(value.replaceAll('&', '&amp;').replaceAll('\r', '&#13;'))
  }
  return document.end({ headless: false, prettyPrint: false })
}

const piece = fc.constantFrom('a', 'Ş', '😀', '\r', '\r\n', '\n', ']', ']]', ']]>', '>', '<', '&', '&#13;', '<![CDATA[', '0', '12', ' ', '')
const text = fc.oneof(fc.array(piece, { maxLength: 12 }).map((pieces) => pieces.join('')), fc.string({ maxLength: 8 }))
const field = fc.constantFrom('name', 'surname', 'text', 'email', 'a')
const flatTree = fc.dictionary(field, fc.oneof(text.map(freeText), text), { maxKeys: 4 })

describe('the XML request writer', () => {
  test('writes the bytes the node-per-piece writer wrote, for any free and plain text', () => {
    fc.assert(
      fc.property(flatTree, (tree) => {
        expect(writeWithXmlBuilder('request', tree as WireTree)).toBe(pieceByPiece(tree))
      }),
      { numRuns: 3000 },
    )
  })

  test('long hostile text: the same bytes, every CR and `]]>` carried', () => {
    for (const hostile of ['a\r'.repeat(5000), '\r'.repeat(5000), ']]>'.repeat(5000), 'a\r\r]]>'.repeat(2000), `\r${'x]]>\r'.repeat(2000)}\r`]) {
      const tree = { name: freeText(hostile), surname: freeText(`${hostile}z`), email: hostile }
      expect(writeWithXmlBuilder('request', tree)).toBe(pieceByPiece(tree))
    }
  })

  test('sections as a function of the text: empty text none, plain text one, a CR between sections', () => {
    expect(cdataSections('')).toBe('')
    expect(cdataSections('a')).toBe('<![CDATA[a]]>')
    expect(cdataSections('a\rb')).toBe('<![CDATA[a]]>&#13;<![CDATA[b]]>')
    expect(cdataSections('\r\ra\r')).toBe('&#13;&#13;<![CDATA[a]]>&#13;')
    expect(cdataSections('a]]>b')).toBe('<![CDATA[a]]]]><![CDATA[>b]]>')
    expect(cdataSections(']]>\r]]>')).toBe('<![CDATA[]]]]><![CDATA[>]]>&#13;<![CDATA[]]]]><![CDATA[>]]>')
  })

  test('no text can forge the placeholder that stands for free text while xmlbuilder2 writes', () => {
    // U+FFFF is not an XML character: refused in any text, so only the writer's placeholders hold it.
    for (const forged of ['\uFFFF0\uFFFF', 'a\r\uFFFF1\uFFFF']) {
      expect(() => writeWithXmlBuilder('request', { name: freeText(forged) })).toThrow(EncodeFailure)
      expect(() => writeWithXmlBuilder('request', { name: forged })).toThrow(EncodeFailure)
    }
    // Digits and several free texts around placeholders land in their own places.
    const tree = { a: freeText('1\r2'), b: '0', c: freeText(']]>0'), d: freeText('3\r') }
    expect(writeWithXmlBuilder('request', tree)).toBe(pieceByPiece(tree))
  })
})
