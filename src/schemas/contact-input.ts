import * as v from 'valibot'
import { freeText, type WireTree } from '../wire/tree.js'
import { idInput, textInput } from './input-fields.js'

/**
 * The fields a caller may set on a contact (add-contact, edit-contact).
 * Each is optional: a field left out is not sent at all.
 */
export const contactFieldsInput = {
  name: v.optional(textInput),
  surname: v.optional(textInput),
  email: v.optional(textInput),
  /** Text, never a number: a leading `0` or `+` must survive. */
  gsm: v.optional(textInput),
  customFields: v.optional(v.array(v.object({ id: idInput, value: textInput }), 'expected a list of { id, value }')),
  groups: v.optional(v.array(idInput, 'expected a list of group ids')),
}

type ContactFields = v.InferOutput<v.ObjectSchema<typeof contactFieldsInput, undefined>>

const identifyingFields = ['name', 'surname', 'gsm', 'email'] as const

/** The provider's rule behind code 472: one of name, surname, gsm, email must hold more than spaces. */
export function hasIdentifyingField(fields: ContactFields): boolean {
  return identifyingFields.some((field) => (fields[field] ?? '').trim() !== '')
}

/** Whether any settable field is given at all (an edit with none would change nothing). */
export function hasAnyField(fields: ContactFields): boolean {
  return (Object.keys(contactFieldsInput) as (keyof ContactFields)[]).some((field) => fields[field] !== undefined)
}

/**
 * The wire form of a contact's fields, groups aside (add-contact and
 * edit-contact spell those differently). Typed text goes in CDATA in XML;
 * the phone number is plain text, as the pages show it. Custom fields keep
 * the wrapper both pages show: `{"custom_field": [...]}`, `<custom_field>…`.
 */
export function contactFieldsTree(fields: ContactFields): WireTree {
  const text = (value: string | undefined) => (value === undefined ? undefined : freeText(value))
  return {
    name: text(fields.name),
    surname: text(fields.surname),
    email: text(fields.email),
    gsm: fields.gsm,
    custom_fields: fields.customFields && {
      custom_field: fields.customFields.map(({ id, value }) => ({ id, value: freeText(value) })),
    },
  }
}
