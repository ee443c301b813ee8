import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { DecodeFailure } from '../src/codec/codec.js'
import { jsonCodec } from '../src/codec/json/json-codec.js'
import { createClient } from '../src/index.js'

// A whole number spelled with a fraction or an exponent (`5.0`, `1e3`) reaches the schemas as its
// spelling, as the same value does in XML: JSON.parse alone would make it 5 and 1000, and an id
// written `1e3` would be read as the record 1000 (API.md, "Hostile answers": one id rule).

const decoded = (body: string) => jsonCodec.decodeResponse(body, []).body

/** `value` as JSON.parse then the codec give it: numbers JSON.stringify writes with `e` or `.` and that are whole, as that text. */
function expectedOf(value: unknown): unknown {
  if (typeof value === 'number') {
    const written = JSON.stringify(value)
    return Number.isInteger(value) && /[.eE]/.test(written) ? written : value
  }
  if (Array.isArray(value)) return value.map(expectedOf)
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, expectedOf(item)]))
  return value
}

describe('JSON numbers spelled as whole values', () => {
  test('each spelling of a whole number with a fraction or an exponent is its text; every other number is a number', () => {
    expect(decoded('{"response":{"a":1e3,"b":5.0,"c":1E2,"d":-2.0e0,"e":12.5e1,"f":1e21,"g":-0.0,"h":1000e-3}}')).toStrictEqual({
      a: '1e3', b: '5.0', c: '1E2', d: '-2.0e0', e: '12.5e1', f: '1e21', g: '-0.0', h: '1000e-3',
    })
    expect(decoded('{"response":{"a":1000,"b":0.5,"c":-7,"d":1.5e-1,"e":[1,2.25,3e-1],"f":0}}')).toStrictEqual({ a: 1000, b: 0.5, c: -7, d: 0.15, e: [1, 2.25, 0.3], f: 0 })
  })

  test('strings are left as they are, escaped quotes and backslashes included, whatever they hold', () => {
    const body = String.raw`{"response":{"a":"x:1.0","b":"a\"b:1e3, [2.0","c":"\\","d":"\\\"1.0\"","e":[" ,5.0"],"1.0":"k"}}`
    expect(decoded(body)).toStrictEqual(JSON.parse(body).response)
  })

  test('any JSON value reads as JSON.parse reads it, but for the whole numbers it writes with an exponent', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const body = JSON.stringify({ response: { value } })
        expect(decoded(body)).toStrictEqual({ value: expectedOf(JSON.parse(JSON.stringify(value))) })
      }),
      { numRuns: 2000 },
    )
  })

  test('hand-spelled numbers among strings that look like them: each whole one is its text, the rest numbers', () => {
    const number = fc.record({ whole: fc.integer({ min: -999, max: 999 }), fraction: fc.constantFrom('', '.0', '.00', '.5', '.25'), exponent: fc.constantFrom('', 'e0', 'E2', 'e+1', 'e-1', 'e-3') })
      .map(({ whole, fraction, exponent }) => `${whole}${fraction}${exponent}`)
    const tricky = fc.constantFrom('x:1.0', '"', '\\', ',5.0', '[1e3', '\\"2.0', ': -3.0e1')
    const item = fc.oneof(number.map((spelled) => ({ spelled, json: spelled })), tricky.map((text) => ({ spelled: undefined, json: JSON.stringify(text) })))
    fc.assert(
      fc.property(fc.array(item, { maxLength: 8 }), (items) => {
        const body = `{"response":{"list":[${items.map((entry) => entry.json).join(',')}],"s":${JSON.stringify(items.map((entry) => entry.json).join(':'))}}}`
        const expected = items.map(({ spelled, json }) => {
          const value = JSON.parse(json) as unknown
          return spelled !== undefined && /[.eE]/.test(spelled) && Number.isInteger(value) ? spelled : value
        })
        expect(decoded(body), body).toStrictEqual({ list: expected, s: items.map((entry) => entry.json).join(':') })
      }),
      { numRuns: 2000 },
    )
  })

  test('a body that is not JSON stays refused, even where quoting its numbers would make it JSON', () => {
    for (const body of ['{"response":{1.0:2}}', '{"response":{"a":1,2.0:3}}', '{"response":{"a":05.0}}', '{"response":{"a":1.}}', '{"response":{"a":"1.0}}']) {
      expect(() => decoded(body), body).toThrow(DecodeFailure)
    }
  })

  test('strings of escaped quotes and backslashes by the hundred thousand are scanned once (linear), numbers after them still found', () => {
    // Only a body that parses is scanned, so every string in it ends: the scan's cost is the quotes it meets.
    const quotes = '\\"'.repeat(2 ** 18)
    const slashes = '\\\\'.repeat(2 ** 18)
    const body = `{"response":{"a":"${quotes}","b":1.0,"c":"${slashes}","d":[1e3,"${quotes}",2.0]}}`
    const started = performance.now()
    expect(decoded(body)).toStrictEqual({ a: '"'.repeat(2 ** 18), b: '1.0', c: '\\'.repeat(2 ** 18), d: ['1e3', '"'.repeat(2 ** 18), '2.0'] })
    // A scan that went back over the string at each quote would take minutes; linear, milliseconds.
    expect(performance.now() - started).toBeLessThan(2000)
  })

  test('through the client: an amount spelled 5.0 reads as 5 in JSON, as <amount>5.0</amount> does in XML', async () => {
    const answers = {
      json: '{"response":{"status":{"code":200,"message":"İşlem başarılı"},"balance":{"amount":5.0,"sms":1e3}}}',
      xml: '<response><status><code>200</code><message>İşlem başarılı</message></status><balance><amount>5.0</amount><sms>1e3</sms></balance></response>',
    }
    for (const format of ['json', 'xml'] as const) {
      const client = createClient({ key: 'spelling-test-key', secret: 'spelling-test-secret', format, retry: 0, fetch: async () => new Response(answers[format], { status: 200 }) })
      // `sms` written 1e3 is refused alike in both formats: a count is not an exponent.
      await expect(client.account.balance(), format).rejects.toMatchObject({ name: 'ProtocolError' })
    }
    const amountOnly = (format: 'json' | 'xml') =>
      createClient({ key: 'spelling-test-key', secret: 'spelling-test-secret', format, retry: 0, fetch: async () => new Response(answers[format].replace(/1e3/, '1000'), { status: 200 }) })
    await expect(amountOnly('json').account.balance()).resolves.toMatchObject({ amount: 5, sms: 1000 })
    await expect(amountOnly('xml').account.balance()).resolves.toMatchObject({ amount: 5, sms: 1000 })
  })
})
