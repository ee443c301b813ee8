// The sandbox at scale: seeding is linear and works past the ~120 000 contacts where a spread
// `Math.max(...ids)` threw, and a page costs what a page costs: the contact book's match lists
// resume where the last page stopped and stay exact under adds, edits and deletes between pages.
import { afterEach, describe, expect, test } from 'vitest'
import { createClient, type Contact } from '../src/index.js'
import { startSandbox, type Sandbox } from '../src/testing/index.js'
import { ContactBook } from '../src/testing/sandbox/contact-book.js'
import { seededRandom } from './support/seeded-random.js'

const running: Sandbox[] = []
afterEach(async () => {
  await Promise.all(running.splice(0).map((sandbox) => sandbox.close()))
})

function contactsFrom(first: number, count: number): Contact[] {
  return Array.from({ length: count }, (_, index) => {
    const id = first + index
    return { id, name: `Kişi ${id}`, surname: id % 3 === 0 ? 'Üçlü' : 'Diğer', email: `kisi${id}@örnek.com.tr`, gsm: `05${String(300000000 + id)}`, customFields: [], groups: [id % 2 === 0 ? 7 : 20] }
  })
}

describe('the contact book', () => {
  const isThird = (contact: Contact) => contact.surname === 'Üçlü'
  const isEven = (contact: Contact) => contact.groups.includes(7)
  const lists = { third: isThird, even: isEven }

  // What page N is by definition: a fresh scan of every contact in id order.
  function reference(book: ContactBook, filter: (contact: Contact) => boolean, page: number, rowCount: number): number[] {
    return [...book.values()]
      .filter(filter)
      .map((contact) => contact.id)
      .sort((a, b) => a - b)
      .slice((page - 1) * rowCount, page * rowCount)
  }

  test('a whole walk calls the filter once a contact, not once a contact a page', () => {
    const book = new ContactBook()
    book.load(contactsFrom(1, 10_000))
    let calls = 0
    const counting = (contact: Contact) => (calls++, isThird(contact))
    let seen = 0
    for (let page = 1; ; page++) {
      const contacts = book.page('third', counting, page, 100)
      if (contacts.length === 0) break
      seen += contacts.length
    }
    expect(seen).toBe(3333)
    // A scan from the first contact every page would make about 170 000 calls.
    expect(calls).toBeLessThanOrEqual(10_000 + 3333)
  })

  test('pages stay exact under adds, edits and deletes between them (seeded random walk)', () => {
    const random = seededRandom(16)
    const book = new ContactBook()
    book.load(contactsFrom(1000, 2000))
    let nextId = 3000
    let lowId = 999
    const pick = () => {
      const ids = [...book.keys()]
      return ids[Math.floor(random() * ids.length)]!
    }
    for (let step = 0; step < 3000; step++) {
      const roll = random()
      if (roll < 0.15) book.set(nextId, contactsFrom(nextId++, 1)[0]!)
      else if (roll < 0.17) {
        // An id below the highest (a test setting one directly): spliced into its place.
        const id = lowId--
        book.set(id, contactsFrom(id, 1)[0]!)
      } else if (roll < 0.3) book.delete(pick())
      else if (roll < 0.45) {
        const contact = book.get(pick())!
        book.set(contact.id, { ...contact, surname: contact.surname === 'Üçlü' ? 'Diğer' : 'Üçlü', groups: random() < 0.5 ? [7] : [20] })
      } else {
        const [key, filter] = random() < 0.5 ? (['third', lists.third] as const) : (['even', lists.even] as const)
        const rowCount = 1 + Math.floor(random() * 50)
        const page = 1 + Math.floor(random() * 30)
        expect(book.page(key, filter, page, rowCount).map((contact) => contact.id), `step ${step}`).toEqual(reference(book, filter, page, rowCount))
      }
    }
    expect(book.count('third', isThird)).toBe(reference(book, isThird, 1, Infinity).length)
  })

  test('a contact changed in place (not through set) that no longer matches is not served', () => {
    const book = new ContactBook()
    book.load(contactsFrom(1, 30))
    expect(book.page('third', isThird, 1, 3).map((contact) => contact.id)).toEqual([3, 6, 9])
    book.get(6)!.surname = 'Diğer'
    expect(book.page('third', isThird, 1, 3).map((contact) => contact.id)).toEqual([3, 9, 12])
  })

  test('a seed out of id order is put in order; a repeated id keeps the last', () => {
    const book = new ContactBook()
    const [a, b, c] = contactsFrom(1, 3)
    book.load([c!, a!, b!, { ...a!, name: 'Son' }])
    expect(book.size).toBe(3)
    expect(book.page('all', () => true, 1, 10).map((contact) => [contact.id, contact.name])).toEqual([
      [1, 'Son'],
      [2, 'Kişi 2'],
      [3, 'Kişi 3'],
    ])
    expect(book.highestId).toBe(3)
  })
})

test('a sandbox seeded with 150 000 contacts (past the old RangeError) serves them, pages and all', async () => {
  const sandbox = await startSandbox({ seed: { contacts: contactsFrom(1, 150_000) } })
  running.push(sandbox)
  expect(sandbox.store.contacts.size).toBe(150_000)
  expect(sandbox.store.nextId).toBe(150_001)
  const client = createClient({ baseUrl: sandbox.url, key: sandbox.key, secret: sandbox.secret!, format: 'json' })
  const page = await client.contacts.search({ key: 'üçlü', page: 40, rowCount: 1000 })
  expect(page.contacts.map((contact) => contact.id)).toEqual(Array.from({ length: 1000 }, (_, index) => 3 * (39_000 + index + 1)))
  // A contact added between pages of a walk is found at the end; one deleted before the cursor shifts the pages, as offsets do.
  const created = await client.contacts.create({ name: 'Yeni', surname: 'Üçlü' })
  expect(created.id).toBe(150_001)
  const tail = await client.contacts.search({ key: 'üçlü', page: 51, rowCount: 1000 })
  expect(tail.contacts.map((contact) => contact.id)).toEqual([150_001])
  await client.contacts.delete(3)
  const shifted = await client.contacts.search({ key: 'üçlü', page: 40, rowCount: 1000 })
  expect(shifted.contacts[0]!.id).toBe(3 * 39_002)
  // Contact 3 was in group 20 (the odd ids): page 30 starts one later than it did.
  const members = await client.groups.contacts({ id: 20, page: 30, rowCount: 1000 })
  expect(members.contacts.map((contact) => contact.id)).toEqual(Array.from({ length: 1000 }, (_, index) => 2 * (29_000 + index + 1) + 1))
  // Seeding and the first scan's Turkish lower-casing take a few seconds on a busy machine.
}, 60_000)
