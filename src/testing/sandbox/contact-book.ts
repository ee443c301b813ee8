import type { Contact } from '../../schemas/contact.js'

/** Which contacts belong to a list: a search key's matches, a group's members. */
export type ContactFilter = (contact: Contact) => boolean

// One list's matches, in id order, complete for every contact whose id is at most `scannedThrough`.
// A walk resumes the scan where the last page stopped, so page N costs what one page costs.
interface MatchList {
  filter: ContactFilter
  ids: number[]
  scannedThrough: number
}

// Lists kept at once: a walk or two per search key and group in flight is plenty; the oldest goes first.
const maxLists = 32

// The first index in the ascending `ids` whose id is at least `id` (ids.length when none is).
function lowerBound(ids: readonly number[], id: number): number {
  let low = 0
  let high = ids.length
  while (low < high) {
    const middle = (low + high) >>> 1
    if (ids[middle]! < id) low = middle + 1
    else high = middle
  }
  return low
}

/**
 * The sandbox's contacts: a `Map` by id (tests read and change it as one),
 * which also keeps them in id order and remembers, per search key or group,
 * the matches found so far.
 *
 * Pages are offsets into the matches in id order, as the provider's are. A
 * list scans forward only as far as the page asked for needs and resumes
 * there for the next page, so a whole walk is linear. Every change made
 * through the map (`set`, `delete`, `clear`; the handlers make theirs so) is
 * applied to each list it touches: a contact added beyond the scanned part
 * is found when the scan gets there, a deleted or edited one is taken out of
 * (or put into) the matches found so far. Page N after an edit is therefore
 * exactly what a fresh scan would give. A contact object changed in place,
 * bypassing the map, is re-checked when it is served; one that starts to
 * match that way is seen once the list is rebuilt (after 32 other keys).
 *
 * Groups have an index of their own (each group's members in id order,
 * kept up to date by `set` and `delete`): a group's page N is a slice of it.
 */
export class ContactBook extends Map<number, Contact> {
  // Ids ascending, and the contacts at the same positions.
  #ids: number[] = []
  #rows: Contact[] = []
  #lists = new Map<string, MatchList>()
  // Each group's members, ids ascending: a group's page N is a slice, whatever N is.
  #members = new Map<number, number[]>()

  /** Replaces everything with `contacts`: linear for contacts in id order (as seeds come), sorted otherwise. */
  load(contacts: Iterable<Contact>): void {
    this.clear()
    let ordered = true
    for (const contact of contacts) {
      if (super.has(contact.id)) {
        this.#rows[lowerBound(this.#ids, contact.id)] = contact
        super.set(contact.id, contact)
        continue
      }
      if (this.#ids.length > 0 && contact.id < this.#ids[this.#ids.length - 1]!) ordered = false
      super.set(contact.id, contact)
      this.#ids.push(contact.id)
      this.#rows.push(contact)
    }
    if (!ordered) this.#reorder()
    this.#indexGroups()
  }

  // Every group's members from the rows, in id order: linear in the memberships.
  #indexGroups(only?: number): void {
    if (only === undefined) this.#members.clear()
    else this.#members.set(only, [])
    for (const contact of this.#rows) {
      for (const group of contact.groups) {
        if (only !== undefined && group !== only) continue
        let members = this.#members.get(group)
        if (members === undefined) this.#members.set(group, (members = []))
        // A contact listing a group twice is one member.
        if (members[members.length - 1] !== contact.id) members.push(contact.id)
      }
    }
  }

  // Puts `id` into (or takes it out of) each group's members as `groups` says.
  #regroup(id: number, groups: readonly number[]): void {
    for (const [group, members] of this.#members) {
      const at = lowerBound(members, id)
      const listed = members[at] === id
      const belongs = groups.includes(group)
      if (listed && !belongs) members.splice(at, 1)
      else if (!listed && belongs) members.splice(at, 0, id)
    }
    for (const group of groups) if (!this.#members.has(group)) this.#members.set(group, [id])
  }

  #reorder(): void {
    this.#ids = [...super.keys()].sort((a, b) => a - b)
    this.#rows = this.#ids.map((id) => super.get(id)!)
  }

  /** Stores `contact` under `id` (added or replaced) and brings every search and group list up to date. */
  override set(id: number, contact: Contact): this {
    const position = lowerBound(this.#ids, id)
    if (this.#ids[position] === id) this.#rows[position] = contact
    else {
      // A new id is the highest one (ids are handed out in order), so this is a push; a lower one is spliced in.
      this.#ids.splice(position, 0, id)
      this.#rows.splice(position, 0, contact)
    }
    super.set(id, contact)
    this.#regroup(id, contact.groups)
    for (const list of this.#lists.values()) {
      if (id > list.scannedThrough) continue
      const at = lowerBound(list.ids, id)
      const listed = list.ids[at] === id
      const matches = list.filter(contact)
      if (listed && !matches) list.ids.splice(at, 1)
      else if (!listed && matches) list.ids.splice(at, 0, id)
    }
    return this
  }

  /** Removes the contact, from the lists too; false when there was none. */
  override delete(id: number): boolean {
    if (!super.delete(id)) return false
    const position = lowerBound(this.#ids, id)
    this.#ids.splice(position, 1)
    this.#rows.splice(position, 1)
    this.#regroup(id, [])
    for (const list of this.#lists.values()) {
      const at = lowerBound(list.ids, id)
      if (list.ids[at] === id) list.ids.splice(at, 1)
    }
    return true
  }

  /** Removes every contact and forgets every list. */
  override clear(): void {
    super.clear()
    this.#ids = []
    this.#rows = []
    this.#lists.clear()
    this.#members.clear()
  }

  /** The highest id held, or 0. */
  get highestId(): number {
    return this.#ids.length === 0 ? 0 : this.#ids[this.#ids.length - 1]!
  }

  /**
   * Page `page` (from 1) of `rowCount` of the contacts `filter` accepts, in id
   * order; `key` names the list (same key, same filter) so the next page
   * resumes where this one stopped.
   */
  page(key: string, filter: ContactFilter, page: number, rowCount: number): Contact[] {
    const start = (page - 1) * rowCount
    const list = this.#list(key, filter, start + rowCount)
    const contacts = list.ids.slice(start, start + rowCount).map((id) => super.get(id)!)
    // A contact changed in place (not through set) may no longer belong: start the list again.
    if (contacts.some((contact) => !filter(contact))) {
      this.#lists.delete(key)
      return this.page(key, filter, page, rowCount)
    }
    return contacts
  }

  /**
   * Page `page` (from 1) of `rowCount` of a group's members, in id order:
   * a slice of the group's index, so page 900 costs what page 2 does.
   */
  groupPage(group: number, page: number, rowCount: number): Contact[] {
    const start = (page - 1) * rowCount
    const contacts = (this.#members.get(group) ?? []).slice(start, start + rowCount).map((id) => super.get(id)!)
    // A contact changed in place (not through set) may have left the group: index it again.
    if (contacts.some((contact) => !contact.groups.includes(group))) {
      this.#indexGroups(group)
      return this.groupPage(group, page, rowCount)
    }
    return contacts
  }

  /** How many contacts a group has. */
  groupCount(group: number): number {
    return this.#members.get(group)?.length ?? 0
  }

  /** How many contacts `filter` accepts (the list is scanned to its end once, then kept up to date). */
  count(key: string, filter: ContactFilter): number {
    return this.#list(key, filter, Infinity).ids.length
  }

  // The list for `key`, scanned until it holds `wanted` matches or every contact was seen.
  #list(key: string, filter: ContactFilter, wanted: number): MatchList {
    let list = this.#lists.get(key)
    if (list === undefined) {
      list = { filter, ids: [], scannedThrough: -Infinity }
      if (this.#lists.size >= maxLists) this.#lists.delete(this.#lists.keys().next().value!)
    } else this.#lists.delete(key)
    // Most recently used last, so the first is the one to drop.
    this.#lists.set(key, list)
    if (list.ids.length >= wanted) return list
    const ids = this.#ids
    const rows = this.#rows
    let position = list.scannedThrough === -Infinity ? 0 : lowerBound(ids, list.scannedThrough + 1)
    for (; position < rows.length && list.ids.length < wanted; position++) {
      if (filter(rows[position]!)) list.ids.push(ids[position]!)
    }
    list.scannedThrough = position === 0 ? -Infinity : ids[position - 1]!
    if (position >= rows.length) list.scannedThrough = Infinity
    return list
  }
}
