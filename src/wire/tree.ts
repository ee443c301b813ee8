/**
 * The protocol-neutral shape of a request or response body: element names
 * as keys, nested objects as containers, an array as a repeated element
 * (`<id>1</id><id>2</id>` in XML, `"id": [1, 2]` in JSON). Only the codecs
 * turn it into text.
 */
export type WireValue = string | number | FreeText | WireList | RecordList | WireTree | readonly WireValue[] | undefined
export interface WireTree {
  readonly [name: string]: WireValue
}

/**
 * Text a person typed (names, e-mail, a search key, a message): the XML
 * codec writes it in CDATA, the JSON codec as a plain string.
 */
export class FreeText {
  constructor(readonly text: string) {}
}

/**
 * A list in a container element, as the provider's answers have them:
 * XML repeats `itemName` inside the container (`<contacts><contact/>…`),
 * JSON makes the container itself an array (`"contacts": [...]`).
 */
export class WireList {
  constructor(
    readonly itemName: string,
    readonly items: readonly WireValue[],
  ) {}
}

/**
 * A list of one-field records, for requests whose pages spell it two ways:
 * JSON keeps each record (`"groups": {"group": [{"id": 7}, {"id": 12}]}`)
 * while XML writes the field alone, repeated (`<groups><id>7</id><id>12</id></groups>`).
 * add-contact documents exactly this pair; one node lets the operation stay
 * protocol-neutral and each codec write its own spelling.
 */
export class RecordList {
  constructor(
    readonly recordName: string,
    readonly fieldName: string,
    readonly values: readonly WireValue[],
  ) {}
}

/** A record list: `{"recordName": [{"fieldName": v}, …]}` in JSON, `<fieldName>v</fieldName>…` in XML. */
export function recordList(recordName: string, fieldName: string, values: readonly WireValue[]): RecordList {
  return new RecordList(recordName, fieldName, values)
}

/** A container list: `<name><itemName/>…</name>` in XML, `"name": [...]` in JSON. */
export function wireList(itemName: string, items: readonly WireValue[]): WireList {
  return new WireList(itemName, items)
}

/** Marks caller-typed text so the XML codec puts it in CDATA. */
export function freeText(text: string): FreeText {
  return new FreeText(text)
}

/** What a codec found in a response body: the status and everything beside it. */
export interface DecodedResponse {
  /** The `response` element's content, untyped until the normalizer reads it. */
  readonly body: Readonly<Record<string, unknown>>
  /** `status.code` and `status.message` where the body holds them. */
  readonly status: { readonly code: unknown; readonly message: unknown } | undefined
}

/** A decoded element with children: a plain object, not a list, not text. */
export function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
