// The address book start to finish against the sandbox, in each format: a group,
// a sub-group, three contacts in it, their pages, an edit, a delete, the group's
// delete. The store is checked after every step, and both formats must tell the
// same story.
import { afterEach, describe, expect, test } from 'vitest'
import { createClient, NotFoundError, type Contact, type Format } from '../src/index.js'
import { startSandbox, type Sandbox } from '../src/testing/index.js'
import { collect } from './support/outcomes.js'
import { backendUnderTest } from './support/sandbox-backend.js'

const formats: readonly Format[] = ['json', 'xml']
const running: Sandbox[] = []

afterEach(async () => {
  await Promise.all(running.splice(0).map((sandbox) => sandbox.close()))
})


const people = [
  { name: 'Zeynep', surname: 'Kaya & Ortakları', email: 'zeynep@örnek.com.tr', gsm: '05321110001', customFields: [{ id: 1, value: '27/09/2024' }] },
  { name: 'Emre ]]> <Bey>', surname: 'Çelik', email: '', gsm: '+905321110002', customFields: [] },
  { name: 'Şule', surname: 'Ağaoğlu', email: 'sule@example.com', gsm: '905321110003', customFields: [{ id: 2, value: 'VIP' }, { id: 3, value: ' boşluklu ' }] },
]

/** Runs every step in one format; returns what the client answered at each, for the cross-format check. */
async function walkThrough(format: Format): Promise<Record<string, unknown>> {
  const sandbox = await startSandbox(backendUnderTest())
  running.push(sandbox)
  const client = createClient({ baseUrl: sandbox.url, key: sandbox.key, secret: sandbox.secret!, format })
  const { store } = sandbox
  const transcript: Record<string, unknown> = {}
  const seededContacts = store.contacts.size

  // 1. A main group.
  const main = await client.groups.create({ name: 'Yürüyüş Müşterileri' })
  expect(store.groups.get(main.id)).toEqual({ id: main.id, name: 'Yürüyüş Müşterileri', parent: 0 })
  transcript['main'] = main

  // 2. A sub-group under it.
  const branch = await client.groups.create({ name: 'Ankara Şubesi', parent: main.id })
  expect(store.groups.get(branch.id)).toEqual({ id: branch.id, name: 'Ankara Şubesi', parent: main.id })
  transcript['branch'] = branch

  // 3. Three contacts in the sub-group.
  const created: Contact[] = []
  for (const person of people) {
    const contact = await client.contacts.create({ ...person, groups: [branch.id] })
    expect(contact).toEqual({ id: contact.id, ...person, groups: [branch.id] })
    expect(store.contacts.get(contact.id)).toEqual(contact)
    created.push(contact)
  }
  expect(store.contacts.size).toBe(seededContacts + 3)
  const tree = await client.groups.get(main.id)
  expect(tree).toEqual({ ...main, count: 0, children: [{ ...branch, count: 3, children: [] }] })
  transcript['created'] = created
  transcript['tree'] = tree

  // 4. The sub-group's contacts, two a page: pages 1 and 2, the second short, so no third request.
  const before = sandbox.requests.length
  const everyone = await collect(client.groups.contactsAll({ id: branch.id, rowCount: 2 }))
  expect(everyone).toEqual(created)
  const pageRequests = sandbox.requests.slice(before)
  expect(pageRequests.map((request) => [request.operation, request.status])).toEqual([
    ['get-group-contacts', 200],
    ['get-group-contacts', 200],
  ])
  const secondPage = await client.groups.contacts({ id: branch.id, page: 2, rowCount: 2 })
  expect(secondPage).toEqual({ contacts: [created[2]], page: 2, rowCount: 2 })
  transcript['secondPage'] = secondPage

  // 5. Edit one: a new surname, and into the main group as well; the rest stays.
  const edited = await client.contacts.update({ id: created[0]!.id, surname: 'Kaya', groups: [main.id, branch.id] })
  expect(edited).toEqual({ ...created[0], surname: 'Kaya', groups: [main.id, branch.id] })
  expect(store.contacts.get(edited.id)).toEqual(edited)
  expect(await client.groups.contacts({ id: main.id })).toEqual({ contacts: [edited], page: 1, rowCount: 1000 })
  transcript['edited'] = edited

  // 6. Delete one.
  const gone = created[1]!.id
  expect(await client.contacts.delete(gone)).toBeUndefined()
  expect(store.contacts.has(gone)).toBe(false)
  expect(store.contacts.size).toBe(seededContacts + 2)
  const missing = await client.contacts.get(gone).catch((error: unknown) => error)
  expect(missing).toBeInstanceOf(NotFoundError)
  expect((missing as NotFoundError).code).toBe(465)

  // 7. Delete the main group: its sub-group goes too; the contacts stay, in no group.
  expect(await client.groups.delete(main.id)).toBeUndefined()
  expect(store.groups.has(main.id)).toBe(false)
  expect(store.groups.has(branch.id)).toBe(false)
  for (const contact of [edited, created[2]!]) expect(store.contacts.get(contact.id)).toEqual({ ...contact, groups: [] })
  const groupsLeft = await client.groups.list()
  expect(groupsLeft.map((group) => group.id)).not.toContain(main.id)
  const lost = await client.groups.get(branch.id).catch((error: unknown) => error)
  expect(lost).toBeInstanceOf(NotFoundError)
  expect((lost as NotFoundError).code).toBe(463)
  transcript['groupsLeft'] = groupsLeft
  transcript['survivors'] = await Promise.all([edited.id, created[2]!.id].map((id) => client.contacts.get(id)))

  expect(sandbox.requests.every((request) => request.format === format)).toBe(true)
  return transcript
}

describe('the address book walk-through', () => {
  const transcripts = new Map<Format, Record<string, unknown>>()

  test.each(formats)('%s: every step does what it says, in the answer and in the store', async (format) => {
    transcripts.set(format, await walkThrough(format))
  })

  test('both formats give deep-equal answers at every step', () => {
    expect(transcripts.size).toBe(2)
    expect(transcripts.get('xml')).toStrictEqual(transcripts.get('json'))
  })
})
