import type { CallOperation } from '../client/call-operation.js'
import type { CallOptions } from '../client/client-options.js'
import { addGroup } from '../operations/index.js'
import type { Group } from '../schemas/group.js'

/** A group to create. */
export interface NewGroup {
  name: string
  /** The parent group's id; left out, the group is a main group. */
  parent?: number
}

/** The address book's contact groups. */
export interface GroupsApi {
  /** Creates a group (`add-group`). Never retried unless `options.retry` says so. */
  create(group: NewGroup, options?: CallOptions): Promise<Group>
}

export function groupsApi(call: CallOperation): GroupsApi {
  return {
    create: (group, options) => call(addGroup, group, options),
  }
}
