// What `verify` calls drift, rule by rule (issue 22: no false drift on an unchanged service, every real
// change named): shapes compared, values ignored, lists read as one, status codes compared as text.
import { describe, expect, test } from 'vitest'
import { jsonCodec } from '../src/codec/json/json-codec.js'
import { getSender } from '../src/operations/index.js'
import { answerDrift, describeDrift, outcomeDrift, shapeDrift } from '../src/testing/contract/shape-drift.js'

describe('describeDrift', () => {
  test('a kind and a path; what was and what is, a dash for the side it lacks', () => {
    expect(describeDrift({ kind: 'gone', path: 'contact.email' })).toBe('gone: contact.email')
    expect(describeDrift({ kind: 'type', path: 'contact.id', recorded: 'number', now: 'text' })).toBe('type: contact.id: number → text')
    expect(describeDrift({ kind: 'status', path: '(http)', recorded: '200' })).toBe('status: (http): 200 → —')
    expect(describeDrift({ kind: 'status', path: '(http)', now: '503' })).toBe('status: (http): — → 503')
  })
})

describe('shapeDrift', () => {
  test('the same shape with other values is no drift', () => {
    expect(shapeDrift({ contact: { id: 1, name: 'A', groups: [1, 2] } }, { contact: { id: 99, name: 'Başka', groups: [7] } })).toEqual([])
    expect(shapeDrift(true, false)).toEqual([])
    expect(shapeDrift(null, undefined)).toEqual([])
  })

  test('fields gone, then added, then changes inside, each at its dotted path', () => {
    expect(shapeDrift({ a: { b: 1, gone: 2 }, c: 'x' }, { a: { b: 'now text', new: 3 }, c: 'y', d: null })).toEqual([
      { kind: 'added', path: 'd' },
      { kind: 'gone', path: 'a.gone' },
      { kind: 'added', path: 'a.new' },
      { kind: 'type', path: 'a.b', recorded: 'number', now: 'text' },
    ])
  })

  test('a change of type names both types; at the top the path is (body)', () => {
    expect(shapeDrift([1], { a: 1 })).toEqual([{ kind: 'type', path: '(body)', recorded: 'list', now: 'record' }])
    expect(shapeDrift({ a: null }, { a: false })).toEqual([{ kind: 'type', path: 'a', recorded: 'null', now: 'boolean' }])
    expect(shapeDrift({ a: 'x' }, { a: {} })).toEqual([{ kind: 'type', path: 'a', recorded: 'text', now: 'record' }])
    expect(shapeDrift({ a: {} }, { a: [] })).toEqual([{ kind: 'type', path: 'a', recorded: 'record', now: 'list' }])
  })

  test('the status code is compared as text, and a new one is a status drift', () => {
    expect(shapeDrift({ status: { code: '200' } }, { status: { code: 200 } })).toEqual([])
    expect(shapeDrift({ status: { code: 200 } }, { status: { code: '401' } })).toEqual([{ kind: 'status', path: 'status.code', recorded: '200', now: '401' }])
    // Elsewhere a code is a value like any other.
    expect(shapeDrift({ order: { code: 1 } }, { order: { code: 2 } })).toEqual([])
  })

  test('a list is read as one item holding every field any item has', () => {
    // Items filling other optional fields: no drift.
    expect(shapeDrift({ list: [{ a: 1 }, { b: 2 }] }, { list: [{ a: 1, b: 2 }] })).toEqual([])
    expect(shapeDrift({ list: [{ a: 1, b: 2 }] }, { list: [{ b: 3 }, { a: 4 }] })).toEqual([])
    // A field no item has any more, or a new one, at the list's path.
    expect(shapeDrift({ list: [{ a: 1 }, { b: 2 }] }, { list: [{ a: 1 }, { a: 3 }] })).toEqual([{ kind: 'gone', path: 'list.b' }])
    expect(shapeDrift({ list: [{ a: 1 }] }, { list: [{ a: 2 }, { a: 3, c: 4 }] })).toEqual([{ kind: 'added', path: 'list.c' }])
    // The first value met for a field is the one compared.
    expect(shapeDrift({ list: [{ a: 1 }, { a: 'x' }] }, { list: [{ a: 2 }] })).toEqual([])
    expect(shapeDrift({ list: [{ a: 1 }] }, { list: [{ a: 'x' }, { a: 2 }] })).toEqual([{ kind: 'type', path: 'list.a', recorded: 'number', now: 'text' }])
    // Items that are not all records: the first item speaks for the list.
    expect(shapeDrift({ list: [1, 'x'] }, { list: ['y', 2] })).toEqual([{ kind: 'type', path: 'list', recorded: 'number', now: 'text' }])
    expect(shapeDrift([{ a: 1 }, 2], [{ a: 1 }])).toEqual([])
  })

  test('indentation between XML elements is no field: a pretty-printed recording and a compact answer have one shape', () => {
    expect(shapeDrift({ '#text': '\n  ', senders: { '#text': '\n    ', sender: ['a'] } }, { senders: { sender: ['b'] } })).toEqual([])
    expect(shapeDrift({ senders: { sender: ['b'] } }, { '#text': ' ', senders: { sender: ['a'] } })).toEqual([])
    // Text that is not white space is content.
    expect(shapeDrift({ note: { '#text': 'x', b: 1 } }, { note: { b: 1 } })).toEqual([{ kind: 'gone', path: 'note.#text' }])
  })

  test('an empty list says nothing of its items', () => {
    expect(shapeDrift({ list: [] }, { list: [{ a: 1 }] })).toEqual([])
    expect(shapeDrift({ list: [{ a: 1 }] }, { list: [] })).toEqual([])
  })
})

describe('answerDrift', () => {
  const answer = (senders: string) => `{"response":{"status":{"code":200,"message":"İşlem başarılı"},"senders":{"sender":[${senders}]}}}`
  const recorded = { status: 200, text: answer('"eMarka"') }

  test('the same answer with other values is no drift; another HTTP status is', () => {
    expect(answerDrift(jsonCodec, getSender, recorded, { status: 200, text: answer('"Başka", "Marka"') })).toEqual([])
    expect(answerDrift(jsonCodec, getSender, recorded, { status: 503, text: answer('"eMarka"') })).toEqual([{ kind: 'status', path: '(http)', recorded: '200', now: '503' }])
  })

  test('a body that no longer reads, or now does', () => {
    const page = { status: 502, text: '<html><body>Bad gateway</body></html>' }
    expect(answerDrift(jsonCodec, getSender, recorded, page)).toEqual([
      { kind: 'status', path: '(http)', recorded: '200', now: '502' },
      { kind: 'unreadable', path: '(body)', recorded: 'json', now: 'not readable' },
    ])
    expect(answerDrift(jsonCodec, getSender, page, recorded)).toEqual([
      { kind: 'status', path: '(http)', recorded: '502', now: '200' },
      { kind: 'type', path: '(body)', recorded: 'not readable', now: 'json' },
    ])
    expect(answerDrift(jsonCodec, getSender, page, { status: 502, text: '<html>other</html>' })).toEqual([])
  })

  test('the decoded bodies are compared in shape', () => {
    const moved = '{"response":{"status":{"code":200,"message":"ok"},"sender":["eMarka"]}}'
    expect(answerDrift(jsonCodec, getSender, recorded, { status: 200, text: moved }).map(describeDrift)).toEqual(['gone: senders', 'added: sender'])
  })
})

describe('outcomeDrift', () => {
  test('another error class or code, or an error where a result was, is a status drift of the outcome', () => {
    expect(outcomeDrift({ result: [] }, { error: { class: 'ApiError', code: 401 } })).toEqual([{ kind: 'status', path: '(outcome)', recorded: 'result', now: 'ApiError 401' }])
    expect(outcomeDrift({ error: { class: 'NotFoundError', code: 404 } }, { error: { class: 'NotFoundError', code: 410 } })).toEqual([
      { kind: 'status', path: '(outcome)', recorded: 'NotFoundError 404', now: 'NotFoundError 410' },
    ])
    expect(outcomeDrift({ error: { class: 'NetworkError' } }, { result: 1 })).toEqual([{ kind: 'status', path: '(outcome)', recorded: 'NetworkError', now: 'result' }])
  })

  test('the same error is no drift; two results are compared in shape', () => {
    expect(outcomeDrift({ error: { class: 'ApiError', code: 450 } }, { error: { class: 'ApiError', code: 450 } })).toEqual([])
    expect(outcomeDrift({ result: { id: 1, name: 'a' } }, { result: { id: 2, name: 'b' } })).toEqual([])
    expect(outcomeDrift({ result: { id: 1, name: 'a' } }, { result: { id: '2' } })).toEqual([
      { kind: 'gone', path: 'name' },
      { kind: 'type', path: 'id', recorded: 'number', now: 'text' },
    ])
  })
})
