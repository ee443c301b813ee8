import type { Contact } from '../../schemas/contact.js'
import { ConsentRegistry, type SandboxConsent } from './consent-registry.js'
import { ContactBook } from './contact-book.js'
import { createMessagingStore, type MessagingSeed, type MessagingStore } from './messaging-store.js'
import { defaultSettings, type SandboxSettings } from './settings.js'

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
  /** The account's İYS brand codes (the default seed's: `'696422'`). */
  iysBrandCodes?: string[]
  /** İYS consent records already filed (the default seed's: ONAY for SMS to its contacts' numbers, on both lists). */
  consents?: SandboxConsent[]
}

/**
 * The sandbox's in-memory account, open for tests to read and change:
 * `sandbox.store.contacts.get(1009)`.
 */
export interface SandboxStore extends MessagingStore {
  /** Every group, by id. */
  groups: Map<number, StoredGroup>
  /** Every contact, by id: a `Map` that also keeps the search and group lists (change contacts through it). */
  contacts: ContactBook
  /** The approved sender names. */
  senders: string[]
  /** Custom-field ids add-contact and edit-contact accept (else 473): the seed's and those its contacts use. */
  customFieldIds: Set<number>
  /** The next id handed out by any create (ids are never reused). */
  nextId: number
  /** Account settings and production behaviours, switchable while the sandbox runs. */
  settings: SandboxSettings
  /** The sandbox's İYS: consent records per brand code (consent/create, consent/show, and sends with `iys: 1`). */
  consents: ConsentRegistry
}

// A copy of a seed contact, so a test's seed array is never changed by the sandbox (structuredClone is
// several times slower, which a million contacts feel).
function copyContact(contact: Contact): Contact {
  return {
    ...contact,
    customFields: contact.customFields.map((field) => ({ ...field })),
    groups: [...contact.groups],
  }
}

// Linear in the seed's size, with nothing spread into a call's arguments: a million contacts seed in one pass.
export function createStore(seed: Required<SandboxSeed>, settings: SandboxSettings = { ...defaultSettings }): SandboxStore {
  const groups = new Map(seed.groups.map((group) => [group.id, structuredClone(group)]))
  const contacts = new ContactBook()
  const customFieldIds = new Set(seed.customFieldIds ?? [])
  contacts.load(
    (function* copies() {
      for (const contact of seed.contacts) {
        for (const field of contact.customFields) customFieldIds.add(field.id)
        yield copyContact(contact)
      }
    })(),
  )
  let highest = contacts.highestId
  for (const id of groups.keys()) if (id > highest) highest = id
  const consents = new ConsentRegistry(seed.iysBrandCodes ?? [], seed.consents ?? [])
  return { groups, contacts, senders: [...seed.senders], customFieldIds, nextId: highest + 1, settings, consents, ...createMessagingStore(seed) }
}
