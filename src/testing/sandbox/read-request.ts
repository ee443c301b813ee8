import { isRecord } from '../../wire/tree.js'

// Readers for a decoded request tree: XML gives text everywhere and one item
// where JSON gives an array; these read both alike.

export type RequestTree = Readonly<Record<string, unknown>>


/** The element at `path` (dotted), or undefined. */
export function at(tree: unknown, path: string): unknown {
  let value: unknown = tree
  for (const name of path.split('.')) value = isRecord(value) ? value[name] : undefined
  return value
}

/** Text at `path`; `''` when absent. */
export function textAt(tree: unknown, path: string): string {
  const value = at(tree, path)
  return typeof value === 'string' || typeof value === 'number' ? String(value) : ''
}

/** A whole number at `path`; undefined when absent, empty or not a whole number. */
export function integerAt(tree: unknown, path: string): number | undefined {
  const text = textAt(tree, path).trim()
  return /^-?\d+$/.test(text) ? Number(text) : undefined
}

/** The items at `path`: an array, one item, or none. Empty text counts as none. */
export function listAt(tree: unknown, path: string): unknown[] {
  const value = at(tree, path)
  if (Array.isArray(value)) return value
  if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) return []
  return [value]
}
