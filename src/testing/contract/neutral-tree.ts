import { isRecord, wireList, type WireTree, type WireValue } from '../../wire/tree.js'

/**
 * A decoded body (either codec's reading) back as a neutral wire tree that
 * either codec can write: what lets one recorded answer be served in the
 * other format, and a masked answer be written again.
 *
 * The two readings differ only in lists, which the operation's `lists`
 * paths name (`contacts.contact`): JSON makes the container an array
 * (`"contacts": [...]`), XML repeats the item inside it
 * (`<contacts><contact/>…`, read as `{ contact: [...] }`). A JSON array
 * container becomes a {@link wireList}, which each codec writes its own
 * way; a container record, and an item that repeats beside other fields
 * (`blacklist.number` beside `count`), stay as they are: a plain array is
 * a repeated element, which both codecs write alike.
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
  if (Array.isArray(value)) return value.map((item) => convert(item, path, itemNames))
  if (!isRecord(value)) return String(value)
  const tree: Record<string, WireValue> = {}
  for (const [name, child] of Object.entries(value)) {
    const childPath = path === '' ? name : `${path}.${name}`
    const itemName = itemNames.get(childPath)
    const items = itemName === undefined ? undefined : containerItems(child)
    tree[name] =
      items === undefined
        ? convert(child, childPath, itemNames)
        : wireList(itemName!, items.map((item) => convert(item, `${childPath}.${itemName}`, itemNames)))
  }
  return tree
}

// The items of a list container spelled as an array (JSON's `"contacts": [...]`, or XML's empty
// element); undefined for anything else. A container record (`{ contact: [...] }`, XML's reading
// and some JSON answers' own spelling, `"senders": {"sender": [...]}`) is kept as it is: its
// array is a repeated element, which both codecs write and both schemas read.
function containerItems(value: unknown): unknown[] | undefined {
  if (Array.isArray(value)) return value
  if (value === '' || value === null || value === undefined) return []
  return undefined
}
