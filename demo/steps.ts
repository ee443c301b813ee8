// The demo's calls, in order, each made once in JSON and once in XML
// against a sandbox of its own. One entry per call: adding one is a line.
import type { Format, IletiMerkeziClient } from '../src/index.js'

/** One call of the demo. */
export interface DemoStep {
  /** The call as a reader would write it (short: it heads a table row). */
  call: string
  run(client: IletiMerkeziClient): Promise<unknown>
  /** Where the provider offers the endpoint in one format only; the other must refuse it unsent. */
  formats?: readonly Format[]
}

async function collect<Item>(items: AsyncIterable<Item>): Promise<Item[]> {
  const all: Item[] = []
  for await (const item of items) all.push(item)
  return all
}

/** Every step; later ones see what earlier ones changed (ids, groups, orders). */
export const steps: readonly DemoStep[] = [
  { call: 'senders.list()', run: (client) => client.senders.list() },
  { call: "contacts.search({ key: 'yılmaz' })", run: (client) => client.contacts.search({ key: 'yılmaz' }) },
  { call: 'contacts.get(1001)', run: (client) => client.contacts.get(1001) },
  { call: 'contacts.get(424242): not found', run: (client) => client.contacts.get(424242) },
  { call: "contacts.search({ key: 'zzzz' }): no match", run: (client) => client.contacts.search({ key: 'zzzz' }) },
  { call: "contacts.searchAll({ key: 'example', … })", run: (client) => collect(client.contacts.searchAll({ key: 'example', rowCount: 2 })) },
  { call: "groups.create({ name: 'Bayiler & Co ]]>' })", run: (client) => client.groups.create({ name: 'Bayiler & Co ]]>' }) },
  { call: "groups.create({ name: 'Ankara', parent: 7 })", run: (client) => client.groups.create({ name: 'Ankara', parent: 7 }) },
  { call: 'groups.list()', run: (client) => client.groups.list() },
  { call: 'groups.get(7)', run: (client) => client.groups.get(7) },
  { call: "groups.update({ id: 12, name: 'İstanbul …' })", run: (client) => client.groups.update({ id: 12, name: 'İstanbul Avrupa', parent: 7 }) },
  { call: 'groups.contacts({ id: 7 })', run: (client) => client.groups.contacts({ id: 7 }) },
  { call: 'groups.contactsAll({ id: 12, rowCount: 1 })', run: (client) => collect(client.groups.contactsAll({ id: 12, rowCount: 1 })) },
  {
    call: "contacts.create({ name: 'Zeynep', … })",
    run: (client) => client.contacts.create({ name: 'Zeynep', surname: 'Kaya', gsm: '+905301112233', customFields: [{ id: 3, value: 'Yeni' }], groups: [7] }),
  },
  { call: 'contacts.update({ id: 1002, email })', run: (client) => client.contacts.update({ id: 1002, email: 'mehmet.ozturk@example.com' }) },
  { call: 'contacts.delete(1003)', run: (client) => client.contacts.delete(1003) },
  { call: 'groups.delete(20)', run: (client) => client.groups.delete(20) },
  {
    call: "sms.send({ sender: 'eMarka', text, … })",
    run: (client) => client.sms.send({ sender: 'eMarka', text: 'Merhaba Ayşe! ]]> %50 indirim 🎉', recipients: ['05321234567', '+90 505 702 31 00'] }),
  },
  { call: "reports.get({ orderId: '247155525' })", run: (client) => client.reports.get({ orderId: '247155525' }) },
  { call: "reports.getAll({ orderId: '247155523', … })", run: (client) => collect(client.reports.getAll({ orderId: '247155523', rowCount: 2 })) },
  { call: "reports.list({ start: '2025-01-20', … })", run: (client) => client.reports.list({ start: '2025-01-20', end: '2025-01-20' }), formats: ['json'] },
  { call: "sms.cancel('247155524')", run: (client) => client.sms.cancel('247155524') },
  { call: "sms.cancel('1'): no such order", run: (client) => client.sms.cancel('1') },
  { call: 'account.balance()', run: (client) => client.account.balance() },
  { call: "blacklist.add('0532 123 45 67')", run: (client) => client.blacklist.add('0532 123 45 67') },
  { call: 'blacklist.list()', run: (client) => client.blacklist.list() },
  { call: 'blacklist.listAll({ rowCount: 2 })', run: (client) => collect(client.blacklist.listAll({ rowCount: 2 })) },
  { call: "blacklist.remove('+905558650220')", run: (client) => client.blacklist.remove('+905558650220') },
  { call: "blacklist.remove('+905309998877'): locked", run: (client) => client.blacklist.remove('+905309998877') },
]
