// How replay matches a live request to a recorded one (issue 22: masked places do not match anything;
// messages name paths and recorded stand-ins, never a live value), on request leaves built by hand.
import { describe, expect, test } from 'vitest'
import { Masker } from '../src/testing/contract/mask.js'
import { compareRequests, requestLeaves, type MatchSettings } from '../src/testing/contract/match-request.js'

const leaves = (content: Record<string, unknown>) => requestLeaves(content)

describe('requestLeaves', () => {
  test('every leaf with its dotted path, in document order; the authentication left out at the top only', () => {
    expect(leaves({ authentication: { key: 'k', hash: 'h' }, order: { sender: 'eMarka', message: { text: 'Merhaba', receipents: { number: ['0532', '0533'] } } } })).toEqual([
      { path: 'order.sender', names: ['order', 'sender'], text: 'eMarka' },
      { path: 'order.message.text', names: ['order', 'message', 'text'], text: 'Merhaba' },
      { path: 'order.message.receipents.number', names: ['order', 'message', 'receipents', 'number'], text: '0532' },
      { path: 'order.message.receipents.number', names: ['order', 'message', 'receipents', 'number'], text: '0533' },
    ])
    expect(leaves({ filter: { authentication: 'kept, not the credentials', page: 2, none: null, missing: undefined } }).map(({ path, text }) => [path, text])).toEqual([
      ['filter.authentication', 'kept, not the credentials'],
      ['filter.page', '2'],
      ['filter.none', ''],
      ['filter.missing', ''],
    ])
  })

  test("a list of one-field records is read as XML writes it: JSON's { group: [{ id }] } is the field repeated", () => {
    const json = leaves({ contact: { groups: { group: [{ id: 7 }, { id: 12 }] } } })
    const xml = leaves({ contact: { groups: { id: ['7', '12'] } } })
    expect(json).toEqual(xml)
    expect(json.map((leaf) => leaf.path)).toEqual(['contact.groups.id', 'contact.groups.id'])
  })

  test.each([
    ['two names beside the list', { groups: { group: [{ id: 7 }], other: 'x' } }, ['groups.group.id', 'groups.other']],
    ['an empty list', { groups: { group: [] } }, []],
    ['records of two fields', { groups: { group: [{ id: 7, name: 'a' }] } }, ['groups.group.id', 'groups.group.name']],
    ['records naming other fields', { groups: { group: [{ id: 7 }, { name: 'a' }] } }, ['groups.group.id', 'groups.group.name']],
    ['items that are not records', { groups: { group: ['7', { id: 8 }] } }, ['groups.group', 'groups.group.id']],
    ['a record with no field first', { groups: { group: [{}, { id: 8 }] } }, ['groups.group.id']],
    ['one record, not a list', { groups: { group: { id: 7 } } }, ['groups.group.id']],
  ])('%s is not folded', (_, content, paths) => {
    expect(leaves(content).map((leaf) => leaf.path)).toEqual(paths)
  })
})

describe('compareRequests', () => {
  const unkeyed = (): MatchSettings => ({ masker: new Masker(), sameKey: false })

  test('kept values must be the same; the message quotes both, as they are nobody’s data', () => {
    const recorded = leaves({ filter: { page: 1, rowCount: 10 } })
    expect(compareRequests(recorded, recorded, unkeyed())).toEqual({ differences: [], binds: [], unchecked: [] })
    expect(compareRequests(leaves({ filter: { page: 2, rowCount: 10 } }), recorded, unkeyed()).differences).toEqual(['filter.page: recorded "1", asked "2"'])
  })

  test('paths recorded and not asked, asked and not recorded, and a different count of values', () => {
    const recorded = leaves({ order: { id: ['1', '2'], page: 1 } })
    const live = leaves({ order: { id: ['1'], rowCount: 5 } })
    expect(compareRequests(live, recorded, unkeyed()).differences).toEqual([
      'order.id: 2 value(s) recorded, 1 asked',
      'order.page: recorded, not in this request',
      'order.rowCount: in this request, not recorded',
    ])
  })

  test('a masked place holding the very value (however spelled) matches and is checked', () => {
    const recorded = leaves({ contact: { gsm: '05321112233', name: 'Ayşe' } })
    const live = leaves({ contact: { gsm: '+90 532 111 22 33', name: 'Ayşe' } })
    expect(compareRequests(live, recorded, unkeyed())).toEqual({ differences: [], binds: [], unchecked: [] })
  })

  test('a real recorded value that differs is reported without quoting either value', () => {
    const recorded = leaves({ contact: { gsm: '05321112233' } })
    const live = leaves({ contact: { gsm: '05449998877' } })
    const { differences } = compareRequests(live, recorded, unkeyed())
    expect(differences).toEqual(['contact.gsm: recorded another value, asked a value that stands for another one'])
    expect(differences.join()).not.toMatch(/5321112233|5449998877/)
  })

  describe('without the masking key', () => {
    const recording = new Masker()
    const standIn = recording.standIn('phone', '05321112233') as string
    const otherStandIn = recording.standIn('phone', '05441112233') as string

    test('a stand-in binds the first live value met; the place is listed as unchecked', () => {
      const settings = unkeyed()
      const outcome = compareRequests(leaves({ a: { gsm: ['05449998877', '05449998877'] } }), leaves({ a: { gsm: [standIn, standIn] } }), settings)
      expect(outcome.differences).toEqual([])
      expect(outcome.unchecked).toEqual(['a.gsm'])
      expect(outcome.binds).toEqual([['phone:5449998877', `phone:${standIn.slice(-7)}`]])
    })

    test('two live values for one stand-in, or one live value for two stand-ins, differ: quoting the stand-in only', () => {
      const two = compareRequests(leaves({ a: { gsm: ['05449998877', '05551234567'] } }), leaves({ a: { gsm: [standIn, standIn] } }), unkeyed())
      expect(two.differences).toEqual([`a.gsm: recorded "${standIn}", asked a value that stands for another one`])
      const one = compareRequests(leaves({ a: { gsm: ['05449998877', '05449998877'] } }), leaves({ a: { gsm: [standIn, otherStandIn] } }), unkeyed())
      expect(one.differences).toEqual([`a.gsm: recorded "${otherStandIn}", asked a value that stands for another one`])
    })

    test('bindings made by earlier matches hold: a value bound to one stand-in differs from another', () => {
      const settings = unkeyed()
      settings.masker.bind('phone:5449998877', `phone:${standIn.slice(-7)}`)
      expect(compareRequests(leaves({ a: { gsm: '05449998877' } }), leaves({ a: { gsm: standIn } }), settings)).toEqual({ differences: [], binds: [], unchecked: ['a.gsm'] })
      expect(compareRequests(leaves({ a: { gsm: '05449998877' } }), leaves({ a: { gsm: otherStandIn } }), settings).differences).toHaveLength(1)
      // The stand-in already stands for that value: another live value cannot take it.
      expect(compareRequests(leaves({ a: { gsm: '05551234567' } }), leaves({ a: { gsm: standIn } }), settings).differences).toEqual([
        `a.gsm: recorded "${standIn}", asked a value that stands for another one`,
      ])
    })
  })

  describe('with the key that masked the recording', () => {
    const key = 'the masking key of this recording'
    const recording = new Masker({ key })
    const standIn = recording.standIn('phone', '05321112233') as string
    const text = recording.standIn('text', 'Sayın Ayşe Yılmaz, borcunuz 12,50 TL') as string

    test('the value recorded matches, checked; another one is named by its path and the recorded stand-in', () => {
      const settings = (): MatchSettings => ({ masker: new Masker({ key }), sameKey: true })
      const recorded = leaves({ order: { message: { text, receipents: { number: standIn } } } })
      expect(compareRequests(leaves({ order: { message: { text: 'Sayın Ayşe Yılmaz, borcunuz 12,50 TL', receipents: { number: '+905321112233' } } } }), recorded, settings())).toEqual({
        differences: [],
        binds: [],
        unchecked: [],
      })
      const wrong = compareRequests(leaves({ order: { message: { text: 'Sayın Ayşe Yılmaz, borcunuz 12 TL', receipents: { number: '05321112234' } } } }), recorded, settings())
      expect(wrong.differences).toEqual([
        `order.message.text: holds another value than the one recorded (recorded "${text}")`,
        `order.message.receipents.number: holds another value than the one recorded (recorded "${standIn}")`,
      ])
    })

    test('another key checks nothing against the stand-ins', () => {
      const other: MatchSettings = { masker: new Masker({ key: 'another key' }), sameKey: true }
      expect(compareRequests(leaves({ a: { gsm: '05321112233' } }), leaves({ a: { gsm: standIn } }), other).differences).toEqual([
        `a.gsm: holds another value than the one recorded (recorded "${standIn}")`,
      ])
    })
  })
})
