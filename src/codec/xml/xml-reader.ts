// A single-pass reader for the plain XML the provider writes: elements without attributes, text,
// CDATA, comments, an XML declaration, the five predefined entities and numeric references. It
// gives exactly the tree fast-xml-parser gives with the codec's options, many times faster, or
// `undefined` for anything else (a DOCTYPE, a processing instruction, an attribute, another entity,
// a mismatched or unclosed tag, truncation, a BOM, odd names): the caller then takes the general
// path (fast-xml-parser with validation, which also refuses a DOCTYPE), which decides. This reader never
// refuses a document itself, so it cannot make a body fail that the general path reads; the
// differential test in test/xml-reader.test.ts holds it to the general path's result.

/** The elements that always read as lists, as a tree of names from the root element. */
export interface RepeatedPaths {
  /** No prototype: an element named `constructor` finds nothing here. */
  readonly children: Record<string, RepeatedPaths | undefined>
  repeated: boolean
}

function pathNode(): RepeatedPaths {
  return { children: Object.create(null) as Record<string, RepeatedPaths | undefined>, repeated: false }
}

/** A tree of the dotted `paths` (each from the root element: `response.contacts.contact`). */
export function repeatedPaths(paths: readonly string[]): RepeatedPaths {
  const top = pathNode()
  for (const path of paths) {
    let node = top
    for (const name of path.split('.')) node = node.children[name] ??= pathNode()
    node.repeated = true
  }
  return top
}

/** The root element's name and value, in fast-xml-parser's shape. */
export interface ReadDocument {
  readonly root: string
  readonly value: unknown
}

const lessThan = 60
const greaterThan = 62
const slash = 47
const bang = 33

// Names fast-xml-parser refuses or renames (prototype pollution guards): its own business.
const guardedNames = new Set([
  '__proto__',
  'constructor',
  'prototype',
  'hasOwnProperty',
  'toString',
  'valueOf',
  '__defineGetter__',
  '__defineSetter__',
  '__lookupGetter__',
  '__lookupSetter__',
])

// Deeper than anything the provider sends, well under fast-xml-parser's own limit.
const maxDepth = 64

// Only the usual declaration, at the very start: a version other than 1.0 changes which
// references fast-xml-parser accepts.
const declaration = /^<\?xml version=(?:"1\.0"|'1\.0')(?: encoding=(?:"[A-Za-z][\w.-]*"|'[A-Za-z][\w.-]*'))?(?: standalone=(?:"(?:yes|no)"|'(?:yes|no)'))? ?\?>/

const hasOwn = Object.prototype.hasOwnProperty

function isNameStart(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || code === 95
}

// No `.`: list paths are dotted, and a dotted name would be ambiguous in them.
function isNameChar(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57) || code === 95 || code === 45
}

function isSpace(code: number): boolean {
  return code === 32 || code === 10 || code === 9
}

// Characters XML 1.0 allows; a reference to any other one is left to the general path.
function isXmlCharacter(code: number): boolean {
  return code === 9 || code === 10 || code === 13 || (code >= 0x20 && code <= 0xd7ff) || (code >= 0xe000 && code <= 0xfffd) || (code >= 0x10000 && code <= 0x10ffff)
}

const decimalReference = /^#\d{1,7}$/
const hexReference = /^#x[\dA-Fa-f]{1,6}$/

function referenced(name: string): string | undefined {
  switch (name) {
    case 'lt':
      return '<'
    case 'gt':
      return '>'
    case 'amp':
      return '&'
    case 'quot':
      return '"'
    case 'apos':
      return "'"
  }
  let code: number
  if (decimalReference.test(name)) code = Number.parseInt(name.slice(1), 10)
  else if (hexReference.test(name)) code = Number.parseInt(name.slice(2), 16)
  else return undefined
  return isXmlCharacter(code) ? String.fromCodePoint(code) : undefined
}

// Text between two pieces of markup, references decoded; undefined for a reference this reader leaves alone.
function decodeText(text: string, firstAmpersand: number): string | undefined {
  let decoded = ''
  let done = 0
  for (let at = firstAmpersand; at !== -1; at = text.indexOf('&', done)) {
    const end = text.indexOf(';', at + 1)
    if (end === -1 || end - at > 10) return undefined
    const character = referenced(text.slice(at + 1, end))
    if (character === undefined) return undefined
    decoded += text.slice(done, at) + character
    done = end + 1
  }
  return decoded + text.slice(done)
}

// Whitespace and comments before or after the root element: the index past them, or -1 for anything else there.
function skipMisc(text: string, from: number, end: 'root' | 'eof'): number {
  let at = from
  for (;;) {
    while (at < text.length && isSpace(text.charCodeAt(at))) at++
    if (at === text.length) return end === 'eof' ? at : -1
    if (text.startsWith('<!--', at)) {
      const close = text.indexOf('-->', at + 4)
      if (close === -1) return -1
      at = close + 3
      continue
    }
    return end === 'root' && text.charCodeAt(at) === lessThan && isNameStart(text.charCodeAt(at + 1)) ? at : -1
  }
}

/**
 * Reads `body` the way fast-xml-parser does with the codec's options
 * (attributes ignored, values kept as text, untrimmed, `#text` beside
 * child elements, a repeated element an array, `repeated` paths always
 * arrays, an empty element `''`), or gives `undefined` when the body
 * holds anything outside the plain XML this reader knows.
 */
export function readPlainXml(body: string, repeated: RepeatedPaths): ReadDocument | undefined {
  // As every XML parser does: CRLF and CR are line feeds (a CR sent as `&#13;` survives).
  const text = body.includes('\r') ? body.replace(/\r\n?/g, '\n') : body
  const prolog = declaration.exec(text)
  let at = skipMisc(text, prolog === null ? 0 : prolog[0].length, 'root')
  if (at === -1) return undefined

  // The open elements, by depth: name, list paths below it, child elements so far, text so far.
  const names: string[] = []
  const paths: (RepeatedPaths | undefined)[] = [repeated]
  const objects: (Record<string, unknown> | undefined)[] = [undefined]
  const texts: string[] = ['']
  // The names of each open element's children so far, while they are few.
  const seen: string[][] = [[]]
  const counts: number[] = [0]
  let depth = 0
  let ampersand = text.indexOf('&', at)
  let rootName = ''
  let rootValue: unknown

  for (;;) {
    // Markup mostly follows markup (`</id><name>`): no search needed then.
    const open = text.charCodeAt(at) === lessThan ? at : text.indexOf('<', at)
    if (open === -1) return undefined
    if (open > at) {
      // Text outside the root is never reached: the root is read to its end tag, then the rest skipped.
      let segment = text.slice(at, open)
      if (ampersand !== -1 && ampersand < open) {
        const decoded = decodeText(segment, ampersand - at)
        if (decoded === undefined) return undefined
        segment = decoded
        ampersand = text.indexOf('&', open)
      }
      texts[depth] += segment
    }
    const next = text.charCodeAt(open + 1)

    if (next === slash) {
      if (depth === 0) return undefined
      const name = names[depth]!
      const end = open + 2 + name.length
      if (text.charCodeAt(end) !== greaterThan || !startsWithAt(text, name, open + 2)) return undefined
      at = end + 1
      const children = objects[depth]
      const ownText = texts[depth]!
      let value: unknown = ownText
      if (children !== undefined) {
        if (ownText !== '') children['#text'] = ownText
        value = children
      }
      objects[depth] = undefined
      texts[depth] = ''
      depth--
      if (depth === 0) {
        rootName = name
        rootValue = paths[1]?.repeated === true ? [value] : value
        break
      }
      add(objects, seen, counts, depth, name, value, paths[depth + 1]!)
      continue
    }

    if (next === bang) {
      if (text.startsWith('--', open + 2)) {
        const close = text.indexOf('-->', open + 4)
        if (close === -1) return undefined
        at = close + 3
      } else if (depth > 0 && text.startsWith('[CDATA[', open + 2)) {
        const close = text.indexOf(']]>', open + 9)
        if (close === -1) return undefined
        texts[depth] += text.slice(open + 9, close)
        at = close + 3
      } else {
        // A DOCTYPE, an ENTITY or anything else: the general path refuses or reads it.
        return undefined
      }
      if (ampersand !== -1 && ampersand < at) ampersand = text.indexOf('&', at)
      continue
    }

    // A start tag: a plain name, then `>` or `/>`; attributes, spaces and PIs are the general path's.
    if (!isNameStart(next)) return undefined
    let nameEnd = open + 2
    let hash = next
    for (let code = text.charCodeAt(nameEnd); isNameChar(code); code = text.charCodeAt(++nameEnd)) hash = (hash * 31 + code) | 0
    const name = elementName(text, open + 1, nameEnd, hash)
    if (name === undefined) return undefined
    const path = paths[depth]?.children[name]
    if (text.charCodeAt(nameEnd) === greaterThan) {
      at = nameEnd + 1
      if (++depth > maxDepth) return undefined
      names[depth] = name
      seen[depth] ??= []
      paths[depth] = path
      objects[depth] = undefined
      texts[depth] = ''
    } else if (text.charCodeAt(nameEnd) === slash && text.charCodeAt(nameEnd + 1) === greaterThan) {
      at = nameEnd + 2
      if (depth === 0) {
        rootName = name
        rootValue = path?.repeated === true ? [''] : ''
        break
      }
      add(objects, seen, counts, depth, name, '', path)
    } else {
      return undefined
    }
  }

  // After the root only whitespace and comments; a second root or stray text is not well-formed.
  if (skipMisc(text, at, 'eof') === -1) return undefined
  return { root: rootName, value: rootValue }
}

// `text.startsWith(name, at)`, cheaper for the short names of elements.
function startsWithAt(text: string, name: string, at: number): boolean {
  for (let index = 0; index < name.length; index++) if (text.charCodeAt(at + index) !== name.charCodeAt(index)) return false
  return true
}

// Element names seen so far, by a hash of their characters. A name read from the cache is not cut
// out of the body again, and as an internalized string it is a cheap property key.
const nameCache: (string | undefined)[] = new Array(512).fill(undefined)

function elementName(text: string, start: number, end: number, hash: number): string | undefined {
  const slot = (hash ^ (end - start)) & 511
  const cached = nameCache[slot]
  if (cached !== undefined && cached.length === end - start && startsWithAt(text, cached, start)) return cached
  const name = text.slice(start, end)
  if (guardedNames.has(name)) return undefined
  // A property key is internalized: the cache keeps that copy rather than a slice holding on to the body.
  const internalized = Object.keys({ [name]: 0 })[0]!
  nameCache[slot] = internalized
  return internalized
}

// Past this many distinct child names an element's names are looked up as properties, not listed.
const listedNames = 16

function add(objects: (Record<string, unknown> | undefined)[], seen: string[][], counts: number[], depth: number, name: string, value: unknown, path: RepeatedPaths | undefined): void {
  let children = objects[depth]
  const names = seen[depth]!
  if (children === undefined) {
    objects[depth] = children = {}
    counts[depth] = 0
  }
  // Names are internalized, so `===` is a pointer comparison: cheaper than a property lookup that
  // misses and searches the prototype chain. (An element named `isPrototypeOf` is not a repeat.)
  const count = counts[depth]!
  let repeat = false
  if (count < listedNames) {
    for (let index = 0; index < count; index++) {
      if (names[index] === name) {
        repeat = true
        break
      }
    }
    if (!repeat) {
      names[count] = name
      counts[depth] = count + 1
    }
  } else {
    repeat = hasOwn.call(children, name)
  }
  if (!repeat) {
    children[name] = path?.repeated === true ? [value] : value
    return
  }
  const existing = children[name]
  if (Array.isArray(existing)) existing.push(value)
  else children[name] = [existing, value]
}
