// The promise of a committed recording, as a property: generated Turkish personal data (names with
// Turkish letters, phone numbers in every spelling and digit set, e-mails, TC numbers, addresses)
// is put in every request field the client sends and every answer field, known and unknown, in
// both formats, in readable answers and in unreadable ones (an HTML page, a cut-off body), with the
// server echoing the key and the hash. Recorded, replayed with other people's data (misses),
// verified from the command line: no generated value, and no 8-character piece of the key, the
// hash or the masking key, appears in any written file, any message or any CLI output.
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import fc from 'fast-check'
import nock from 'nock'
import { afterAll, afterEach, beforeAll, expect, test } from 'vitest'
import { computeHash } from '../src/client/auth-hash.js'
import { runCli } from '../src/cli/run-cli.js'
import { loadCodec } from '../src/codec/load-codec.js'
import { createClient, type Format } from '../src/index.js'
import { asciiDigits } from '../src/testing/contract/mask.js'
import { createRecorder } from '../src/testing/index.js'
import { wireList, type WireTree, type WireValue } from '../src/wire/tree.js'
import { providerOrigin } from './support/nock-provider.js'
import { longestPiece } from './support/credential-pieces.js'

delete process.env['ILETIMERKEZI_FIXTURES']
delete process.env['ILETIMERKEZI_MASK_KEY']
const root = mkdtempSync(join(tmpdir(), 'recording-privacy-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))
beforeAll(() => nock.disableNetConnect())
afterEach(() => nock.cleanAll())
afterAll(() => nock.enableNetConnect())

// ---- generated personal data

const lower = 'abcçdefgğhıijklmnoöprsştuüvyz'
const turkishLetters = 'çğıöşüÇĞİÖŞÜ'
const digitSets = ['0123456789', '０１２３４５６７８９', '٠١٢٣٤٥٦٧٨٩', '۰۱۲۳۴۵۶۷۸۹', '०१२३४५६७८९', '০১২৩৪৫৬৭৮৯', '𝟎𝟏𝟐𝟑𝟒𝟓𝟔𝟕𝟖𝟗']

/** A word of 4 to 10 letters holding at least one Turkish letter, capitalised as a name is. */
const turkishWord = fc
  .tuple(fc.array(fc.constantFrom(...lower), { minLength: 3, maxLength: 9 }), fc.constantFrom(...turkishLetters), fc.nat())
  .map(([letters, turkish, at]) => {
    const chars = [...letters]
    chars.splice(at % (chars.length + 1), 0, turkish.toLowerCase() === turkish ? turkish : turkish.toLocaleLowerCase('tr'))
    const word = chars.join('')
    return word[0]!.toLocaleUpperCase('tr') + word.slice(1)
  })

/** A Turkish mobile number's ten national digits (never 599…, the stand-ins' range). */
const nationalNumber = fc.tuple(fc.integer({ min: 0, max: 5 }), fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 8, maxLength: 8 })).map(([operator, rest]) => `5${operator}${rest.join('')}`)

/** A valid TC identity number. */
const identityNumber = fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 8, maxLength: 8 }).chain((rest) =>
  fc.integer({ min: 1, max: 9 }).map((first) => {
    const d = [first, ...rest]
    const odd = d[0]! + d[2]! + d[4]! + d[6]! + d[8]!
    const even = d[1]! + d[3]! + d[5]! + d[7]!
    const tenth = (((odd * 7 - even) % 10) + 10) % 10
    const eleventh = (odd + even + tenth) % 10
    return [...d, tenth, eleventh].join('')
  }),
)

/** A phone number spelled as people write it, each digit from a digit set (one set, or mixed). */
const spelledPhone = fc.tuple(nationalNumber, fc.constantFrom('0#', '+90#', '90#', '#', '0(#3) #3 #2 #2', '+90 #3 #3 #2 #2', '0#3-#3-#4', '0 #3 #3 #4'), fc.array(fc.nat(digitSets.length - 1), { minLength: 1, maxLength: 3 })).map(
  ([national, shape, sets]) => {
    let cursor = 0
    const take = (count: number) => national.slice(cursor, (cursor += count))
    const ascii = shape.replace(/#(\d?)/g, (_, count: string) => take(count === '' ? 10 : Number(count)))
    let index = 0
    return { national, spelled: ascii.replace(/\d/g, (digit) => [...digitSets[sets[index++ % sets.length]!]!][Number(digit)]!) }
  },
)

const email = fc.tuple(turkishWord, fc.integer({ min: 10, max: 9999 }), fc.constantFrom('example.com.tr', 'posta.com', 'şirket.com.tr')).map(([word, number, domain]) => `${word.toLowerCase()}.${number}@${domain}`)

const address = fc.tuple(turkishWord, fc.integer({ min: 1, max: 250 }), turkishWord, fc.constantFrom('İstanbul', 'Ankara', 'İzmir', 'Eskişehir')).map(
  ([street, number, district, city]) => `${street} Cad. No: ${number}/${number % 9} ${district} ${city}`,
)

interface Person {
  name: string
  surname: string
  phone: { national: string; spelled: string }
  plainPhone: string
  identity: string
  email: string
  address: string
}

const person: fc.Arbitrary<Person> = fc.record({ name: turkishWord, surname: turkishWord, phone: spelledPhone, plainPhone: nationalNumber.map((digits) => `0${digits}`), identity: identityNumber, email, address })

/** What must not be found: each value as written, and each number's digits in ASCII. */
function needles(people: readonly Person[]): string[] {
  return people.flatMap((one) => [one.name, one.surname, one.phone.spelled, one.phone.national, one.plainPhone.slice(1), one.identity, one.email, one.address, ...one.address.split(' ').filter((word) => /[çğıöşüİ]/i.test(word))])
}

// ---- answers holding the people, in every field, known and unknown

function contactTree(one: Person, all: string[]): Record<string, WireValue> {
  return {
    id: one.identity,
    name: one.name,
    surname: one.surname,
    email: one.email,
    gsm: one.phone.spelled,
    full_name: `${one.name} ${one.surname}`,
    tckn: one.identity,
    adres: one.address,
    custom_fields: wireList('custom_field', [{ id: one.plainPhone, value: `TC ${one.identity}, tel ${one.phone.spelled}` }]),
    groups: wireList('id', [one.phone.national]),
    note: all.join(' | '),
  }
}

function answers(people: readonly Person[], echo: string): Record<string, WireTree> {
  const all = needles(people)
  const [first, second] = people as [Person, Person]
  const status = { code: 200, message: `İşlem başarılı ${first.name} ${echo}` }
  return {
    'get-contact': { status, contact: contactTree(first, all) },
    'search-contacts': { status: { code: 200, message: 'İşlem başarılı' }, contacts: wireList('contact', [contactTree(first, all), contactTree(second, all)]) },
    'get-groups': { status, groups: wireList('group', [{ id: first.plainPhone, name: `${first.surname} ailesi`, count: second.identity, children: wireList('group', []) }]) },
    'get-report': {
      status,
      order: {
        id: first.identity,
        status: first.name,
        total: second.phone.national,
        delivered: 1,
        undelivered: 0,
        waiting: 0,
        submitAt: first.address,
        sendAt: '2025-01-20 10:00:00',
        sender: first.surname,
        price: first.phone.spelled,
        message: wireList('message', [{ number: second.phone.spelled, status: second.email }]),
      },
    },
    'get-sender': { status, senders: { sender: [first.name, second.email] } },
    'get-balance': { status, balance: { amount: first.plainPhone, sms: second.identity, owner: first.address } },
    'add-contact': { status, contact: contactTree(second, all) },
    'send-sms': { status, order: { id: second.identity } },
  }
}

function filesOf(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((name) => join(dir, name))
    .filter((path) => statSync(path).isFile())
    .map((path) => readFileSync(path, 'utf8'))
}


function expectNothingOf(text: string, people: readonly Person[], secrets: readonly string[], where: string): void {
  const ascii = asciiDigits(text)
  for (const needle of needles(people)) {
    expect(text.includes(needle), `${JSON.stringify(needle)} in ${where}: ${text.slice(0, 400)}`).toBe(false)
    if (/^\d+$/.test(asciiDigits(needle))) expect(ascii.includes(asciiDigits(needle)), `${needle} (as ASCII digits) in ${where}`).toBe(false)
  }
  for (const secret of secrets) expect(longestPiece(text, secret), `a piece of a credential in ${where}`).toBeLessThan(8)
}

const hex = fc.array(fc.constantFrom(...'0123456789abcdef'), { minLength: 32, maxLength: 32 }).map((chars) => chars.join(''))

let exchangesRecorded = 0
let runs = 0

test.each(['json', 'xml'] as const)(
  'no generated value or credential piece in any file, message or CLI output (%s)',
  async (format: Format) => {
    const codec = await loadCodec(format)
    await fc.assert(
      fc.asyncProperty(
        fc.tuple(person, person),
        fc.tuple(person, person),
        hex,
        fc.string({ minLength: 12, maxLength: 20 }).map((text) => `s-${text}`),
        hex,
        fc.constantFrom('html', 'cut', 'html-200'),
        fc.constantFrom('get-contact', 'search-contacts', 'get-report', 'get-balance'),
        fc.nat(),
        async (people, others, key, secret, maskKey, unreadableKind, unreadableOperation, cutAt) => {
          runs++
          const hash = await computeHash(key, secret)
          const secrets = [key, hash, maskKey]
          const echo = `${key.toUpperCase()} ${hash.slice(1, 60)}`
          const trees = answers(people, echo)
          const bodyFor = (operation: string, liveKind: string): [number, string, Record<string, string>] => {
            const body = codec.encodeResponse(trees[operation]!)
            if (operation !== unreadableOperation) return [200, body, { 'content-type': codec.contentType }]
            if (liveKind === 'cut') return [200, body.slice(0, 20 + (cutAt % Math.max(1, body.length - 40))), { 'content-type': codec.contentType }]
            const page = `<!DOCTYPE html><html><body><h1>${people[0].name}</h1><p>${needles(people).join('<br>')} ${echo}</p></body></html>`
            return [liveKind === 'html' ? 502 : 200, page, { 'content-type': 'text/html; charset=utf-8' }]
          }
          const serve = () =>
            nock(providerOrigin)
              .persist()
              .post(/.*/)
              .reply(function (uri) {
                const operation = codec.operationFromPath(uri.replace(/^\/v1\//, '')) ?? ''
                return bodyFor(operation, unreadableKind)
              })
          serve()
          const dir = join(root, `${format}-${runs}`)
          // The replay's error messages (the record run's errors quote the live server's answers, not the recording).
          const messages: string[] = []
          let collecting = false
          const settle = async (promise: Promise<unknown>) => {
            try {
              await promise
            } catch (error) {
              if (collecting) messages.push(`${(error as Error).message} ${JSON.stringify(error)} ${String((error as Error).cause)}`)
            }
          }
          const calls = async (client: ReturnType<typeof createClient>, who: readonly [Person, Person]) => {
            await settle(client.contacts.get(1009))
            await settle(client.contacts.search({ key: who[0].name }))
            await settle(client.contacts.search({ key: who[1].phone.spelled }))
            await settle(client.groups.list())
            await settle(client.reports.get({ orderId: '247155525' }))
            await settle(client.senders.list())
            await settle(client.account.balance())
            await settle(
              client.contacts.create({
                name: who[1].name,
                surname: who[1].surname,
                gsm: who[1].phone.spelled,
                email: who[1].email,
                customFields: [{ id: 1, value: `${who[1].identity} ${who[1].address}` }],
              }),
            )
            await settle(client.sms.send({ sender: 'eMarka', text: `Sayın ${who[0].name}, ${who[0].address} adresine kargonuz yolda. ${who[0].phone.spelled}`, recipients: [who[0].plainPhone] }))
          }

          const recorder = createRecorder({ dir, mode: 'record', maskKey })
          await calls(createClient({ key, secret, format, fetch: recorder.fetch, retry: 0 }), people)
          await recorder.close()
          exchangesRecorded += recorder.exchanges.length
          expect(recorder.exchanges.length).toBe(9)
          for (const text of filesOf(dir)) expectNothingOf(text, people, secrets, `a file of ${dir}`)

          // Replayed with other people's data: misses whose messages name paths and stand-ins only.
          nock.cleanAll()
          collecting = true
          const replaying = createRecorder({ dir, mode: 'replay', maskKey })
          await calls(createClient({ key, secret, format, fetch: replaying.fetch, retry: 0 }), others)
          await replaying.close().catch((error: unknown) => messages.push(`${(error as Error).message}`))
          expect(replaying.misses.length).toBeGreaterThan(0)
          expect(messages.length).toBeGreaterThan(0)
          for (const message of messages) expectNothingOf(message, [...people, ...others], [...secrets, secret], 'a message')

          // Verified from the command line against a server answering with the same people.
          serve()
          let output = ''
          await runCli(['fixtures', 'verify', dir, '--base-url', `${providerOrigin}/v1`], {
            env: { ILETIMERKEZI_KEY: key, ILETIMERKEZI_SECRET: secret },
            out: (text) => (output += `${text}\n`),
            err: (text) => (output += `${text}\n`),
          })
          await runCli(['fixtures', 'verify', dir, '--json', '--base-url', `${providerOrigin}/v1`], {
            env: { ILETIMERKEZI_KEY: key, ILETIMERKEZI_SECRET: secret },
            out: (text) => (output += `${text}\n`),
            err: (text) => (output += `${text}\n`),
          })
          nock.cleanAll()
          expectNothingOf(output, people, secrets, 'the CLI output')
          rmSync(dir, { recursive: true, force: true })
        },
      ),
      { numRuns: 25 },
    )
  },
  240_000,
)

afterAll(() => {
  // The figure the closing note reports.
  console.log(`recording privacy: ${runs} runs, ${exchangesRecorded} exchanges recorded`)
})
