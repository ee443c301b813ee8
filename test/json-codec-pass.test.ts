// The JSON codec's one pass before JSON.parse (issue 24, items 3 and 4), at its edges: which numbers it
// lets through without a closer look (those count against no limit), what strings hide from it, and
// the wire shapes it writes. test/json-number-spellings.test.ts and test/hostile-json.test.ts hold the
// user-facing rules; here each fast path is held to its promise that a plainly spelled number costs
// nothing: 10 001 of them in one answer are read, where 10 001 numbers needing a closer look are refused.
import { describe, expect, test } from 'vitest'
import { DecodeFailure } from '../src/codec/codec.js'
import { jsonCodec, mostNumbersLookedAt } from '../src/codec/json/json-codec.js'
import { freeText, recordList, wireList } from '../src/wire/tree.js'

const answerOf = (values: readonly string[]) => `{"response":{"status":{"code":200,"message":"OK"},"values":[${values.join(',')}]}}`
const decodedValues = (body: string) => jsonCodec.decodeResponse(body, []).body['values'] as unknown[]
const many = (spelling: string) => Array.from({ length: mostNumbersLookedAt + 1 }, () => spelling)

function refusal(body: string): string {
  try {
    jsonCodec.decodeResponse(body, [])
  } catch (error) {
    expect(error).toBeInstanceOf(DecodeFailure)
    return (error as Error).message
  }
  throw new Error('decoded')
}

describe('numbers JavaScript writes back as spelled pass without a closer look', () => {
  test.each([
    ['0', 0],
    ['-1', -1],
    ['7', 7],
    ['123456789012345', 123456789012345],
    ['-123456789012345', -123456789012345],
    ['1.5', 1.5],
    ['-0.5', -0.5],
    ['0.5', 0.5],
    ['10.25', 10.25],
    ['1234567890123.45', 1234567890123.45],
    ['0.000005', 0.000005],
    ['0.00000123456789', 0.00000123456789],
    ['0.123456789012345', 0.123456789012345],
    ['-0.000001', -0.000001],
  ])('%s: read as the number, and 10 001 of them are no "closer look" refusal', (spelling, value) => {
    expect(decodedValues(answerOf([spelling]))).toEqual([value])
    const read = decodedValues(answerOf(many(spelling)))
    expect(read).toHaveLength(mostNumbersLookedAt + 1)
    expect(read.at(-1)).toBe(value)
  })
})

describe('numbers that need a closer look', () => {
  test.each([
    // Read back as spelled, after the closer look.
    ['1234567890123456', 1234567890123456],
    ['0.1234567890123456', 0.1234567890123456],
    ['12345678.12345678', 12345678.12345678],
    // Not read back as spelled: kept as their spelling.
    ['-0', '-0'],
    ['1.50', '1.50'],
    ['5.0', '5.0'],
    ['0.0000001', '0.0000001'],
    ['0.00000010', '0.00000010'],
    ['1e3', '1e3'],
    ['1E+3', '1E+3'],
    ['12345678901234567890', '12345678901234567890'],
    ['1e400', '1e400'],
  ])('%s reads as %j, and counts toward the limit: 10 001 of them are refused', (spelling, value) => {
    expect(decodedValues(answerOf([spelling]))).toEqual([value])
    expect(refusal(answerOf(many(spelling)))).toMatch(/more than 10000 numbers/)
  })

  test('each spelled number is cut at its own place, however many and wherever they stand', () => {
    const body = '{"response":{"a":1.50,"b":[5.0,"x",2,-0],"c":{"d":1e3},"e":"1.50 in text"}}'
    expect(jsonCodec.decodeResponse(body, []).body).toEqual({ a: '1.50', b: ['5.0', 'x', 2, '-0'], c: { d: '1e3' }, e: '1.50 in text' })
  })
})

describe('strings are skipped whole', () => {
  test('brackets, commas and numbers inside a string are text, with or without escapes before its end', () => {
    const deep = '['.repeat(150)
    const body = `{"response":{"a":"${deep}","b":"x\\"${deep}","c":"x\\\\","d":1.50,"e":"\\\\\\"${deep}"}}`
    expect(jsonCodec.decodeResponse(body, []).body).toEqual({ a: deep, b: `x"${deep}`, c: 'x\\', d: '1.50', e: `\\"${deep}` })
  })

  test('a string that never ends is not JSON', () => {
    expect(refusal('{"response":{"a":"never ends')).toBe('the body is not JSON')
    expect(refusal('{"response":{"a":"ends in an escape\\')).toBe('the body is not JSON')
  })

  test('a body that is not JSON, though it holds numbers to spell, says so', () => {
    expect(refusal('{"response":{"a":1.50,}}')).toBe('the body is not JSON')
  })
})

describe('the document around the content', () => {
  test('no response object, or one that is not an object, is refused naming the root', () => {
    expect(refusal('{"request":{}}')).toBe('the body is JSON but has no "response" object')
    expect(refusal('{"response":[1]}')).toBe('the body is JSON but has no "response" object')
    expect(refusal('[1]')).toBe('the body is JSON but has no "response" object')
    expect(() => jsonCodec.decodeRequest('{"response":{}}', [])).toThrow('the body is JSON but has no "request" object')
  })

  test('the status is read when it is an object; otherwise there is none', () => {
    expect(jsonCodec.decodeResponse('{"response":{"status":{"code":401,"message":"no"}}}', []).status).toEqual({ code: 401, message: 'no' })
    expect(jsonCodec.decodeResponse('{"response":{"status":"200"}}', []).status).toBeUndefined()
  })

  test('paths: <method>/json, and only those are JSON paths', () => {
    expect(jsonCodec.pathFor('get-sender')).toBe('get-sender/json')
    expect(jsonCodec.operationFromPath('get-sender/json')).toBe('get-sender')
    expect(jsonCodec.operationFromPath('get-sender')).toBeUndefined()
  })

  test('written trees: free text as text, container lists as arrays, record lists as records of one field', () => {
    const tree = { text: freeText('Merhaba <b>'), numbers: wireList('number', ['0532', '0533']), groups: recordList('group', 'id', [7, 12]) }
    expect(JSON.parse(jsonCodec.encodeRequest(tree))).toEqual({ request: { text: 'Merhaba <b>', numbers: ['0532', '0533'], groups: { group: [{ id: 7 }, { id: 12 }] } } })
    expect(jsonCodec.encodeResponse({ status: { code: 200, message: 'OK' }, numbers: wireList('number', []) })).toBe('{"response":{"status":{"code":200,"message":"OK"},"numbers":[]}}')
  })
})
