import { FreeText, RecordList, WireList, type WireTree, type WireValue } from '../../wire/tree.js'

// Before October 2024 the JSON answers kept the XML's item elements as wrappers
// (`"contacts": {"contact": [...]}`, `"custom_fields": {"custom_field": [...]}`,
// `"groups": {"group": [...]}`), a contact's groups were records
// (`{"group": [{"id": 7}]}`, `<groups><group><id>7</id></group></groups>`), and
// numbers came as text. Written as plain nested trees, both codecs give those
// spellings: nothing here knows a format.

function legacyValue(value: WireValue): WireValue {
  if (value instanceof WireList) {
    const items = value.items.map(legacyValue)
    // A contact's bare group ids were `group` records then.
    return value.itemName === 'id' ? { group: items.map((id) => ({ id })) } : { [value.itemName]: items }
  }
  if (typeof value === 'number') return String(value)
  if (Array.isArray(value)) return value.map(legacyValue)
  if (value === undefined || typeof value === 'string' || value instanceof FreeText || value instanceof RecordList) return value
  return legacyTree(value as WireTree)
}

/** An answer's tree as the pre-October-2024 backend wrote it. */
export function legacyTree(tree: WireTree): WireTree {
  return Object.fromEntries(Object.entries(tree).map(([name, value]) => [name, legacyValue(value)]))
}
