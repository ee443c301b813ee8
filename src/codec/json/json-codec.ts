import { DecodeFailure, type Codec } from '../codec.js'
import { FreeText, RecordList, WireList, isRecord, type DecodedResponse, type WireTree } from '../../wire/tree.js'

function toJsonValue(_key: string, value: unknown): unknown {
  if (value instanceof FreeText) return value.text
  if (value instanceof WireList) return value.items
  if (value instanceof RecordList) return { [value.recordName]: value.values.map((item) => ({ [value.fieldName]: item })) }
  return value
}

function encodeDocument(root: 'request' | 'response', tree: WireTree): string {
  return JSON.stringify({ [root]: tree }, toJsonValue)
}

function decodeDocument(root: 'request' | 'response', body: string): Record<string, unknown> {
  let document: unknown
  try {
    document = JSON.parse(body)
  } catch {
    throw new DecodeFailure('the body is not JSON')
  }
  const content = isRecord(document) ? document[root] : undefined
  if (!isRecord(content)) throw new DecodeFailure(`the body is JSON but has no "${root}" object`)
  return content
}


const suffix = '/json'

/** JSON: `POST /v1/<method>/json`, `{"request": …}` in, `{"response": …}` out. */
export const jsonCodec: Codec = {
  format: 'json',
  contentType: 'application/json',
  pathFor: (operation) => operation + suffix,
  operationFromPath: (path) => (path.endsWith(suffix) ? path.slice(0, -suffix.length) : undefined),
  encodeRequest: (tree) => encodeDocument('request', tree),
  decodeRequest: (body) => decodeDocument('request', body),
  encodeResponse: (tree) => encodeDocument('response', tree),
  decodeResponse(body): DecodedResponse {
    const content = decodeDocument('response', body)
    const status = content['status']
    return { body: content, status: isRecord(status) ? { code: status['code'], message: status['message'] } : undefined }
  },
}
