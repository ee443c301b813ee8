import { isRecord } from '../../wire/tree.js'
import { identityOf, personalKindAt, serialInStandIn, type Masker, type PersonalKind } from './mask.js'

/**
 * Matching a live request to a recorded one, in either format.
 *
 * A request is compared as its leaves: (dotted path, text) pairs, the
 * authentication left out. That makes JSON and XML comparable: XML reads
 * every value as text, and the one place the two spell a request
 * differently (a list of one-field records: JSON `{"group": [{"id": 7}]}`,
 * XML `<id>7</id>` repeated) is folded to the XML spelling first.
 */
export interface RequestLeaf {
  /** `contact.id`. */
  path: string
  /** The path's names, for the personal-data rules. */
  names: readonly string[]
  text: string
}

/** The request's content as leaves, authentication left out, in document order. */
export function requestLeaves(content: Readonly<Record<string, unknown>>): RequestLeaf[] {
  const leaves: RequestLeaf[] = []
  const walk = (value: unknown, names: readonly string[]) => {
    if (Array.isArray(value)) for (const item of value) walk(item, names)
    else if (isRecord(value)) {
      const folded = foldRecordList(value)
      for (const [name, child] of Object.entries(folded)) if (names.length > 0 || name !== 'authentication') walk(child, [...names, name])
    } else leaves.push({ path: names.join('.'), names, text: value === null || value === undefined ? '' : String(value) })
  }
  walk(content, [])
  return leaves
}

// `{ group: [{ id: 7 }, { id: 12 }] }` → `{ id: [7, 12] }`: JSON's spelling of a record list, as XML writes it.
function foldRecordList(value: Readonly<Record<string, unknown>>): Readonly<Record<string, unknown>> {
  const names = Object.keys(value)
  if (names.length !== 1) return value
  const records = value[names[0]!]
  if (!Array.isArray(records) || records.length === 0) return value
  const fields = records.map((record) => (isRecord(record) ? Object.keys(record) : []))
  const field = fields[0]?.[0]
  if (field === undefined || !fields.every((keys) => keys.length === 1 && keys[0] === field)) return value
  return { [field]: records.map((record) => (record as Record<string, unknown>)[field]) }
}

const kinds = ['phone', 'name', 'surname', 'email', 'text'] as const

/** One difference between a live request and a recorded one, said for a person. */
export type Difference = string

interface Comparison {
  differences: Difference[]
  /** Bindings the match would add (live identity, kind, serial). */
  binds: [PersonalKind, string, number][]
}

// A personal leaf: equal, or the live value may stand behind the recorded stand-in.
function comparePersonal(
  names: readonly string[],
  live: string,
  recorded: string,
  bindings: Masker,
  pending: Map<string, number>,
): [PersonalKind, string, number] | 'same' | 'differs' {
  const pathKind = personalKindAt(names)!
  // A search keyword is masked as what it looks like: learn its kind from the stand-in.
  const kind = names[names.length - 1] === 'key' ? (kinds.find((candidate) => serialInStandIn(candidate, recorded) !== undefined) ?? pathKind) : pathKind
  if (identityOf(kind, live) === identityOf(kind, recorded)) return 'same'
  const serial = serialInStandIn(kind, recorded)
  if (serial === undefined) return 'differs'
  const identity = identityOf(kind, live)
  const known = bindings.serialFor(identity) ?? pending.get(identity)
  if (known !== undefined) return known === serial ? 'same' : 'differs'
  // That stand-in already stands for another live value.
  const owner = bindings.valueFor(kind, serial) ?? [...pending].find(([other, given]) => given === serial && other.startsWith(`${kind}:`))?.[0]
  if (owner !== undefined) return 'differs'
  pending.set(identity, serial)
  return [kind, identity, serial]
}

/** How a live request differs from a recorded one (nothing: it matches), and the bindings a match adds. */
export function compareRequests(live: readonly RequestLeaf[], recorded: readonly RequestLeaf[], bindings: Masker): Comparison {
  const differences: Difference[] = []
  const binds: Comparison['binds'] = []
  const pending = new Map<string, number>()
  const byPath = (leaves: readonly RequestLeaf[]) => {
    const grouped = new Map<string, RequestLeaf[]>()
    for (const leaf of leaves) grouped.set(leaf.path, [...(grouped.get(leaf.path) ?? []), leaf])
    return grouped
  }
  const liveByPath = byPath(live)
  const recordedByPath = byPath(recorded)
  for (const [path, recordedLeaves] of recordedByPath) {
    const liveLeaves = liveByPath.get(path) ?? []
    if (liveLeaves.length === 0) {
      differences.push(`${path}: recorded, not in this request`)
      continue
    }
    if (liveLeaves.length !== recordedLeaves.length) differences.push(`${path}: ${recordedLeaves.length} value(s) recorded, ${liveLeaves.length} asked`)
    recordedLeaves.forEach((leaf, index) => {
      const asked = liveLeaves[index]
      if (asked === undefined) return
      if (personalKindAt(leaf.names) !== undefined && leaf.text !== '' && asked.text !== '') {
        const outcome = comparePersonal(leaf.names, asked.text, leaf.text, bindings, pending)
        if (outcome === 'differs') differences.push(`${path}: recorded ${JSON.stringify(leaf.text)}, asked a value that stands for another one`)
        else if (outcome !== 'same') binds.push(outcome)
      } else if (asked.text !== leaf.text) {
        differences.push(`${path}: recorded ${JSON.stringify(leaf.text)}, asked ${JSON.stringify(asked.text)}`)
      }
    })
  }
  for (const path of liveByPath.keys()) if (!recordedByPath.has(path)) differences.push(`${path}: in this request, not recorded`)
  return { differences, binds }
}
