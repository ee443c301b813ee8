// One exchange as the recorder writes it (issue 22): credentials out wherever they stand, personal data
// masked, an unreadable answer scrubbed yet read the same, only a plain content type kept.
import { describe, expect, test } from 'vitest'
import { jsonCodec } from '../src/codec/json/json-codec.js'
import { loadCodec } from '../src/codec/load-codec.js'
import { getSender, searchContacts } from '../src/operations/index.js'
import { Masker } from '../src/testing/contract/mask.js'
import { outcomeOf, recordExchange } from '../src/testing/contract/record-exchange.js'

const key = 'record-exchange-key'
const hash = 'fedcba9876543210'.repeat(4)
const requestOf = (content = '') => `{"request":{"authentication":{"key":"${key}","hash":"${hash}"}${content}}}`

const exchange = (overrides: Partial<Parameters<typeof recordExchange>[0]> = {}) =>
  recordExchange({
    operation: getSender,
    codec: jsonCodec,
    requestBody: requestOf(),
    httpStatus: 200,
    contentType: 'application/json',
    responseBody: '{"response":{"status":{"code":200,"message":"İşlem başarılı"},"senders":{"sender":["eMarka"]}}}',
    masker: new Masker(),
    ...overrides,
  })

describe('credentials', () => {
  test('the authentication element is written with the placeholders; an answer that echoes the credentials, in any case, holds none', () => {
    const written = exchange({ responseBody: `{"response":{"status":{"code":200,"message":"${key.toUpperCase()} ${hash.toUpperCase().slice(0, 63)}"},"senders":{"sender":["eMarka"]}}}`, masker: undefined })
    expect(JSON.parse(written.request)).toEqual({ request: { authentication: { key: '{{key}}', hash: '{{hash}}' } } })
    expect(written.response).not.toMatch(new RegExp(`${key}|${hash.slice(0, 8)}`, 'i'))
    expect(written.response).toContain('[redacted]')
  })

  test('a request without an authentication element, or without a key, is written all the same', () => {
    expect(JSON.parse(exchange({ requestBody: '{"request":{}}' }).request)).toEqual({ request: { authentication: { key: '{{key}}', hash: '{{hash}}' } } })
    expect(exchange({ requestBody: `{"request":{"authentication":{"hash":"${hash}"}}}`, masker: undefined }).expected).toEqual({ result: ['eMarka'] })
  })
})

describe('the outcome', () => {
  test('paging is read from the request’s container, an empty value left out', () => {
    const answer = '{"response":{"status":{"code":200,"message":"ok"},"contacts":[]}}'
    expect(outcomeOf(searchContacts, jsonCodec, { search: { key: 'abc', page: 2, rowCount: 5 } }, 200, answer)).toEqual({ result: { contacts: [], page: 2, rowCount: 5 } })
    expect(outcomeOf(searchContacts, jsonCodec, { search: { key: 'abc', page: '', rowCount: '5' } }, 200, answer)).toEqual({ result: { contacts: [], rowCount: 5 } })
    expect(outcomeOf(searchContacts, jsonCodec, { note: 'not a container', search: { key: 'abc' } }, 200, answer)).toEqual({ result: { contacts: [] } })
  })

  test('an error as its class, with its code where it has one', () => {
    expect(outcomeOf(getSender, jsonCodec, {}, 401, '<html>401</html>')).toEqual({ error: { class: 'AuthenticationError', code: 401 } })
    expect(outcomeOf(getSender, jsonCodec, {}, 200, '<html></html>')).toEqual({ error: { class: 'ProtocolError' } })
  })
})

describe('an answer no codec reads', () => {
  const page = '<html><head><title>502 Bad Gateway</title></head><body>Ayşe Yılmaz 05321112233</body></html>'

  test('is scrubbed of every word and digit that is not markup, its status and class kept; its content type kept when plain', () => {
    const written = exchange({ httpStatus: 502, contentType: 'text/html; charset=utf-8', responseBody: page })
    expect(written.response).toBe('<html><head><title>000 Bad Gateway</title></head><body>xxxx xxxxxx 00000000000</body></html>')
    expect(written.contentType).toBe('text/html; charset=utf-8')
    expect(written.expected).toEqual({ error: { class: 'ApiError', code: 502 } })
  })

  test('with mask: false it is written as it came, the credentials cut out', () => {
    const written = exchange({ httpStatus: 502, contentType: 'text/html', responseBody: `${page} ${hash}`, masker: undefined })
    expect(written.response).toBe(`${page} [redacted]`)
  })

  test.each([
    ['text/html;charset=UTF-8', 'text/html;charset=UTF-8'],
    ['application/problem+json', 'application/problem+json'],
    [' text/html', undefined],
    ['text/html; charset=utf-8; boundary=x', undefined],
    ['text/html\r\nset-cookie: a=b', undefined],
    ['text/html; charset=utf-8 x', undefined],
    ['texthtml', undefined],
    [null, undefined],
  ])('content type %j is kept as %j', (given, kept) => {
    expect(exchange({ httpStatus: 502, contentType: given, responseBody: page }).contentType).toBe(kept)
  })

  test('a readable answer keeps no content type', () => {
    expect(exchange().contentType).toBeUndefined()
  })

  test('should scrubbing make it read otherwise, a body that reads as nothing stands in', () => {
    // Arabic-Indic digits are not JSON; scrubbed to ASCII, the body would read, with another outcome.
    const body = '{"response":{"status":{"code":٢,"message":"ok"}}}'
    expect(outcomeOf(getSender, jsonCodec, {}, 200, body)).toEqual({ error: { class: 'ProtocolError' } })
    const in200 = exchange({ responseBody: body })
    expect(in200.response).toBe('<')
    expect(in200.expected).toEqual({ error: { class: 'ProtocolError' } })
    const in500 = exchange({ httpStatus: 500, responseBody: body })
    expect(in500.response).toBe('')
    expect(in500.expected).toEqual(outcomeOf(getSender, jsonCodec, {}, 500, body))
  })
})

test('a readable answer is masked and written by the codec it came in', async () => {
  const xml = await loadCodec('xml')
  const written = exchange({
    codec: xml,
    requestBody: `<request><authentication><key>${key}</key><hash>${hash}</hash></authentication></request>`,
    responseBody: '<response><status><code>200</code><message>İşlem başarılı</message></status><senders><sender>Ayşe Yılmaz</sender></senders></response>',
  })
  expect(written.response).not.toContain('Ayşe')
  expect(written.request).toContain('<key>{{key}}</key>')
  expect(written.expected).toEqual({ result: ['Masked text 1'] })
})
