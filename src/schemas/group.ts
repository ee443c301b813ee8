import * as v from 'valibot'
import { wireAmount, wireId, wireText, wrappedList } from './wire-scalars.js'

/** A contact group. */
export interface Group {
  /** The group's id. */
  id: number
  /** The group's name. */
  name: string
}

/** A group with its contact count and its sub-groups, as get-groups and get-group give it. */
export interface GroupTree extends Group {
  /** Contacts in the group, as the provider counts them; `0` when it sends none. */
  count: number
  /** The sub-groups, each a tree of its own; `[]` for none. */
  children: GroupTree[]
}

/** A group as either format sends it. */
export const groupSchema = v.pipe(
  v.looseObject({ id: wireId, name: wireText }),
  v.transform(({ id, name }): Group => ({ id, name })),
)

/**
 * A group and its sub-groups as either format sends them: JSON's flat
 * `children: [...]`, XML's `<children><child>…`. The pages show one level
 * of children; deeper ones read the same way.
 */
export const groupTreeSchema: v.GenericSchema<unknown, GroupTree> = v.pipe(
  v.looseObject({
    id: wireId,
    name: wireText,
    count: wireAmount,
    children: wrappedList(['child'], v.lazy(() => groupTreeSchema)),
  }),
  v.transform(({ id, name, count, children }): GroupTree => ({ id, name, count, children })),
)

// XML cannot tell one child from a scalar; the list paths cover this many levels below a group.
const listedDepth = 4

/** The list paths (under `response`) where a group tree's children repeat in XML, below `groupPath`. */
export function groupTreeListPaths(groupPath: string): string[] {
  const paths: string[] = []
  let path = groupPath
  for (let level = 0; level < listedDepth; level++) {
    path = `${path}.children.child`
    paths.push(path)
  }
  return paths
}
