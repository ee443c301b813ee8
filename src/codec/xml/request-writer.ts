import { create } from 'xmlbuilder2'
import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces.js'
import { FreeText, RecordList, WireList, type WireTree, type WireValue } from '../../wire/tree.js'
import { carried } from './xml-text.js'

// Requests are built with xmlbuilder2. response-writer.ts writes the same bytes for the sandbox's
// answers without it (test/perf-xml-writer.test.ts compares the two).

function appendChildren(parent: XMLBuilder, tree: WireTree): void {
  for (const [name, value] of Object.entries(tree)) {
    if (Array.isArray(value)) {
      for (const item of value) appendElement(parent, name, item)
    } else {
      appendElement(parent, name, value)
    }
  }
}

function appendElement(parent: XMLBuilder, name: string, value: WireValue): void {
  if (value === undefined) return
  const element = parent.ele(name)
  if (value instanceof FreeText) appendCdata(element, carried(value.text, name))
  else if (typeof value === 'string') element.txt(escapeText(carried(value, name)))
  else if (typeof value === 'number') element.txt(String(value))
  else if (value instanceof WireList) for (const item of value.items) appendElement(element, value.itemName, item)
  else if (value instanceof RecordList) for (const item of value.values) appendElement(element, value.fieldName, item)
  else if (Array.isArray(value)) throw new TypeError(`a list cannot hold a list directly (<${name}>)`)
  else appendChildren(element, value as WireTree)
}

// xmlbuilder2 leaves `&name;`-looking text unescaped: escape every `&` first so text stays text.
// A parser turns a raw CR into LF; as a character reference it survives.
function escapeText(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('\r', '&#13;')
}

// A CDATA section ends at the first `]]>`: such text goes out as several sections. CDATA cannot
// hold a CR that survives parsing either, so each CR goes out between sections as `&#13;`.
function appendCdata(element: XMLBuilder, text: string): void {
  text.split('\r').forEach((line, lineIndex) => {
    if (lineIndex > 0) element.txt('&#13;')
    if (line === '' && lineIndex > 0) return
    const parts = line.split(']]>')
    parts.forEach((part, index) => {
      const head = index === 0 ? '' : '>'
      const tail = index === parts.length - 1 ? '' : ']]'
      element.dat(head + part + tail)
    })
  })
}

/** A whole document, `<?xml …?><root>…</root>`, written by xmlbuilder2. Throws `EncodeFailure`. */
export function writeWithXmlBuilder(root: string, tree: WireTree): string {
  const document = create({ version: '1.0', encoding: 'UTF-8' })
  appendChildren(document.ele(root), tree)
  return document.end({ headless: false, prettyPrint: false })
}
