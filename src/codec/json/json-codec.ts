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

// A JSON number reaches the schemas as a number only when JavaScript writes that number back as the
// body spelled it; any other (`5.0`, `1e3`, `1.50`, `12345678901234567890`, which JSON.parse rounds to
// …7000, `1e400`, which it makes Infinity, `-0`) as the string of its spelling, as XML gives every
// value. One rule in both formats: text reads as written, an id written `1e3` or past 2^53 − 1 is
// refused, an amount written `5.0` reads as 5.
//
// One linear pass finds those numbers and bounds the body's shape before JSON.parse sees it:
// - nesting: the provider's answers nest a handful of levels, and JSON.parse takes seconds over
//   millions of levels (2.5 million `[` in 5 MiB); deeper than `deepestNesting` is refused;
// - size in values: JSON.parse spends some microseconds on each object or array under load (5 MiB
//   of `[]` held the loop 1.4 s, of `[[[[1]]]]` 3.3 s) and a third of one on each number; the
//   provider answers a page of at most 1000 records (a page of 1000 contacts holds about 5 000
//   objects and arrays and 11 000 commas), so an answer with more than `mostContainers` objects and
//   arrays or `mostItems` items is refused. Requests (the sandbox's side) are bounded in nesting
//   only: a bulk order may carry 50 000 messages;
// - numbers that need a closer look than the pass gives (an exponent, over 15 digits, zeros
//   JavaScript would not write): each costs an allocation and, if spelled, a piece of the rewritten
//   body; the provider writes none or a few, and a body with more than `mostNumbersLookedAt` is
//   refused rather than allowed to hold the event loop (1.3 million `1.0` took two seconds).
// Its cost beside JSON.parse: bench row json_codec_pass_vs_json_parse.
export const deepestNesting = 100
export const mostNumbersLookedAt = 10_000
export const mostContainers = 50_000
export const mostItems = 250_000
const comma = 44
const quote = 34
const backslash = 92
const minus = 45
const dot = 46
const zero = 48
const nine = 57
const openBrace = 123
const closeBrace = 125
const openBracket = 91
const closeBracket = 93

/** The index past the string that starts at `at` (a quote), or the body's length if it never ends. */
function stringEnd(body: string, at: number): number {
  // Most strings hold no escape: indexOf finds their end at native speed.
  const close = body.indexOf('"', at + 1)
  if (close === -1) return body.length
  if (body.charCodeAt(close - 1) !== backslash) return close + 1
  // An escape before the quote: walked once, each escape's second character skipped whatever it is.
  for (let index = at + 1; index < body.length; index++) {
    const code = body.charCodeAt(index)
    if (code === backslash) index++
    else if (code === quote) return index + 1
  }
  return body.length
}

const isDigit = (code: number) => code >= zero && code <= nine

// Digits, `.`, `e`, `E`, `+`, `-`: what a JSON number is made of.
const inNumber = (code: number) => isDigit(code) || code === dot || code === 101 || code === 69 || code === 43 || code === minus

/**
 * Whether the number spelled from `at` to `end` certainly reads back as spelled, without building it:
 * up to 15 significant digits (any such decimal survives a double and back), no exponent, no trailing
 * zero in a fraction, not `-0`, and not under 10^-6 (which JavaScript writes with an exponent).
 * `false` means: look closer.
 */
function readsBackPlainly(body: string, at: number, end: number): boolean {
  let index = body.charCodeAt(at) === minus ? at + 1 : at
  const whole = index
  while (isDigit(body.charCodeAt(index))) index++
  const wholeDigits = index - whole
  const zeroWhole = wholeDigits === 1 && body.charCodeAt(whole) === zero
  if (index === end) return wholeDigits <= 15 && !(zeroWhole && whole > at)
  if (body.charCodeAt(index) !== dot) return false
  const fraction = ++index
  while (isDigit(body.charCodeAt(index))) index++
  if (index !== end || index === fraction || body.charCodeAt(end - 1) === zero) return false
  if (!zeroWhole) return wholeDigits + (end - fraction) <= 15
  let zeros = 0
  while (body.charCodeAt(fraction + zeros) === zero) zeros++
  return zeros <= 5 && end - fraction - zeros <= 15
}

/**
 * Where the numbers that do not read back as spelled stand (start and end, in pairs). Throws a
 * {@link DecodeFailure} for a body nested deeper than {@link deepestNesting} or holding more than
 * {@link mostNumbersLookedAt} numbers to look at closely, and, when `bounded` (an answer), for one
 * holding more than {@link mostContainers} objects and arrays or {@link mostItems} items. On a body that is not JSON the positions
 * mean nothing: they are used only once JSON.parse has taken the body as sent.
 */
function survey(body: string, bounded: boolean): number[] {
  const spelled: number[] = []
  const length = body.length
  const containersAllowed = bounded ? mostContainers : Number.POSITIVE_INFINITY
  const itemsAllowed = bounded ? mostItems : Number.POSITIVE_INFINITY
  let depth = 0
  let lookedAt = 0
  let containers = 0
  let items = 0
  for (let at = 0; at < length; ) {
    const code = body.charCodeAt(at)
    if (code === quote) {
      at = stringEnd(body, at)
    } else if (code === openBrace || code === openBracket) {
      if (++depth > deepestNesting) throw new DecodeFailure(`the body nests deeper than ${deepestNesting} levels`)
      if (++containers > containersAllowed) throw new DecodeFailure(`the body holds more than ${mostContainers} objects and arrays`)
      at++
    } else if (code === closeBrace || code === closeBracket) {
      depth--
      at++
    } else if (code === minus || isDigit(code)) {
      let end = at + 1
      while (inNumber(body.charCodeAt(end))) end++
      if (!readsBackPlainly(body, at, end)) {
        if (++lookedAt > mostNumbersLookedAt) {
          throw new DecodeFailure(`the body holds more than ${mostNumbersLookedAt} numbers written with an exponent, over 15 digits or zeros JavaScript would not write`)
        }
        const token = body.slice(at, end)
        if (String(Number(token)) !== token) spelled.push(at, end)
      }
      at = end
    } else {
      if (code === comma && ++items > itemsAllowed) throw new DecodeFailure(`the body holds more than ${mostItems} items`)
      at++
    }
  }
  return spelled
}

/** `body` with the numbers at `spelled` written as strings of their spelling. */
function spellNumbers(body: string, spelled: readonly number[]): string {
  let written = ''
  let done = 0
  for (let index = 0; index < spelled.length; index += 2) {
    written += `${body.slice(done, spelled[index])}"${body.slice(spelled[index]!, spelled[index + 1])}"`
    done = spelled[index + 1]!
  }
  return written + body.slice(done)
}

function decodeDocument(root: 'request' | 'response', body: string): Record<string, unknown> {
  const spelled = survey(body, root === 'response')
  let document: unknown
  try {
    document = JSON.parse(body)
    // Parsed first as sent, so that only a valid body is rewritten: in one, every number is a value,
    // and a string stands wherever a number may.
    if (spelled.length > 0) document = JSON.parse(spellNumbers(body, spelled))
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
