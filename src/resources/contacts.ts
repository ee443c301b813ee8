import { paginate } from '../client/paginate.js'
import type { CallOperation } from '../client/call-operation.js'
import type { CallOptions } from '../client/client-options.js'
import { getContact, searchContacts } from '../operations/index.js'
import type { Contact, ContactPage } from '../schemas/contact.js'

/** What to search for, and which page. */
export interface ContactSearch {
  /** At least 3 characters; matched against phone number, name, surname and e-mail. */
  key: string
  /** Default 1. */
  page?: number
  /** Contacts a page, 1 to 1000; default 1000. */
  rowCount?: number
}

/** The address book's contacts. */
export interface ContactsApi {
  /** One contact (`get-contact`). A missing one rejects with `NotFoundError` (465). */
  get(id: number, options?: CallOptions): Promise<Contact>
  /** One page of matches (`search-contacts`); no match is an empty page, not an error. */
  search(search: ContactSearch, options?: CallOptions): Promise<ContactPage>
  /** Every match, page after page (`search-contacts`), one page held at a time. */
  searchAll(search: Omit<ContactSearch, 'page'>, options?: CallOptions): AsyncIterable<Contact>
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
  }
}
