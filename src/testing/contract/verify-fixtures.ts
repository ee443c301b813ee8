import { join } from 'node:path'
import { computeHash } from '../../client/auth-hash.js'
import { clientOptionsSchema } from '../../client/client-options.js'
import type { Codec } from '../../codec/codec.js'
import { loadCodec } from '../../codec/load-codec.js'
import { apiErrorFor, type Format } from '../../errors/index.js'
import { operationsByName } from '../../operations/index.js'
import { validate } from '../../schemas/validate.js'
import { post } from '../../transport/post.js'
import { isRecord } from '../../wire/tree.js'
import { loadFixtureCases, type FixtureCase } from '../fixture-cases.js'
import { FixtureFileError } from '../fixture-file-error.js'
import { Masker, standInKey } from './mask.js'
import { requestLeaves } from './match-request.js'
import { placeholders } from './record-exchange.js'
import { answerDrift, refusesCredentials, type Drift } from './shape-drift.js'

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

/** Why a case was not sent. */
export type SkipReason = 'write' | 'no-request' | 'masked'

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
  /**
   * Why the case was not sent: `'write'` (a write, without `allowWrites`),
   * `'no-request'` (nothing on the wire to send), `'masked'` (its request
   * holds stand-ins for personal data: re-sent, it would ask about nobody).
   */
  skipped?: SkipReason
  /** The reason, said for a person, when `skipped`. */
  reason?: string
}

/** What {@link verifyFixtures} found. */
export interface VerifyReport {
  /** Every case, in the folder's order, once per format it holds. */
  cases: VerifiedCase[]
  /** How many cases drifted (0: the recordings still hold). */
  drifted: number
  /** How many cases were sent and compared (0: nothing was verified, whatever `drifted` says). */
  checked: number
}

const reasons: Readonly<Record<SkipReason, string>> = {
  write: 'a write: re-sent only with allowWrites',
  'no-request': 'no request on the wire to send',
  masked: "holds masked values: verify it with mode 'verify'",
}

/** Whether a recorded request holds stand-ins where personal data was (authentication left out). */
function holdsMaskedValues(content: Readonly<Record<string, unknown>>): boolean {
  const masker = new Masker()
  return requestLeaves(content).some((leaf) => masker.kindAt(leaf.names, leaf.text) !== undefined && standInKey(leaf.text) !== undefined)
}

/**
 * The recorded request with the credentials at the authentication element
 * and nowhere else. A placeholder anywhere else (a message text saying
 * `{{hash}}`, a comment) would send the credentials to whoever that field
 * reaches: the file is refused. The key there is `{{key}}` in a recording
 * and a stand-in (`test-key`) in a shipped case: either is swapped for the
 * account's key, and read again to be sure it landed there alone.
 */
function filledRequest(codec: Codec, file: string, recorded: string, key: string, hash: string): { body: string; content: Record<string, unknown> } {
  const refuse = (why: string) => new FixtureFileError(`${file}: ${why}; {{key}} and {{hash}} may stand only at the authentication element`, file)
  let decoded: Record<string, unknown>
  try {
    decoded = codec.decodeRequest(recorded, [])
  } catch (error) {
    throw new FixtureFileError(`${file}: not a readable ${codec.format} request (${(error as Error).message})`, file)
  }
  const { authentication, ...content } = decoded
  const auth = isRecord(authentication) ? authentication : {}
  const recordedKey = auth['key']
  const standInKey = typeof recordedKey === 'string' && recordedKey !== '' && (recordedKey === placeholders.key || !recordedKey.includes('{{'))
  if (!standInKey || auth['hash'] !== placeholders.hash) throw refuse('the authentication element does not hold {{key}} (or a stand-in key) and {{hash}}')
  if (/\{\{\s*(key|hash)\s*\}\}/i.test(JSON.stringify(content))) throw refuse('a placeholder stands outside the authentication element')
  if (JSON.stringify(content).includes(recordedKey)) throw refuse(`the key ${JSON.stringify(recordedKey)} stands outside the authentication element too`)
  const body = recorded.replaceAll(recordedKey, key).replaceAll(placeholders.hash, hash)
  // Read again: the credentials must have landed at the authentication element, and only there.
  const { authentication: filled, ...rest } = codec.decodeRequest(body, [])
  const landed = isRecord(filled) && filled['key'] === key && filled['hash'] === hash
  if (!landed || JSON.stringify(rest) !== JSON.stringify(content)) {
    throw refuse('a placeholder is written where the request would carry it elsewhere')
  }
  return { body, content }
}

/**
 * Re-sends every recorded read of a folder to the server and reports, case
 * by case, what changed in the answer's shape: fields added or gone, a
 * value's type, the status. Values that differ in the same shape are not
 * drift (a balance moves, a report fills). Writes are skipped unless
 * `allowWrites`; so is a request holding stand-ins for personal data (a
 * search for "Masked text 1" would find nobody and read as drift): those
 * are verified by running the tests with `ILETIMERKEZI_FIXTURES=verify`.
 * Throws an `AuthenticationError` when the server refuses the credentials
 * and a `NetworkError` when it cannot be reached: that is no drift, and
 * nothing was verified. A redirect is not followed: it is the client's
 * `ProtocolError`, and nothing goes to its target.
 *
 * @example
 * const report = await verifyFixtures({ dir: 'test/recordings', key, secret })
 * if (report.drifted > 0) console.table(report.cases.filter((c) => c.drift.length > 0))
 */
export async function verifyFixtures(options: VerifyFixturesOptions): Promise<VerifyReport> {
  // The client's own checks: a base URL it would refuse (plain http to a remote host) is refused here too.
  const settings = validate(clientOptionsSchema, { key: options.key, secret: options.secret, hash: options.hash, baseUrl: options.baseUrl, timeout: options.timeout, fetch: options.fetch }, {})
  const hash = settings.hash ?? (await computeHash(settings.key, settings.secret!))
  const secrets = [hash, settings.key, ...(settings.secret === undefined ? [] : [settings.secret])]
  const baseUrl = settings.baseUrl.replace(/\/+$/, '')
  const cases: VerifiedCase[] = []
  for (const fixture of loadFixtureCases(options.dir)) {
    for (const format of fixture.formats) cases.push(await verifyCase(fixture, format))
  }
  return {
    cases,
    drifted: cases.filter((verified) => verified.drift.length > 0).length,
    checked: cases.filter((verified) => verified.skipped === undefined).length,
  }

  async function verifyCase(fixture: FixtureCase, format: Format): Promise<VerifiedCase> {
    const operation = operationsByName[fixture.operation]!
    const verified: VerifiedCase = { operation: fixture.operation, name: fixture.name, format, drift: [] }
    const skip = (skipped: SkipReason): VerifiedCase => ({ ...verified, skipped, reason: reasons[skipped] })
    const request = fixture.request[format]
    const recordedBody = fixture.response[format]
    if (request === undefined || recordedBody === undefined) return skip('no-request')
    if (!operation.safeToRetry && options.allowWrites !== true) return skip('write')
    const codec = await loadCodec(format)
    const { body, content } = filledRequest(codec, join(fixture.folder, `request.${format}`), request, settings.key, hash)
    if (holdsMaskedValues(content)) return skip('masked')
    const answer = await post({
      url: `${baseUrl}/${codec.pathFor(operation.name)}`,
      body,
      contentType: codec.contentType,
      timeout: settings.timeout,
      maxResponseBytes: settings.maxResponseBytes,
      signal: undefined,
      // The client's transport: a redirect (which would carry the credentials to a host nobody named) is not
      // followed but refused, a ProtocolError naming its status and target origin.
      fetch: settings.fetch as typeof globalThis.fetch | undefined,
      context: { operation: operation.name, format },
      secrets,
    })
    const recordedStatus = fixture.httpStatuses[0] ?? 200
    // Unless the case recorded a refusal itself, a refusal now is the account's credentials, not drift.
    if (refusesCredentials(codec, operation, answer) && !refusesCredentials(codec, operation, { status: recordedStatus, text: recordedBody })) {
      throw apiErrorFor(`the server refused the credentials (HTTP ${answer.status}): nothing could be verified`, { code: 401, httpStatus: answer.status, operation: operation.name, format })
    }
    return { ...verified, drift: answerDrift(codec, operation, { status: recordedStatus, text: recordedBody }, answer) }
  }
}
