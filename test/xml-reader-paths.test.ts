import { describe, expect, test } from 'vitest'
import { parseXmlDocument } from '../src/codec/xml/general-reader.js'
import { readPlainXml, repeatedPaths } from '../src/codec/xml/xml-reader.js'

// Which path reads a body, at the edges of what the one-pass reader knows: it reads (and agrees
// with fast-xml-parser on) everything plain the provider could write, including the largest
// references and wide elements, and leaves the rest to the general path. A reader that declined
// these would still give right answers, only slowly: these tests say which path ran.

function plainRead(body: string, repeated: string[] = []): unknown {
  const read = readPlainXml(body, repeatedPaths(repeated))
  expect(read, `the plain reader declined ${JSON.stringify(body.slice(0, 200))}`).toBeDefined()
  const document = { [read!.root]: read!.value }
  expect(document).toStrictEqual(parseXmlDocument(body, repeated))
  return document
}

function declined(body: string): void {
  expect(readPlainXml(body, repeatedPaths([])), JSON.stringify(body)).toBeUndefined()
}

const named = (text: string) => `<response><name>${text}</name></response>`

describe('references', () => {
  test('supplementary-plane and boundary characters, decimal and hex, are read by the plain reader', () => {
    const read: Record<string, string> = {
      '&#x1F600;': '😀',
      '&#128512;': '😀',
      '&#x10FFFF;': '\u{10FFFF}',
      '&#1114111;': '\u{10FFFF}',
      '&#x10000;': '\u{10000}',
      '&#xFFFD;': '\uFFFD',
      '&#xE000;': '\uE000',
      '&#xD7FF;': '\uD7FF',
      '&#x20;': ' ',
      '&#9;': '\t',
      '&#10;': '\n',
      '&#13;': '\r',
      '&#0000065;': 'A',
      '&#x00041;': 'A',
    }
    for (const [reference, character] of Object.entries(read)) {
      expect(plainRead(named(`a${reference}b`)), reference).toStrictEqual({ response: { name: `a${character}b` } })
    }
  })

  test('references to characters XML has not, or spelled past the usual lengths, go to the general path', () => {
    // `&x65#6;` and `&zz41#x1;` end like a character reference but are not one.
    for (const reference of ['&x65#6;', '&zz41#x1;', '&#0;', '&#31;', '&#xD800;', '&#xDFFF;', '&#xFFFE;', '&#xFFFF;', '&#x110000;', '&#1114112;', '&#00000065;', '&#x0000041;', '&#X41;', '&#x;', '&#;', '&nbsp;', '&e;', '& ;', '&amp', '&#65']) {
      declined(named(`a${reference}b`))
    }
  })

  test('several references in one text, and text around them, all decoded', () => {
    expect(plainRead(named('&lt;a&gt; &amp; &quot;b&quot; &apos;c&apos; &#x15F;&#351;'))).toStrictEqual({ response: { name: '<a> & "b" \'c\' şş' } })
    expect(plainRead('<response><a>&amp;</a><b>x</b><c>&lt;</c></response>')).toStrictEqual({ response: { a: '&', b: 'x', c: '<' } })
  })
})

describe('elements', () => {
  test('more than 16 distinct child names: later repeats still become lists, in order', () => {
    const names = Array.from({ length: 20 }, (_, index) => `n${index}`)
    const body = `<response>${names.map((name) => `<${name}>${name}</${name}>`).join('')}<n0>again</n0><n17>again</n17><n19>again</n19><n19>third</n19></response>`
    const document = plainRead(body) as { response: Record<string, unknown> }
    expect(Object.keys(document.response)).toEqual(names)
    expect(document.response['n0']).toEqual(['n0', 'again'])
    expect(document.response['n17']).toEqual(['n17', 'again'])
    expect(document.response['n19']).toEqual(['n19', 'again', 'third'])
    expect(document.response['n16']).toBe('n16')
  })

  test('a child named like an Object method is a child, not a repeat', () => {
    expect(plainRead('<response><isPrototypeOf>a</isPrototypeOf><hasOwn>b</hasOwn><b>c</b></response>')).toStrictEqual({ response: { isPrototypeOf: 'a', hasOwn: 'b', b: 'c' } })
  })

  test('64 levels deep are read; one more goes to the general path', () => {
    const nest = (depth: number) => `${'<a>'.repeat(depth)}x${'</a>'.repeat(depth)}`
    plainRead(nest(64))
    declined(nest(65))
  })

  test('lists by path: a single element reads as a list where the path says so, also at the root', () => {
    expect(plainRead('<response><contacts><contact><id>1</id></contact></contacts></response>', ['response.contacts.contact'])).toStrictEqual({ response: { contacts: { contact: [{ id: '1' }] } } })
    expect(plainRead('<response><e/></response>', ['response.e'])).toStrictEqual({ response: { e: [''] } })
    expect(plainRead('<response/>', ['response'])).toStrictEqual({ response: [''] })
    expect(plainRead('<response>x</response>', ['response'])).toStrictEqual({ response: ['x'] })
  })

  test('text beside child elements is `#text`; an empty element is the empty string', () => {
    expect(plainRead('<response>a<b>c</b>d<e></e><f/></response>')).toStrictEqual({ response: { '#text': 'ad', b: 'c', e: '', f: '' } })
  })

  test('names with digits, `-` and `_` are read; a dotted, prefixed or guarded name is not', () => {
    plainRead('<response><z-1>a</z-1><_u>b</_u><A1>c</A1></response>')
    for (const name of ['x.y', 'ns:a', '__proto__', 'constructor', '1a', '-a']) declined(`<response><${name}>a</${name}></response>`)
  })

  test('the ASCII letters at both ends of each range start and continue a name; the characters beside them do neither', () => {
    plainRead('<response><a>1</a><z>2</z><A>3</A><Z>4</Z><az>5</az><zZ>6</zZ><Az>7</Az><ZA>8</ZA><a09>9</a09></response>')
    // Just past `z`, `Z`, `9` and before `a`, `A`, `0`: `{`, `[`, `:`, backtick, `@`, `/`; and a letter outside ASCII.
    for (const name of ['{', '[', '`', '@', 'ş', 'a{', 'a[', 'a`', 'a@', 'aş', 'a:']) declined(`<response><${name}>x</${name}></response>`)
  })

  test('every name fast-xml-parser guards against prototype pollution is left to it', () => {
    for (const name of ['__proto__', 'constructor', 'prototype', 'hasOwnProperty', 'toString', 'valueOf', '__defineGetter__', '__defineSetter__', '__lookupGetter__', '__lookupSetter__']) {
      declined(`<response><${name}>x</${name}></response>`)
    }
  })

  test('a start tag ended by anything but `>` or `/>` right after its name is not read as an element', () => {
    // Unclosed `<a`: read as `<a/>`, these would give a document to a body that has none.
    for (const body of ['<response><a ></response>', '<response><a\t></response>', '<response><a.></response>', '<response><a:></response>', '<response><a/x></response>']) declined(body)
  })

  test('names that are prefixes of one another, many more than the name cache holds, are each read as themselves', () => {
    // The cache keeps one name per slot: names sharing a slot and a prefix must not be taken for one another.
    // Each name right after a prefix of it, 3 000 times: some pairs share a slot, whatever the hashing.
    const names = Array.from({ length: 1000 }, (_, index) => `n${index.toString(36)}`).flatMap((stem) => [stem, `${stem}x`, `${stem}x-y_z`])
    const body = `<response>${names.map((name) => `<g><${name}>${name}</${name}></g>`).join('')}</response>`
    const document = plainRead(body) as { response: { g: Record<string, string>[] } }
    expect(document.response.g.map((item) => Object.entries(item)[0])).toStrictEqual(names.map((name) => [name, name]))
  })

  test('mismatched, unclosed, attributed or spaced tags go to the general path', () => {
    for (const body of ['<response><a>x</b></response>', '<response><a>x</a>', '<response a="1"></response>', '<response ></response>', '<response><a/ ></response>', '<response></response >', '</response>', '<response>x</response><second/>', '<response/>x', 'x<response/>', '<response>a<']) declined(body)
  })
})

describe('around the root', () => {
  test('a declaration only counts at the very start: one inside the document is text', () => {
    expect(plainRead('<response><name><![CDATA[<?xml version="1.0"?>]]></name></response>')).toStrictEqual({ response: { name: '<?xml version="1.0"?>' } })
    declined('<!-- c --><?xml version="1.0"?><response/>')
  })

  test('the usual declarations, whitespace and comments before and after the root are read', () => {
    for (const prolog of ['<?xml version="1.0"?>', "<?xml version='1.0' encoding='UTF-8'?>", '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>', '<?xml version="1.0" encoding="ISO-8859-9" ?>', '\n\t <!-- c -->\n']) {
      expect(plainRead(`${prolog}<response>a</response>\n<!-- after --> \n`), prolog).toStrictEqual({ response: 'a' })
    }
  })

  test('another XML version, a BOM, a DOCTYPE, a PI or an unclosed comment go to the general path', () => {
    for (const prolog of ['<?xml version="1.1"?>', '\ufeff', '<!DOCTYPE response>', '<?pi?>', '<!-- open', '<?xml version="1.0" encoding="8"?>']) declined(`${prolog}<response>a</response>`)
    for (const epilog of ['<!-- open', 'text', '<?pi?>', '<b/>']) declined(`<response>a</response>${epilog}`)
  })

  test('line ends: CRLF and CR read as LF, a referenced CR survives; CDATA and comments inside text', () => {
    expect(plainRead('<response><a>x\r\ny\rz&#13;</a></response>')).toStrictEqual({ response: { a: 'x\ny\nz\r' } })
    expect(plainRead('<response><a>x<![CDATA[<&>]]>y<!-- c -->z</a></response>')).toStrictEqual({ response: { a: 'x<&>yz' } })
    declined('<response><a><![CDATA[open</a></response>')
    declined('<response><a><!-- open</a></response>')
    declined('<![CDATA[x]]><response/>')
  })
})
