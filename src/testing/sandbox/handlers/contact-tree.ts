import type { Contact } from '../../../schemas/contact.js'
import { freeText, wireList, type WireTree } from '../../../wire/tree.js'

/** A stored contact as the provider sends it: text in CDATA, flat JSON lists, repeated XML children. */
export function contactTree(contact: Contact): WireTree {
  return {
    id: contact.id,
    name: freeText(contact.name),
    surname: freeText(contact.surname),
    email: freeText(contact.email),
    gsm: contact.gsm,
    custom_fields: wireList(
      'custom_field',
      contact.customFields.map((field) => ({ id: field.id, value: freeText(field.value) })),
    ),
    groups: wireList('id', contact.groups),
  }
}

/** One page of `items`, pages counted from 1. */
export function pageOf<Item>(items: readonly Item[], page: number, rowCount: number): Item[] {
  return items.slice((page - 1) * rowCount, page * rowCount)
}
