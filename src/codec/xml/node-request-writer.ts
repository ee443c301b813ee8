import type { WireTree } from '../../wire/tree.js'
import { writeWithXmlBuilder } from './request-writer.js'

// The XML request writer where Node's built-ins are (Node, Bun, Deno): xmlbuilder2, which needs
// `events` and `url`. package.json's `#xml-request-writer` picks it under the `node` condition;
// string-request-writer.ts writes the same bytes everywhere else.

/** A whole request document, `<?xml …?><request>…</request>`, written by xmlbuilder2. Throws `EncodeFailure`. */
export function writeRequestDocument(root: string, tree: WireTree): string {
  return writeWithXmlBuilder(root, tree)
}
