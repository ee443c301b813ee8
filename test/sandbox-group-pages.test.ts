// A group's page N is a slice of the group's own index: it must always equal what a fresh scan of
// the contacts gives, whatever adds, edits and deletes (through the map) came before.
import fc from 'fast-check'
import { expect, test } from 'vitest'
import type { Contact } from '../src/index.js'
import { ContactBook } from '../src/testing/sandbox/contact-book.js'

const contact = (id: number, groups: number[]): Contact => ({ id, name: `Ad ${id}`, surname: '', email: '', gsm: '', customFields: [], groups })

function scanned(book: ContactBook, group: number, page: number, rowCount: number): number[] {
  const members = [...book.values()].filter((entry) => entry.groups.includes(group)).map((entry) => entry.id).sort((a, b) => a - b)
  return members.slice((page - 1) * rowCount, page * rowCount)
}

const groupIds = fc.array(fc.integer({ min: 1, max: 4 }), { maxLength: 3 })
const change = fc.oneof(
  fc.record({ kind: fc.constant('set' as const), id: fc.integer({ min: 1, max: 40 }), groups: groupIds }),
  fc.record({ kind: fc.constant('delete' as const), id: fc.integer({ min: 1, max: 40 }) }),
)

test('groupPage and groupCount equal a fresh scan after any sequence of changes', () => {
  fc.assert(
    fc.property(
      fc.array(fc.record({ id: fc.integer({ min: 1, max: 40 }), groups: groupIds }), { maxLength: 30 }),
      fc.array(change, { maxLength: 40 }),
      fc.integer({ min: 1, max: 4 }),
      fc.integer({ min: 1, max: 5 }),
      (seed, changes, page, rowCount) => {
        const book = new ContactBook()
        book.load(seed.map(({ id, groups }) => contact(id, groups)))
        for (const step of changes) {
          if (step.kind === 'set') book.set(step.id, contact(step.id, step.groups))
          else book.delete(step.id)
        }
        for (const group of [1, 2, 3, 4]) {
          expect(book.groupPage(group, page, rowCount).map((entry) => entry.id)).toEqual(scanned(book, group, page, rowCount))
          expect(book.groupCount(group)).toBe(scanned(book, group, 1, Infinity).length)
        }
      },
    ),
    { numRuns: 300 },
  )
})

test('a contact changed in place (bypassing the map) that left the group is not served: the group is indexed again', () => {
  const book = new ContactBook()
  book.load([contact(1, [7]), contact(2, [7]), contact(3, [7])])
  book.get(2)!.groups = []
  expect(book.groupPage(7, 1, 10).map((entry) => entry.id)).toEqual([1, 3])
  expect(book.groupCount(7)).toBe(2)
})
