// Dates on the wire: every one is a Turkey clock (UTC+3 all year), and
// send-sms' schedule never carries seconds.
import fc from 'fast-check'
import * as v from 'valibot'
import { describe, expect, test } from 'vitest'
import { blacklistDateInput, dayInput, sendAtInput } from '../src/schemas/date-inputs.js'
import { turkeyTimestamp } from '../src/schemas/order.js'
import {
  compareClocks,
  daysBetween,
  formatDateTime,
  formatDay,
  formatIsoTurkey,
  formatSendDateTime,
  parseProviderDateTime,
  turkeyClockAt,
} from '../src/schemas/turkey-time.js'

const sendAt = (value: unknown) => v.parse(sendAtInput, value)
const refusedAsSendAt = (value: unknown) => !v.safeParse(sendAtInput, value).success

describe('sendAt → sendDateTime (dd/MM/yyyy HH:mm, Turkey time)', () => {
  test.each([
    ['a Date in UTC', new Date('2025-01-20T07:00:00Z'), '20/01/2025 10:00'],
    ['a Date with seconds and milliseconds (dropped, not rounded)', new Date('2025-01-20T07:00:59.999Z'), '20/01/2025 10:00'],
    ['a Date late on 31 December UTC (already next year in Turkey)', new Date('2025-12-31T21:30:00Z'), '01/01/2026 00:30'],
    ['a Date in July (no summer time since 2016)', new Date('2025-07-01T09:15:00Z'), '01/07/2025 12:15'],
    ['a Date on 29 February', new Date('2028-02-29T12:00:00Z'), '29/02/2028 15:00'],
    ['the provider form', '23/04/2022 09:00', '23/04/2022 09:00'],
    ['the provider form with seconds (dropped)', '23/04/2022 09:00:30', '23/04/2022 09:00'],
    ['yyyy-MM-dd HH:mm, Turkey time', '2025-01-20 10:00', '20/01/2025 10:00'],
    ['yyyy-MM-dd HH:mm:ss, Turkey time, seconds dropped', '2025-01-20 10:00:45', '20/01/2025 10:00'],
    ['ISO 8601 with Z', '2025-01-20T07:00:00Z', '20/01/2025 10:00'],
    ['ISO 8601 with +03:00', '2025-01-20T10:00:00+03:00', '20/01/2025 10:00'],
    ['ISO 8601 with -05:00', '2025-01-20T02:00-05:00', '20/01/2025 10:00'],
    ['ISO 8601 with +0530 and a fraction', '2025-01-20T12:30:00.250+0530', '20/01/2025 10:00'],
    ['text with spaces around it', '  2025-01-20 10:00  ', '20/01/2025 10:00'],
  ])('%s', (_label, input, expected) => {
    expect(sendAt(input)).toBe(expected)
  })

  test.each([
    ['ISO 8601 without an offset (local or Turkey time?)', '2025-01-20T10:00:00'],
    ['a date alone', '2025-01-20'],
    ['month first', '01/20/2025 10:00'],
    ['one-digit day', '5/03/2025 10:00'],
    ['31 February', '31/02/2025 10:00'],
    ['29 February in a common year', '2025-02-29 10:00'],
    ['hour 24', '2025-01-20 24:00'],
    ['minute 60', '20/01/2025 10:60'],
    ['an offset beyond ±18:00', '2025-01-20T10:00:00+19:00'],
    ['words', 'yarın sabah'],
    ['empty text', ''],
    ['an invalid Date', new Date('nope')],
    ['a number (epoch ms)', 1737356400000],
  ])('refuses %s', (_label, input) => {
    expect(refusedAsSendAt(input)).toBe(true)
  })

  test('any instant gives the UTC+3 wall clock to the minute, and never seconds', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('2016-09-08T00:00:00Z'), max: new Date('2199-12-31T00:00:00Z'), noInvalidDate: true }), (date) => {
        const text = sendAt(date)
        expect(text).toMatch(/^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/)
        const shifted = new Date(date.getTime() + 3 * 3_600_000)
        const [day, month, year, hour, minute] = text.split(/[/ :]/).map(Number)
        expect([year, month, day, hour, minute]).toEqual([
          shifted.getUTCFullYear(),
          shifted.getUTCMonth() + 1,
          shifted.getUTCDate(),
          shifted.getUTCHours(),
          shifted.getUTCMinutes(),
        ])
      }),
    )
  })

  test('the provider form reads back as the clock it was written from', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2199-12-31T00:00:00Z'), noInvalidDate: true }), (date) => {
        const clock = turkeyClockAt(date)
        expect(parseProviderDateTime(formatSendDateTime(clock))).toEqual({ ...clock, second: 0 })
      }),
    )
  })
})

describe('get-reports days (Y-m-d)', () => {
  const day = (value: unknown) => formatDay(v.parse(dayInput, value))

  test('a Date is its day in Turkey, not in UTC or the machine zone', () => {
    expect(day(new Date('2024-11-11T21:30:00Z'))).toBe('2024-11-12')
    expect(day(new Date('2024-11-12T20:59:59Z'))).toBe('2024-11-12')
  })

  test('yyyy-MM-dd as given; other forms refused', () => {
    expect(day('2024-11-12')).toBe('2024-11-12')
    for (const refused of ['12/11/2024', '2024-11-12 10:00', '2024-13-01', '2024-1-12', '']) expect(v.safeParse(dayInput, refused).success).toBe(false)
  })

  test('days between two clocks count calendar days', () => {
    const of = (text: string) => v.parse(dayInput, text)
    expect(daysBetween(of('2024-12-25'), of('2025-01-04'))).toBe(10)
    expect(daysBetween(of('2024-02-28'), of('2024-03-01'))).toBe(2)
    expect(daysBetween(of('2024-11-13'), of('2024-11-12'))).toBe(-1)
    expect(compareClocks(of('2024-11-12'), of('2024-11-12'))).toBe(0)
  })
})

describe('get-blacklist bounds (Y-m-d H:i:s)', () => {
  const bound = (which: 'start' | 'end', value: unknown) => formatDateTime(v.parse(blacklistDateInput(which), value))

  test('a bare day is its first second as a start and its last as an end', () => {
    expect(bound('start', '2024-11-01')).toBe('2024-11-01 00:00:00')
    expect(bound('end', '2024-11-30')).toBe('2024-11-30 23:59:59')
  })

  test('times keep their seconds; Dates and offsets become Turkey time', () => {
    expect(bound('start', '2024-11-01 08:30')).toBe('2024-11-01 08:30:00')
    expect(bound('start', '2024-11-01 08:30:15')).toBe('2024-11-01 08:30:15')
    expect(bound('end', '2024-11-02T21:00:05Z')).toBe('2024-11-03 00:00:05')
    expect(bound('end', new Date('2024-11-02T21:00:05Z'))).toBe('2024-11-03 00:00:05')
  })

  test('an ISO time without an offset is refused', () => {
    expect(v.safeParse(blacklistDateInput('start'), '2024-11-01T10:00:00').success).toBe(false)
  })
})

describe("the provider's timestamps (report dates)", () => {
  const read = (value: unknown) => v.parse(turkeyTimestamp, value)

  test('Turkey time becomes ISO 8601 with +03:00', () => {
    expect(read('2024-12-02 15:13:55')).toBe('2024-12-02T15:13:55+03:00')
    expect(read(' 2024-12-02 15:13 ')).toBe('2024-12-02T15:13:00+03:00')
    expect(formatIsoTurkey(turkeyClockAt(new Date('2024-12-02T12:13:55Z')))).toBe('2024-12-02T15:13:55+03:00')
  })

  test("missing, empty and all-zero are ''", () => {
    for (const none of [undefined, null, '', '   ', '0000-00-00 00:00:00', '0000-00-00']) expect(read(none)).toBe('')
  })

  test('a timestamp with an offset is moved to Turkey time', () => {
    expect(read('2024-12-02T12:13:55Z')).toBe('2024-12-02T15:13:55+03:00')
    expect(read('2024-12-02T23:00:00+00:00')).toBe('2024-12-03T02:00:00+03:00')
  })

  test('anything else does not fit', () => {
    for (const odd of ['dün', '02/12/2024', '2024-12-32 10:00:00', 20241202]) expect(v.safeParse(turkeyTimestamp, odd).success).toBe(false)
  })

  test('the ISO text names the same instant as the provider meant', () => {
    expect(Date.parse(read('2024-12-02 15:13:55'))).toBe(Date.UTC(2024, 11, 2, 12, 13, 55))
  })
})
