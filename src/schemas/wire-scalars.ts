import * as v from 'valibot'
import { isRecord } from '../wire/tree.js'

// Coercers for what the provider sends: loose scalars in JSON, text in XML.
// Each accepts every spelling the provider uses and yields one JS type.

/** Digits, padded or not: an id as XML (or a string in JSON) spells it. */
export const integerText = /^\s*\d+\s*$/

const idRule = 'expected an id: a whole number from 0 to 2^53 − 1, as digits or a JSON number'

/**
 * A JSON number that is an id: a non-negative safe integer. Anything past
 * 2^53 − 1 has already been rounded by `JSON.parse` (…993 reads as …992, a
 * different record), so it is refused rather than read; so are negative,
 * fractional and exponent-sized numbers (`1e21`), and `-0`.
 */
const wireIdNumber = v.pipe(v.number(idRule), v.safeInteger(idRule), v.minValue(0, idRule), v.check((id) => !Object.is(id, -0), idRule))

/**
 * An id or status code, one rule for both formats: digits (XML's text,
 * padded or with leading zeros) or a JSON number, from 0 to 2^53 − 1.
 * Anything else (`-5`, `1.5`, `1e21`, `9007199254740993`) is refused.
 */
export const wireId = v.pipe(
  v.union([v.number(), v.pipe(v.string(), v.regex(integerText, idRule), v.transform(Number))], idRule),
  wireIdNumber,
)

/** Free text: `''` when absent or empty; a number sent as JSON becomes its text. */
export const wireText = v.pipe(
  v.optional(v.nullable(v.union([v.string(), v.number()])), ''),
  v.transform((value) => (value === null ? '' : String(value))),
)

/**
 * Phone numbers and order ids: kept as text, so `0` and `+` prefixes
 * survive. One sent as a JSON number follows the id rule: a number
 * `JSON.parse` may have rounded is refused, never turned into other digits.
 */
export const wireDigits = v.pipe(
  v.optional(v.nullable(v.union([v.string(), wireIdNumber], idRule)), ''),
  v.transform((value) => (value === null ? '' : String(value))),
)

const decimalText = /^\s*-?\d+(?:[.,]\d+)?\s*$/

/** Counts, amounts, prices: a number, numeric text with `.` or `,`, or empty (0). */
export const wireAmount = v.pipe(
  v.optional(v.nullable(v.union([v.number(), v.string()])), ''),
  v.transform((value) => {
    if (value === null || (typeof value === 'string' && value.trim() === '')) return 0
    if (typeof value === 'string' && decimalText.test(value)) return Number(value.replace(',', '.'))
    return value
  }),
  v.number('expected a number'),
)


function isEmpty(value: unknown): boolean {
  if (value === undefined || value === null) return true
  if (typeof value === 'string') return value.trim() === ''
  return isRecord(value) && Object.keys(value).every((key) => key === '#text')
}

function asArray(value: unknown): unknown[] {
  if (Array.isArray(value)) return value
  return isEmpty(value) ? [] : [value]
}

/**
 * A list whose items stand directly in place: a JSON array, or repeated XML
 * elements (`<number>` in `<blacklist>`). One item, none or many: an array.
 */
export function wireList<const Item extends v.GenericSchema>(item: Item) {
  return v.optional(v.pipe(v.unknown(), v.transform(asArray), v.array(item)), [])
}

/**
 * A list in a container: the new JSON's flat array (`"contacts": [...]`),
 * XML's repeated child (`<contacts><contact/>…`) or the old JSON's wrapper
 * (`{"contact": [...]}`). `itemNames` are the child names to look for.
 */
export function wrappedList<const Item extends v.GenericSchema>(itemNames: readonly string[], item: Item) {
  return v.optional(v.pipe(v.unknown(), v.transform((value) => unwrap(value, itemNames)), v.array(item)), () => [])
}

/** The items of a list in a container, in any of the shapes {@link wrappedList} reads. */
export function unwrap(value: unknown, itemNames: readonly string[]): unknown[] {
  if (isRecord(value)) {
    const name = itemNames.find((candidate) => candidate in value)
    if (name !== undefined) return asArray(value[name])
  }
  return asArray(value)
}
