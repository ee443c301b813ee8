// The masking rules at their edges (issue 22: mask by default, keep by exception): each kept field's
// shape, whole values only (no number hiding in a longer one), TC check digits, what counts as a
// number or an e-mail, the stand-ins' shapes read back, and keyed stand-ins' candidates.
import { describe, expect, test } from 'vitest'
import { asciiDigits, identityOf, isKept, Masker, maskKeyId, phoneIdentity, scrubUnreadable, standInKey, standInKind, standInsIn } from '../src/testing/contract/mask.js'

// The TC identity number's two check digits, computed here from the published rule.
function withCheckDigits(nine: string): string {
  const d = [...nine].map(Number)
  const tenth = (((d[0]! + d[2]! + d[4]! + d[6]! + d[8]!) * 7 - (d[1]! + d[3]! + d[5]! + d[7]!)) % 10 + 10) % 10
  const eleventh = (d.reduce((sum, digit) => sum + digit, 0) + tenth) % 10
  return `${nine}${tenth}${eleventh}`
}

describe('TC identity numbers', () => {
  const prefixes = ['100000001', '123456789', '198765432', '155555555', '109090909', '190817263', '111111111', '987654321']

  test.each(prefixes)('%s… with its check digits is personal (masked even in a count); with either digit off, a count', (nine) => {
    const tc = withCheckDigits(nine)
    expect(isKept(['count'], tc)).toBe(false)
    const tenthOff = `${nine}${(Number(tc[9]) + 1) % 10}${tc[10]}`
    const eleventhOff = `${tc.slice(0, 10)}${(Number(tc[10]) + 1) % 10}`
    expect(isKept(['count'], tenthOff)).toBe(true)
    expect(isKept(['count'], eleventhOff)).toBe(true)
  })

  test('the issue’s number is one', () => {
    expect(isKept(['id'], '10000000146')).toBe(false)
  })
})

describe('kept fields take whole values of their shape only', () => {
  test.each([
    // A TC or phone number inside a longer count is no TC or phone number.
    [['count'], '110000000146', true],
    [['count'], '100000001460', true],
    [['count'], '105321112233', true],
    [['count'], '532111223300', true],
    [['count'], '5321112233', false],
    [['count'], '905321112233', false],
    [['amount'], '12', true],
    [['amount'], '12,50', true],
    [['amount'], '12.123456789', false],
    [['sendAt'], '2024-01-31', true],
    [['sendAt'], '2024-01-31 10:00', true],
    [['sendAt'], '2024-01-31T10:00:05', true],
    [['sendAt'], '2024-01-31T10:00:05.123+03:00', true],
    [['sendAt'], 'x2024-01-31', false],
    [['sendAt'], '2024-01-31 ', false],
    [['source'], 'HS_WEB', true],
    [['source'], 'HS_FIZIKSEL_ORTAM', true],
    [['source'], 'xHS_WEB', false],
    [['source'], 'HS_WEB x', false],
    [['iys'], '0', true],
    [['iys'], '1', true],
    [['iys'], '2', false],
    [['iysList'], 'TACIR', true],
    [['iysList'], 'BIREYSEL', true],
    [['type'], 'MESAJ', true],
    [['type'], 'EPOSTA', true],
    [['type'], 'ARAMA', true],
    [['type'], 'SMS', false],
    [['status', 'code'], '200', true],
    [['order', 'code'], '200', false],
    [['anything'], '   ', true],
  ] as const)('%j = %j kept: %s', (names, value, kept) => {
    expect(isKept(names, value)).toBe(kept)
  })
})

describe('what a value is', () => {
  test.each([
    ['05321112233', 'phone'],
    ['+90 532 111 22 33', 'phone'],
    ['12 34 56 78 9', 'number'],
    ['7', 'number'],
    [' 1.5', 'number'],
    ['+ 1', 'number'],
    ['1 234,50 ', 'number'],
    ['١٢٣', 'number'],
    ['1a', 'text'],
    ['a1', 'text'],
    ['-', 'text'],
    ['ayse@example.com', 'email'],
    ['mail ayse@example.com', 'text'],
    ['ayse@example.com x', 'text'],
  ])('%j is a %s', (value, kind) => {
    expect(standInKind(['note'], value)).toBe(kind)
  })

  test('by field, text is a name, a surname or text', () => {
    expect(standInKind(['contact', 'name'], 'Ayşe')).toBe('name')
    expect(standInKind(['contact', 'surname'], 'Yılmaz')).toBe('surname')
    expect(standInKind(['contact', 'title'], 'Dr')).toBe('text')
  })

  test('identities: numbers by their digits, e-mails case-blind, text as composed', () => {
    expect(identityOf('number', '1.234,5')).toBe('number:12345')
    expect(identityOf('number', '١٢')).toBe('number:12')
    expect(identityOf('email', 'Ayse@Example.COM')).toBe('email:ayse@example.com')
    expect(identityOf('name', 'Ayşe')).toBe(identityOf('text', 'Ays\u0327e'))
    expect(identityOf('name', 'Ayşe')).toBe('text:Ayşe')
    expect(identityOf('phone', '+90 532 111 22 33')).toBe('phone:5321112233')
    expect(phoneIdentity('532')).toBe('532')
    expect(asciiDigits('٠٥٣٢ ０５３２ 0532')).toBe('0532 0532 0532')
  })

  test('only strings and numbers are leaves to mask', () => {
    const masker = new Masker()
    for (const value of [true, null, undefined, {}, []]) expect(masker.kindAt(['note'], value)).toBeUndefined()
    expect(masker.kindAt(['note'], 12)).toBe('number')
  })
})

describe('stand-ins read back', () => {
  test.each([
    ['person12@example.com', 'email:12'],
    ['person007@example.com', 'email:007'],
    ['person-abcdefgh@example.com', 'email:-abcdefgh'],
    ['person-abc@example.com', undefined],
    ['person1@example.com.evil', undefined],
    ['xperson1@example.com', undefined],
    ['Name12', 'text:12'],
    ['Surname-abcdefgh', 'text:-abcdefgh'],
    ['Masked text 3', 'text:3'],
    ['My Name12', undefined],
    ['Name12 x', undefined],
    ['912', 'number:12'],
    ['9007', 'number:7'],
    ['900', 'number:0'],
    ['91002', 'number:1002'],
    ['x912', undefined],
    ['912x', undefined],
    ['9', undefined],
    ['05990000001', 'phone:0000001'],
    ['05321112233', undefined],
  ])('%j is %j', (value, key) => {
    expect(standInKey(value)).toBe(key)
  })

  test('every stand-in in a tree, in lists and records, numbers included', () => {
    expect([...standInsIn({ a: [{ b: 91234 }, ['Name1', 'plain']], c: 'person2@example.com', d: true })].sort()).toEqual(['email:2', 'number:1234', 'text:1'])
  })

  test('a number stays a number', () => {
    const masked = new Masker().maskTree({ value: 1234, gsm: 5321112233 })
    expect(typeof masked.value).toBe('number')
    expect(typeof masked.gsm).toBe('number')
    expect(String(masked.gsm)).toMatch(/^599\d{7}$/)
  })

  test('a phone number keeps its trunk or country code, no other prefix', () => {
    const masker = new Masker()
    expect(masker.standIn('phone', '+905321112233')).toMatch(/^\+90599\d{7}$/)
    expect(masker.standIn('phone', '05441112233')).toMatch(/^0599\d{7}$/)
    expect(masker.standIn('phone', '1905551112233')).toMatch(/^999599\d{7}$/)
  })
})

describe('keyed stand-ins', () => {
  const key = 'mask-rules key'

  test('an empty key is no key', () => {
    expect(new Masker({ key: '' }).keyId).toBeUndefined()
    expect(new Masker({ key: '' }).keyedCandidates('phone', '05321112233')).toEqual([])
    expect(new Masker().keyedCandidates('phone', '05321112233')).toEqual([])
  })

  test('the key’s id is fixed for a key (recordings name it), and differs between keys', () => {
    // Pinned: a change would make every keyed recording's case.json name another key.
    expect(maskKeyId(key)).toBe('bacd39e6')
    expect(maskKeyId(`${key} 2`)).not.toBe(maskKeyId(key))
  })

  test('eight candidates; a value gets the first one free, the next when the first is taken', () => {
    const candidates = new Masker({ key }).keyedCandidates('phone', '05321112233')
    expect(candidates).toHaveLength(8)
    expect(new Set(candidates).size).toBe(8)
    const first = new Masker({ key })
    expect(standInKey(first.standIn('phone', '05321112233') as string)).toBe(candidates[0])
    const second = new Masker({ key })
    second.reserve(candidates[0]!)
    expect(standInKey(second.standIn('phone', '05321112233') as string)).toBe(candidates[1])
  })

  test('numbers get eight digits after the 9, phones seven', () => {
    const masker = new Masker({ key })
    expect(masker.standIn('number', '123456')).toMatch(/^9\d{8}$/)
    expect(masker.standIn('phone', '05321112233')).toMatch(/^0599\d{7}$/)
  })
})

test('an unreadable body keeps markup words; every other letter is x and every digit 0, mixed in one word too', () => {
  expect(scrubUnreadable('<html><body>Ayşe1 Yılmaz 0532</body></html>')).toBe('<html><body>xxxx0 xxxxxx 0000</body></html>')
})
