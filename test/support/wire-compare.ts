import { XMLParser } from 'fast-xml-parser'

// CDATA kept apart from plain text, so "free text went in CDATA" is part of the comparison.
const xmlReader = new XMLParser({ parseTagValue: false, trimValues: true, cdataPropName: '#cdata', ignoreDeclaration: true, ignoreAttributes: true })

/** A wire body as a tree, so two bodies compare by structure and values, not spacing. */
export function parseWire(format: 'json' | 'xml', body: string): unknown {
  return format === 'json' ? JSON.parse(body) : xmlReader.parse(body)
}
