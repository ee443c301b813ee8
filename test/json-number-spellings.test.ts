import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { DecodeFailure } from '../src/codec/codec.js'
import { jsonCodec } from '../src/codec/json/json-codec.js'
import { createClient, ProtocolError } from '../src/index.js'

// A number JavaScript would not write back as spelled (`5.0`, `1e3`, `1.50`, `12345678901234567890`,
// `1e400`) reaches the schemas as its spelling, as the same value does in XML: JSON.parse alone would
// make them 5, 1000, 1.5, …7000 and Infinity, an id written `1e3` would be read as the record 1000 and
// a text field would not read as written (API.md, "Hostile answers": one id rule; issue 24, item 4).

const decoded = (body: string) => jsonCodec.decodeResponse(body, []).body

/** What the codec makes of a number spelled `spelled`: the number where JavaScript writes it back the same, else the spelling. */
const readOf = (spelled: string): unknown => (String(Number(spelled)) === spelled ? Number(spelled) : spelled)

describe('JSON numbers spelled as whole values', () => {
  test('each spelling JavaScript would not write back is its text; every other number is a number', () => {
    expect(decoded('{"response":{"a":1e3,"b":5.0,"c":1E2,"d":-2.0e0,"e":12.5e1,"f":1e21,"g":-0.0,"h":1000e-3}}')).toStrictEqual({
      a: '1e3', b: '5.0', c: '1E2', d: '-2.0e0', e: '12.5e1', f: '1e21', g: '-0.0', h: '1000e-3',
    })
    expect(decoded('{"response":{"a":1000,"b":0.5,"c":-7,"d":1.5e-1,"e":[1,2.25,3e-1],"f":0,"g":1e+21,"h":1e-7}}')).toStrictEqual({ a: 1000, b: 0.5, c: -7, d: '1.5e-1', e: [1, 2.25, '3e-1'], f: 0, g: 1e21, h: 1e-7 })
    // Past what a double holds exactly, past its range, zeros it drops, a sign it drops: the spelling.
    expect(decoded('{"response":{"a":12345678901234567890,"b":1e400,"c":-1e400,"d":1.50,"e":-0,"f":0.10,"g":9007199254740993,"h":0.0000001}}')).toStrictEqual({
      a: '12345678901234567890', b: '1e400', c: '-1e400', d: '1.50', e: '-0', f: '0.10', g: '9007199254740993', h: '0.0000001',
    })
    // Up to 2^53 − 1, 16 digits and all, and fractions JavaScript writes the same: numbers.
    expect(decoded('{"response":{"a":9007199254740991,"b":123456789012345,"c":0.000001,"d":-0.5,"e":99.99,"f":123456789012345.6}}')).toStrictEqual({
      a: 9007199254740991, b: 123456789012345, c: 0.000001, d: -0.5, e: 99.99, f: 123456789012345.6,
    })
  })

  test('strings are left as they are, escaped quotes and backslashes included, whatever they hold', () => {
    const body = String.raw`{"response":{"a":"x:1.0","b":"a\"b:1e3, [2.0","c":"\\","d":"\\\"1.0\"","e":[" ,5.0"],"1.0":"k"}}`
    expect(decoded(body)).toStrictEqual(JSON.parse(body).response)
  })

  test('any JSON value JSON.stringify writes reads as JSON.parse reads it (it writes every number as JavaScript does)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const body = JSON.stringify({ response: { value } })
        expect(decoded(body)).toStrictEqual({ value: JSON.parse(JSON.stringify(value)) })
      }),
      { numRuns: 2000 },
    )
  })

  test('hand-spelled numbers among strings that look like them: each one JavaScript would write otherwise is its text, the rest numbers', () => {
    const number = fc.record({ whole: fc.integer({ min: -999, max: 999 }), fraction: fc.constantFrom('', '.0', '.00', '.5', '.25'), exponent: fc.constantFrom('', 'e0', 'E2', 'e+1', 'e-1', 'e-3') })
      .map(({ whole, fraction, exponent }) => `${whole}${fraction}${exponent}`)
    const tricky = fc.constantFrom('x:1.0', '"', '\\', ',5.0', '[1e3', '\\"2.0', ': -3.0e1')
    const item = fc.oneof(number.map((spelled) => ({ spelled, json: spelled })), tricky.map((text) => ({ spelled: undefined, json: JSON.stringify(text) })))
    fc.assert(
      fc.property(fc.array(item, { maxLength: 8 }), (items) => {
        const body = `{"response":{"list":[${items.map((entry) => entry.json).join(',')}],"s":${JSON.stringify(items.map((entry) => entry.json).join(':'))}}}`
        const expected = items.map(({ spelled, json }) => {
          const value = JSON.parse(json) as unknown
          return spelled !== undefined ? readOf(spelled) : value
        })
        expect(decoded(body), body).toStrictEqual({ list: expected, s: items.map((entry) => entry.json).join(':') })
      }),
      { numRuns: 2000 },
    )
  })

  test('any number JSON’s grammar allows reads as a number exactly when JavaScript writes it back the same', () => {
    const digits = (min: number, max: number) => fc.array(fc.constantFrom(...'0123456789'), { minLength: min, maxLength: max }).map((list) => list.join(''))
    const spelled = fc
      .record({
        sign: fc.constantFrom('', '-'),
        whole: fc.oneof(fc.constant('0'), fc.tuple(fc.constantFrom(...'123456789'), digits(0, 24)).map(([first, rest]) => first + rest)),
        fraction: fc.option(fc.oneof(digits(1, 24), fc.tuple(digits(0, 8), fc.constantFrom(...'123456789')).map(([zeros, last]) => zeros.replace(/./g, '0') + last))),
        exponent: fc.option(fc.tuple(fc.constantFrom('e', 'E', 'e+', 'e-', 'E-'), fc.integer({ min: 0, max: 400 }))),
      })
      .map(({ sign, whole, fraction, exponent }) => `${sign}${whole}${fraction === null ? '' : `.${fraction}`}${exponent === null ? '' : `${exponent[0]}${exponent[1]}`}`)
    fc.assert(
      fc.property(fc.array(spelled, { minLength: 1, maxLength: 6 }), (numbers) => {
        expect(decoded(`{"response":{"list":[${numbers.join(',')}]}}`)).toStrictEqual({ list: numbers.map(readOf) })
      }),
      { numRuns: 3000 },
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

  test('through the client: a number in a text field reads as its spelling, in JSON as in XML; ids and counts by the id rule', async () => {
    // Issue 24, item 4: `12345678901234567890` read as "12345678901234567000" and `1e400` as "Infinity" in JSON.
    const spellings = ['12345678901234567890', '1e400', '-1e400', '1.50', '-0', '5.0', '1E3', '0.10', '9007199254740993', '42', '0.5', '1e+21']
    const answers = (spelled: string) => ({
      json: `{"response":{"status":{"code":200,"message":"OK"},"contact":{"id":5,"name":${spelled},"surname":${spelled},"email":"","gsm":"","custom_fields":[{"id":1,"value":${spelled}}],"groups":[]}}}`,
      xml: `<response><status><code>200</code><message>OK</message></status><contact><id>5</id><name>${spelled}</name><surname>${spelled}</surname><email/><gsm/><custom_fields><custom_field><id>1</id><value>${spelled}</value></custom_field></custom_fields><groups/></contact></response>`,
    })
    const read = (format: 'json' | 'xml', body: string) =>
      createClient({ key: 'spelling-test-key', secret: 'spelling-test-secret', format, retry: 0, fetch: async () => new Response(body, { status: 200 }) }).contacts.get(5)
    for (const spelled of spellings) {
      const json = await read('json', answers(spelled).json)
      expect(json, spelled).toMatchObject({ name: spelled, surname: spelled, customFields: [{ id: 1, value: spelled }] })
      expect(json, spelled).toEqual(await read('xml', answers(spelled).xml))
    }
    // An id so written is refused alike; amounts and counts read as in XML: a number where the text is
    // a decimal (rounded past a double's digits, as Number() reads XML's text), refused where it is not.
    const contact = (id: string) => `{"response":{"status":{"code":200,"message":"OK"},"contact":{"id":${id},"name":"A","surname":"","email":"","gsm":"","custom_fields":[],"groups":[]}}}`
    await expect(read('json', contact('12345678901234567890'))).rejects.toBeInstanceOf(ProtocolError)
    await expect(read('json', contact('1e400'))).rejects.toBeInstanceOf(ProtocolError)
    const balance = (format: 'json' | 'xml', amount: string, sms: string) => {
      const body = {
        json: `{"response":{"status":{"code":200,"message":"OK"},"balance":{"amount":${amount},"sms":${sms}}}}`,
        xml: `<response><status><code>200</code><message>OK</message></status><balance><amount>${amount}</amount><sms>${sms}</sms></balance></response>`,
      }[format]
      return createClient({ key: 'spelling-test-key', secret: 'spelling-test-secret', format, retry: 0, fetch: async () => new Response(body, { status: 200 }) })
        .account.balance()
        .catch((error: unknown) => (error instanceof ProtocolError ? 'refused' : error))
    }
    for (const [amount, sms] of [['12.50', '1000'], ['0.5', '12345678901234567890'], ['1e400', '1'], ['0.5', '1e400'], ['-0', '5.0']]) {
      const json = await balance('json', amount!, sms!)
      expect(json, `${amount} ${sms}`).toEqual(await balance('xml', amount!, sms!))
    }
    expect(await balance('json', '12.50', '1000')).toEqual({ amount: 12.5, sms: 1000 })
    expect(await balance('json', '1e400', '1')).toBe('refused')
  })
})
