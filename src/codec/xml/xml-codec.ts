import { create } from 'xmlbuilder2'
import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces.js'
import { DecodeFailure, EncodeFailure, type Codec } from '../codec.js'
import { FreeText, RecordList, WireList, type DecodedResponse, type WireTree, type WireValue } from '../../wire/tree.js'
import { parseXmlDocument } from './general-reader.js'
import { readPlainXml, repeatedPaths, type RepeatedPaths } from './xml-reader.js'

// ---- encoding -------------------------------------------------------------

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

// Characters XML 1.0 cannot carry. xmlbuilder2 writes them raw, which would send a broken document.
const notXmlCharacter = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u

function carried(text: string, name: string): string {
  if (notXmlCharacter.test(text)) throw new EncodeFailure(`<${name}> holds a character XML cannot carry`)
  return text
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

function encodeDocument(root: 'request' | 'response', tree: WireTree): string {
  const document = create({ version: '1.0', encoding: 'UTF-8' })
  appendChildren(document.ele(root), tree)
  return document.end({ headless: false, prettyPrint: false })
}

// ---- decoding -------------------------------------------------------------

// Per root and list paths (not the array's identity: callers may pass a fresh `[]` each time).
const listPaths = new Map<string, { readonly full: readonly string[]; readonly tree: RepeatedPaths }>()

function listPathsFor(root: string, lists: readonly string[]) {
  const key = `${root}:${lists.join(',')}`
  let paths = listPaths.get(key)
  if (paths === undefined) {
    const full = lists.map((path) => `${root}.${path}`)
    listPaths.set(key, (paths = { full, tree: repeatedPaths(full) }))
  }
  return paths
}

function decodeDocument(root: 'request' | 'response', body: string, lists: readonly string[]): Record<string, unknown> {
  const paths = listPathsFor(root, lists)
  // The plain XML the provider writes, in one pass; anything else (a DOCTYPE included) the general path decides.
  const plain = readPlainXml(body, paths.tree)
  const document = plain === undefined ? parseXmlDocument(body, paths.full) : { [plain.root]: plain.value }
  const rootValue = isRecord(document) ? document[root] : undefined
  if (rootValue === '') return {}
  if (!isRecord(rootValue)) throw new DecodeFailure(`the XML body has no <${root}> root`)
  return rootValue
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** XML: `POST /v1/<method>`, `<request>…</request>` in, `<response>…</response>` out. */
export const xmlCodec: Codec = {
  format: 'xml',
  contentType: 'text/xml; charset=UTF-8',
  pathFor: (operation) => operation,
  operationFromPath: (path) => (path.includes('/') ? undefined : path),
  encodeRequest: (tree) => encodeDocument('request', tree),
  decodeRequest: (body, lists) => decodeDocument('request', body, lists),
  encodeResponse: (tree) => encodeDocument('response', tree),
  decodeResponse(body, lists): DecodedResponse {
    const content = decodeDocument('response', body, lists)
    const status = content['status']
    return { body: content, status: isRecord(status) ? { code: status['code'], message: status['message'] } : undefined }
  },
}
