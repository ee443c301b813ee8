import * as v from 'valibot'

// Coercers for what the provider sends: loose scalars in JSON, text in XML.
// Each accepts every spelling the provider uses and yields one JS type.

const integerText = /^\s*\d+\s*$/

/** An id or status code: a number or numeric text; anything else is refused. */
export const wireId = v.pipe(
  v.union([v.number(), v.string()]),
  v.transform((value) => (typeof value === 'string' && integerText.test(value) ? Number(value) : value)),
  v.number('expected a numeric id'),
  v.integer('expected a whole number'),
)

/** Free text: `''` when absent or empty; a number sent as JSON becomes its text. */
export const wireText = v.pipe(
  v.optional(v.nullable(v.union([v.string(), v.number()])), ''),
  v.transform((value) => (value === null ? '' : String(value))),
)

/** Phone numbers and order ids: kept as text, so `0` and `+` prefixes survive. */
export const wireDigits = wireText

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

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

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
  const unwrap = (value: unknown): unknown[] => {
    if (isRecord(value)) {
      const name = itemNames.find((candidate) => candidate in value)
      if (name !== undefined) return asArray(value[name])
    }
    return asArray(value)
  }
  return v.optional(v.pipe(v.unknown(), v.transform(unwrap), v.array(item)), [])
}
