import { describe, expect, test } from 'vitest'
import { DecodeFailure, EncodeFailure } from '../src/codec/codec.js'
import { jsonCodec } from '../src/codec/json/json-codec.js'
import { resolveEndpoint } from '../src/codec/load-codec.js'
import { generalPathLimit, parseXmlDocument } from '../src/codec/xml/general-reader.js'
import { xmlCodec } from '../src/codec/xml/xml-codec.js'
import { createClient, ProtocolError } from '../src/index.js'

// What each codec promises at its edges, in both formats where both apply: the headers and paths
// it speaks, what it says of a body it cannot read, an empty root, list paths that only differ in
// how they are cut, and the general XML path's limit.

describe('headers and paths', () => {
  test('each call carries the Content-Type its format documents (API.md: wire rules), at the path of its format', async () => {
    const seen: { url: string; type: string | null }[] = []
    const fetch: typeof globalThis.fetch = async (input, init) => {
      const request = new Request(input, init)
      seen.push({ url: request.url, type: request.headers.get('content-type') })
      const xml = '<response><status><code>200</code><message>OK</message></status><balance><amount>1</amount><sms>2</sms></balance></response>'
      return new Response(request.url.endsWith('/json') ? '{"response":{"status":{"code":200,"message":"OK"},"balance":{"amount":"1","sms":"2"}}}' : xml)
    }
    for (const format of ['json', 'xml'] as const) await createClient({ key: 'codec-test-key', secret: 'codec-test-secret', format, fetch, baseUrl: 'https://api.test/v1' }).account.balance()
    expect(seen).toStrictEqual([
      { url: 'https://api.test/v1/get-balance/json', type: 'application/json' },
      { url: 'https://api.test/v1/get-balance', type: 'text/xml; charset=UTF-8' },
    ])
  })

  test('a path names an endpoint and its format; a path that names none gets the XML codec and no operation', async () => {
    expect(await resolveEndpoint('get-balance/json')).toMatchObject({ operation: 'get-balance', codec: { format: 'json' } })
    expect(await resolveEndpoint('get-balance')).toMatchObject({ operation: 'get-balance', codec: { format: 'xml' } })
    for (const path of ['/json', 'json/', '', 'a/b']) {
      const endpoint = await resolveEndpoint(path)
      expect(endpoint, path).toStrictEqual({ operation: undefined, codec: xmlCodec })
    }
  })
})

describe('bodies a codec cannot read', () => {
  test('JSON: not JSON, or JSON without the root object, each said as such', () => {
    for (const body of ['', 'not json', '{"response":', '<response/>']) expect(() => jsonCodec.decodeResponse(body, []), body).toThrow(new DecodeFailure('the body is not JSON'))
    for (const body of ['{}', '{"request":{}}', '{"response":[]}', '{"response":"x"}', '{"response":null}', '[{"response":{}}]']) {
      expect(() => jsonCodec.decodeResponse(body, []), body).toThrow(new DecodeFailure('the body is JSON but has no "response" object'))
    }
    expect(() => jsonCodec.decodeRequest('{"response":{}}', [])).toThrow(new DecodeFailure('the body is JSON but has no "request" object'))
  })

  test('XML: another root is said as such; an empty root is an empty answer, on either path', () => {
    expect(() => xmlCodec.decodeResponse('<answer><status/></answer>', [])).toThrow(new DecodeFailure('the XML body has no <response> root'))
    expect(() => xmlCodec.decodeRequest('<response/>', [])).toThrow(new DecodeFailure('the XML body has no <request> root'))
    for (const body of ['<response/>', '<response></response>', '<response a="1"/>', '<?pi?><response></response>']) {
      expect(xmlCodec.decodeResponse(body, []), body).toStrictEqual({ body: {}, status: undefined })
    }
  })

  test('the failures are named for what they are (`DecodeFailure: …` in a log)', () => {
    expect(() => jsonCodec.decodeResponse('not json', [])).toThrow(expect.objectContaining({ name: 'DecodeFailure' }))
    expect(String(new DecodeFailure('the body is not JSON'))).toBe('DecodeFailure: the body is not JSON')
    expect(String(new EncodeFailure('<name> holds a character XML cannot carry'))).toBe('EncodeFailure: <name> holds a character XML cannot carry')
  })
})

describe('list paths', () => {
  // Parsers and path trees are kept by their paths: lists that join to the same text are not the same lists.
  test('lists ["a", "b"], ["a,b"], ["ab"] and ["aresponse.b"] are told apart, on both paths', () => {
    const body = '<response><a>1</a><b>2</b><aresponse><b>3</b></aresponse></response>'
    const general = (lists: string[]) => parseXmlDocument(body.replace('<response>', '<response x="1">'), lists)
    expect(general(['response.a', 'response.b'])).toStrictEqual({ response: { a: ['1'], b: ['2'], aresponse: { b: '3' } } })
    expect(general(['response.aresponse.b'])).toStrictEqual({ response: { a: '1', b: '2', aresponse: { b: ['3'] } } })
    expect(general(['response.a,response.b'])).toStrictEqual({ response: { a: '1', b: '2', aresponse: { b: '3' } } })
    expect(xmlCodec.decodeResponse(body, ['a', 'b']).body).toStrictEqual({ a: ['1'], b: ['2'], aresponse: { b: '3' } })
    expect(xmlCodec.decodeResponse(body, ['a,b']).body).toStrictEqual({ a: '1', b: '2', aresponse: { b: '3' } })
    expect(xmlCodec.decodeResponse(body, ['ab']).body).toStrictEqual({ a: '1', b: '2', aresponse: { b: '3' } })
    expect(xmlCodec.decodeResponse(body, ['aresponse.b']).body).toStrictEqual({ a: '1', b: '2', aresponse: { b: ['3'] } })
  })
})

describe("the general XML path's limit", () => {
  /** A well-formed answer of exactly `size` characters; `open` is the root's start tag. */
  const answerOf = (size: number, open: string) => {
    const head = `${open}<status><code>200</code></status><name>`
    const tail = '</name></response>'
    return head + 'x'.repeat(size - head.length - tail.length) + tail
  }

  test('a body that needs it is read up to the limit and refused one character past it, saying why', () => {
    expect(xmlCodec.decodeResponse(answerOf(generalPathLimit, '<response a="1">'), []).body).toMatchObject({ status: { code: '200' } })
    expect(() => xmlCodec.decodeResponse(answerOf(generalPathLimit + 1, '<response a="1">'), [])).toThrow(
      new DecodeFailure(`the XML body is more than the plain XML the provider writes, and at ${generalPathLimit + 1} characters it is over the ${generalPathLimit} the general reader takes`),
    )
  })

  test('a plain body is not held to it', () => {
    expect(xmlCodec.decodeResponse(answerOf(2 * generalPathLimit, '<response>'), []).body).toMatchObject({ status: { code: '200' } })
  })
})
