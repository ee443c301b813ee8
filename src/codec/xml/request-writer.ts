import { create } from 'xmlbuilder2'
import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces.js'
import { FreeText, RecordList, WireList, type WireTree, type WireValue } from '../../wire/tree.js'
import { carried, cdataSections, needsSections } from './xml-text.js'

// Requests are built with xmlbuilder2. response-writer.ts writes the same bytes for the sandbox's
// answers without it (test/perf-xml-writer.test.ts compares the two).

// Free text that goes out as several CDATA sections (it holds a CR or `]]>`) would cost xmlbuilder2
// a node per section and per CR, seconds for long hostile text. It gets one placeholder text node
// instead, replaced by the sections' markup once the document is written: the same bytes, in time
// linear in the text. A placeholder is U+FFFF, an index, U+FFFF: `carried` refuses U+FFFF in any
// text, so nothing else in a document can read like one.
const placeholder = /\uFFFF(\d+)\uFFFF/g

function appendChildren(parent: XMLBuilder, tree: WireTree, sections: string[]): void {
  for (const [name, value] of Object.entries(tree)) {
    if (Array.isArray(value)) {
      for (const item of value) appendElement(parent, name, item, sections)
    } else {
      appendElement(parent, name, value, sections)
    }
  }
}

function appendElement(parent: XMLBuilder, name: string, value: WireValue, sections: string[]): void {
  if (value === undefined) return
  const element = parent.ele(name)
  if (value instanceof FreeText) appendCdata(element, carried(value.text, name), sections)
  else if (typeof value === 'string') element.txt(escapeText(carried(value, name)))
  else if (typeof value === 'number') element.txt(String(value))
  else if (value instanceof WireList) for (const item of value.items) appendElement(element, value.itemName, item, sections)
  else if (value instanceof RecordList) for (const item of value.values) appendElement(element, value.fieldName, item, sections)
  else if (Array.isArray(value)) throw new TypeError(`a list cannot hold a list directly (<${name}>)`)
  else appendChildren(element, value as WireTree, sections)
}

// xmlbuilder2 leaves `&name;`-looking text unescaped: escape every `&` first so text stays text.
// A parser turns a raw CR into LF; as a character reference it survives.
// Split and join: linear and native, where `replaceAll` with many matches is several times slower.
function escapeText(text: string): string {
  const ampersands = text.includes('&') ? text.split('&').join('&amp;') : text
  return ampersands.includes('\r') ? ampersands.split('\r').join('&#13;') : ampersands
}

// Text in one CDATA section is xmlbuilder2's; text that needs several goes in by placeholder.
function appendCdata(element: XMLBuilder, text: string, sections: string[]): void {
  if (!needsSections(text)) {
    element.dat(text)
    return
  }
  element.txt(`\uFFFF${sections.length}\uFFFF`)
  sections.push(cdataSections(text))
}

/** A whole document, `<?xml …?><root>…</root>`, written by xmlbuilder2. Throws `EncodeFailure`. */
export function writeWithXmlBuilder(root: string, tree: WireTree): string {
  const document = create({ version: '1.0', encoding: 'UTF-8' })
  const sections: string[] = []
  appendChildren(document.ele(root), tree, sections)
  const written = document.end({ headless: false, prettyPrint: false })
  return sections.length === 0 ? written : written.replace(placeholder, (_match, index: string) => sections[Number(index)]!)
}
