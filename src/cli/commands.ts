// The command table: one entry per client method. Adding a method to the
// tool is one entry here; parsing, help and output follow from it.
import type { CustomField, NewContact } from '../index.js'
import { campaignCommands } from './campaign-commands.js'
import { PrintedOutcome, type Command, type CommandFlag, type Given } from './command.js'
import { readConsentFile } from './consent-file.js'
import { ExitCode } from './exit-codes.js'
import { renderHuman } from './render-human.js'
import { UsageError } from './usage-error.js'

// The brand and the two İYS enums: the same flags for `consents add` (defaults for the rows that leave them out) and `consents get`.
function consentFlags(forRows: boolean) {
  const fallback = (value: string) => (forRows ? `for rows that leave it out (default ${value})` : `default ${value}`)
  return {
    brand: { type: 'text', valueName: 'code', description: 'the İYS brand code' },
    'recipient-type': { type: 'text', valueName: 'BIREYSEL|TACIR', description: fallback('BIREYSEL') },
    type: { type: 'text', valueName: 'MESAJ|EPOSTA|ARAMA', description: fallback('MESAJ') },
  } as const
}


async function collect<Item>(items: AsyncIterable<Item>): Promise<Item[]> {
  const all: Item[] = []
  for await (const item of items) all.push(item)
  return all
}

const pageFlags: Record<string, CommandFlag> = {
  page: { type: 'integer', valueName: 'n', description: 'the page, from 1 (default 1)' },
  'row-count': { type: 'integer', valueName: 'n', description: 'items a page, 1 to 1000 (default 1000)' },
}
const rowCountFlag = { 'row-count': pageFlags['row-count']! }

const contactFlags: Record<string, CommandFlag> = {
  name: { type: 'text', description: 'first name' },
  surname: { type: 'text', description: 'surname' },
  email: { type: 'text', description: 'e-mail address' },
  gsm: { type: 'text', valueName: 'number', description: "phone number, kept as written ('05321234567', '+905321234567')" },
  group: { type: 'integer', multiple: true, valueName: 'id', description: 'a group the contact belongs to (repeat for more)' },
  field: { type: 'text', multiple: true, valueName: 'id=value', description: 'a custom field value (repeat for more)' },
}

// `--field 2=VIP` → { id: 2, value: 'VIP' }
function customFieldsOf(given: Given): CustomField[] {
  return given.all('field').map((assignment) => {
    const match = /^\s*(\d+)\s*=(.*)$/s.exec(assignment)
    if (!match) throw new UsageError(`--field must be <id>=<value> (got ${JSON.stringify(assignment)})`)
    return { id: Number(match[1]), value: match[2]! }
  })
}

// Only what was given goes to the client: an update leaves the rest of the contact as it is.
function contactOf(given: Given): NewContact {
  const contact: NewContact = {}
  for (const name of ['name', 'surname', 'email', 'gsm'] as const) {
    const value = given.text(name)
    if (value !== undefined) contact[name] = value
  }
  if (given.all('field').length > 0 || given.flag('clear-fields')) contact.customFields = customFieldsOf(given)
  if (given.all('group').length > 0 || given.flag('clear-groups')) contact.groups = given.integers('group')
  return contact
}

// The error classes of an answer the provider gave (exit 3); the rest had no usable answer (exit 4).
const answeredErrors = new Set(['ApiError', 'AuthenticationError', 'InsufficientBalanceError', 'NotFoundError', 'RateLimitError'])

/** Every command of the tool, in the order the help lists them. */
export const commands: readonly Command[] = [
  {
    words: ['senders'],
    summary: 'the approved sender names',
    run: (client) => client.senders.list(),
  },
  {
    words: ['contacts', 'get'],
    summary: 'one contact',
    args: [{ name: 'id', type: 'integer', description: "the contact's id" }],
    run: (client, given) => client.contacts.get(given.integer('id')!),
  },
  {
    words: ['contacts', 'search'],
    summary: 'one page of contacts whose phone, name, surname or e-mail holds <term>',
    args: [{ name: 'term', type: 'text', description: 'at least 3 characters' }],
    flags: pageFlags,
    run: (client, given) => client.contacts.search({ key: given.text('term')!, page: given.integer('page'), rowCount: given.integer('row-count') }),
  },
  {
    words: ['contacts', 'search-all'],
    summary: 'every contact matching <term>, page after page',
    args: [{ name: 'term', type: 'text', description: 'at least 3 characters' }],
    flags: rowCountFlag,
    run: (client, given) => collect(client.contacts.searchAll({ key: given.text('term')!, rowCount: given.integer('row-count') })),
  },
  {
    words: ['contacts', 'create'],
    summary: 'create a contact (at least one of name, surname, e-mail, phone)',
    flags: contactFlags,
    run: (client, given) => client.contacts.create(contactOf(given)),
  },
  {
    words: ['contacts', 'update'],
    summary: 'change a contact: only the fields given change',
    args: [{ name: 'id', type: 'integer', description: "the contact's id" }],
    flags: {
      ...contactFlags,
      'clear-groups': { type: 'boolean', description: 'take the contact out of every group (with no --group)' },
      'clear-fields': { type: 'boolean', description: 'empty its custom fields (with no --field)' },
    },
    run: (client, given) => client.contacts.update({ id: given.integer('id')!, ...contactOf(given) }),
  },
  {
    words: ['contacts', 'delete'],
    summary: 'delete a contact',
    args: [{ name: 'id', type: 'integer', description: "the contact's id" }],
    run: (client, given) => client.contacts.delete(given.integer('id')!),
  },
  {
    words: ['groups', 'list'],
    summary: 'every group, as a tree, with contact counts',
    run: (client) => client.groups.list(),
  },
  {
    words: ['groups', 'get'],
    summary: 'one group with its sub-groups',
    args: [{ name: 'id', type: 'integer', description: "the group's id" }],
    run: (client, given) => client.groups.get(given.integer('id')!),
  },
  {
    words: ['groups', 'create'],
    summary: 'create a group (a main group unless --parent is given)',
    args: [{ name: 'name', type: 'text', description: "the group's name" }],
    flags: { parent: { type: 'integer', valueName: 'id', description: 'the parent group, for a sub-group' } },
    run: (client, given) => client.groups.create({ name: given.text('name')!, parent: given.integer('parent') }),
  },
  {
    words: ['groups', 'update'],
    summary: 'rename a group and set its parent (no --parent: a main group)',
    args: [
      { name: 'id', type: 'integer', description: "the group's id" },
      { name: 'name', type: 'text', description: 'its new name' },
    ],
    flags: { parent: { type: 'integer', valueName: 'id', description: 'the parent group (pass the current one to keep it)' } },
    run: (client, given) => client.groups.update({ id: given.integer('id')!, name: given.text('name')!, parent: given.integer('parent') }),
  },
  {
    words: ['groups', 'delete'],
    summary: 'delete a group and its sub-groups (the contacts stay)',
    args: [{ name: 'id', type: 'integer', description: "the group's id" }],
    run: (client, given) => client.groups.delete(given.integer('id')!),
  },
  {
    words: ['groups', 'contacts'],
    summary: "one page of a group's contacts",
    args: [{ name: 'id', type: 'integer', description: "the group's id" }],
    flags: pageFlags,
    run: (client, given) => client.groups.contacts({ id: given.integer('id')!, page: given.integer('page'), rowCount: given.integer('row-count') }),
  },
  {
    words: ['groups', 'contacts-all'],
    summary: "every contact of a group, page after page",
    args: [{ name: 'id', type: 'integer', description: "the group's id" }],
    flags: rowCountFlag,
    run: (client, given) => collect(client.groups.contactsAll({ id: given.integer('id')!, rowCount: given.integer('row-count') })),
  },
  {
    words: ['sms', 'send'],
    summary: 'send <text> to the numbers given with --to; prints the order id',
    args: [{ name: 'text', type: 'text', description: 'the message (up to 7 SMS long)' }],
    flags: {
      sender: { type: 'text', valueName: 'name', description: 'an approved sender name (see: iletimerkezi senders)' },
      to: { type: 'text', multiple: true, valueName: 'number', description: 'a recipient (repeat for more)' },
      at: { type: 'text', valueName: 'time', description: "when to send, Turkey time: 'dd/MM/yyyy HH:mm' or 'yyyy-MM-dd HH:mm' (default now)" },
      iys: { type: 'integer', valueName: '0|1', description: 'check consent on İYS (default 1)' },
      'iys-list': { type: 'text', valueName: 'BIREYSEL|TACIR', description: 'the İYS list (default BIREYSEL)' },
    },
    run: (client, given) =>
      client.sms.send({
        sender: given.text('sender')!,
        text: given.text('text')!,
        recipients: given.all('to'),
        sendAt: given.text('at'),
        // The client checks these two and says what it accepts.
        iys: given.integer('iys') as 0 | 1 | undefined,
        iysList: given.text('iys-list') as 'BIREYSEL' | 'TACIR' | undefined,
      }),
  },
  {
    words: ['sms', 'cancel'],
    summary: 'cancel a scheduled order',
    args: [{ name: 'order-id', type: 'text', description: 'the id sms send printed' }],
    run: (client, given) => client.sms.cancel(given.text('order-id')!),
  },
  {
    words: ['reports', 'get'],
    summary: "an order's report, with one page of its recipients",
    args: [{ name: 'order-id', type: 'text', description: 'the id sms send printed' }],
    flags: pageFlags,
    run: (client, given) => client.reports.get({ orderId: given.text('order-id')!, page: given.integer('page'), rowCount: given.integer('row-count') }),
  },
  {
    words: ['reports', 'get-all'],
    summary: "every recipient's status of an order, page after page",
    args: [{ name: 'order-id', type: 'text', description: 'the id sms send printed' }],
    flags: rowCountFlag,
    run: (client, given) => collect(client.reports.getAll({ orderId: given.text('order-id')!, rowCount: given.integer('row-count') })),
  },
  {
    words: ['reports', 'list'],
    summary: 'summaries of the orders between two days (JSON only, at most 10 days)',
    args: [
      { name: 'start', type: 'text', description: 'the first day, yyyy-MM-dd' },
      { name: 'end', type: 'text', description: 'the last day, yyyy-MM-dd' },
    ],
    flags: { page: pageFlags['page']! },
    run: (client, given) => client.reports.list({ start: given.text('start')!, end: given.text('end')!, page: given.integer('page') }),
  },
  {
    words: ['account', 'balance'],
    summary: "the account's balance: amount in TL and SMS credits",
    run: (client) => client.account.balance(),
  },
  {
    words: ['blacklist', 'list'],
    summary: 'one page of blocked numbers',
    flags: {
      start: { type: 'text', valueName: 'time', description: "only numbers blocked since then: 'yyyy-MM-dd[ HH:mm:ss]'" },
      end: { type: 'text', valueName: 'time', description: "only numbers blocked until then: 'yyyy-MM-dd[ HH:mm:ss]'" },
      ...pageFlags,
    },
    run: (client, given) =>
      client.blacklist.list({ start: given.text('start'), end: given.text('end'), page: given.integer('page'), rowCount: given.integer('row-count') }),
  },
  {
    words: ['blacklist', 'list-all'],
    summary: 'every blocked number, page after page',
    flags: {
      start: { type: 'text', valueName: 'time', description: "only numbers blocked since then: 'yyyy-MM-dd[ HH:mm:ss]'" },
      end: { type: 'text', valueName: 'time', description: "only numbers blocked until then: 'yyyy-MM-dd[ HH:mm:ss]'" },
      ...rowCountFlag,
    },
    run: (client, given) => collect(client.blacklist.listAll({ start: given.text('start'), end: given.text('end'), rowCount: given.integer('row-count') })),
  },
  {
    words: ['blacklist', 'add'],
    summary: 'block a number: it gets no SMS from the account',
    args: [{ name: 'number', type: 'text', description: 'the phone number' }],
    run: (client, given) => client.blacklist.add(given.text('number')!),
  },
  {
    words: ['blacklist', 'remove'],
    summary: 'unblock a number',
    args: [{ name: 'number', type: 'text', description: 'the phone number' }],
    run: (client, given) => client.blacklist.remove(given.text('number')!),
  },
  {
    words: ['consents', 'add'],
    summary: 'register İYS consents from a CSV file (JSON only; 5 000 a request)',
    args: [{ name: 'file', type: 'text', description: "a CSV with the columns recipient, status and any of recipientType, type, source, consentDate; '-' reads what is piped in" }],
    flags: consentFlags(true),
    run: async (client, given, job) => {
      const brandCode = given.text('brand')
      if (brandCode === undefined) throw new UsageError('--brand <code> is required: the İYS brand code')
      const defaults = { recipientType: given.text('recipient-type') ?? 'BIREYSEL', type: given.text('type') ?? 'MESAJ' }
      const consents = await readConsentFile(given.text('file')!, job.stdin, defaults)
      const result = await client.consents.add({ brandCode, consents })
      if (result.complete) return result
      // Some went in, then a request failed: the summary says where, and the status that it stopped.
      job.out(job.json ? JSON.stringify(result, null, 2) : renderHuman(result))
      return new PrintedOutcome(answeredErrors.has(result.stopped?.error.name ?? '') ? ExitCode.Api : ExitCode.Network)
    },
  },
  {
    words: ['consents', 'get'],
    summary: "one recipient's İYS consent record, or null (JSON only)",
    args: [{ name: 'recipient', type: 'text', description: 'a phone number (MESAJ, ARAMA) or an e-mail address (EPOSTA)' }],
    flags: consentFlags(false),
    run: (client, given) => {
      const brandCode = given.text('brand')
      if (brandCode === undefined) throw new UsageError('--brand <code> is required: the İYS brand code')
      return client.consents.get({
        brandCode,
        recipient: given.text('recipient')!,
        // The client checks these and says what it accepts.
        recipientType: given.text('recipient-type') as 'BIREYSEL' | 'TACIR' | undefined,
        type: given.text('type') as 'MESAJ' | 'EPOSTA' | 'ARAMA' | undefined,
      })
    },
  },
  ...campaignCommands,
]
