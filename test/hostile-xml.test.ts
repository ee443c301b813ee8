import fc from 'fast-check'
import { XMLParser } from 'fast-xml-parser'
import { describe, expect, test } from 'vitest'
import { DecodeFailure } from '../src/codec/codec.js'
import { parseXmlDocument } from '../src/codec/xml/general-reader.js'
import { xmlCodec } from '../src/codec/xml/xml-codec.js'
import { readPlainXml, repeatedPaths } from '../src/codec/xml/xml-reader.js'
import { createClient, ProtocolError } from '../src/index.js'
import { unboundedBodies } from './support/hostile-xml.js'
import { rejectionOf } from './support/outcomes.js'

// Hostile XML answers (issue 14, items 1 and 2): decoding is linear and bounded whatever a body
// holds, and a DOCTYPE is decided by the reading that parses the document, so nothing hides one.

const key = 'hostile-test-key'
const secret = 'hostile-test-secret'
const contactAnswer = (name: string) => `<response><status><code>200</code><message>OK</message></status><contact><id>1</id><name>${name}</name></contact></response>`

function answering(body: string): typeof fetch {
  return async () => new Response(body, { status: 200, headers: { 'content-type': 'text/xml; charset=UTF-8' } })
}

/** What decoding gives: the document, or the DecodeFailure's message. */
function decoded(body: string): { document: unknown } | { refused: string } {
  try {
    return { document: xmlCodec.decodeResponse(body, []).body }
  } catch (error) {
    if (error instanceof DecodeFailure) return { refused: error.message }
    throw error
  }
}

// The entity's value shows in a result only inside the declaration's own text (fast-xml-parser
// reads `<![…]]>` as CDATA whatever follows `<![`, so a declaration there is text), never expanded.
function onlyAsDeclarationText(result: string): boolean {
  return result.split('INJECTED').length === result.split(/ENTITY e \\?["']INJECTED\\?["']/).length
}

// The reference: fast-xml-parser with the same options but its own entity decoder, which
// stores what a DOCTYPE declares and expands it.
const expanding = new XMLParser({ ignoreAttributes: true, parseTagValue: false, trimValues: false, processEntities: true, htmlEntities: true, ignoreDeclaration: true, ignorePiTags: true })
const expands = (body: string) => {
  try {
    return JSON.stringify(expanding.parse(body)).includes('INJECTED')
  } catch {
    return false
  }
}

describe('a DOCTYPE cannot be hidden', () => {
  test("the issue's reproducer: a `<!--` inside a PI does not hide the DOCTYPE, and the entity is not expanded", async () => {
    // The old pre-check took the `<!--` in the first PI for a comment running to the `-->` in the
    // last one, saw no DOCTYPE, and fast-xml-parser expanded &e; into the contact's name.
    const body = `<?x <!-- ?><!DOCTYPE response [<!ENTITY e "INJECTED">]>${contactAnswer('&e;').replace('</response>', '<?y --> ?></response>')}`
    const client = createClient({ key, secret, format: 'xml', fetch: answering(body) })
    const error = await rejectionOf(client.contacts.get(1))
    expect(error).toBeInstanceOf(ProtocolError)
    expect(error.message).toMatch(/DOCTYPE/)
    expect(JSON.stringify(decoded(body))).not.toContain('INJECTED')
  })

  // Markup that other readers take for a comment, CDATA or a PI, or whose quotes look like an
  // attribute value's, around a DOCTYPE that declares an entity the document then references.
  const cover = fc.constantFrom('<?x <!-- ?>', '<?y --> ?>', '<?x <![CDATA[ ?>', '<?y ]]> ?>', '<!-- <? -->', '<!-- ?> -->', '<!-- ]]> -->', '<?x "?>', "<?x '?>", '<?x \'"\'?>', '', '\n', '<?xml-stylesheet href="<!--"?>')
  const declaration = fc.constantFrom(
    '<!DOCTYPE response [<!ENTITY e "INJECTED">]>',
    '<!DOCTYPE response[<!ENTITY e "INJECTED">]>',
    "<!DOCTYPE response [<!ENTITY e 'INJECTED'>]>",
    '<!DOCTYPE response [<!-- ]> --><!ENTITY e "INJECTED">]>',
    '<!DOCTYPE response [<!ENTITY e "INJECTED"><!ENTITY f "&e;">]>',
  )
  const reference = fc.constantFrom('&e;', '&f;', '<![CDATA[x]]>&e;', '&e;<!-- -->')
  const hidden = fc
    .record({ before: fc.array(cover, { maxLength: 3 }), declaration, after: fc.array(cover, { maxLength: 3 }), reference, closing: fc.array(cover, { maxLength: 3 }), attribute: fc.constantFrom('', ' a="<!--"', " b='-->'", ' c="<?"') })
    .map(({ before, declaration, after, reference, closing, attribute }) =>
      before.join('') + declaration + after.join('') + contactAnswer(reference).replace('<response>', `<response${attribute}>`).replace('</response>', `${closing.join('')}</response>`),
    )


  test('whatever covers it, a declared entity is never expanded: where a parser would expand it, the body is refused', () => {
    let refused = 0
    fc.assert(
      fc.property(hidden, (body) => {
        const outcome = decoded(body)
        expect(onlyAsDeclarationText(JSON.stringify(outcome)), body).toBe(true)
        if (expands(body)) expect(outcome, body).toHaveProperty('refused')
        if ('refused' in outcome) refused++
      }),
      { numRuns: 1500 },
    )
    // Most covers hide nothing from the parser's reading: the DOCTYPE is read and refused.
    expect(refused).toBeGreaterThan(1000)
  })

  test('a DOCTYPE that fast-xml-parser reads as part of a PI (it honours quotes there) takes no effect', () => {
    // XML ends a PI at the first `?>`; fast-xml-parser skips a quoted `?>`. By its reading, the one
    // that builds the document, the DOCTYPE below is PI content: nothing is declared, `&e;` is unknown.
    const body = `<?x "?><!DOCTYPE response [<!ENTITY e "INJECTED">]><?x "?>${contactAnswer('&e;')}`
    expect(expands(body)).toBe(false)
    expect(JSON.stringify(decoded(body))).not.toContain('INJECTED')
  })

  test('the general path alone (no plain reader in front) refuses every body a parser would expand', () => {
    fc.assert(
      fc.property(hidden, (body) => {
        if (expands(body)) expect(() => parseXmlDocument(body, []), body).toThrow(DecodeFailure)
      }),
      { numRuns: 500 },
    )
  })

  test('markup XML does not have (`<!doctype`, `<!ENTITY` outside a DOCTYPE) is refused, not read as an element', () => {
    expect(decoded(contactAnswer('a').replace('<contact>', '<!Doctype x><contact>'))).toHaveProperty('refused')
    for (const stray of ['<!doctype x>', '<!ENTITY e "INJECTED">', '<!ELEMENT a ANY>']) {
      const body = contactAnswer('a').replace('<contact>', `${stray}<contact>`)
      expect(decoded(body), body).toStrictEqual({ refused: 'the XML body holds `<!` markup XML has no place for, which is refused' })
    }
  })

  test('text that only reads like a DOCTYPE (in CDATA, a comment, a PI or an attribute value) is not one', () => {
    for (const body of [
      contactAnswer('<![CDATA[<!DOCTYPE x [<!ENTITY e "y">]>]]>'),
      contactAnswer('a<!-- <!DOCTYPE x> -->'),
      contactAnswer('a<?x <!DOCTYPE x> ?>'),
      contactAnswer('a').replace('<response>', '<response a="<!DOCTYPE x>">'),
    ]) {
      const outcome = decoded(body)
      expect(outcome, body).toHaveProperty('document')
    }
    expect(decoded(contactAnswer('<![CDATA[<!DOCTYPE x>]]>'))).toMatchObject({ document: { contact: { name: '<!DOCTYPE x>' } } })
  })

  test('entities XML and HTML define are still decoded on the general path; none a body declares', () => {
    // The processing instruction sends the body down the general path.
    const body = contactAnswer('&amp;&lt;&nbsp;&euro;&#351;&#x1F600;<?pi x?>')
    expect(readPlainXml(body, repeatedPaths([]))).toBeUndefined()
    expect(decoded(body)).toMatchObject({ document: { contact: { name: '&<\u00a0€ş😀' } } })
    expect(decoded(`<!DOCTYPE response [<!ENTITY nbsp "INJECTED">]>${body}`)).toHaveProperty('refused')
  })
})

describe('the general path reads as fast-xml-parser does, DOCTYPEs aside', () => {
  // The codec's entity decoder wraps fast-xml-parser's own: without a DOCTYPE, the document is the
  // one fast-xml-parser builds with its own decoder (XML 1.0 and 1.1 references, HTML entities,
  // characters XML cannot hold), and the refusals are its validator's.
  const reference = fc.constantFrom('&#1;', '&#x85;', '&#128;', '&#0;', '&#xD800;', '&#x1F600;', '&#65;', '&#x41;', '&nbsp;', '&euro;', '&copy;', '&amp;', '&lt;', '&quot;', '&unknown;', '&e;', 'text', ' ', '<b>x</b>', '<?pi?>', '<!-- c -->')
  const document = fc
    .record({ version: fc.constantFrom('', '<?xml version="1.0"?>', '<?xml version="1.1"?>'), attribute: fc.constantFrom('', ' a="1"'), pieces: fc.array(reference, { maxLength: 6 }) })
    .map(({ version, attribute, pieces }) => `${version}<response${attribute}><n>${pieces.join('')}</n><m>${pieces.reverse().join('')}</m></response>`)

  test('the same document, or the same refusal', () => {
    fc.assert(
      fc.property(document, (body) => {
        let expected: unknown
        try {
          expected = { document: expanding.parse(body, true) }
        } catch {
          expected = 'refused'
        }
        let actual: unknown
        try {
          actual = { document: parseXmlDocument(body, []) }
        } catch (error) {
          expect(error).toBeInstanceOf(DecodeFailure)
          actual = 'refused'
        }
        expect(actual, body).toStrictEqual(expected)
      }),
      { numRuns: 1500 },
    )
  })

  test('attributes and processing instructions are left out of the document', () => {
    expect(parseXmlDocument('<?xml version="1.0"?><response a="1"><?pi x?><n b="2">x</n></response>', [])).toStrictEqual({ response: { n: 'x' } })
  })

  test('a refused DOCTYPE says so, not that the body is broken', () => {
    expect(decoded('<!DOCTYPE response><response><status><code>200</code></status></response>')).toStrictEqual({ refused: 'the XML body holds a DOCTYPE, which is refused' })
  })

  // Cut short only after redaction, by the normalizer (test/redaction.test.ts): a cut here could
  // leave the head of a credential that redaction would no longer recognise.
  test("a parser's or validator's message reaches the normalizer whole", () => {
    const outcome = decoded(`<response><${'x'.repeat(500)} a="1"></response>`) as { refused: string }
    expect(outcome.refused).toContain('x'.repeat(500))
  })
})

describe('constructs left open', () => {
  test('the same constructs at small sizes are refused the same way by both paths', () => {
    for (const [name, body] of Object.entries(unboundedBodies(4096))) {
      expect(readPlainXml(body, repeatedPaths([])), name).toBeUndefined()
      expect(() => parseXmlDocument(body, []), name).toThrow(DecodeFailure)
    }
  })
})

describe('messages', () => {
  test("a parser's message does not quote the body around the place it failed (a cut there could hold part of a credential)", () => {
    const fragment = 'f'.repeat(40)
    for (const body of [`<response><a ${fragment}`, `<response><!${fragment}`]) {
      const outcome = decoded(body)
      expect(outcome, body).toHaveProperty('refused')
      expect((outcome as { refused: string }).refused).toMatch(/^the body is not well-formed XML: /)
      expect((outcome as { refused: string }).refused).not.toContain('ffff')
      // The message ends where the parser's own sentence ends.
      expect((outcome as { refused: string }).refused).toMatch(/\.$/)
    }
  })

  test('a body the parser reads but its validator refuses is refused, with the validator saying why', () => {
    for (const body of ['<response><a/>', '<response><a>x</b></response>', '<response>&</response>', '<response><a>x</a></response>y']) {
      const outcome = decoded(body)
      expect(outcome, body).toHaveProperty('refused')
      expect((outcome as { refused: string }).refused, body).toMatch(/^the body is not well-formed XML: .+:\d+:\d+$/)
    }
  })
})
