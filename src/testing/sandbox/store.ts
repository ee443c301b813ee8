import type { Contact } from '../../schemas/contact.js'
import { createMessagingStore, type MessagingSeed, type MessagingStore } from './messaging-store.js'

/** A group as the sandbox keeps it: `parent` is 0 for a main group. */
export interface StoredGroup {
  /** The group's id. */
  id: number
  /** The group's name. */
  name: string
  /** The parent group's id; 0 for a main group. */
  parent: number
}

/** What a sandbox starts with; every part is optional and replaces the default seed's. */
export interface SandboxSeed extends MessagingSeed {
  /** The address book's groups. */
  groups?: StoredGroup[]
  /** The address book's contacts. */
  contacts?: Contact[]
  /** The approved sender names get-sender lists and send-sms accepts. */
  senders?: string[]
  /** The ids of the account's custom fields (defined in the panel; the API has no endpoint for them). */
  customFieldIds?: number[]
}

/**
 * The sandbox's in-memory account, open for tests to read and change:
 * `sandbox.store.contacts.get(1009)`.
 */
export interface SandboxStore extends MessagingStore {
  /** Every group, by id. */
  groups: Map<number, StoredGroup>
  /** Every contact, by id. */
  contacts: Map<number, Contact>
  /** The approved sender names. */
  senders: string[]
  /** Custom-field ids add-contact and edit-contact accept (else 473): the seed's and those its contacts use. */
  customFieldIds: Set<number>
  /** The next id handed out by any create (ids are never reused). */
  nextId: number
}

export function createStore(seed: Required<SandboxSeed>): SandboxStore {
  const groups = new Map(seed.groups.map((group) => [group.id, structuredClone(group)]))
  const contacts = new Map(seed.contacts.map((contact) => [contact.id, structuredClone(contact)]))
  const highest = Math.max(0, ...groups.keys(), ...contacts.keys())
  const customFieldIds = new Set([...(seed.customFieldIds ?? []), ...[...contacts.values()].flatMap((contact) => contact.customFields.map((field) => field.id))])
  return { groups, contacts, senders: [...seed.senders], customFieldIds, nextId: highest + 1, ...createMessagingStore(seed) }
}
