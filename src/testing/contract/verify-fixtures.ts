import { computeHash } from '../../client/auth-hash.js'
import { clientOptionsSchema } from '../../client/client-options.js'
import { loadCodec } from '../../codec/load-codec.js'
import type { Format } from '../../errors/index.js'
import { operationsByName } from '../../operations/index.js'
import { validate } from '../../schemas/validate.js'
import { post } from '../../transport/post.js'
import { loadFixtureCases, type FixtureCase } from '../fixture-cases.js'
import { shapeDrift, type Drift } from './shape-drift.js'

/** Options of {@link verifyFixtures}: where the recordings are and the account to ask. */
export interface VerifyFixturesOptions {
  /** The recording folder (or any folder of cases). */
  dir: string
  /** The API base URL; default the provider's. */
  baseUrl?: string
  /** The API key. */
  key: string
  /** The secret, or instead the `hash`. */
  secret?: string
  /** The hash the panel shows, instead of the secret. */
  hash?: string
  /** Re-send the recorded writes too (contacts created, SMS sent…); default `false`: reads only. */
  allowWrites?: boolean
  /** Milliseconds per request; default 30000. */
  timeout?: number
  /** A `fetch` to send with, as for `createClient`. */
  fetch?: typeof globalThis.fetch
}

/** One case as verified. */
export interface VerifiedCase {
  /** The endpoint: `'get-contact'`. */
  operation: string
  /** The case's folder name: `'call-001'`. */
  name: string
  /** The format the case was sent in (a case runs in each format it holds). */
  format: Format
  /** What changed in the answer's shape; empty when nothing did. */
  drift: Drift[]
  /** Why the case was not sent: `'write'` (a write, without `allowWrites`) or `'no-request'` (nothing on the wire to send). */
  skipped?: 'write' | 'no-request'
}

/** What {@link verifyFixtures} found. */
export interface VerifyReport {
  /** Every case, in the folder's order, once per format it holds. */
  cases: VerifiedCase[]
  /** How many cases drifted (0: the recordings still hold). */
  drifted: number
}

const placeholderKey = '{{key}}'
const placeholderHash = '{{hash}}'

/**
 * Re-sends every recorded read of a folder to the server and reports, case
 * by case, what changed in the answer's shape: fields added or gone, a
 * value's type, the status. Values that differ in the same shape are not
 * drift (a balance moves, a report fills). Writes are skipped unless
 * `allowWrites`. A request holds the recording's stand-ins where it held
 * personal data: the server is asked about those, and answers of the same
 * shape.
 *
 * @example
 * const report = await verifyFixtures({ dir: 'test/recordings', key, secret })
 * if (report.drifted > 0) console.table(report.cases.filter((c) => c.drift.length > 0))
 */
export async function verifyFixtures(options: VerifyFixturesOptions): Promise<VerifyReport> {
  // The client's own checks: a base URL it would refuse (plain http to a remote host) is refused here too.
  const settings = validate(clientOptionsSchema, { key: options.key, secret: options.secret, hash: options.hash, baseUrl: options.baseUrl, timeout: options.timeout, fetch: options.fetch }, {})
  const hash = settings.hash ?? (await computeHash(settings.key, settings.secret!))
  const secrets = [hash, ...(settings.secret === undefined ? [] : [settings.secret])]
  const baseUrl = settings.baseUrl.replace(/\/+$/, '')
  const cases: VerifiedCase[] = []
  for (const fixture of loadFixtureCases(options.dir)) {
    for (const format of fixture.formats) cases.push(await verifyCase(fixture, format))
  }
  return { cases, drifted: cases.filter((verified) => verified.drift.length > 0).length }

  async function verifyCase(fixture: FixtureCase, format: Format): Promise<VerifiedCase> {
    const operation = operationsByName[fixture.operation]!
    const verified: VerifiedCase = { operation: fixture.operation, name: fixture.name, format, drift: [] }
    const request = fixture.request[format]
    const recordedBody = fixture.response[format]
    if (request === undefined || recordedBody === undefined) return { ...verified, skipped: 'no-request' }
    if (!operation.safeToRetry && options.allowWrites !== true) return { ...verified, skipped: 'write' }
    const codec = await loadCodec(format)
    const answer = await post({
      url: `${baseUrl}/${codec.pathFor(operation.name)}`,
      body: request.replaceAll(placeholderKey, settings.key).replaceAll(placeholderHash, hash),
      contentType: codec.contentType,
      timeout: settings.timeout,
      maxResponseBytes: settings.maxResponseBytes,
      signal: undefined,
      fetch: settings.fetch as typeof globalThis.fetch | undefined,
      context: { operation: operation.name, format },
      secrets,
    })
    const drift: Drift[] = []
    const recordedStatus = fixture.httpStatuses[0] ?? 200
    if (answer.status !== recordedStatus) drift.push({ kind: 'status', path: '(http)', recorded: String(recordedStatus), now: String(answer.status) })
    const recorded = decoded(() => codec.decodeResponse(recordedBody, operation.lists).body)
    const now = decoded(() => codec.decodeResponse(answer.text, operation.lists).body)
    if (recorded !== undefined && now === undefined) drift.push({ kind: 'unreadable', path: '(body)', recorded: format, now: 'not readable' })
    else if (recorded === undefined && now !== undefined) drift.push({ kind: 'type', path: '(body)', recorded: 'not readable', now: format })
    else if (recorded !== undefined && now !== undefined) drift.push(...shapeDrift(recorded, now))
    return { ...verified, drift }
  }
}

function decoded(read: () => unknown): unknown {
  try {
    return read()
  } catch {
    return undefined
  }
}
