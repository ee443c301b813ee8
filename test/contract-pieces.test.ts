// The contract kit's small pieces, each on its own: one recorded answer served in the other format
// (neutral-tree, answer-in-format) and what a miss says (FixtureMissError), never a live value.
import { describe, expect, test } from 'vitest'
import { jsonCodec } from '../src/codec/json/json-codec.js'
import { loadCodec } from '../src/codec/load-codec.js'
import { IletiMerkeziError } from '../src/index.js'
import { getBlacklist, getGroups, getSender } from '../src/operations/index.js'
import { answerInFormat } from '../src/testing/contract/answer-in-format.js'
import { toNeutralTree } from '../src/testing/contract/neutral-tree.js'
import { FixtureMissError } from '../src/testing/contract/fixture-miss-error.js'
import type { FixtureCase } from '../src/testing/fixture-cases.js'
import { WireList } from '../src/wire/tree.js'

describe('toNeutralTree', () => {
  test('a list container spelled as an array (or left empty) becomes a list of its item; a container record stays', () => {
    const tree = toNeutralTree({ groups: [{ id: 1, name: 'A' }, { id: 2, name: 'B' }], senders: { sender: ['a', 'b'] }, empty: '' }, ['groups.group', 'senders.sender', 'empty.item'])
    expect(tree.groups).toBeInstanceOf(WireList)
    expect(tree.groups).toEqual(new WireList('group', [{ id: 1, name: 'A' }, { id: 2, name: 'B' }]))
    expect(tree.senders).toEqual({ sender: ['a', 'b'] })
    expect(tree.empty).toEqual(new WireList('item', []))
    expect(toNeutralTree({ none: null, gone: undefined }, ['none.item', 'gone.item'])).toEqual({ none: new WireList('item', []), gone: new WireList('item', []) })
  })

  test('lists are found at their dotted paths only, nested ones included', () => {
    const tree = toNeutralTree({ report: { orders: [{ id: 5, numbers: ['1', '2'] }] }, orders: ['top'] }, ['report.orders.order', 'report.orders.order.numbers.number'])
    expect(tree.orders).toEqual(['top'])
    expect(tree.report).toEqual({ orders: new WireList('order', [{ id: 5, numbers: new WireList('number', ['1', '2']) }]) })
    // A path without a dot names no container.
    expect(toNeutralTree({ list: ['x'] }, ['list'])).toEqual({ list: ['x'] })
  })

  test('scalars as both codecs write them: null as empty, booleans and bigints as text', () => {
    expect(toNeutralTree({ a: null, b: true, c: false, d: 12n, e: 'x', f: 1.5, g: [null, 'y'] }, [])).toEqual({ a: '', b: 'true', c: 'false', d: '12', e: 'x', f: 1.5, g: ['', 'y'] })
    expect(toNeutralTree({ when: new Date(0) }, [])).toEqual({ when: {} })
    expect(toNeutralTree({ missing: undefined, list: [undefined, 1] }, [])).toEqual({ missing: '', list: ['', 1] })
  })
})

describe('answerInFormat', () => {
  const jsonSenders = '{"response":{"status":{"code":200,"message":"İşlem başarılı"},"senders":{"sender":["eMarka","Diğer"]}}}'
  const recordedIn = (response: Record<string, string>) => ({ response }) as unknown as FixtureCase

  test('a case’s own body in the format asked for, as it is', async () => {
    expect(await answerInFormat(recordedIn({ json: jsonSenders, xml: '<response/>' }), getSender, jsonCodec)).toBe(jsonSenders)
  })

  test('a body recorded in JSON is served in XML, read the same by the client', async () => {
    const xml = await loadCodec('xml')
    const written = await answerInFormat(recordedIn({ json: jsonSenders }), getSender, xml)
    expect(written).toContain('<sender>eMarka</sender>')
    expect(xml.decodeResponse(written, getSender.lists).body.senders).toEqual(jsonCodec.decodeResponse(jsonSenders, getSender.lists).body.senders)
  })

  test('lists recorded in XML are served in JSON as repeated elements, which the JSON reading takes alike', async () => {
    const xml = '<response><status><code>200</code><message>OK</message></status><groups><group><id>1</id><name>A</name></group></groups></response>'
    const written = await answerInFormat(recordedIn({ xml }), getGroups, jsonCodec)
    expect(JSON.parse(written).response.groups).toEqual({ group: [{ id: '1', name: 'A' }] })
    expect(jsonCodec.decodeResponse(written, getGroups.lists).body.groups).toEqual((await loadCodec('xml')).decodeResponse(xml, getGroups.lists).body.groups)
    const blacklist = '<response><status><code>200</code><message>OK</message></status><blacklist><count>1</count><number>05321112233</number></blacklist></response>'
    expect(JSON.parse(await answerInFormat(recordedIn({ xml: blacklist }), getBlacklist, jsonCodec)).response.blacklist).toEqual({ count: '1', number: ['05321112233'] })
  })

  test('a page no codec reads is the same page whatever was asked; no body at all is empty', async () => {
    const page = '<html><body>502 Bad Gateway</body></html>'
    expect(await answerInFormat(recordedIn({ json: page }), getSender, await loadCodec('xml'))).toBe(page)
    expect(await answerInFormat(recordedIn({}), getSender, jsonCodec)).toBe('')
  })
})

describe('FixtureMissError', () => {
  const details = { operation: 'get-contact', format: 'json' as const, dir: 'fixtures/recorded' }

  test('names the operation, the format and the nearest case with what differs', () => {
    const miss = new FixtureMissError({ ...details, nearest: 'get-contact/call-001', differences: ['id: recorded "7", asked "8"', 'x: in this request, not recorded'] })
    expect(miss).toBeInstanceOf(IletiMerkeziError)
    expect(miss.name).toBe('FixtureMissError')
    expect(FixtureMissError.docs).toBe('docs/contract-testing.md')
    expect(miss.message).toBe('no recorded answer for this get-contact request (json); nearest case: get-contact/call-001 (id: recorded "7", asked "8"; x: in this request, not recorded)')
    expect(miss).toMatchObject({ operation: 'get-contact', format: 'json', nearest: 'get-contact/call-001' })
    expect(miss.differences).toHaveLength(2)
    expect(miss.misses).toEqual([miss])
  })

  test('a nearest case with nothing different was used up; no case at all names the folder', () => {
    expect(new FixtureMissError({ ...details, nearest: 'get-contact/call-001', differences: [] }).message).toBe('no recorded answer for this get-contact request (json); nearest case: get-contact/call-001 (used up)')
    expect(new FixtureMissError({ ...details, nearest: undefined, differences: [] }).message).toBe('no recorded answer for this get-contact request (json); no case of get-contact is recorded in fixtures/recorded')
  })

  test('the sum of several misses numbers each; of one, it is that one’s message', () => {
    const first = new FixtureMissError({ ...details, nearest: undefined, differences: [] })
    const second = new FixtureMissError({ ...details, operation: 'get-sender', nearest: undefined, differences: [] })
    const sum = new FixtureMissError({ ...details, nearest: undefined, differences: [] }, [first, second])
    expect(sum.message).toBe(`2 requests had no recorded answer:\n1. ${first.message}\n2. ${second.message}`)
    expect(sum.misses).toEqual([first, second])
    expect(new FixtureMissError({ ...details, nearest: undefined, differences: [] }, [first]).message).toBe(first.message)
  })
})
