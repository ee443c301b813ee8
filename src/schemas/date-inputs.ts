import * as v from 'valibot'
import {
  formatSendDateTime,
  parseDay,
  parseIsoWithOffset,
  parseProviderDateTime,
  parseTurkeyDateTime,
  turkeyClockAt,
  type TurkeyClock,
} from './turkey-time.js'

/** A date the caller passes: a `Date`, or text in one of the forms a field accepts. */
export type DateInput = Date | string

const dateOrText = (message: string) =>
  v.union([v.pipe(v.date(), v.check((date) => !Number.isNaN(date.getTime()))), v.string()], message)

/** Reads a `Date` or text with `parsers` (the first that understands it wins) into a Turkey clock. */
function clockInput(parsers: readonly ((text: string) => TurkeyClock | undefined)[], message: string) {
  return v.pipe(
    dateOrText(message),
    v.rawTransform(({ dataset, addIssue, NEVER }) => {
      const value = dataset.value
      const clock = value instanceof Date ? turkeyClockAt(value) : parsers.map((parse) => parse(value.trim())).find(Boolean)
      if (clock) return clock
      addIssue({ message })
      return NEVER
    }),
  )
}

/**
 * send-sms' `sendAt`: a `Date`, or text as `dd/MM/yyyy HH:mm` or
 * `yyyy-MM-dd HH:mm[:ss]` (both read as Turkey time), or ISO 8601 with an
 * offset (`2025-01-20T10:00:00Z`, `…+03:00`). Out it comes as the
 * provider's `dd/MM/yyyy HH:mm` in Turkey time; seconds are dropped, since
 * the provider ignores a schedule that has them.
 */
export const sendAtInput = v.pipe(
  clockInput(
    [parseProviderDateTime, (text) => parseTurkeyDateTime(text), parseIsoWithOffset],
    'expected a Date, "dd/MM/yyyy HH:mm", "yyyy-MM-dd HH:mm[:ss]" (Turkey time) or ISO 8601 with an offset',
  ),
  v.transform(formatSendDateTime),
)

/** get-reports' `start`/`end`: a `Date` (its day in Turkey) or `yyyy-MM-dd`. */
export const dayInput = clockInput([parseDay], 'expected a Date or "yyyy-MM-dd"')

/**
 * get-blacklist's `start`/`end`: a `Date`, `yyyy-MM-dd HH:mm[:ss]` (Turkey
 * time), ISO 8601 with an offset, or a bare `yyyy-MM-dd`, which means the
 * day's first second for `start` and its last for `end`.
 */
export function blacklistDateInput(bound: 'start' | 'end') {
  const wholeDay = (text: string) => {
    const day = parseDay(text)
    return day && bound === 'end' ? { ...day, hour: 23, minute: 59, second: 59 } : day
  }
  return clockInput(
    [wholeDay, (text) => parseTurkeyDateTime(text), parseIsoWithOffset],
    'expected a Date, "yyyy-MM-dd", "yyyy-MM-dd HH:mm[:ss]" (Turkey time) or ISO 8601 with an offset',
  )
}
