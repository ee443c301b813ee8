import * as v from 'valibot'
import { isRecord } from '../wire/tree.js'
import { readWireDigits, readWireId, readWireText, readWrappedList, withFastPath } from './wire-fast-paths.js'
import { wireDigits, wireId, wireText, wrappedList } from './wire-scalars.js'

/** A contact in the address book, the same whichever format carried it. */
export interface Contact {
  /** The contact's id in the address book. */
  id: number
  /** `''` when the provider sends none. */
  name: string
  /** `''` when the provider sends none. */
  surname: string
  /** `''` when the provider sends none. */
  email: string
  /** Kept as text: leading zeros and `+` survive. */
  gsm: string
  /** Values of the account's custom fields; `[]` for none. */
  customFields: CustomField[]
  /** The ids of the groups the contact belongs to. */
  groups: number[]
}

/** A value stored for a contact in one of the account's custom fields. */
export interface CustomField {
  /** The custom field's id, as defined in the panel. */
  id: number
  /** The value, as text (`'27/09/2024'`). */
  value: string
}

/** One page of contacts; `page` and `rowCount` are the values the request used. */
export interface ContactPage {
  /** This page's contacts; `[]` when there are none. */
  contacts: Contact[]
  /** The page asked for, from 1 (default 1). */
  page: number
  /** The page size asked for (default 1000); a shorter page is the last. */
  rowCount: number
}

const customField = v.pipe(
  v.looseObject({ id: wireId, value: wireText }),
  v.transform(({ id, value }): CustomField => ({ id, value })),
)

// New shape: bare ids (`<groups><id>7</id>…`, `[7, 12]`); old shape: `{group: [{id}]}`.
const groupId = v.pipe(
  v.unknown(),
  v.transform((item) => (typeof item === 'object' && item !== null && 'id' in item ? item.id : item)),
  wireId,
)

/** {@link contactSchema} without its fast path: the reference the fast path is held to. */
export const contactWireSchema = v.pipe(
  v.looseObject({
    id: wireId,
    name: wireText,
    surname: wireText,
    email: wireText,
    gsm: wireDigits,
    custom_fields: wrappedList(['custom_field'], customField),
    groups: wrappedList(['id', 'group'], groupId),
  }),
  v.transform(
    (wire): Contact => ({
      id: wire.id,
      name: wire.name,
      surname: wire.surname,
      email: wire.email,
      gsm: wire.gsm,
      customFields: wire.custom_fields,
      groups: wire.groups,
    }),
  ),
)


const customFieldNames = ['custom_field']
const groupNames = ['id', 'group']

function readCustomField(wire: unknown): CustomField | undefined {
  if (!isRecord(wire)) return undefined
  const id = readWireId(wire['id'])
  const value = readWireText(wire['value'])
  return id === undefined || value === undefined ? undefined : { id, value }
}

function readGroupId(item: unknown): number | undefined {
  return readWireId(typeof item === 'object' && item !== null && 'id' in item ? item.id : item)
}

/** What {@link contactWireSchema} gives a contact in one of the usual shapes; `undefined` for any other. */
export function readContact(wire: unknown): Contact | undefined {
  if (!isRecord(wire)) return undefined
  const id = readWireId(wire['id'])
  const name = readWireText(wire['name'])
  const surname = readWireText(wire['surname'])
  const email = readWireText(wire['email'])
  const gsm = readWireDigits(wire['gsm'])
  if (id === undefined || name === undefined || surname === undefined || email === undefined || gsm === undefined) return undefined
  const customFields = readWrappedList(wire['custom_fields'], customFieldNames, readCustomField)
  const groups = customFields && readWrappedList(wire['groups'], groupNames, readGroupId)
  return groups && customFields && { id, name, surname, email, gsm, customFields, groups }
}

/** A contact as either format sends it, turned into a {@link Contact}. */
export const contactSchema = withFastPath(contactWireSchema, readContact)

/** The list paths (under `response`) where contacts and their parts repeat in XML. */
export function contactListPaths(contactPath: string): string[] {
  return [`${contactPath}.custom_fields.custom_field`, `${contactPath}.groups.id`, `${contactPath}.groups.group`]
}
