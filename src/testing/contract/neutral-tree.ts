import { isRecord, wireList, type WireTree, type WireValue } from '../../wire/tree.js'

/**
 * A decoded body (either codec's reading) back as a neutral wire tree that
 * either codec can write: what lets one recorded answer be served in the
 * other format, and a masked answer be written again.
 *
 * The two readings differ only in lists, which the operation's `lists`
 * paths name (`contacts.contact`): JSON makes the container an array
 * (`"contacts": [...]`), XML repeats the item inside it
 * (`<contacts><contact/>…`, read as `{ contact: [...] }`). Both become a
 * {@link wireList}, which each codec writes its own way. An item that
 * repeats beside other fields (`blacklist.number` beside `count`) stays a
 * plain array: both codecs write that alike.
 */
export function toNeutralTree(decoded: Readonly<Record<string, unknown>>, lists: readonly string[]): WireTree {
  const itemNames = new Map<string, string>()
  for (const path of lists) {
    const cut = path.lastIndexOf('.')
    if (cut > 0) itemNames.set(path.slice(0, cut), path.slice(cut + 1))
  }
  return convert(decoded, '', itemNames) as WireTree
}

function convert(value: unknown, path: string, itemNames: ReadonlyMap<string, string>): WireValue {
  if (value === null || value === undefined) return ''
  if (typeof value === 'string' || typeof value === 'number') return value
  if (typeof value === 'boolean' || typeof value === 'bigint') return String(value)
  if (Array.isArray(value)) return value.map((item) => convert(item, path, itemNames))
  if (!isRecord(value)) return String(value)
  const tree: Record<string, WireValue> = {}
  for (const [name, child] of Object.entries(value)) {
    const childPath = path === '' ? name : `${path}.${name}`
    const itemName = itemNames.get(childPath)
    const items = itemName === undefined ? undefined : containerItems(child, itemName)
    tree[name] =
      items === undefined
        ? convert(child, childPath, itemNames)
        : wireList(itemName!, items.map((item) => convert(item, `${childPath}.${itemName}`, itemNames)))
  }
  return tree
}

// The items of a list container in either reading; undefined when the value is no container
// (a record with fields beside the repeated item).
function containerItems(value: unknown, itemName: string): unknown[] | undefined {
  if (Array.isArray(value)) return value
  if (value === '' || value === null || value === undefined) return []
  if (!isRecord(value)) return undefined
  const names = Object.keys(value)
  if (names.length === 0) return []
  if (names.length !== 1 || names[0] !== itemName) return undefined
  const items = value[itemName]
  return Array.isArray(items) ? items : [items]
}
