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

// A number written with a fraction or an exponent whose value is whole (`5.0`, `1e3`): JSON.parse
// gives 5 and 1000, which no schema can tell from `5` and `1000`. Such a number reaches the schemas
// as its spelling, as the same value does in XML, so one rule holds in both formats: an id written
// `1e3` is refused, an amount written `5.0` reads as 5. Most bodies hold no number with a fraction
// or an exponent, and this pattern (which may also match inside a string) lets them skip the scan:
// it costs about a seventh of JSON.parse's time, the scan and second parse only where it matches.
const maybeSpelledWhole = /\d[.eE][\d+-]/
// JSON's number grammar, from where a number starts.
const numberToken = /-?(?:0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/y
const quote = 34
const backslash = 92
const minus = 45

/** The index past the string that starts at `at` (a quote), or the body's length if it never ends. */
function stringEnd(body: string, at: number): number {
  for (let close = body.indexOf('"', at + 1); close !== -1; close = body.indexOf('"', close + 1)) {
    // A quote after an odd run of backslashes is escaped. Runs never overlap: linear.
    let slashes = 0
    while (body.charCodeAt(close - 1 - slashes) === backslash) slashes++
    if (slashes % 2 === 0) return close + 1
  }
  return body.length
}

/** `body` with every whole number spelled with a fraction or an exponent written as a string of that spelling. */
function spellWholeNumbers(body: string): string {
  let written = ''
  let done = 0
  for (let at = 0; at < body.length; ) {
    const code = body.charCodeAt(at)
    if (code === quote) {
      at = stringEnd(body, at)
      continue
    }
    numberToken.lastIndex = at
    const token = code === minus || (code >= 48 && code <= 57) ? numberToken.exec(body) : null
    if (token === null) {
      at++
      continue
    }
    const end = at + token[0].length
    if ((token[1] !== undefined || token[2] !== undefined) && Number.isInteger(Number(token[0]))) {
      written += `${body.slice(done, at)}"${token[0]}"`
      done = end
    }
    at = end
  }
  return written + body.slice(done)
}

function decodeDocument(root: 'request' | 'response', body: string): Record<string, unknown> {
  let document: unknown
  try {
    document = JSON.parse(body)
    // Parsed first as sent, so that only a valid body is rewritten: in one, every number is a value,
    // and a string stands wherever a number may.
    if (maybeSpelledWhole.test(body)) document = JSON.parse(spellWholeNumbers(body))
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
