import type { WireTree } from '../../wire/tree.js'
import { writeXmlDocument } from './response-writer.js'

// The XML request writer for runtimes without Node's built-ins (Cloudflare Workers without
// nodejs_compat, browsers): package.json's `#xml-request-writer` picks it for every condition but
// `node`. It is the sandbox's string writer, already held byte for byte to xmlbuilder2; one writer,
// not a second copy of its escaping. test/xml-request-writers.test.ts holds it to xmlbuilder2
// over every operation's request trees.

/** A whole request document, `<?xml …?><request>…</request>`, as xmlbuilder2 writes it. Throws `EncodeFailure`. */
export function writeRequestDocument(root: string, tree: WireTree): string {
  return writeXmlDocument(root, tree)
}
