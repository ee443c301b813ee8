// The pieces a campaign reads its input with: phone numbers, the duplicate set, templates.
import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { readTemplate } from '../src/campaign/message-template.js'
import { NumberSet } from '../src/campaign/number-set.js'
import { readRecipientNumber } from '../src/campaign/recipient-number.js'

describe('readRecipientNumber', () => {
  test.each([
    ['5301234567', '5301234567'],
    ['05301234567', '5301234567'],
    ['905301234567', '5301234567'],
    ['+905301234567', '5301234567'],
    ['+90 530 123 45 67', '5301234567'],
    ['0 (530) 123-45-67', '5301234567'],
    ['  0530.123.45.67 ', '5301234567'],
    ['00905301234567', '5301234567'],
    ['+4915112345678', '+4915112345678'],
    ['0049 151 1234 5678', '+4915112345678'],
  ])('%j is sent as %j', (written, sent) => {
    expect(readRecipientNumber(written)).toMatchObject({ number: sent })
  })

  test.each([
    ['', /no number/],
    ['   ', /no number/],
    ['530123456', /too short/],
    ['53O1234567', /letters/],
    ['abc', /letters/],
    ['5301234567x', /letters/],
    ['53+01234567', /\+ in the wrong place/],
    ['2121234567', /not a Turkish mobile/],
    ['0212 123 45 67', /not a Turkish mobile/],
    ['5301234567890', /too long/],
    ['+12345', /too short/],
    ['+0123456789012', /10 to 15 digits/],
  ])('%j is refused: %s', (written, reason) => {
    const read = readRecipientNumber(written)
    expect('reason' in read && read.reason).toMatch(reason)
  })

  test('every spelling of a Turkish mobile has the same key; different numbers have different keys', () => {
    const mobile = fc.integer({ min: 0, max: 999_999_999 }).map((rest) => `5${String(rest).padStart(9, '0')}`)
    fc.assert(
      fc.property(mobile, mobile, (a, b) => {
        const spellings = [a, `0${a}`, `90${a}`, `+90${a}`, `+90 ${a.slice(0, 3)} ${a.slice(3, 6)} ${a.slice(6)}`, `0${a.slice(0, 3)}-${a.slice(3)}`]
        const keys = new Set(spellings.map((spelling) => (readRecipientNumber(spelling) as { key: number }).key))
        expect(keys.size).toBe(1)
        expect((readRecipientNumber(b) as { key: number }).key === [...keys][0]).toBe(a === b)
      }),
    )
  })

  test('a foreign number never shares a key with a Turkish one or with itself written with zeros', () => {
    const keyOf = (written: string) => (readRecipientNumber(written) as { key: number }).key
    expect(keyOf('+905301234567')).toBe(keyOf('5301234567'))
    expect(keyOf('+4915112345678')).not.toBe(keyOf('+49151123456780'))
    expect(keyOf('+15301234567')).not.toBe(keyOf('5301234567'))
  })
})

describe('NumberSet', () => {
  test('holds what a Set holds, through growth', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 2 ** 53 - 1 }), { maxLength: 3000 }), (keys) => {
        const set = new NumberSet()
        const reference = new Set<number>()
        for (const key of keys) expect(set.add(key)).toBe(!reference.has(key) && Boolean(reference.add(key)))
        expect(set.size).toBe(reference.size)
      }),
      { numRuns: 50 },
    )
  })

  test('200,000 numbers that differ only in their last digits are all kept apart', () => {
    const set = new NumberSet()
    for (let index = 0; index < 200_000; index++) set.add(1_905_300_000_000 + index)
    expect(set.size).toBe(200_000)
    expect(set.add(1_905_300_000_000)).toBe(false)
  })
})

describe('readTemplate', () => {
  test('fills columns, writes {{ and }} as braces, leaves lone braces alone', () => {
    const template = readTemplate('Merhaba { name }, {{kod}}: {code} } {')
    expect(template.columns).toEqual(['name', 'code'])
    expect(template.fill({ name: 'Ayşe', code: '7' })).toBe('Merhaba Ayşe, {kod}: 7 } {')
  })

  test('a text with no placeholder is itself', () => {
    expect(readTemplate('Sabit metin').fill({})).toBe('Sabit metin')
  })
})
