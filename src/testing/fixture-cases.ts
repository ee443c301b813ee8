import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { formats } from '../codec/load-codec.js'
import type { Format } from '../errors/index.js'
import type {
  Balance,
  BlacklistPage,
  BlacklistQuery,
  Contact,
  ContactPage,
  ContactSearch,
  ContactUpdate,
  ConsentQuery,
  Group,
  GroupContactsQuery,
  GroupTree,
  GroupUpdate,
  NewConsents,
  NewContact,
  NewGroup,
  OrderReport,
  OrderSummaryPage,
  ReportQuery,
  ReportRange,
  SentOrder,
  SmsOrder,
  StoredConsent,
} from '../index.js'
import type { ConsentBatchResult } from '../operations/consent-create.js'
import { operationsByName } from '../operations/index.js'
import { FixtureFileError } from './fixture-file-error.js'

/** The `fixtures/` folder shipped with the package (same place from `src/` and `dist/`). */
export const fixturesRoot = fileURLToPath(new URL('../../fixtures/', import.meta.url))

/**
 * Each operation's arguments (what the client method takes, as one object)
 * and result, by endpoint name. `test/fixture-case-types.test.ts` holds
 * each entry to the operation table's own types.
 */
export interface OperationTypes {
  /** `contacts.get(id)`. */
  'get-contact': OperationSignature<Record<'id', number>, Contact>
  /** `contacts.search(…)`. */
  'search-contacts': OperationSignature<ContactSearch, ContactPage>
  /** `groups.create(…)`. */
  'add-group': OperationSignature<NewGroup, Group>
  /** `groups.list()`. */
  'get-groups': OperationSignature<Record<string, never>, GroupTree[]>
  /** `groups.get(id)`. */
  'get-group': OperationSignature<Record<'id', number>, GroupTree>
  /** `groups.update(…)`. */
  'edit-group': OperationSignature<GroupUpdate, Group>
  /** `groups.delete(id)`. */
  'delete-group': OperationSignature<Record<'id', number>, null>
  /** `groups.contacts(…)`. */
  'get-group-contacts': OperationSignature<GroupContactsQuery, ContactPage>
  /** `contacts.create(…)`. */
  'add-contact': OperationSignature<NewContact, Contact>
  /** `contacts.update(…)`. */
  'edit-contact': OperationSignature<ContactUpdate, Contact>
  /** `contacts.delete(id)`. */
  'delete-contact': OperationSignature<Record<'id', number>, null>
  /** `senders.list()`. */
  'get-sender': OperationSignature<Record<string, never>, string[]>
  /** `sms.send(…)`. */
  'send-sms': OperationSignature<SmsOrder, SentOrder>
  /** `sms.cancel(orderId)`. */
  'cancel-order': OperationSignature<Record<'orderId', string>, null>
  /** `reports.get(…)`. */
  'get-report': OperationSignature<ReportQuery, OrderReport>
  /** `reports.list(…)` (JSON only). */
  'get-reports': OperationSignature<ReportRange, OrderSummaryPage>
  /** `account.balance()`. */
  'get-balance': OperationSignature<Record<string, never>, Balance>
  /** `blacklist.list(…)`. */
  'get-blacklist': OperationSignature<BlacklistQuery, BlacklistPage>
  /** `blacklist.add(number)`. */
  'add-blacklist': OperationSignature<Record<'number', string>, null>
  /** `blacklist.remove(number)`. */
  'delete-blacklist': OperationSignature<Record<'number', string>, null>
  /** One request of `consents.add(…)` (JSON only): at most 5 000 records. */
  'consent/create': OperationSignature<NewConsents, ConsentBatchResult>
  /** `consents.get(…)` (JSON only). */
  'consent/show': OperationSignature<ConsentQuery, StoredConsent | null>
}

/** One operation's arguments and result, as {@link OperationTypes} lists them. */
export interface OperationSignature<Args, Result> {
  /** The arguments, as one object. */
  args: Args
  /** The result, as `expected.json` holds it. */
  result: Result
}

/** Every endpoint name a case folder may be filed under: `'get-contact'`, `'send-sms'`, … */
export type OperationName = keyof OperationTypes

/** What a caller passes to the operation's client method, as one object (`{ id: 1009 }` for get-contact). */
export type OperationArgs<Name extends OperationName> = OperationTypes[Name]['args']

/**
 * What the operation's call resolves to, as `expected.json` holds it: the
 * void operations (deletes, cancel, blacklist changes) hold `null` there,
 * since JSON has no `undefined`; their client methods resolve to `undefined`.
 * Dates are ISO text in `expected.json`.
 */
export type OperationResult<Name extends OperationName> = OperationTypes[Name]['result']

/** What a fixture case says should come out: a result, or an error's class and code. */
export type Expected<Result = unknown> =
  | {
      /** The result the call resolves to, as JSON holds it. */
      result: Result
    }
  | {
      /** The error the call rejects with. */
      error: {
        /** The error's class name: `'NotFoundError'`. */
        class: string
        /** Its `code`, where it has one. */
        code?: number
      }
    }

/** The fields every case has, whatever its operation and source. */
interface CaseFields<Name extends OperationName> {
  /** The endpoint, which is also the case's parent folder: `'get-contact'`. */
  operation: Name
  /** The case's folder name: `'docs-sample'`, `'call-001'`. */
  name: string
  /** The case's folder. */
  folder: string
  /** What the case is about, in a sentence. */
  description: string
  /**
   * The HTTP statuses the response is served with. A shipped case may list
   * several (a 465 body behind HTTP 200 and behind HTTP 465, say): each is a
   * run of its own with the same body and the same expected outcome. A
   * recording holds the one status the server answered with.
   */
  httpStatuses: number[]
  /**
   * The wire request by format, the key written `{{key}}` (recordings) and
   * the hash `{{hash}}`; absent for input the client refuses before sending.
   */
  request: Partial<Record<Format, string>>
  /** The wire response by format, served as is. */
  response: Partial<Record<Format, string>>
  /** The one result (or error) every format listed in `formats` must give. */
  expected: Expected<OperationResult<Name>>
  /**
   * The formats this case holds wire bodies for and runs in: `formats` in
   * case.json, else those with a response, else both (input errors, which
   * never reach the wire). A recording holds the one format it was recorded
   * in; the recorder's replay derives the other through the codecs.
   */
  formats: Format[]
}

/** A case from the provider's pages or written by hand for an edge case (the shipped `fixtures/`). */
export interface ShippedFixtureCase<Name extends OperationName = OperationName> extends CaseFields<Name> {
  /** Where it came from: the provider's pages, or written by hand for an edge case. */
  source: 'docs' | 'hand-written'
  /**
   * The operation's arguments, as a caller passes them to the client
   * method. A case whose expected outcome is a `ValidationError` holds input
   * the method refuses, which the type may not admit.
   */
  input: OperationArgs<Name>
}

/** A case written by `createRecorder` in `record` or `update` mode. */
export interface RecordedFixtureCase<Name extends OperationName = OperationName> extends CaseFields<Name> {
  /** Written by the recorder from a real exchange. */
  source: 'recorded'
  /** When the exchange happened (ISO 8601). */
  recordedAt: string
  /**
   * The request's content as the wire carried it, authentication left out
   * and personal data masked: `{ contact: { id: 1009 } }`. The recorder sees
   * wire requests, not the method's arguments.
   */
  input: Readonly<Record<string, unknown>>
}

/** One case of one operation, shipped or recorded. */
export type FixtureCaseOf<Name extends OperationName> = ShippedFixtureCase<Name> | RecordedFixtureCase<Name>

/**
 * One contract case: an operation's input, its wire request and response in
 * each format it has, and the one result (or error) they must give. Narrow
 * on `operation` to get that operation's `input` and `expected` types.
 */
export type FixtureCase = { [Name in OperationName]: FixtureCaseOf<Name> }[OperationName]

function readIfPresent(path: string): string | undefined {
  return existsSync(path) ? readFileSync(path, 'utf8') : undefined
}

function readJsonFile(path: string): Record<string, unknown> {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'the file is missing (ENOENT)' : `the file cannot be read: ${(error as Error).message}`
    throw new FixtureFileError(`${path}: ${reason}`, path)
  }
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch (error) {
    throw new FixtureFileError(`${path}: not valid JSON (${(error as Error).message})`, path)
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new FixtureFileError(`${path}: expected a JSON object`, path)
  return parsed as Record<string, unknown>
}

function checkedExpected(path: string): Expected {
  const expected = readJsonFile(path)
  const error = expected['error']
  if ('result' in expected) return { result: expected['result'] }
  if (typeof error === 'object' && error !== null && typeof (error as { class?: unknown }).class === 'string') return expected as Expected
  throw new FixtureFileError(`${path}: expected { "result": … } or { "error": { "class": … } }`, path)
}

/**
 * One case: `<dir>/<operation>/<name>/`, `dir` being the shipped
 * `fixtures/` unless given. Throws a {@link FixtureFileError} naming the
 * file for a missing `case.json` or `expected.json`, broken JSON, or a folder
 * named for no operation the client has.
 */
export function loadFixtureCase(operation: string, name: string, dir: string = fixturesRoot): FixtureCase {
  const folder = join(dir, operation, name)
  const casePath = join(folder, 'case.json')
  const meta = readJsonFile(casePath)
  if (!Object.hasOwn(operationsByName, operation)) {
    throw new FixtureFileError(`${casePath}: "${operation}" (the parent folder) is no operation the client has`, casePath)
  }
  const request: FixtureCase['request'] = {}
  const response: FixtureCase['response'] = {}
  for (const format of formats) {
    const requestBody = readIfPresent(join(folder, `request.${format}`))
    const responseBody = readIfPresent(join(folder, `response.${format}`))
    if (requestBody !== undefined) request[format] = requestBody
    if (responseBody !== undefined) response[format] = responseBody
  }
  const withResponse = formats.filter((format) => response[format] !== undefined)
  const status = meta['httpStatus'] ?? 200
  const source = meta['source']
  if (source !== 'docs' && source !== 'hand-written' && source !== 'recorded') {
    throw new FixtureFileError(`${casePath}: "source" must be "docs", "hand-written" or "recorded"`, casePath)
  }
  const caseFormats = (meta['formats'] as Format[] | undefined) ?? (withResponse.length > 0 ? withResponse : [...formats])
  for (const format of caseFormats) {
    const expectedResponse = source !== 'recorded' || response[format] !== undefined
    if (!expectedResponse) throw new FixtureFileError(`${join(folder, `response.${format}`)}: the file is missing (ENOENT)`, join(folder, `response.${format}`))
  }
  return {
    operation,
    name,
    folder,
    source,
    description: typeof meta['description'] === 'string' ? meta['description'] : '',
    input: meta['input'],
    httpStatuses: Array.isArray(status) ? status : [status],
    request,
    response,
    expected: checkedExpected(join(folder, 'expected.json')),
    formats: caseFormats,
    ...(source === 'recorded' ? { recordedAt: String(meta['recordedAt'] ?? '') } : {}),
  } as FixtureCase
}

function subfolders(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !entry.name.startsWith('.'))
    .map((entry) => entry.name)
    .sort()
}

/**
 * The operation folders under `dir`: an endpoint whose name has a slash
 * (`consent/create`) sits in nested folders, as its path does. A folder
 * that names no operation is returned as is, for the loader to refuse.
 */
function operationFolders(dir: string, prefix = ''): string[] {
  return subfolders(join(dir, prefix)).flatMap((folder) => {
    const operation = prefix === '' ? folder : `${prefix}/${folder}`
    const nests = !Object.hasOwn(operationsByName, operation) && Object.keys(operationsByName).some((name) => name.startsWith(`${operation}/`))
    return nests ? operationFolders(dir, operation) : [operation]
  })
}

/**
 * Every case under `dir` (the shipped `fixtures/` unless given: pass a
 * recording folder to read what `createRecorder` wrote), operation by
 * operation, cases in name order. Folders starting with `.` (a recording's
 * half-written temporary folders) are skipped.
 */
export function loadFixtureCases(dir: string = fixturesRoot): FixtureCase[] {
  if (!existsSync(dir)) throw new FixtureFileError(`${dir}: the fixture folder does not exist`, dir)
  return operationFolders(dir).flatMap((operation) => subfolders(join(dir, operation)).map((name) => loadFixtureCase(operation, name, dir)))
}
