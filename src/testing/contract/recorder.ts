import { existsSync } from 'node:fs'
import { join } from 'node:path'
import type { Codec } from '../../codec/codec.js'
import { loadCodec, resolveEndpoint } from '../../codec/load-codec.js'
import { IletiMerkeziError, ValidationError, type Format } from '../../errors/index.js'
import { operationsByName, type AnyOperation } from '../../operations/index.js'
import { writeReasonPhrase } from '../../transport/reason-phrase.js'
import { loadFixtureCases, type FixtureCase } from '../fixture-cases.js'
import { FixtureFileError } from '../fixture-file-error.js'
import { clearRecordedCases, nextCaseName, readRecordedCases, unchangedTime, writeCase, type CaseToWrite } from './case-folder.js'
import { FixtureMissError } from './fixture-miss-error.js'
import { compareRequests, requestLeaves, type RequestLeaf } from './match-request.js'
import { Masker, standInsIn } from './mask.js'
import { answerInFormat } from './answer-in-format.js'
import { outcomeOf, recordExchange } from './record-exchange.js'
import { answerDrift, describeDrift, outcomeDrift, refusesCredentials, type Drift } from './shape-drift.js'

/**
 * What the recorder does with each request:
 * - `record`: sends it to the server and writes the exchange as a case.
 *   All or nothing: the folder's earlier recorded cases are replaced once
 *   the first answer that is not an authentication failure arrives; a run
 *   whose answers are all 401/403, or that reached no server, keeps them;
 * - `replay`: answers from the recorded cases; nothing goes out;
 * - `update`: replays what is recorded, records what is missing;
 * - `verify`: sends it to the server, compares the answer's shape with the
 *   case that recorded the same request, writes nothing (the nightly job).
 */
export type RecorderMode = 'record' | 'replay' | 'update' | 'verify'

/** Options of {@link createRecorder}. */
export interface RecorderOptions {
  /** The recording folder (one per test file): `<dir>/<operation>/<case>/`, the layout of `fixtures/`. */
  dir: string
  /** What to do with requests; `ILETIMERKEZI_FIXTURES=record|replay|update|verify` overrides it. */
  mode: RecorderMode
  /**
   * Mask by default, keep by exception (default on): every text and number
   * of a request and of an answer is replaced by a stand-in before anything
   * is written, unless its field is known to carry no personal data
   * (status codes, ids, counts, prices, dates, enums, the provider's own
   * status messages). `{ keep: ['order.sender'] }` keeps more fields (a
   * dotted path, or its last names); `false` keeps every value (for data
   * that is not anyone's). Credentials are never written, whatever this says.
   */
  mask?: boolean | {
    /** Fields to keep as they are: dotted paths, or their last names. */
    keep?: readonly string[]
  }
  /**
   * The masking key: stand-ins are derived from values with HMAC-SHA256
   * under it, so re-recording the same data writes the same files and a
   * replay that has it checks that each masked request field holds the
   * recorded value. Keep it like the API secret; default
   * `ILETIMERKEZI_MASK_KEY`.
   */
  maskKey?: string
}

/** One request the recorder handled. */
export interface RecordedExchange {
  /** The endpoint: `'get-contact'`. */
  operation: string
  /** The format the client asked in. */
  format: Format
  /** The case that answered it, was written for it, or was verified against: `'get-contact/call-001'`. */
  case: string
  /** `'recorded'`: sent and written; `'replayed'`: answered from the folder; `'verified'`: sent and compared. */
  action: 'recorded' | 'replayed' | 'verified'
  /** The HTTP status the client got. */
  httpStatus: number
  /**
   * Replayed without the masking key: the request's masked places (field
   * paths) that could only be held to consistent use, not to the recorded
   * value.
   */
  unchecked?: string[]
  /** Verified: how the answer's shape moved away from the case (empty: it did not). */
  drift?: Drift[]
}

/** A recorder: give its `fetch` to `createClient`. */
export interface Recorder {
  /** The `fetch` option for `createClient({ …, fetch: recorder.fetch })`. */
  fetch: typeof globalThis.fetch
  /** The mode in force, after `ILETIMERKEZI_FIXTURES`. */
  mode: RecorderMode
  /** Every request handled so far, in order. */
  exchanges: RecordedExchange[]
  /** Every request no recorded case answered (replay, update's unanswered writes, verify). */
  misses: FixtureMissError[]
  /** Recorded cases removed from the folder by `record` mode (replaced by this run's); empty after a failed run. */
  removed: string[]
  /**
   * Ends the session: later requests are refused. Rejects with every miss
   * (a {@link FixtureMissError}), the drift `verify` found, or why a
   * recording run kept the earlier recording; resolves when there is none.
   */
  close(): Promise<void>
}

const modes: readonly RecorderMode[] = ['record', 'replay', 'update', 'verify']

function modeInForce(given: unknown): RecorderMode {
  const fromEnvironment = globalThis.process?.env?.['ILETIMERKEZI_FIXTURES']
  const mode = fromEnvironment !== undefined && fromEnvironment !== '' ? fromEnvironment : given
  if (!modes.includes(mode as RecorderMode)) {
    const where = mode === fromEnvironment ? 'ILETIMERKEZI_FIXTURES' : 'mode'
    throw new ValidationError([{ path: where, message: `expected record, replay, update or verify (got ${JSON.stringify(mode)})` }], {})
  }
  return mode as RecorderMode
}

// The endpoint a URL names, whatever the base URL: `…/v1/get-contact/json` or `…/v1/get-contact`, and
// `…/v1/consent/show/json` (an operation whose name has a slash): the longest tail that names one wins.
async function endpointOf(url: string): Promise<{ operation: AnyOperation; codec: Codec } | undefined> {
  const segments = new URL(url).pathname.split('/').filter((segment) => segment !== '')
  for (const path of [3, 2, 1].map((count) => segments.slice(-count).join('/'))) {
    const { operation, codec } = await resolveEndpoint(path)
    if (operation !== undefined && Object.hasOwn(operationsByName, operation)) return { operation: operationsByName[operation]!, codec }
  }
  return undefined
}

async function bodyText(input: RequestInfo | URL, init: RequestInit | undefined): Promise<string> {
  if (init?.body !== undefined && init.body !== null) return new Response(init.body).text()
  return input instanceof Request ? input.clone().text() : ''
}

interface ReplayableCase {
  fixture: FixtureCase
  label: string
  leaves: RequestLeaf[]
  /** Stand-ins the case holds, so that `update` gives new values new ones. */
  standIns: Set<string>
  used: boolean
}

async function replayable(fixture: FixtureCase): Promise<ReplayableCase | undefined> {
  const format = fixture.formats.find((candidate) => fixture.request[candidate] !== undefined && fixture.response[candidate] !== undefined)
  if (format === undefined) return undefined
  const codec = await loadCodec(format)
  let content: Record<string, unknown>
  try {
    content = codec.decodeRequest(fixture.request[format]!, [])
  } catch (error) {
    const file = join(fixture.folder, `request.${format}`)
    throw new FixtureFileError(`${file}: not a readable ${format} request (${(error as Error).message})`, file)
  }
  const standIns = standInsIn(content)
  try {
    standInsIn(codec.decodeResponse(fixture.response[format]!, operationsByName[fixture.operation]!.lists).body, standIns)
  } catch {
    // An answer no codec reads holds no stand-in.
  }
  return { fixture, label: `${fixture.operation}/${fixture.name}`, leaves: requestLeaves(content), standIns, used: false }
}


// What a failed fetch says, by its system code only (`ECONNREFUSED`): its message could quote anything.
function failureOf(error: unknown): string {
  const cause = error instanceof Error ? (error.cause as { code?: unknown } | undefined) : undefined
  const code = (error as { code?: unknown } | null)?.code ?? cause?.code
  return typeof code === 'string' && /^[A-Z0-9_]{1,40}$/.test(code) ? code : error instanceof Error ? error.name : 'an error'
}

/**
 * A recorder for contract tests: its `fetch`, given to `createClient`,
 * records the client's exchanges with a server into a folder of cases,
 * replays them from it with no network at all (in either format, whatever
 * format they were recorded in), or verifies them against the live server.
 *
 * @example
 * const recorder = createRecorder({ dir: 'test/recordings/contacts', mode: 'replay' })
 * const client = createClient({ key, secret, fetch: recorder.fetch })
 * afterAll(() => recorder.close()) // fails on any miss
 */
export function createRecorder(options: RecorderOptions): Recorder {
  if (typeof options !== 'object' || options === null || typeof options.dir !== 'string' || options.dir === '') {
    throw new ValidationError([{ path: 'dir', message: 'expected the recording folder' }], {})
  }
  const mode = modeInForce(options.mode)
  const { dir } = options
  const environmentKey = globalThis.process?.env?.['ILETIMERKEZI_MASK_KEY']
  const key = options.maskKey ?? (environmentKey === '' ? undefined : environmentKey)
  const keep = typeof options.mask === 'object' && options.mask !== null ? options.mask.keep : undefined
  // One mapping for masking what is written and for binding live values at replay, so `update` keeps a value's stand-in.
  const masker = new Masker({ key, keep })
  const writing = options.mask === false ? undefined : masker
  const exchanges: RecordedExchange[] = []
  const misses: FixtureMissError[] = []
  const removed: string[] = []
  const problems: string[] = []
  let closed = false

  // Record mode: cases wait in memory until an answer shows the run reached a server that took the credentials.
  let confirmed = mode !== 'record'
  const waiting: { exchange: CaseToWrite; label: string }[] = []
  const names = new Set<string>()
  let earlier = new Map<string, Map<string, string>>()
  let refused = 0
  let unreachable: string | undefined

  // Cases are read once, on the first request (a recorder made before its folder exists still works).
  let cases: Promise<ReplayableCase[]> | undefined
  const loadCases = () =>
    (cases ??= (async () => {
      if (mode === 'record' || !existsSync(dir)) return []
      const loaded = (await Promise.all(loadFixtureCases(dir).map(replayable))).filter((entry): entry is ReplayableCase => entry !== undefined)
      // New stand-ins in `update` mode never reuse those the recording holds.
      for (const entry of loaded) for (const standIn of entry.standIns) masker.reserve(standIn)
      return loaded
    })())

  function write(exchange: CaseToWrite, label: string): void {
    // The case's name is the label's last segment: an operation's name may hold a slash (`consent/show/call-001`).
    writeCase(dir, label.slice(label.lastIndexOf('/') + 1), unchangedTime(exchange, earlier.get(label)))
  }

  async function record(operation: AnyOperation, codec: Codec, body: string, input: RequestInfo | URL, init: RequestInit | undefined): Promise<Response> {
    // Read at call time, never at import: test doubles (nock) that replace globalThis.fetch still see the request.
    // The client's own RequestInit goes on as it is (its redirect rule included).
    let answer: Response
    try {
      answer = await globalThis.fetch(input, init)
    } catch (error) {
      unreachable ??= failureOf(error)
      throw error
    }
    // A redirect (the client asks fetch not to follow one) is no answer to record: the client refuses it.
    if (isRedirect(answer)) return answer
    const text = await answer.text()
    const exchange = recordExchange({ operation, codec, requestBody: body, httpStatus: answer.status, contentType: answer.headers.get('content-type'), responseBody: text, masker: writing })
    const name = mode === 'record' ? nextCaseName(dir, operation.name, names, false) : nextCaseName(dir, operation.name, names)
    const label = `${operation.name}/${name}`
    names.add(label)
    const toWrite: CaseToWrite = { ...exchange, operation: operation.name, format: codec.format, recordedAt: new Date().toISOString(), maskKey: writing?.keyId }
    if (!confirmed && refusesCredentials(codec, operation, { status: answer.status, text })) {
      refused++
      waiting.push({ exchange: toWrite, label })
    } else {
      if (!confirmed) {
        // The run is good: the earlier recording goes (its times kept for cases that did not change), this one's cases come.
        earlier = readRecordedCases(dir)
        removed.push(...clearRecordedCases(dir))
        confirmed = true
        for (const held of waiting.splice(0)) write(held.exchange, held.label)
      }
      write(toWrite, label)
    }
    if (mode === 'update') {
      const added = await replayable(loadFixtureCases(dir).find((fixture) => `${fixture.operation}/${fixture.name}` === label)!)
      if (added) (await loadCases()).push({ ...added, used: true })
    }
    exchanges.push({ operation: operation.name, format: codec.format, case: label, action: 'recorded', httpStatus: answer.status })
    return new Response(emptyStatus(answer.status) ? null : text, {
      status: answer.status,
      // A Response's statusText is bytes: the phrase goes back as it came on the wire, which the client's transport reads as UTF-8.
      statusText: writeReasonPhrase(answer.statusText),
      headers: { 'content-type': answer.headers.get('content-type') ?? codec.contentType },
    })
  }

  // The recorded case this request matches, or the miss it is.
  async function match(operation: AnyOperation, codec: Codec, body: string): Promise<{ entry: ReplayableCase; unchecked: string[] } | FixtureMissError> {
    const live = requestLeaves(codec.decodeRequest(body, []))
    const candidates = (await loadCases()).filter((entry) => entry.fixture.operation === operation.name)
    let nearest: { entry: ReplayableCase; differences: string[] } | undefined
    let chosen: { entry: ReplayableCase; comparison: ReturnType<typeof compareRequests> } | undefined
    for (const entry of candidates) {
      const sameKey = masker.keyId !== undefined && entry.fixture.source === 'recorded' && entry.fixture.maskKey === masker.keyId
      const comparison = compareRequests(live, entry.leaves, { masker, sameKey })
      if (comparison.differences.length > 0) {
        if (nearest === undefined || comparison.differences.length < nearest.differences.length) nearest = { entry, differences: comparison.differences }
        continue
      }
      // Identical requests are answered in the order they were recorded; the last one answers again.
      if (chosen === undefined || chosen.entry.used) chosen = { entry, comparison }
      if (!entry.used) break
    }
    if (chosen === undefined) {
      return new FixtureMissError({ operation: operation.name, format: codec.format, nearest: nearest?.entry.label, differences: nearest?.differences ?? [], dir })
    }
    for (const [identity, standIn] of chosen.comparison.binds) masker.bind(identity, standIn)
    chosen.entry.used = true
    return { entry: chosen.entry, unchecked: chosen.comparison.unchecked }
  }

  async function replay(operation: AnyOperation, codec: Codec, body: string): Promise<Response | FixtureMissError> {
    const found = await match(operation, codec, body)
    if (found instanceof FixtureMissError) return found
    const { fixture } = found.entry
    const httpStatus = fixture.httpStatuses[0] ?? 200
    exchanges.push({
      operation: operation.name,
      format: codec.format,
      case: found.entry.label,
      action: 'replayed',
      httpStatus,
      ...(found.unchecked.length === 0 ? {} : { unchecked: found.unchecked }),
    })
    const text = await answerInFormat(fixture, operation, codec)
    const contentType = (fixture.source === 'recorded' ? fixture.contentType : undefined) ?? codec.contentType
    return new Response(emptyStatus(httpStatus) ? null : text, { status: httpStatus, headers: { 'content-type': contentType } })
  }

  async function verify(operation: AnyOperation, codec: Codec, body: string, input: RequestInfo | URL, init: RequestInit | undefined): Promise<Response> {
    const found = await match(operation, codec, body)
    const answer = await globalThis.fetch(input, init)
    // Nor one to compare: handed back as it came (its Location included), for the client to refuse.
    if (isRedirect(answer)) {
      if (found instanceof FixtureMissError) misses.push(found)
      return answer
    }
    const text = await answer.text()
    const reply = new Response(emptyStatus(answer.status) ? null : text, {
      status: answer.status,
      statusText: writeReasonPhrase(answer.statusText),
      headers: { 'content-type': answer.headers.get('content-type') ?? codec.contentType },
    })
    if (found instanceof FixtureMissError) {
      misses.push(found)
      return reply
    }
    const { fixture } = found.entry
    if (refusesCredentials(codec, operation, { status: answer.status, text })) {
      problems.push(`${found.entry.label}: not verified, the server refused the credentials (HTTP ${answer.status})`)
      return reply
    }
    // In its own format a case is held to the wire shape; recorded in the other, to the client's outcome.
    const drift =
      fixture.response[codec.format] !== undefined
        ? answerDrift(codec, operation, { status: fixture.httpStatuses[0] ?? 200, text: fixture.response[codec.format]! }, { status: answer.status, text })
        : outcomeDrift(fixture.expected, outcomeOf(operation, codec, codec.decodeRequest(body, []), answer.status, text))
    exchanges.push({ operation: operation.name, format: codec.format, case: found.entry.label, action: 'verified', httpStatus: answer.status, drift })
    if (drift.length > 0) problems.push(`${found.entry.label} (${codec.format}) drifted: ${drift.map(describeDrift).join('; ')}`)
    return reply
  }

  const recorderFetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    if (closed) throw new Error('this recorder is closed')
    const url = input instanceof Request ? input.url : String(input)
    const body = await bodyText(input, init)
    const endpoint = await endpointOf(url)
    if (endpoint === undefined) {
      if (mode === 'record' || mode === 'verify') return globalThis.fetch(input, init)
      throw new Error(`the recorder knows no operation at ${new URL(url).pathname}`)
    }
    const { operation, codec } = endpoint
    if (mode === 'record') return record(operation, codec, body, input, init)
    if (mode === 'verify') return verify(operation, codec, body, input, init)
    const replayed = await replay(operation, codec, body)
    if (!(replayed instanceof FixtureMissError)) return replayed
    if (mode === 'update') return record(operation, codec, body, input, init)
    misses.push(replayed)
    throw replayed
  }

  return {
    fetch: recorderFetch as typeof globalThis.fetch,
    mode,
    exchanges,
    misses,
    removed,
    close: async () => {
      closed = true
      if (mode === 'record' && !confirmed && (refused > 0 || unreachable !== undefined)) {
        const why =
          refused > 0
            ? `every answer (${refused}) was an authentication failure (401/403): check the key and secret`
            : `no answer came back from the server (${unreachable})`
        problems.push(`the earlier recording in ${dir} was kept, nothing was written: ${why}`)
      }
      if (misses.length > 0 && problems.length === 0) {
        const [first] = misses
        throw misses.length === 1 ? first! : new FixtureMissError({ operation: first!.operation!, format: first!.format!, nearest: first!.nearest, differences: first!.differences, dir }, misses)
      }
      if (problems.length > 0 || misses.length > 0) {
        throw new IletiMerkeziError(`iletimerkezi recorder (${mode}, ${dir}):\n${[...problems, ...misses.map((miss) => miss.message)].map((line) => `- ${line}`).join('\n')}`)
      }
    },
  }
}

// Statuses whose answers carry no body (a Response refuses one).
function emptyStatus(status: number): boolean {
  return status === 204 || status === 205 || status === 304
}

// A redirect the client asked fetch not to follow: a 3xx, or a browser's opaque answer.
function isRedirect(answer: Response): boolean {
  return answer.type === 'opaqueredirect' || (answer.status >= 300 && answer.status < 400)
}
