// Human-readable output for any result a command returns, so a new command
// needs no printer of its own: lists become lines or tables, objects become
// aligned "name  value" rows, lists of records inside them tables, records
// with `children` an indented tree, and status codes their names.
import { MessageStatus, OrderStatus } from '../status/status-codes.js'

type Row = Record<string, unknown>

// 110–115 name one state each across orders and messages: `status: 111` reads `delivered`.
const statusNames = new Map<unknown, string>(
  [...Object.entries(MessageStatus), ...Object.entries(OrderStatus)].map(([name, code]) => [code, name.toLowerCase()]),
)

function named(key: string, value: unknown): unknown {
  return key === 'status' ? (statusNames.get(value) ?? value) : value
}

function isTree(items: readonly unknown[]): items is Row[] {
  return items.length > 0 && items.every((item) => isRecord(item) && Array.isArray(item['children']))
}

// A tree's nodes as table rows, each name indented by its depth: children under their parent.
function treeRows(nodes: readonly Row[], depth = 0): Row[] {
  return nodes.flatMap(({ children, ...node }) => {
    const row = 'name' in node ? { ...node, name: `${'  '.repeat(depth)}${String(node['name'])}` } : node
    return [row, ...treeRows(isTree(children as unknown[]) ? (children as Row[]) : [], depth + 1)]
  })
}

function isRecord(value: unknown): value is Row {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** One value on one line: lists joined by commas, a two-field record as `a: b`, a bigger one as `(k=v …)`. */
function compact(value: unknown): string {
  if (value === undefined || value === null) return ''
  if (Array.isArray(value)) return value.map(compact).join(', ')
  if (isRecord(value)) {
    const entries = Object.entries(value)
    if (entries.length === 2) return entries.map(([key, item]) => compact(named(key, item))).join(': ')
    return `(${entries.map(([key, item]) => `${key}=${compact(named(key, item))}`).join(' ')})`
  }
  return String(value).replace(/\s*\n\s*/g, ' ')
}

function padded(cells: readonly string[], widths: readonly number[]): string {
  return cells.map((cell, index) => (index === cells.length - 1 ? cell : cell.padEnd(widths[index]!))).join('  ').trimEnd()
}

function table(rows: readonly Row[]): string {
  const columns = [...new Set(rows.flatMap((row) => Object.keys(row)))]
  const lines = [columns, ...rows.map((row) => columns.map((column) => compact(named(column, row[column]))))]
  const widths = columns.map((_, index) => Math.max(...lines.map((cells) => cells[index]!.length)))
  return lines.map((cells) => padded(cells, widths)).join('\n')
}

function list(items: readonly unknown[]): string {
  if (items.length === 0) return '(none)'
  if (isTree(items)) return table(treeRows(items))
  if (items.every(isRecord)) return table(items)
  return items.map(compact).join('\n')
}

function record(value: Row): string {
  const entries = Object.entries(value)
  // Lists of small records (`{ id, value }`) stay on their line; lists of bigger ones get a table.
  const tables = entries.filter(([, item]) => Array.isArray(item) && item.length > 0 && item.every(isRecord) && item.some((row) => Object.keys(row).length > 2))
  const rows = entries.filter((entry) => !tables.includes(entry))
  const width = Math.max(0, ...rows.map(([key]) => key.length))
  const cell = (key: string, item: unknown) => (Array.isArray(item) && item.length === 0 ? '(none)' : compact(named(key, item)))
  const parts = rows.length > 0 ? [rows.map(([key, item]) => padded([key, cell(key, item)], [width])).join('\n')] : []
  for (const [key, items] of tables) parts.push(`${key}:\n${list(items as unknown[])}`)
  return parts.join('\n\n')
}

/** A command's result as text for a person; `undefined` (a change with nothing to return) is `OK`. */
export function renderHuman(result: unknown): string {
  if (result === undefined || result === null) return 'OK'
  if (Array.isArray(result)) return list(result)
  if (isRecord(result)) return isTree([result]) ? list([result]) : record(result)
  return compact(result)
}
