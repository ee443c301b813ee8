import { COMMON_HTML, CURRENCY, EntityDecoder } from '@nodable/entities'
import { XMLParser, XMLValidator, type X2jOptions } from 'fast-xml-parser'
import { DecodeFailure } from '../codec.js'

// The general path for XML bodies the plain reader declines: anything well-formed XML allows that
// the provider does not write (attributes, processing instructions, HTML entities), and every body
// that is refused. fast-xml-parser, with its validator, is the reference the plain reader is held to.

/** Thrown from inside fast-xml-parser at the markup it must not read; turned into a DecodeFailure. */
class RefusedMarkup extends Error {}

// The five predefined entities, HTML's common ones and currency signs, numeric references: what
// fast-xml-parser decodes with `htmlEntities: true`. Its limits stay those of `processEntities: true`.
const references = new EntityDecoder({
  namedEntities: { ...COMMON_HTML, ...CURRENCY },
  numericAllowed: true,
  limit: { maxTotalExpansions: Number.POSITIVE_INFINITY, maxExpandedLength: 100_000, applyLimitsTo: 'all' },
})

// A DOCTYPE is decided by the reading that parses the document: fast-xml-parser's own tokenizer hands
// every DOCTYPE it reads, with the entities it declares, to `addInputEntities`, and that refuses it.
// Nothing a DOCTYPE declares is ever stored, so no declared entity can be expanded. No separate
// pattern over the text (which a comment-looking `<!--` inside a processing instruction once fooled).
const entityDecoder: NonNullable<X2jOptions['entityDecoder']> = {
  decode: (text) => references.decode(text),
  // One decoder serves every document: each starts as XML 1.0 (fast-xml-parser builds a fresh one
  // per document, so a `<?xml version="1.1"?>` body would otherwise change how the next one reads).
  reset: () => {
    references.reset()
    references.setXmlVersion(1.0)
  },
  setXmlVersion: (version) => references.setXmlVersion(version),
  setExternalEntities: () => undefined,
  addInputEntities: () => {
    throw new RefusedMarkup('the XML body holds a DOCTYPE, which is refused')
  },
}

// `<!doctype …>`, `<!ENTITY …>` outside a DOCTYPE, any `<!name`: XML has no such markup, and
// fast-xml-parser would read it as an element named `!…`.
function plainTagName(name: string): string {
  if (name.startsWith('!')) throw new RefusedMarkup('the XML body holds `<!` markup XML has no place for, which is refused')
  return name
}

const parserOptions = {
  ignoreAttributes: true,
  // Every value stays text: the schemas decide what is a number (phone numbers keep their leading 0).
  parseTagValue: false,
  // Whitespace inside a value is the value's; indentation between elements is ignored by the schemas.
  trimValues: false,
  processEntities: true,
  entityDecoder,
  transformTagName: plainTagName,
  ignoreDeclaration: true,
  ignorePiTags: true,
} as const

// By the paths, not by the array's identity: callers may pass a fresh `[]` each time. The key is
// JSON, which no two lists share (a plain join makes `['a', 'b']` and `['a,b']` one key).
const parsers = new Map<string, XMLParser>()

function parserFor(repeated: readonly string[]): XMLParser {
  const key = JSON.stringify(repeated)
  let parser = parsers.get(key)
  if (parser === undefined) {
    const paths = new Set(repeated)
    parser = new XMLParser({ ...parserOptions, isArray: (_name, jpath) => paths.has(String(jpath)) })
    parsers.set(key, parser)
  }
  return parser
}

// The first line of a parser's message, without the body text fast-xml-parser quotes around a
// position (` Context: "…"`, cut at an arbitrary character, which no redaction could recognise).
// Not cut short here: the message may still quote a tag name, which may hold a credential this layer
// does not know; the normalizer redacts it whole, then cuts it short.
function describe(error: unknown): string {
  return error instanceof Error ? error.message.split('\n')[0]!.replace(/ Context: .*/, '') : 'unknown error'
}

/**
 * The longest body, in characters, this path reads. fast-xml-parser gathers text a character at a
 * time (about 250 ns each here), so 5 MiB, the default `maxResponseBytes`, would hold the event loop
 * for over a second, which no `timeout` can interrupt; 1 Mi characters holds it about a third of
 * one at worst (`npm run bench`). The provider's answers take the one-pass reader at any size; a
 * larger body that needs this path is not one of them, and is refused unread.
 */
export const generalPathLimit = 2 ** 20

/**
 * The whole document as fast-xml-parser reads it (`{ response: … }`), with
 * `repeated` (dotted paths from the root element) always arrays. Throws a
 * {@link DecodeFailure} for a DOCTYPE, a body that is not well-formed, or
 * one longer than {@link generalPathLimit}.
 */
export function parseXmlDocument(body: string, repeated: readonly string[]): unknown {
  if (body.length > generalPathLimit) {
    throw new DecodeFailure(`the XML body is more than the plain XML the provider writes, and at ${body.length} characters it is over the ${generalPathLimit} the general reader takes`)
  }
  // The parser first, then its validator: both must accept a body. In this order the parser's own
  // limits (100 levels of nesting, a tag left open) stop a hostile body before the validator's
  // costliest paths run (a body of 5 MiB of `<a>` held the loop for seconds listing open tags).
  let document: unknown
  try {
    document = parserFor(repeated).parse(body)
  } catch (error) {
    if (error instanceof RefusedMarkup) throw new DecodeFailure(error.message)
    throw new DecodeFailure(`the body is not well-formed XML: ${describe(error)}`)
  }
  const valid = XMLValidator.validate(body)
  if (valid !== true) throw new DecodeFailure(`the body is not well-formed XML: ${describe(new Error(`${valid.err.msg}:${valid.err.line}:${valid.err.col}`))}`)
  return document
}
