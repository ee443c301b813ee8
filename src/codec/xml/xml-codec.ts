import { DecodeFailure, type Codec } from '../codec.js'
import { isRecord, type DecodedResponse } from '../../wire/tree.js'
import { parseXmlDocument } from './general-reader.js'
import { writeRequestDocument } from '#xml-request-writer'
import { writeXmlDocument } from './response-writer.js'
import { readPlainXml, repeatedPaths, type RepeatedPaths } from './xml-reader.js'

// ---- decoding -------------------------------------------------------------

// Per root and list paths (not the array's identity: callers may pass a fresh `[]` each time). The
// key is JSON, which no two lists share (a plain join makes `['a', 'b']` and `['a,b']` one key).
const listPaths = new Map<string, { readonly full: readonly string[]; readonly tree: RepeatedPaths }>()

function listPathsFor(root: string, lists: readonly string[]) {
  const key = JSON.stringify([root, lists])
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


/** XML: `POST /v1/<method>`, `<request>…</request>` in, `<response>…</response>` out. */
export const xmlCodec: Codec = {
  format: 'xml',
  contentType: 'text/xml; charset=UTF-8',
  pathFor: (operation) => operation,
  operationFromPath: (path) => (path.includes('/') ? undefined : path),
  encodeRequest: (tree) => writeRequestDocument('request', tree),
  decodeRequest: (body, lists) => decodeDocument('request', body, lists),
  // The sandbox's pages of 1000 contacts: the same bytes as xmlbuilder2's, without its DOM.
  encodeResponse: (tree) => writeXmlDocument('response', tree),
  decodeResponse(body, lists): DecodedResponse {
    const content = decodeDocument('response', body, lists)
    const status = content['status']
    return { body: content, status: isRecord(status) ? { code: status['code'], message: status['message'] } : undefined }
  },
}
