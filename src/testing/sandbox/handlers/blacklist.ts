import { parseTurkeyDateTime, turkeyInstant, type TurkeyClock } from '../../../schemas/turkey-time.js'
import { StatusCode } from '../../../status/status-codes.js'
import { canonicalNumber } from '../messaging-store.js'
import { integerAt, textAt } from '../read-request.js'
import { pageOf } from './contact-tree.js'
import { fail, ok, type Handler } from './handler.js'
import { isPhoneNumber } from './phone-number.js'

const strictDateTime = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/

// `Y-m-d H:i:s` exactly, as the new backend insists; '' is no bound.
function bound(text: string): TurkeyClock | null | undefined {
  if (text === '') return null
  return strictDateTime.test(text) ? parseTurkeyDateTime(text) : undefined
}

export const getBlacklist: Handler = (request, store) => {
  const start = bound(textAt(request, 'blacklist.filter.start').trim())
  const end = bound(textAt(request, 'blacklist.filter.end').trim())
  // The new backend answers a bound it cannot read with 422 (beside an `errors` object).
  if (start === undefined || end === undefined) return fail(StatusCode.ValidationFailed)
  const from = start === null ? -Infinity : turkeyInstant(start)
  const to = end === null ? Infinity : turkeyInstant(end)
  if (from > to) return fail(StatusCode.InvalidDateRange)
  const page = integerAt(request, 'blacklist.page') ?? 1
  const rowCount = Math.min(integerAt(request, 'blacklist.rowCount') ?? 1000, 1000)
  if (page < 1 || rowCount < 1) return fail(StatusCode.InvalidPage)
  const matching = store.blacklist.filter((block) => block.addedAt >= from && block.addedAt <= to)
  const numbers = pageOf(matching, page, rowCount).map((block) => block.number)
  // `count` comes as text in the JSON docs; the numbers stand beside it, repeated in XML.
  return ok({ blacklist: { count: String(matching.length), number: numbers } })
}

export const addBlacklist: Handler = (request, store) => {
  const number = textAt(request, 'blacklist.number')
  if (!isPhoneNumber(number)) return fail(StatusCode.InvalidNumber)
  const canonical = canonicalNumber(number)
  // Blocking a blocked number changes nothing and is no error.
  if (!store.blacklist.some((block) => block.number === canonical)) store.blacklist.push({ number: canonical, addedAt: store.now() })
  return ok()
}

export const deleteBlacklist: Handler = (request, store) => {
  const number = textAt(request, 'blacklist.number')
  if (!isPhoneNumber(number)) return fail(StatusCode.InvalidNumber)
  const index = store.blacklist.findIndex((block) => block.number === canonicalNumber(number))
  if (index >= 0 && store.blacklist[index]!.locked) return fail(StatusCode.BlacklistRemovalRefused)
  if (index >= 0) store.blacklist.splice(index, 1)
  return ok()
}
