import { paginate } from '../client/paginate.js'
import type { CallOperation } from '../client/call-operation.js'
import type { CallOptions } from '../client/client-options.js'
import type { Contact, ContactPage, CustomField } from '../schemas/contact.js'

// Each operation is loaded on its first call: an app's bundle holds only the endpoints it uses.
const addContact = () => import('../operations/add-contact.js').then((module) => module.addContact)
const deleteContact = () => import('../operations/delete-contact.js').then((module) => module.deleteContact)
const editContact = () => import('../operations/edit-contact.js').then((module) => module.editContact)
const getContact = () => import('../operations/get-contact.js').then((module) => module.getContact)
const searchContacts = () => import('../operations/search-contacts.js').then((module) => module.searchContacts)

/** What to search for, and which page. */
export interface ContactSearch {
  /** At least 3 characters; matched against phone number, name, surname and e-mail. */
  key: string
  /** Default 1. */
  page?: number
  /** Contacts a page, 1 to 1000; default 1000. */
  rowCount?: number
}

/** A contact to create: at least one of `name`, `surname`, `gsm`, `email` must hold text. */
export interface NewContact {
  /** First name; free text, Turkish letters and any Unicode kept as given. */
  name?: string
  /** Last name; free text. */
  surname?: string
  /** E-mail address, as text; the provider does not check its form. */
  email?: string
  /** The phone number as text (`'05321234567'`, `'+905321234567'`): leading `0` and `+` survive. */
  gsm?: string
  /** Values for the account's custom fields, by field id. */
  customFields?: CustomField[]
  /** The ids of the groups the contact belongs to. */
  groups?: number[]
}

/**
 * Changes to a contact. Fields left out are not sent; a list given
 * (`customFields`, `groups`) replaces the contact's list, `[]` empties it.
 */
export interface ContactUpdate extends NewContact {
  /** The contact to change. */
  id: number
}

/** The address book's contacts. */
export interface ContactsApi {
  /** One contact (`get-contact`). A missing one rejects with `NotFoundError` (465). */
  get(id: number, options?: CallOptions): Promise<Contact>
  /** One page of matches (`search-contacts`); no match is an empty page, not an error. */
  search(search: ContactSearch, options?: CallOptions): Promise<ContactPage>
  /** Every match, page after page (`search-contacts`), one page held at a time. */
  searchAll(search: Omit<ContactSearch, 'page'>, options?: CallOptions): AsyncIterable<Contact>
  /**
   * Creates a contact (`add-contact`); resolves to the contact as stored.
   * `ValidationError` with code 472 when none of name, surname, gsm, email
   * holds text; `NotFoundError` (463) for an unknown group; `ApiError` 473
   * for an unknown custom field. Never retried unless `options.retry` says so.
   */
  create(contact: NewContact, options?: CallOptions): Promise<Contact>
  /**
   * Changes a contact (`edit-contact`); resolves to the contact as stored.
   * `ValidationError` when nothing is given to change; `NotFoundError` for
   * an unknown group (463) or contact (465). Never retried unless
   * `options.retry` says so.
   */
  update(changes: ContactUpdate, options?: CallOptions): Promise<Contact>
  /**
   * Deletes a contact (`delete-contact`); resolves to undefined.
   * `NotFoundError` (465) for an unknown contact. Never retried unless
   * `options.retry` says so.
   */
  delete(id: number, options?: CallOptions): Promise<void>
}

export function contactsApi(call: CallOperation): ContactsApi {
  return {
    get: (id, options) => call(getContact, { id }, options),
    search: (search, options) => call(searchContacts, search, options),
    searchAll: (search, options) =>
      paginate(async (page, pageOptions) => {
        const result = await call(searchContacts, { ...search, page }, pageOptions)
        return { items: result.contacts, rowCount: result.rowCount }
      }, options),
    create: (contact, options) => call(addContact, contact, options),
    update: (changes, options) => call(editContact, changes, options),
    delete: async (id, options) => {
      await call(deleteContact, { id }, options)
    },
  }
}
