import * as v from 'valibot'
import { wireList } from './wire-scalars.js'

function isBlank(value: unknown): boolean {
  if (value === undefined || value === null) return true
  if (typeof value === 'string') return value.trim() === ''
  return typeof value === 'object' && !Array.isArray(value) && Object.keys(value).every((key) => key === '#text')
}

/**
 * Items repeated in place (`<message>` in `<order>`, `<number>` in
 * `<blacklist>`; a JSON array), where an empty element (`<number/>`,
 * `<message></message>`) stands for no item: a serializer's empty list.
 */
export function repeatedList<const Item extends v.GenericSchema>(item: Item) {
  return v.optional(
    v.pipe(
      v.unknown(),
      v.transform((value) => (Array.isArray(value) ? value.filter((entry) => !isBlank(entry)) : value)),
      wireList(item),
    ),
    [],
  )
}

/** A container that may come empty (`<balance/>`, `<blacklist></blacklist>`): its content, `{}` when empty. */
export function containerOf<const Entries extends v.ObjectEntries>(entries: Entries) {
  return v.pipe(
    v.unknown(),
    v.transform((value) => (typeof value === 'string' && value.trim() === '' ? {} : value)),
    v.looseObject(entries),
  )
}
