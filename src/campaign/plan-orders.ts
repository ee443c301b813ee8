import { ValidationError } from '../errors/index.js'
import { orderDigest, recipientsDigest } from './campaign-digest.js'
import type { CampaignRow, InvalidRecipient } from './campaign-types.js'
import type { MessageTemplate } from './message-template.js'
import { NumberSet } from './number-set.js'
import { readRecipientNumber } from './recipient-number.js'

/** One order, ready to send: its messages and where it sits in the input and the digest chain. */
export interface PlannedOrder {
  index: number
  messages: { text: string; recipients: string[] }[]
  recipients: number
  first: number
  last: number
  digest: string
  /** Who it goes to, as {@link recipientsDigest} says. */
  recipientsDigest: string
  /** Rows read up to its last one. */
  rowsThrough: number
}

/** How the input is cut into orders. */
export interface PlanSettings {
  text: string | undefined
  template: MessageTemplate | undefined
  column: string
  perOrder: number
  positionOf: ((row: CampaignRow, index: number) => number) | undefined
  /** Why a row is invalid as its reader found it, if it is. */
  rejectRow: ((row: CampaignRow, index: number) => string | undefined) | undefined
  /** Send rows whose placeholder is empty. */
  allowEmpty: boolean
  /** The chain's start: the campaign's own digest. */
  digest: string
}

/** What reading the input found besides the orders; filled in as it goes. */
export interface PlanTally {
  rows: number
  duplicates: number
  invalid: InvalidRecipient[]
  invalidCount: number
  /** The last order's digest (the campaign's while none). */
  digest: string
  /** The input was read to its end. */
  ended: boolean
}

const invalidListed = 10_000
// The provider takes 50,000 recipients an order; personalised texts also make the body big. An
// order is closed before its body could pass about 4 MiB (the sandbox takes 5; the provider
// documents no limit), counting each character as up to 3 bytes of UTF-8 and each message's markup.
const maxOrderBytes = 4 * 2 ** 20
const messageMarkupBytes = 120

/**
 * Reads rows one at a time and yields orders of at most `perOrder`
 * recipients. Invalid numbers, empty texts and repeated numbers (in any
 * spelling) are left out and counted in `tally`; no more than one order's
 * rows are held.
 */
export async function* planOrders(rows: Iterable<CampaignRow> | AsyncIterable<CampaignRow>, settings: PlanSettings, tally: PlanTally): AsyncGenerator<PlannedOrder> {
  const { text, template, column, perOrder, positionOf, rejectRow, allowEmpty } = settings
  let columnsChecked = false
  const seen = new NumberSet()
  let byText = new Map<string, string[]>()
  let keys: number[] = []
  let count = 0
  let bytes = 0
  let first = 0
  let last = 0
  let index = 0
  let rowsThrough = 0

  const refuse = (position: number, number: unknown, reason: string) => {
    tally.invalidCount++
    const written = typeof number === 'string' ? number.slice(0, 40) : ''
    if (tally.invalid.length < invalidListed) tally.invalid.push({ position, number: written, reason })
  }
  const close = async (): Promise<PlannedOrder> => {
    const messages = [...byText].map(([messageText, recipients]) => ({ text: messageText, recipients }))
    tally.digest = await orderDigest(tally.digest, messages)
    const order = { index: ++index, messages, recipients: count, first, last, digest: tally.digest, recipientsDigest: await recipientsDigest(keys), rowsThrough }
    byText = new Map()
    keys = []
    count = 0
    bytes = 0
    return order
  }

  for await (const row of rows) {
    const position = positionOf ? positionOf(row, tally.rows + 1) : tally.rows + 1
    tally.rows++
    const fields: Readonly<Record<string, string>> = typeof row === 'string' ? { [column]: row } : row
    const rejected = rejectRow?.(row, tally.rows)
    if (rejected !== undefined) {
      refuse(position, fields[column], rejected)
      continue
    }
    if (!columnsChecked && template) checkColumns(template, fields, column)
    columnsChecked = true
    const written = fields[column]
    if (typeof written !== 'string') {
      refuse(position, written, `no ${column} column in this row`)
      continue
    }
    const number = readRecipientNumber(written)
    if ('reason' in number) {
      refuse(position, written, number.reason)
      continue
    }
    let messageText = text!
    if (template) {
      const missing = template.columns.find((name) => typeof fields[name] !== 'string')
      if (missing !== undefined) {
        refuse(position, written, `no ${missing} column in this row`)
        continue
      }
      const empty = allowEmpty ? undefined : template.columns.find((name) => fields[name]!.trim() === '')
      if (empty !== undefined) {
        refuse(position, written, `{${empty}} is empty in this row (--allow-empty sends it so)`)
        continue
      }
      messageText = template.fill(fields)
      if (messageText.trim() === '') {
        refuse(position, written, 'the text for this row is empty')
        continue
      }
    }
    if (!seen.add(number.key)) {
      tally.duplicates++
      continue
    }
    const rowBytes = number.number.length + 20 + (template ? messageText.length * 3 + messageMarkupBytes : 0)
    if (count > 0 && bytes + rowBytes > maxOrderBytes) yield await close()
    if (count === 0) first = position
    last = position
    rowsThrough = tally.rows
    count++
    keys.push(number.key)
    bytes += rowBytes
    const recipients = byText.get(messageText)
    if (recipients) recipients.push(number.number)
    else byText.set(messageText, [number.number])
    if (count === perOrder) yield await close()
  }
  if (count > 0) yield await close()
  tally.ended = true
}

// Before the first order: a placeholder naming a column the rows do not have would send `undefined`.
function checkColumns(template: MessageTemplate, fields: Readonly<Record<string, string>>, column: string): void {
  const missing = template.columns.filter((name) => typeof fields[name] !== 'string')
  if (missing.length === 0) return
  const have = Object.keys(fields).join(', ')
  throw new ValidationError(
    missing.map((name) => ({ path: 'template', message: `the template names {${name}}, but the rows have no such column (they have: ${have || column})` })),
    {},
  )
}
