import * as v from 'valibot'
import { isRecord } from '../wire/tree.js'

// Coercers for what the provider sends: loose scalars in JSON, text in XML.
// Each accepts every spelling the provider uses and yields one JS type.

const integerText = /^\s*\d+\s*$/

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

function unwrap(value: unknown, itemNames: readonly string[]): unknown[] {
  if (isRecord(value)) {
    const name = itemNames.find((candidate) => candidate in value)
    if (name !== undefined) return asArray(value[name])
  }
  return asArray(value)
}

// ---- fast paths -------------------------------------------------------------
// The hot shapes (a page of 1000 contacts) skip valibot's per-value machinery: each reader gives
// exactly what its schema above gives for the values it recognises, and `undefined` for anything
// else, which then goes through the schema (and its messages). test/perf-fast-paths.test.ts holds
// each reader to its schema.

function isIdNumber(value: number): boolean {
  return Number.isSafeInteger(value) && value >= 0 && !Object.is(value, -0)
}

/** {@link wireId}'s output, or `undefined` where it would refuse the value. */
export function readWireId(value: unknown): number | undefined {
  if (typeof value === 'number') return isIdNumber(value) ? value : undefined
  if (typeof value !== 'string') return undefined
  // Plain digits (XML's every id) without the regular expression; 15 digits are always a safe integer.
  if (value.length > 0 && value.length < 16) {
    let number = 0
    for (let index = 0; index < value.length; index++) {
      const digit = value.charCodeAt(index) - 48
      if (digit < 0 || digit > 9) return integerText.test(value) ? Number(value) : undefined
      number = number * 10 + digit
    }
    return number
  }
  const number = integerText.test(value) ? Number(value) : undefined
  return number !== undefined && isIdNumber(number) ? number : undefined
}

/** {@link wireText}'s output, or `undefined` where it would refuse the value. */
export function readWireText(value: unknown): string | undefined {
  if (typeof value === 'string') return value
  if (value === undefined || value === null) return ''
  return typeof value === 'number' && !Number.isNaN(value) ? String(value) : undefined
}

/** {@link wireDigits}'s output, or `undefined` where it would refuse the value. */
export function readWireDigits(value: unknown): string | undefined {
  if (typeof value === 'number') return isIdNumber(value) ? String(value) : undefined
  return readWireText(value)
}

/** {@link wrappedList}'s output, or `undefined` where `readItem` declines an item. */
export function readWrappedList<Item>(value: unknown, itemNames: readonly string[], readItem: (item: unknown) => Item | undefined): Item[] | undefined {
  const items = value === undefined ? [] : unwrap(value, itemNames)
  const output: Item[] = []
  for (const item of items) {
    const read = readItem(item)
    if (read === undefined) return undefined
    output.push(read)
  }
  return output
}

/**
 * `schema`, with `read` tried first: `read` gives the schema's output for
 * the values it recognises and `undefined` for the rest, which the schema
 * itself then checks (so a refusal carries the schema's own issues).
 */
export function withFastPath<const Schema extends v.GenericSchema>(schema: Schema, read: (value: unknown) => v.InferOutput<Schema> | undefined): Schema {
  const fast: Pick<Schema, '~run'> = {
    '~run'(dataset, config) {
      const output = read(dataset.value)
      if (output === undefined) return schema['~run'](dataset, config)
      return { typed: true, value: output } as ReturnType<Schema['~run']>
    },
  }
  // Everything else (kind, type, expects, `~standard`) is the schema's own.
  return Object.setPrototypeOf(fast, schema) as Schema
}
