import type { Contact } from '../../../schemas/contact.js'
import { StatusCode } from '../../../status/status-codes.js'
import { wireList } from '../../../wire/tree.js'
import { at, integerAt, listAt, textAt, type RequestTree } from '../read-request.js'
import type { SandboxStore } from '../store.js'
import { contactTree } from './contact-tree.js'
import { fail, ok, type Handler } from './handler.js'

const turkish = 'tr-TR'

export const getContact: Handler = (request, store) => {
  const id = integerAt(request, 'contact.id')
  const contact = id === undefined ? undefined : store.contacts.get(id)
  return contact ? ok({ contact: contactTree(contact) }) : fail(StatusCode.ContactNotFound)
}

// Lower-casing with Turkish rules is slow; each contact's text is lowered once and
// lowered again only when one of its fields changes (compared as they are: a walk
// through 100 000 contacts builds no strings for the ones it passes).
interface LoweredText {
  gsm: string
  name: string
  surname: string
  email: string
  lowered: string
}
const loweredText = new WeakMap<Contact, LoweredText>()

function searchableText(contact: Contact): string {
  const cached = loweredText.get(contact)
  if (cached !== undefined && cached.gsm === contact.gsm && cached.name === contact.name && cached.surname === contact.surname && cached.email === contact.email) {
    return cached.lowered
  }
  const { gsm, name, surname, email } = contact
  // The fields apart (NUL cannot be typed), so a key never matches across two of them.
  const lowered = `${gsm}\u0000${name}\u0000${surname}\u0000${email}`.toLocaleLowerCase(turkish)
  loweredText.set(contact, { gsm, name, surname, email, lowered })
  return lowered
}

export const searchContacts: Handler = (request, store) => {
  const key = textAt(request, 'search.key').trim()
  if (key.length < 3) return fail(StatusCode.SearchKeyTooShort)
  const page = integerAt(request, 'search.page') ?? 1
  const rowCount = Math.max(Math.min(integerAt(request, 'search.rowCount') ?? 1000, 1000), 1)
  if (page < 1) return fail(StatusCode.InvalidPage)
  const needle = key.toLocaleLowerCase(turkish)
  // The book resumes the last page's scan: page N of a walk costs what one page costs.
  const contacts = store.contacts.page(`search:${needle}`, (contact) => searchableText(contact).includes(needle), page, rowCount)
  if (contacts.length === 0) return fail(StatusCode.ContactNotFound)
  return ok({ contacts: wireList('contact', contacts.map(contactTree)) })
}

// A contact's fields as a request carries them, for add-contact and edit-contact alike.
// Lists come in every spelling the pages show: `<groups><id/>…`, `{"id": [...]}`,
// `{"group": [{"id"}]}` (add-contact's JSON page) and a flat array; custom fields
// as `{"custom_field": [...]}`, `<custom_field>…` or a flat array.
interface ContactChanges {
  text: Partial<Record<'name' | 'surname' | 'email' | 'gsm', string>>
  customFields: { id: number | undefined; value: string }[] | undefined
  groups: (number | undefined)[] | undefined
}

const textFields = ['name', 'surname', 'email', 'gsm'] as const

function itemsOf(container: unknown, itemNames: readonly string[]): unknown[] {
  if (Array.isArray(container)) return container
  return itemNames.flatMap((name) => listAt(container, name))
}

function integerOf(item: unknown): number | undefined {
  const text = typeof item === 'string' || typeof item === 'number' ? String(item).trim() : ''
  return /^\d+$/.test(text) ? Number(text) : undefined
}

function readContactChanges(request: RequestTree): ContactChanges {
  const contact = at(request, 'contact')
  const text: ContactChanges['text'] = {}
  for (const field of textFields) if (at(contact, field) !== undefined) text[field] = textAt(contact, field)
  const fields = at(contact, 'custom_fields')
  const groups = at(contact, 'groups')
  return {
    text,
    customFields:
      fields === undefined
        ? undefined
        : itemsOf(fields, ['custom_field']).map((item) => ({ id: integerAt(item, 'id'), value: textAt(item, 'value') })),
    groups:
      groups === undefined
        ? undefined
        : [...itemsOf(groups, ['id']), ...listAt(groups, 'group').map((item) => at(item, 'id'))].map(integerOf),
  }
}

// Why a contact cannot be stored as it stands, in the order the provider's codes suggest.
function refusal(contact: Contact, changes: ContactChanges, store: SandboxStore): number | undefined {
  if (![contact.name, contact.surname, contact.gsm, contact.email].some((field) => field.trim() !== '')) return StatusCode.ContactFieldsEmpty
  if (changes.groups?.some((id) => id === undefined || !store.groups.has(id))) return StatusCode.GroupNotFound
  if (changes.customFields?.some(({ id }) => id === undefined || !store.customFieldIds.has(id))) return StatusCode.CustomFieldNotFound
  return undefined
}

function applyChanges(contact: Contact, changes: ContactChanges): Contact {
  return {
    ...contact,
    ...changes.text,
    customFields: changes.customFields?.map(({ id, value }) => ({ id: id!, value })) ?? contact.customFields,
    groups: changes.groups ? [...new Set(changes.groups as number[])] : contact.groups,
  }
}

export const addContact: Handler = (request, store) => {
  const changes = readContactChanges(request)
  const blank: Contact = { id: 0, name: '', surname: '', email: '', gsm: '', customFields: [], groups: [] }
  const draft = applyChanges(blank, changes)
  const code = refusal(draft, changes, store)
  if (code !== undefined) return fail(code)
  const contact = { ...draft, id: store.nextId++ }
  store.contacts.set(contact.id, contact)
  return ok({ contact: contactTree(contact) })
}

// The page lists no code for an unknown contact; 465 is the one get-contact and delete-contact use.
export const editContact: Handler = (request, store) => {
  const id = integerAt(request, 'contact.id')
  const stored = id === undefined ? undefined : store.contacts.get(id)
  if (!stored) return fail(StatusCode.ContactNotFound)
  const changes = readContactChanges(request)
  const contact = applyChanges(stored, changes)
  const code = refusal(contact, changes, store)
  if (code !== undefined) return fail(code)
  store.contacts.set(contact.id, contact)
  return ok({ contact: contactTree(contact) })
}

export const deleteContact: Handler = (request, store) => {
  const id = integerAt(request, 'contact.id')
  if (id === undefined || !store.contacts.delete(id)) return fail(StatusCode.ContactNotFound)
  return ok()
}
