import type * as v from 'valibot'
import { integerText, unwrap } from './wire-scalars.js'

// Fast paths for wire-scalars.ts's schemas. The hot shapes (a page of 1000 contacts) skip valibot's
// per-value machinery: each reader gives exactly what its schema gives for the values it recognises,
// and `undefined` for anything else, which then goes through the schema (and its messages).
// test/perf-fast-paths.test.ts holds each reader to its schema. A module of their own: only the
// contact schemas use them, so an app whose calls read no contacts never loads them.

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
