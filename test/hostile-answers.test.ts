import * as v from 'valibot'
import { describe, expect, test } from 'vitest'
import type { Codec } from '../src/codec/codec.js'
import { jsonCodec } from '../src/codec/json/json-codec.js'
import {
  ApiError,
  createClient,
  IletiMerkeziError,
  NotFoundError,
  ProtocolError,
  ValidationError,
  type ClientOptions,
} from '../src/index.js'
import { settleAnswer } from '../src/normalize/read-answer.js'
import { operationTable, searchContacts, type AnyOperation } from '../src/operations/index.js'
import { defineOperation } from '../src/operations/operation.js'
import type { HttpAnswer } from '../src/transport/post.js'
import { rejectionOf } from './support/outcomes.js'

// How an answer is read (src/normalize/read-answer.ts): the body's status wins when it can be read;
// an "empty result" code counts only when the body says it; a non-2xx answer with no readable status
// is an ApiError for every operation. Fetch doubles only: never the network.

const context = { operation: 'test-op', format: 'json' as const, secrets: [] }
const answer = (text: string, status = 200, statusText = ''): HttpAnswer => ({ status, statusText, text, retryAfterMs: undefined })
const json = (status: unknown, rest = '') => `{"response":{"status":{"code":${JSON.stringify(status)},"message":"said"}${rest}}}`

/** An operation whose answer is `{ value: number }`, with `result` and `emptyOn` to choose. */
function probe(result: (response: { value: number }) => unknown = (response) => response.value, emptyOn?: number[]): AnyOperation {
  return defineOperation({
    name: 'probe',
    input: v.unknown(),
    request: () => ({}),
    lists: [],
    response: v.object({ value: v.optional(v.number(), -1) }),
    result,
    safeToRetry: true,
    emptyOn,
  })
}

function settle(operation: AnyOperation, reply: HttpAnswer, codec: Codec = jsonCodec) {
  return settleAnswer(operation, {}, codec, reply, context)
}

function thrown(run: () => unknown): unknown {
  try {
    run()
  } catch (error) {
    return error
  }
  throw new Error('expected a throw')
}

describe('the status code is read from the body, and only a whole number counts', () => {
  test.each([
    ['a number', 200, 200],
    ['digits', '200', 200],
    ['padded digits', ' 200\n', 200],
  ])('%s: the answer is read', (_label, code, expected) => {
    expect(settle(probe(), answer(json(code, ',"value":5')))).toEqual({ result: 5, code: expected })
  })

  test.each([
    ['200.5', 200.5],
    ['" 200x"', ' 200x'],
    ['"2OO"', '2OO'],
    ['"-200"', '-200'],
    ['""', ''],
    ['null', null],
    ['true', true],
    ['an object', { code: 200 }],
  ])('%s is no status: a ProtocolError under 2xx, an ApiError with the HTTP status otherwise', (_label, code) => {
    const underOk = thrown(() => settle(probe(), answer(json(code, ',"value":5'), 200)))
    expect(underOk).toBeInstanceOf(ProtocolError)
    expect(underOk).toMatchObject({ httpStatus: 200, code: undefined, message: 'the HTTP 200 answer cannot be read: the body holds no status code' })
    const underError = thrown(() => settle(probe(), answer(json(code), 503, 'Service Unavailable')))
    expect(underError).toBeInstanceOf(ApiError)
    expect(underError).toMatchObject({ code: 503, httpStatus: 503, message: 'HTTP 503 Service Unavailable' })
  })

  test('the 2xx range is 200 to 299: 199 and 300 answers without a status are ApiErrors, 299 a ProtocolError', () => {
    expect(thrown(() => settle(probe(), answer('<html/>', 199 + 100)))).toBeInstanceOf(ProtocolError)
    expect(thrown(() => settle(probe(), answer('<html/>', 201)))).toBeInstanceOf(ProtocolError)
    expect(thrown(() => settle(probe(), answer('<html/>', 300)))).toMatchObject({ name: 'ApiError', code: 300 })
    expect(thrown(() => settle(probe(), answer('<html/>', 199)))).toMatchObject({ name: 'ApiError', code: 199 })
  })

  test('the body status wins over the HTTP status', () => {
    expect(settle(probe(), answer(json(200, ',"value":7'), 452))).toEqual({ result: 7, code: 200 })
    expect(thrown(() => settle(probe(), answer(json(452), 200)))).toMatchObject({ name: 'ApiError', code: 452, httpStatus: 200, message: 'said' })
  })

  test('a provider message that is empty or not text gives "status N"', () => {
    expect(thrown(() => settle(probe(), answer('{"response":{"status":{"code":452,"message":""}}}')))).toMatchObject({ message: 'status 452' })
    expect(thrown(() => settle(probe(), answer('{"response":{"status":{"code":452,"message":17}}}')))).toMatchObject({ message: 'status 452' })
    expect(thrown(() => settle(probe(), answer('{"response":{"status":{"code":452}}}')))).toMatchObject({ message: 'status 452' })
  })

  test('an HTTP error without a reason phrase says only its status', () => {
    expect(thrown(() => settle(probe(), answer('', 502)))).toMatchObject({ name: 'ApiError', code: 502, message: 'HTTP 502' })
  })
})

describe('"empty result" codes count only when the body says so (issue 14, item 7)', () => {
  test('a body status 465 gives search-contacts an empty page, with the code beside it', () => {
    const body = '{"response":{"status":{"code":465,"message":"Kişi bulunamadı."}}}'
    for (const status of [200, 465]) {
      expect(settleAnswer(searchContacts, { key: 'abc', page: 2, rowCount: 10 }, jsonCodec, answer(body, status), context)).toEqual({
        result: { contacts: [], page: 2, rowCount: 10 },
        code: 465,
      })
    }
  })

  test('an emptyOn code is read as an empty body, not as the body that came with it', () => {
    expect(settle(probe(undefined, [465]), answer(json(465, ',"value":9')))).toEqual({ result: -1, code: 465 })
    // Not in emptyOn: an error.
    expect(thrown(() => settle(probe(undefined, [464]), answer(json(465))))).toBeInstanceOf(NotFoundError)
  })

  const unreadable = [
    ['an HTML page', '<html><body>Not Found</body></html>'],
    ['an empty body', ''],
    ['a body cut off', '{"response":{"status":{"co'],
    ['JSON without a status', '{"response":{}}'],
  ] as const

  test.each(unreadable)('HTTP 465 with %s: an ApiError (NotFoundError) for search-contacts, not an empty page', async (_label, body) => {
    const fetch: ClientOptions['fetch'] = async () => new Response(body, { status: 465 })
    const error = await rejectionOf(createClient({ key: 'k', secret: 'item7-s3cret', fetch, retry: 0 }).contacts.search({ key: 'ayşe' }))
    expect(error).toBeInstanceOf(ApiError)
    expect(error).toMatchObject({ name: 'NotFoundError', code: 465, httpStatus: 465, operation: 'search-contacts' })
  })

  test('every operation: a non-2xx answer with no readable status is an ApiError with the HTTP status', () => {
    for (const operation of operationTable) {
      for (const status of [400, 465, 500, 502]) {
        for (const [label, body] of unreadable) {
          const error = thrown(() => settleAnswer(operation, {}, jsonCodec, answer(body, status, 'Gateway'), context))
          expect(error, `${operation.name}, ${label}, HTTP ${status}`).toBeInstanceOf(ApiError)
          expect(error).toMatchObject({ code: status, httpStatus: status, message: `HTTP ${status} Gateway` })
        }
      }
    }
  })
})

describe('answers that do not fit the operation', () => {
  test('a schema refusal is a ProtocolError with the body code, naming the operation and at most three issues', () => {
    const operation = defineOperation({
      name: 'many',
      input: v.unknown(),
      request: () => ({}),
      lists: [],
      response: v.object({ a: v.number(), b: v.number(), c: v.number(), d: v.number() }),
      result: (response) => response,
      safeToRetry: false,
    })
    const error = thrown(() => settle(operation, answer(json(200, ',"a":"x","b":"x","c":"x","d":"x"')))) as ProtocolError
    expect(error).toBeInstanceOf(ProtocolError)
    expect(error).toMatchObject({ code: 200, httpStatus: 200 })
    expect(error.message).toMatch(/^the answer does not fit many: a: [^;]+; b: [^;]+; c: [^;]+$/)
    expect(error.bodySnippet).toBe(json(200, ',"a":"x","b":"x","c":"x","d":"x"').slice(0, 200))
  })

  test('a refusal at the root says (root)', () => {
    const operation = defineOperation({
      name: 'rooted',
      input: v.unknown(),
      request: () => ({}),
      lists: [],
      response: v.pipe(v.unknown(), v.check(() => false, 'never fits')),
      result: (response) => response,
      safeToRetry: false,
    })
    expect(thrown(() => settle(operation, answer(json(200))))).toMatchObject({ message: 'the answer does not fit rooted: (root): never fits' })
  })

  test('a result function that trips over a shape is a ProtocolError; one of ours passes through as it is', () => {
    const trips = thrown(() =>
      settle(
        probe(() => {
          throw new TypeError('cannot read x')
        }),
        answer(json(200, ',"value":1')),
      ),
    )
    expect(trips).toMatchObject({ name: 'ProtocolError', code: 200, message: 'the answer could not be read as probe: cannot read x' })
    const odd = thrown(() =>
      settle(
        probe(() => {
          throw 'a string'
        }),
        answer(json(200, ',"value":1')),
      ),
    )
    expect(odd).toMatchObject({ name: 'ProtocolError', message: 'the answer could not be read as probe: unknown error' })
    const ours = new ValidationError([{ path: 'x', message: 'no' }], {})
    expect(
      thrown(() =>
        settle(
          probe(() => {
            throw ours
          }),
          answer(json(200, ',"value":1')),
        ),
      ),
    ).toBe(ours)
  })

  test('a codec that throws something that is no Error: still a ProtocolError, under 2xx', () => {
    const codec = {
      ...jsonCodec,
      decodeResponse: () => {
        throw 42
      },
    } as Codec
    const error = thrown(() => settle(probe(), answer('{}', 200), codec))
    expect(error).toMatchObject({ name: 'ProtocolError', message: 'the HTTP 200 answer cannot be read: unknown error' })
    expect(error).toBeInstanceOf(IletiMerkeziError)
  })

  test('the body snippet is the first 200 characters of the body, and the message at most 300', () => {
    const body = `{"response":{"status":{"code":200},"x":"${'é'.repeat(600)}"`
    const error = thrown(() => settle(probe(), answer(body))) as ProtocolError
    expect(error.bodySnippet).toBe(body.slice(0, 200))
    expect(error.message.length).toBeLessThanOrEqual(300)
    const long = thrown(() => settle(probe(), answer(`{"response":{"status":{"code":452,"message":"${'m'.repeat(1000)}"}}}`)))
    expect((long as Error).message).toBe('m'.repeat(300))
  })
})
