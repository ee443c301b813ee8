import { StatusCode } from '../../../status/status-codes.js'
import { wireList } from '../../../wire/tree.js'
import { integerAt, textAt } from '../read-request.js'
import { contactTree, pageOf } from './contact-tree.js'
import { fail, ok, type Handler } from './handler.js'

const turkish = 'tr-TR'

export const getContact: Handler = (request, store) => {
  const id = integerAt(request, 'contact.id')
  const contact = id === undefined ? undefined : store.contacts.get(id)
  return contact ? ok({ contact: contactTree(contact) }) : fail(StatusCode.ContactNotFound)
}

export const searchContacts: Handler = (request, store) => {
  const key = textAt(request, 'search.key').trim()
  if (key.length < 3) return fail(StatusCode.SearchKeyTooShort)
  const page = integerAt(request, 'search.page') ?? 1
  const rowCount = Math.min(integerAt(request, 'search.rowCount') ?? 1000, 1000)
  if (page < 1) return fail(StatusCode.InvalidPage)
  const needle = key.toLocaleLowerCase(turkish)
  const matches = [...store.contacts.values()].filter((contact) =>
    [contact.gsm, contact.name, contact.surname, contact.email].some((field) => field.toLocaleLowerCase(turkish).includes(needle)),
  )
  const contacts = pageOf(matches, page, Math.max(rowCount, 1))
  if (contacts.length === 0) return fail(StatusCode.ContactNotFound)
  return ok({ contacts: wireList('contact', contacts.map(contactTree)) })
}
