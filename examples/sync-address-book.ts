// Keeps a group of the address book in step with a customer list from your own database: each
// customer is looked up by phone number with contacts.searchAll (every page, one held at a time),
// created when missing, updated when the name changed or the group is missing, else left alone.
// Run twice, the second run changes nothing.
//
//   npx tsx examples/sync-address-book.ts      (a local sandbox; with ILETIMERKEZI_KEY and
//                                               ILETIMERKEZI_SECRET set: your address book)
import { createClient, type Contact, type IletiMerkeziClient } from 'iletimerkezi'
import { connect } from './connect.js'

interface Customer {
  name: string
  surname: string
  gsm: string
}

async function findByGsm(client: IletiMerkeziClient, gsm: string): Promise<Contact | undefined> {
  // The search also matches names and e-mails holding the text: keep the exact number only.
  for await (const contact of client.contacts.searchAll({ key: gsm })) {
    if (contact.gsm === gsm) return contact
  }
  return undefined
}

export async function syncGroup(client: IletiMerkeziClient, groupName: string, customers: readonly Customer[]) {
  const groups = await client.groups.list()
  const group = groups.find((one) => one.name === groupName) ?? (await client.groups.create({ name: groupName }))
  const tally = { created: 0, updated: 0, unchanged: 0 }
  for (const customer of customers) {
    const contact = await findByGsm(client, customer.gsm)
    if (contact === undefined) {
      await client.contacts.create({ ...customer, groups: [group.id] })
      tally.created++
      continue
    }
    const inGroup = contact.groups.includes(group.id)
    if (contact.name === customer.name && contact.surname === customer.surname && inGroup) {
      tally.unchanged++
      continue
    }
    // A list given replaces the contact's list: keep its other groups.
    await client.contacts.update({ id: contact.id, name: customer.name, surname: customer.surname, groups: inGroup ? contact.groups : [...contact.groups, group.id] })
    tally.updated++
  }
  return tally
}

const customers: Customer[] = [
  { name: 'Ayşe', surname: 'Yılmaz', gsm: '05321234567' }, // already in the sandbox's address book
  { name: 'Şule', surname: 'Çelik', gsm: '05321110002' },
  { name: 'Oğuz', surname: 'Kaya', gsm: '05321110003' },
]

const { options, close } = await connect()
try {
  const client = createClient(options)
  console.log('first run: ', await syncGroup(client, 'Müşteriler (örnek)', customers))
  console.log('second run:', await syncGroup(client, 'Müşteriler (örnek)', customers))
} finally {
  await close()
}
