// The provider reads and writes every date as a clock in Turkey shows it,
// with no zone on the wire. Turkey has kept UTC+3 all year, with no DST,
// since September 2016; that one fixed offset is used for every date here.

const turkeyOffsetMs = 3 * 60 * 60 * 1000
const dayMs = 24 * 60 * 60 * 1000

/** A date and a time of day on a clock in Turkey. Months count from 1. */
export interface TurkeyClock {
  year: number
  month: number
  day: number
  hour: number
  minute: number
  second: number
}

/** The Turkey clock at an instant. */
export function turkeyClockAt(date: Date): TurkeyClock {
  const shifted = new Date(date.getTime() + turkeyOffsetMs)
  return {
    year: shifted.getUTCFullYear(),
    month: shifted.getUTCMonth() + 1,
    day: shifted.getUTCDate(),
    hour: shifted.getUTCHours(),
    minute: shifted.getUTCMinutes(),
    second: shifted.getUTCSeconds(),
  }
}

/** The instant a Turkey clock shows, in milliseconds since the epoch. */
export function turkeyInstant(clock: TurkeyClock): number {
  return Date.UTC(clock.year, clock.month - 1, clock.day, clock.hour, clock.minute, clock.second) - turkeyOffsetMs
}

// Date.UTC rolls 31/02 over into March: a clock is real when it survives the round trip.
function realClock(clock: TurkeyClock): TurkeyClock | undefined {
  if (clock.year < 1000 || clock.hour > 23 || clock.minute > 59 || clock.second > 59) return undefined
  const back = turkeyClockAt(new Date(turkeyInstant(clock)))
  const same = (Object.keys(clock) as (keyof TurkeyClock)[]).every((part) => back[part] === clock[part])
  return same ? clock : undefined
}

function clockOf(parts: (string | undefined)[]): TurkeyClock | undefined {
  const [year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0] = parts.map((part) => Number(part ?? 0))
  return realClock({ year, month, day, hour, minute, second })
}

const providerForm = /^(\d{2})\/(\d{2})\/(\d{4}) (\d{2}):(\d{2})(?::(\d{2}))?$/
const turkeyForm = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?$/
const isoWithOffsetForm = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i
const dayForm = /^(\d{4})-(\d{2})-(\d{2})$/

/** `dd/MM/yyyy HH:mm[:ss]`, the provider's own form, in Turkey time. */
export function parseProviderDateTime(text: string): TurkeyClock | undefined {
  const match = providerForm.exec(text)
  return match ? clockOf([match[3], match[2], match[1], match[4], match[5], match[6]]) : undefined
}

/**
 * `yyyy-MM-dd HH:mm[:ss]` (a space between date and time), read as Turkey
 * time. With `allowT`, a `T` may stand for the space (the provider's own
 * timestamps); callers' text with a `T` must carry an offset instead.
 */
export function parseTurkeyDateTime(text: string, allowT = false): TurkeyClock | undefined {
  const match = turkeyForm.exec(text)
  if (!match || (!allowT && text.charAt(10) === 'T')) return undefined
  return clockOf(match.slice(1))
}

/** ISO 8601 with a `Z` or `±HH:MM` offset (seconds and fractions optional): the Turkey clock at that instant. */
export function parseIsoWithOffset(text: string): TurkeyClock | undefined {
  const match = isoWithOffsetForm.exec(text)
  if (!match) return undefined
  const [year, month, day, hour, minute, second, offset] = match.slice(1)
  // The fields are checked as written (no 25:00), then moved to the instant they name.
  if (!clockOf([year, month, day, hour, minute, second])) return undefined
  const offsetMinutes = offset!.toUpperCase() === 'Z' ? 0 : Number(offset!.slice(0, 1) + '1') * (Number(offset!.slice(1, 3)) * 60 + Number(offset!.slice(-2)))
  if (Math.abs(offsetMinutes) > 18 * 60) return undefined
  const utc = Date.UTC(Number(year), Number(month) - 1, Number(day), Number(hour), Number(minute), Number(second ?? 0))
  return turkeyClockAt(new Date(utc - offsetMinutes * 60_000))
}

/** `yyyy-MM-dd`: midnight of that day in Turkey. */
export function parseDay(text: string): TurkeyClock | undefined {
  const match = dayForm.exec(text)
  return match ? clockOf(match.slice(1)) : undefined
}

const two = (value: number) => String(value).padStart(2, '0')
const four = (value: number) => String(value).padStart(4, '0')

/** `dd/MM/yyyy HH:mm`: send-sms' `sendDateTime`, never with seconds (the provider then ignores the schedule). */
export function formatSendDateTime(clock: TurkeyClock): string {
  return `${two(clock.day)}/${two(clock.month)}/${four(clock.year)} ${two(clock.hour)}:${two(clock.minute)}`
}

/** `yyyy-MM-dd` (PHP's `Y-m-d`). */
export function formatDay(clock: TurkeyClock): string {
  return `${four(clock.year)}-${two(clock.month)}-${two(clock.day)}`
}

/** `yyyy-MM-dd HH:mm:ss` (PHP's `Y-m-d H:i:s`). */
export function formatDateTime(clock: TurkeyClock): string {
  return `${formatDay(clock)} ${two(clock.hour)}:${two(clock.minute)}:${two(clock.second)}`
}

/** ISO 8601 with Turkey's offset: `2024-12-02T15:13:55+03:00`. */
export function formatIsoTurkey(clock: TurkeyClock): string {
  return `${formatDay(clock)}T${two(clock.hour)}:${two(clock.minute)}:${two(clock.second)}+03:00`
}

/** Whole calendar days from one clock's day to another's (negative when `to` is earlier). */
export function daysBetween(from: TurkeyClock, to: TurkeyClock): number {
  return Math.round((Date.UTC(to.year, to.month - 1, to.day) - Date.UTC(from.year, from.month - 1, from.day)) / dayMs)
}

/** Orders two clocks: negative, zero or positive, as `a` is before, equal to or after `b`. */
export function compareClocks(a: TurkeyClock, b: TurkeyClock): number {
  return turkeyInstant(a) - turkeyInstant(b)
}
