import { XMLParser } from 'fast-xml-parser'
import { DecodeFailure } from '../codec.js'

// The general path for XML bodies the plain reader declines: anything well-formed XML allows that
// the provider does not write (attributes, processing instructions, HTML entities), and every body
// that is refused. fast-xml-parser, with validation, is the reference the plain reader is held to.

const parserOptions = {
  ignoreAttributes: true,
  // Every value stays text: the schemas decide what is a number (phone numbers keep their leading 0).
  parseTagValue: false,
  // Whitespace inside a value is the value's; indentation between elements is ignored by the schemas.
  trimValues: false,
  // The five predefined entities and numeric references (`&#351;`); DOCTYPEs never get this far.
  processEntities: true,
  htmlEntities: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
} as const

// By the paths, not by the array's identity: callers may pass a fresh `[]` each time.
const parsers = new Map<string, XMLParser>()

function parserFor(repeated: readonly string[]): XMLParser {
  const key = repeated.join(',')
  let parser = parsers.get(key)
  if (parser === undefined) {
    const paths = new Set(repeated)
    parser = new XMLParser({ ...parserOptions, isArray: (_name, jpath) => paths.has(String(jpath)) })
    parsers.set(key, parser)
  }
  return parser
}

const doctype = /<!DOCTYPE|<!ENTITY/i
// CDATA sections and comments, matched in document order: a comment cannot hide a DOCTYPE behind a
// CDATA opener or the other way round.
const textSections = /<!\[CDATA\[[\s\S]*?\]\]>|<!--[\s\S]*?-->/g

// A declaration anywhere outside CDATA and comments; text that merely reads `<!DOCTYPE` (a contact's
// name in CDATA) is text.
function holdsDoctype(body: string): boolean {
  return doctype.test(body) && doctype.test(body.replace(textSections, ''))
}

// Not cut here: the message may quote the body, which may hold a credential this layer does not know;
// the normalizer redacts it whole, then cuts it short.
function describe(error: unknown): string {
  return error instanceof Error ? error.message.split('\n')[0]! : 'unknown error'
}

/**
 * The whole document as fast-xml-parser reads it (`{ response: … }`), with
 * `repeated` (dotted paths from the root element) always arrays. Throws a
 * {@link DecodeFailure} for a DOCTYPE or a body that is not well-formed.
 */
export function parseXmlDocument(body: string, repeated: readonly string[]): unknown {
  // Refused before parsing, whatever it declares: no entity is ever expanded, nothing outside the body read.
  if (holdsDoctype(body)) throw new DecodeFailure('the XML body holds a DOCTYPE, which is refused')
  try {
    return parserFor(repeated).parse(body, true)
  } catch (error) {
    throw new DecodeFailure(`the body is not well-formed XML: ${describe(error)}`)
  }
}
