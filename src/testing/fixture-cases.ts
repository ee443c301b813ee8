import { existsSync, lstatSync, readdirSync, readFileSync } from 'node:fs'
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
  /** The answer's content type, kept for an answer no codec reads (an HTML page), which replay serves as it came. */
  contentType?: string
  /** Which masking key made the stand-ins (an id derived from it, not the key); absent for unkeyed masking. */
  maskKey?: string
}

/** One case of one operation, shipped or recorded. */
export type FixtureCaseOf<Name extends OperationName> = ShippedFixtureCase<Name> | RecordedFixtureCase<Name>

/**
 * One contract case: an operation's input, its wire request and response in
 * each format it has, and the one result (or error) they must give. Narrow
 * on `operation` to get that operation's `input` and `expected` types.
 */
export type FixtureCase = { [Name in OperationName]: FixtureCaseOf<Name> }[OperationName]

// A crafted folder may point a case's file anywhere (`response.json` → ~/.ssh/id_rsa): links are refused, never followed.
function refuseLink(path: string): void {
  let link = false
  try {
    link = lstatSync(path).isSymbolicLink()
  } catch {
    return
  }
  if (link) throw new FixtureFileError(`${path}: a symbolic link; a case's files must be plain files in its folder`, path)
}

function readIfPresent(path: string): string | undefined {
  refuseLink(path)
  return existsSync(path) ? readFileSync(path, 'utf8') : undefined
}

function readJsonFile(path: string): Record<string, unknown> {
  refuseLink(path)
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
 * file for a case that does not exist (with the nearest names that do), a
 * missing `case.json` or `expected.json`, broken JSON, a file or folder
 * that is a symbolic link, `formats` or `httpStatus` out of their range,
 * or a folder named for no operation the client has.
 */
export function loadFixtureCase(operation: string, name: string, dir: string = fixturesRoot): FixtureCase {
  const folder = join(dir, operation, name)
  const casePath = join(folder, 'case.json')
  for (const path of [join(dir, operation), folder]) refuseLink(path)
  if (!existsSync(folder)) throw unknownCase(dir, operation, name)
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
  const statuses: unknown[] = Array.isArray(status) ? status : [status]
  if (statuses.length === 0 || !statuses.every((one) => Number.isInteger(one) && (one as number) >= 100 && (one as number) <= 599)) {
    throw new FixtureFileError(`${casePath}: "httpStatus" must be an HTTP status from 100 to 599, or a list of them`, casePath)
  }
  const source = meta['source']
  if (source !== 'docs' && source !== 'hand-written' && source !== 'recorded') {
    throw new FixtureFileError(`${casePath}: "source" must be "docs", "hand-written" or "recorded"`, casePath)
  }
  const listed = meta['formats']
  if (listed !== undefined && (!Array.isArray(listed) || listed.length === 0 || new Set(listed).size !== listed.length || !listed.every((format) => (formats as readonly unknown[]).includes(format)))) {
    throw new FixtureFileError(`${casePath}: "formats" must list ${formats.map((format) => `"${format}"`).join(' and/or ')}, each once`, casePath)
  }
  const caseFormats = (listed as Format[] | undefined) ?? (withResponse.length > 0 ? withResponse : [...formats])
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
    httpStatuses: statuses as number[],
    request,
    response,
    expected: checkedExpected(join(folder, 'expected.json')),
    formats: caseFormats,
    ...(source === 'recorded' ? { recordedAt: String(meta['recordedAt'] ?? ''), ...recordedExtras(meta) } : {}),
  } as FixtureCase
}

// The optional fields of a recorded case, each kept only with its own shape.
function recordedExtras(meta: Readonly<Record<string, unknown>>): { contentType?: string; maskKey?: string } {
  const extras: { contentType?: string; maskKey?: string } = {}
  const contentType = meta['contentType']
  if (typeof contentType === 'string' && /^[\w.+-]{1,40}\/[\w.+-]{1,60}(\s*;\s*charset=[\w-]{1,20})?$/i.test(contentType)) extras.contentType = contentType
  const maskKey = meta['maskKey']
  if (typeof maskKey === 'string' && /^[0-9a-f]{8}$/.test(maskKey)) extras.maskKey = maskKey
  return extras
}

// The edit distance of two names, for "did you mean".
function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index)
  for (let i = 1; i <= a.length; i++) {
    const current = [i]
    for (let j = 1; j <= b.length; j++) current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1))
    previous = current
  }
  return previous[b.length]!
}

function nearestNames(wanted: string, names: readonly string[]): string[] {
  return [...names].sort((a, b) => distance(wanted, a) - distance(wanted, b) || a.localeCompare(b)).slice(0, 3)
}

// A case that does not exist, said with the names that do.
function unknownCase(dir: string, operation: string, name: string): FixtureFileError {
  const parent = join(dir, operation)
  if (!existsSync(parent)) {
    const operations = existsSync(dir) ? subfolders(dir) : []
    const near = nearestNames(operation, operations)
    return new FixtureFileError(`${parent}: no case of "${operation}" in ${dir}${near.length === 0 ? '' : ` (nearest operations: ${near.join(', ')})`}`, parent)
  }
  const folder = join(parent, name)
  const near = nearestNames(name, subfolders(parent))
  return new FixtureFileError(`${folder}: no case "${name}" of ${operation}${near.length === 0 ? '' : ` (nearest: ${near.join(', ')})`}`, folder)
}

function subfolders(dir: string): string[] {
  const entries = readdirSync(dir, { withFileTypes: true }).filter((entry) => !entry.name.startsWith('.'))
  const link = entries.find((entry) => entry.isSymbolicLink())
  if (link !== undefined) throw new FixtureFileError(`${join(dir, link.name)}: a symbolic link; a fixture folder holds plain folders and files`, join(dir, link.name))
  return entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
}

/**
 * The operation folders under `dir`: an endpoint whose name has a slash
 * (`consent/create`) sits in nested folders, as its path does. A folder
 * that names no operation is returned as is, for the loader to refuse.
 * The recorder's case folder walks a recording the same way.
 */
export function operationFolders(dir: string, prefix = ''): string[] {
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
