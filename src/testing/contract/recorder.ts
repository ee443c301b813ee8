import { existsSync } from 'node:fs'
import { join } from 'node:path'
import type { Codec } from '../../codec/codec.js'
import { loadCodec, resolveEndpoint } from '../../codec/load-codec.js'
import { ValidationError, type Format } from '../../errors/index.js'
import { operationsByName, type AnyOperation } from '../../operations/index.js'
import { writeReasonPhrase } from '../../transport/reason-phrase.js'
import { loadFixtureCase, loadFixtureCases, type FixtureCase } from '../fixture-cases.js'
import { FixtureFileError } from '../fixture-file-error.js'
import { clearRecordedCases, nextCaseName, writeCase } from './case-folder.js'
import { FixtureMissError } from './fixture-miss-error.js'
import { compareRequests, requestLeaves, type RequestLeaf } from './match-request.js'
import { highestSerials, Masker } from './mask.js'
import { answerInFormat } from './answer-in-format.js'
import { recordExchange } from './record-exchange.js'

/**
 * What the recorder does with each request:
 * - `record`: sends it to the server and writes the exchange as a case
 *   (the folder's earlier recorded cases are removed before the first one
 *   is written: a re-recording never leaves stale cases beside new ones);
 * - `replay`: answers from the recorded cases; nothing goes out;
 * - `update`: replays what is recorded, records what is missing.
 */
export type RecorderMode = 'record' | 'replay' | 'update'

/** Options of {@link createRecorder}. */
export interface RecorderOptions {
  /** The recording folder (one per test file): `<dir>/<operation>/<case>/`, the layout of `fixtures/`. */
  dir: string
  /** What to do with requests; `ILETIMERKEZI_FIXTURES=record|replay|update` overrides it. */
  mode: RecorderMode
  /**
   * Replace personal data (phone numbers, names, surnames, e-mail
   * addresses, message texts, search keywords) with stable stand-ins
   * before anything is written; default `true`. Credentials are never
   * written, whatever this says.
   */
  mask?: boolean
}

/** One request the recorder handled. */
export interface RecordedExchange {
  /** The endpoint: `'get-contact'`. */
  operation: string
  /** The format the client asked in. */
  format: Format
  /** The case that answered it or was written for it: `'get-contact/call-001'`. */
  case: string
  /** `'recorded'`: sent to the server and written; `'replayed'`: answered from the folder. */
  action: 'recorded' | 'replayed'
  /** The HTTP status the client got. */
  httpStatus: number
}

/** A recorder: give its `fetch` to `createClient`. */
export interface Recorder {
  /** The `fetch` option for `createClient({ …, fetch: recorder.fetch })`. */
  fetch: typeof globalThis.fetch
  /** The mode in force, after `ILETIMERKEZI_FIXTURES`. */
  mode: RecorderMode
  /** Every request handled so far, in order. */
  exchanges: RecordedExchange[]
  /** Recorded cases removed from the folder by `record` mode (stale from an earlier recording). */
  removed: string[]
  /** Ends the session: later requests are refused. Every case is already on disk, whole. */
  close(): Promise<void>
}

const modes: readonly RecorderMode[] = ['record', 'replay', 'update']

function modeInForce(given: unknown): RecorderMode {
  const fromEnvironment = globalThis.process?.env?.['ILETIMERKEZI_FIXTURES']
  const mode = fromEnvironment !== undefined && fromEnvironment !== '' ? fromEnvironment : given
  if (!modes.includes(mode as RecorderMode)) {
    const where = mode === fromEnvironment ? 'ILETIMERKEZI_FIXTURES' : 'mode'
    throw new ValidationError([{ path: where, message: `expected record, replay or update (got ${JSON.stringify(mode)})` }], {})
  }
  return mode as RecorderMode
}

// The endpoint a URL names, whatever the base URL: `…/v1/get-contact/json` or `…/v1/get-contact`.
async function endpointOf(url: string): Promise<{ operation: AnyOperation; codec: Codec } | undefined> {
  const segments = new URL(url).pathname.split('/').filter((segment) => segment !== '')
  for (const path of [segments.slice(-2).join('/'), segments.slice(-1).join('/')]) {
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
  return { fixture, label: `${fixture.operation}/${fixture.name}`, leaves: requestLeaves(content), used: false }
}

/**
 * A recorder for contract tests: its `fetch`, given to `createClient`,
 * records the client's exchanges with a server into a folder of cases, or
 * replays them from it with no network at all, in either format whatever
 * format they were recorded in.
 *
 * @example
 * const recorder = createRecorder({ dir: 'test/recordings/contacts', mode: 'replay' })
 * const client = createClient({ key, secret, fetch: recorder.fetch })
 */
export function createRecorder(options: RecorderOptions): Recorder {
  if (typeof options !== 'object' || options === null || typeof options.dir !== 'string' || options.dir === '') {
    throw new ValidationError([{ path: 'dir', message: 'expected the recording folder' }], {})
  }
  const mode = modeInForce(options.mode)
  const { dir } = options
  const masker = options.mask === false ? undefined : new Masker()
  // Replay bindings and record masking share one mapping, so `update` keeps a live value's stand-in.
  const bindings = masker ?? new Masker()
  const exchanges: RecordedExchange[] = []
  const removed: string[] = []
  let cleared = mode !== 'record'
  let closed = false

  // Cases are read once, on the first request (a recorder made before its folder exists still works).
  let cases: Promise<ReplayableCase[]> | undefined
  const loadCases = () =>
    (cases ??= (async () => {
      if (mode === 'record' || !existsSync(dir)) return []
      const loaded = loadFixtureCases(dir)
      // New stand-ins in `update` mode continue after those the recording holds.
      for (const fixture of loaded) {
        const texts = [...Object.values(fixture.request), ...Object.values(fixture.response)].join('\n')
        for (const [kind, serial] of highestSerials(texts)) masker?.reserve(kind, serial)
      }
      return (await Promise.all(loaded.map(replayable))).filter((entry): entry is ReplayableCase => entry !== undefined)
    })())

  async function record(operation: AnyOperation, codec: Codec, body: string, input: RequestInfo | URL, init: RequestInit | undefined): Promise<Response> {
    // Read at call time, never at import: test doubles (nock) that replace globalThis.fetch still see the request.
    const answer = await globalThis.fetch(input, init)
    // A redirect (the client asks fetch not to follow one) is no answer to record: the client refuses it.
    if (answer.type === 'opaqueredirect' || (answer.status >= 300 && answer.status < 400)) return answer
    const text = await answer.text()
    if (!cleared) {
      removed.push(...clearRecordedCases(dir))
      cleared = true
    }
    const name = nextCaseName(dir, operation.name)
    const exchange = recordExchange({ operation, codec, requestBody: body, httpStatus: answer.status, statusText: answer.statusText, responseBody: text, masker })
    writeCase(dir, name, { ...exchange, operation: operation.name, format: codec.format, recordedAt: new Date().toISOString() })
    if (mode === 'update') {
      const added = await replayable(loadFixtureCase(operation.name, name, dir))
      if (added) (await loadCases()).push({ ...added, used: true })
    }
    exchanges.push({ operation: operation.name, format: codec.format, case: `${operation.name}/${name}`, action: 'recorded', httpStatus: answer.status })
    return new Response(emptyStatus(answer.status) ? null : text, {
      status: answer.status,
      // A Response's statusText is bytes: the phrase goes back as it came on the wire, which the client's transport reads as UTF-8.
      statusText: writeReasonPhrase(answer.statusText),
      headers: { 'content-type': answer.headers.get('content-type') ?? codec.contentType },
    })
  }

  async function replay(operation: AnyOperation, codec: Codec, body: string): Promise<Response | FixtureMissError> {
    const content = codec.decodeRequest(body, [])
    const live = requestLeaves(content)
    const candidates = (await loadCases()).filter((entry) => entry.fixture.operation === operation.name)
    let nearest: { entry: ReplayableCase; differences: string[] } | undefined
    let chosen: { entry: ReplayableCase; binds: ReturnType<typeof compareRequests>['binds'] } | undefined
    for (const entry of candidates) {
      const { differences, binds } = compareRequests(live, entry.leaves, bindings)
      if (differences.length > 0) {
        if (nearest === undefined || differences.length < nearest.differences.length) nearest = { entry, differences }
        continue
      }
      // Identical requests are answered in the order they were recorded; the last one answers again.
      if (chosen === undefined || chosen.entry.used) chosen = { entry, binds }
      if (!entry.used) break
    }
    if (chosen === undefined) {
      return new FixtureMissError({ operation: operation.name, format: codec.format, nearest: nearest?.entry.label, differences: nearest?.differences ?? [], dir })
    }
    for (const [kind, identity, serial] of chosen.binds) bindings.bind(kind, identity, serial)
    chosen.entry.used = true
    const { fixture } = chosen.entry
    const httpStatus = fixture.httpStatuses[0] ?? 200
    exchanges.push({ operation: operation.name, format: codec.format, case: chosen.entry.label, action: 'replayed', httpStatus })
    const text = await answerInFormat(fixture, operation, codec)
    return new Response(emptyStatus(httpStatus) ? null : text, { status: httpStatus, headers: { 'content-type': codec.contentType } })
  }

  const recorderFetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    if (closed) throw new Error('this recorder is closed')
    const url = input instanceof Request ? input.url : String(input)
    const body = await bodyText(input, init)
    const endpoint = await endpointOf(url)
    if (endpoint === undefined) {
      if (mode === 'record') return globalThis.fetch(input, init)
      throw new Error(`the recorder knows no operation at ${new URL(url).pathname}`)
    }
    const { operation, codec } = endpoint
    if (mode === 'record') return record(operation, codec, body, input, init)
    const replayed = await replay(operation, codec, body)
    if (!(replayed instanceof FixtureMissError)) return replayed
    if (mode === 'update') return record(operation, codec, body, input, init)
    throw replayed
  }

  return {
    fetch: recorderFetch as typeof globalThis.fetch,
    mode,
    exchanges,
    removed,
    close: async () => {
      closed = true
    },
  }
}

// Statuses whose answers carry no body (a Response refuses one).
function emptyStatus(status: number): boolean {
  return status === 204 || status === 205 || status === 304
}
