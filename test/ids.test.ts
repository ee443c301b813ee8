import fc from 'fast-check'
import * as v from 'valibot'
import { describe, expect, test } from 'vitest'
import { createClient, ProtocolError, type ClientOptions, type Contact } from '../src/index.js'
import { readWireDigits, readWireId } from '../src/schemas/wire-fast-paths.js'
import { wireDigits, wireId } from '../src/schemas/wire-scalars.js'
import { rejectionOf } from './support/outcomes.js'

// Ids in responses follow one rule in both formats: a non-negative safe integer, written as digits
// or as a JSON number. Anything else is a ProtocolError, never a silently different number.

const largest = BigInt(Number.MAX_SAFE_INTEGER)

function client(body: string, format: 'json' | 'xml') {
  const fetch: ClientOptions['fetch'] = async () => new Response(body, { status: 200 })
  return createClient({ key: 'ids-key', secret: 'ids-s3cret', format, fetch, retry: 0 })
}

/** get-contact's answer with `spelling` written as the contact's id, a custom field's id, a group id, or the phone number. */
function contactBody(format: 'json' | 'xml', spelling: string, place: 'id' | 'customField' | 'group' | 'gsm'): string {
  const at = (here: typeof place, other: string) => (place === here ? spelling : other)
  if (format === 'json') {
    return `{"response":{"status":{"code":200,"message":"ok"},"contact":{"id":${at('id', '1009')},"name":"A","surname":"B","email":"","gsm":${at('gsm', '"05321234567"')},"custom_fields":[{"id":${at('customField', '1')},"value":"v"}],"groups":[${at('group', '7')}]}}}`
  }
  return `<response><status><code>200</code></status><contact><id>${at('id', '1009')}</id><name>A</name><surname>B</surname><email/><gsm>${at('gsm', '05321234567')}</gsm><custom_fields><custom_field><id>${at('customField', '1')}</id><value>v</value></custom_field></custom_fields><groups><id>${at('group', '7')}</id></groups></contact></response>`
}

async function readId(format: 'json' | 'xml', spelling: string, place: 'id' | 'customField' | 'group' = 'id'): Promise<number | ProtocolError> {
  const outcome: unknown = await client(contactBody(format, spelling, place), format)
    .contacts.get(1009)
    .catch((error: unknown) => error)
  if (outcome instanceof ProtocolError) return outcome
  if (outcome instanceof Error) throw outcome
  const contact = outcome as Contact
  return place === 'id' ? contact.id : place === 'customField' ? contact.customFields[0]!.id : contact.groups[0]!
}

describe('the reproducers from issue 14', () => {
  test.each(['json', 'xml'] as const)('%s: 9007199254740993 is a ProtocolError, not record …992', async (format) => {
    expect(await readId(format, '9007199254740993')).toBeInstanceOf(ProtocolError)
    expect(await readId(format, '9007199254740992')).toBeInstanceOf(ProtocolError)
    expect(await readId(format, '9007199254740991')).toBe(9007199254740991)
  })

  test.each(['json', 'xml'] as const)('%s: -5 and 1e21 are refused alike', async (format) => {
    expect(await readId(format, '-5')).toBeInstanceOf(ProtocolError)
    expect(await readId(format, '1e21')).toBeInstanceOf(ProtocolError)
    expect(await readId(format, '-0')).toBeInstanceOf(ProtocolError)
    expect(await readId(format, '1.5')).toBeInstanceOf(ProtocolError)
    expect(await readId(format, '0')).toBe(0)
  })

  test.each(['json', 'xml'] as const)('%s: a whole id spelled with a fraction or an exponent (1e3, 5.0) is refused alike', async (format) => {
    for (const spelled of ['1e3', '5.0', '1E2', '12.5e1', '1000e-3', '0.0']) expect(await readId(format, spelled), spelled).toBeInstanceOf(ProtocolError)
    expect(await readId(format, '1000')).toBe(1000)
  })

  test('JSON: an id as text follows the same rule', async () => {
    expect(await readId('json', '"0042"')).toBe(42)
    expect(await readId('json', '" 7 "')).toBe(7)
    expect(await readId('json', '"9007199254740993"')).toBeInstanceOf(ProtocolError)
    expect(await readId('json', '"-5"')).toBeInstanceOf(ProtocolError)
    expect(await readId('json', '"1e3"')).toBeInstanceOf(ProtocolError)
  })

  test('a phone number or an order id sent as a JSON number past 2^53 − 1 reads as its digits, as in XML, never as other digits', async () => {
    // Issue 24, item 4: the JSON codec hands such a number over as its spelling (JSON.parse would round it).
    const phone = await client(contactBody('json', '9007199254740993', 'gsm'), 'json').contacts.get(1009)
    expect(phone.gsm).toBe('9007199254740993')
    const kept = await client(contactBody('json', '905321234567', 'gsm'), 'json').contacts.get(1009)
    expect(kept.gsm).toBe('905321234567')
    const order = (id: string) =>
      `{"response":{"status":{"code":200},"order":{"id":${id},"status":113,"total":1,"delivered":1,"undelivered":0,"waiting":0,"submitAt":"2024-12-02 15:13:55","sendAt":"2024-12-02 15:13:55","sender":"X","message":[]}}}`
    await expect(client(order('9007199254740993'), 'json').reports.get({ orderId: '1' })).resolves.toMatchObject({ orderId: '9007199254740993' })
    await expect(client(order('12345'), 'json').reports.get({ orderId: '12345' })).resolves.toMatchObject({ orderId: '12345' })
  })
})

// ---- id spellings: one generator for both formats ------------------------------------------------

/** An id as a server might write it, and what the rule says it is: a number, or refused. */
interface Spelling {
  json: string
  xml: string
  expected: number | 'refused'
}

const digitsOf = (value: bigint, zeros: number) => '0'.repeat(zeros) + value.toString()

const spelling: fc.Arbitrary<Spelling> = fc.oneof(
  // Whole numbers on both sides of 2^53 − 1, as digits (leading zeros and padding in XML, JSON text) or a JSON number.
  fc
    .record({
      value: fc.oneof(fc.bigInt({ min: 0n, max: largest }), fc.bigInt({ min: largest - 3n, max: largest + 3n }), fc.bigInt({ min: largest, max: 10n ** 22n })),
      zeros: fc.integer({ min: 0, max: 3 }),
      pad: fc.constantFrom('', ' ', '\n  ', '\t'),
      quoted: fc.boolean(),
    })
    .map(({ value, zeros, pad, quoted }): Spelling => ({
      json: quoted ? JSON.stringify(`${pad}${digitsOf(value, zeros)}${pad}`) : value.toString(),
      xml: `${pad}${digitsOf(value, zeros)}${pad}`,
      expected: value <= largest ? Number(value) : 'refused',
    })),
  // Negative, fractional and exponent spellings: refused in both formats.
  fc.bigInt({ min: 1n, max: 10n ** 20n }).map((value) => ({ json: `-${value}`, xml: `-${value}`, expected: 'refused' as const })),
  fc
    .tuple(fc.nat(), fc.integer({ min: 1, max: 99 }))
    .map(([whole, fraction]) => ({ json: `${whole}.${String(fraction).padStart(2, '0')}`, xml: `${whole}.${String(fraction).padStart(2, '0')}`, expected: 'refused' as const })),
  fc.integer({ min: 16, max: 300 }).map((exponent) => ({ json: `1e${exponent}`, xml: `1e${exponent}`, expected: 'refused' as const })),
  // Whole values spelled with a fraction or an exponent (`5.0`, `1e3`, `12.5E1`): JSON.parse makes
  // them 5, 1000 and 125, but the spelling is not an id's, in JSON as in XML.
  fc
    .record({ whole: fc.nat(), zeros: fc.integer({ min: 1, max: 3 }), exponent: fc.integer({ min: 0, max: 15 }), form: fc.constantFrom('fraction', 'exponent', 'both', 'capital') })
    .map(({ whole, zeros, exponent, form }): Spelling => {
      const written = { fraction: `${whole}.${'0'.repeat(zeros)}`, exponent: `${whole}e${exponent}`, both: `${whole}.${'0'.repeat(zeros)}e+${exponent}`, capital: `${whole}E${exponent}` }[form]
      return { json: written, xml: written, expected: 'refused' }
    }),
  fc.constantFrom<Spelling>(
    { json: '-0', xml: '-0', expected: 'refused' },
    { json: '"+1"', xml: '+1', expected: 'refused' },
    { json: '"0x1F"', xml: '0x1F', expected: 'refused' },
    { json: '"١٢"', xml: '١٢', expected: 'refused' },
    { json: '""', xml: '', expected: 'refused' },
    { json: 'true', xml: 'true', expected: 'refused' },
    { json: 'null', xml: 'null', expected: 'refused' },
  ),
)

describe.each(['json', 'xml'] as const)('id spellings in %s', (format) => {
  test('every place an id stands reads it by the one rule: the exact number, or a ProtocolError', async () => {
    await fc.assert(
      fc.asyncProperty(spelling, fc.constantFrom('id' as const, 'customField' as const, 'group' as const), async (id, place) => {
        const read = await readId(format, id[format], place)
        if (id.expected === 'refused') expect(read, `${id[format]} at ${place}`).toBeInstanceOf(ProtocolError)
        else expect(read, `${id[format]} at ${place}`).toBe(id.expected)
      }),
      { numRuns: 300 },
    )
  })
})

describe('the fast readers and the schemas agree on every spelling', () => {
  const values = fc.oneof(
    spelling.map((id) => id.xml),
    spelling.map((id) => (id.json.startsWith('"') ? (JSON.parse(id.json) as string) : Number(id.json))),
    fc.constantFrom(-0, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53, 2 ** 53 - 1, -(2 ** 53 - 1), 0.1, null, undefined, {}),
  )

  test('readWireId and wireId', () => {
    fc.assert(
      fc.property(values, (value) => {
        const parsed = v.safeParse(wireId, value)
        expect(readWireId(value)).toBe(parsed.success ? parsed.output : undefined)
        if (parsed.success) expect(Number.isSafeInteger(parsed.output) && parsed.output >= 0 && !Object.is(parsed.output, -0)).toBe(true)
      }),
      { numRuns: 2000 },
    )
  })

  test('readWireDigits and wireDigits', () => {
    fc.assert(
      fc.property(fc.oneof(values, fc.string()), (value) => {
        const parsed = v.safeParse(wireDigits, value)
        expect(readWireDigits(value)).toBe(parsed.success ? parsed.output : undefined)
      }),
      { numRuns: 2000 },
    )
  })
})
