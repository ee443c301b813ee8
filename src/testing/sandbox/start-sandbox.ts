import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { computeHash } from '../../client/auth-hash.js'
import { DecodeFailure, type Codec } from '../../codec/codec.js'
import { loadCodec, resolveEndpoint } from '../../codec/load-codec.js'
import type { Format } from '../../errors/index.js'
import { statusMessages, StatusCode } from '../../status/status-codes.js'
import { writeReasonPhrase } from '../../transport/reason-phrase.js'
import type { WireTree } from '../../wire/tree.js'
import { accountRefusal } from './account.js'
import { encodeBody } from './compression.js'
import { defaultSeed } from './default-seed.js'
import { FaultSwitches, type Fault } from './faults.js'
import { getVariantPath, getVariantTree } from './get-variant.js'
import { handlers } from './handlers/index.js'
import { PlayedAnswers, type AnswerWithOptions } from './answer-with.js'
import type { FixtureCase } from '../fixture-cases.js'
import type { HandlerReply } from './handlers/handler.js'
import { legacyTree } from './legacy-shapes.js'
import { RateLimiter } from './rate-limit.js'
import { textAt, type RequestTree } from './read-request.js'
import { readSettings, type SandboxSettings } from './settings.js'
import { createStore, type SandboxSeed, type SandboxStore } from './store.js'
import { readAllowedHosts, webPageGuard } from './web-page-guard.js'
import { checkWebhookOptions, WebhookSender, type SandboxWebhookOptions, type WebhookDelivery } from './webhook-sender.js'

/**
 * Options of {@link startSandbox}; every one has a default. Besides these,
 * the account settings and production behaviours of {@link SandboxSettings}
 * (`backend`, `duplicateOrders`, `rateLimit`, `compression`, `apiAccess`,
 * `allowedIps`, `iysConfigured`, `iysConsentCheck`) start as given here and can be switched
 * later in `sandbox.store.settings`. A wrong value is a `ValidationError`
 * naming the option.
 */
export interface SandboxOptions extends Partial<SandboxSettings> {
  /** The API key the sandbox accepts; default `'sandbox-key'`. */
  key?: string
  /** The secret it derives the accepted hash from; default `'sandbox-secret'`. */
  secret?: string
  /** The accepted hash, instead of one derived from `secret`. */
  hash?: string
  /** The account's starting data; each part given replaces the default seed's. */
  seed?: SandboxSeed
  /** The port on 127.0.0.1; default a free one. */
  port?: number
  /**
   * Host names besides loopback ones (`localhost`, `127.0.0.0/8`, `[::1]`
   * with the sandbox's port) that requests may be addressed to, e.g. a
   * container's name; `true` for any. Others, and requests from web pages on
   * other sites, are refused with 403 (a guard against DNS rebinding).
   */
  allowedHosts?: readonly string[] | true
  /**
   * POST each sent message's delivery reports here, as the provider does to
   * the webhook set in its panel (`accepted`, then `delivered` or
   * `undelivered`), with the timing, outcomes and retries given.
   */
  webhook?: SandboxWebhookOptions
}

/** One request as the sandbox saw it. */
export interface SandboxRequest {
  /** The endpoint (`'get-sender'`), or the path asked for when it names none. */
  operation: string
  /** The format it was asked in. */
  format: Format
  /** The status code answered (in the body and the HTTP status line), or `'reset'`. */
  status: number | 'reset'
  /** The fault put on this request, if one was. */
  fault?: Fault['kind']
}

/**
 * A running sandbox: where it listens, what it accepts, its account, its
 * fault switches. `Secret` is `string` for a sandbox started with a secret
 * (the default) and `undefined` for one started with a `hash`.
 */
export interface Sandbox<Secret extends string | undefined = string> {
  /** The base URL to give `createClient`: `http://127.0.0.1:<port>/v1`. */
  url: string
  /** The API key it accepts. */
  key: string
  /** The secret, when the sandbox was not given a hash. */
  secret: Secret
  /** The hash it accepts (from `key` and `secret`, or as given). */
  hash: string
  /** The in-memory account, for tests to read and change. */
  store: SandboxStore
  /** Fault switches: delays, resets, error bursts, malformed bodies. */
  faults: FaultSwitches
  /** Every request so far, in order. */
  requests: SandboxRequest[]
  /** Stops the server and ends its connections; calling it again waits for the same close. */
  close(): Promise<void>
  /** The next request(s) for `fixtureCase`'s operation get its answer (HTTP status and body), in the request's format. */
  answerWith(fixtureCase: FixtureCase, options?: AnswerWithOptions): void
  /** Every delivery report sent to the `webhook` (none without one), in the order they were due, each with its attempts. */
  webhookDeliveries: readonly WebhookDelivery[]
  /** Resolves once no delivery report is waiting for its time or being delivered (at once without a `webhook`). */
  settleWebhooks(): Promise<void>
}

const maxBodyBytes = 5 * 1024 * 1024
// Not in the provider's status table, but what it answers over its rate limit (and the client's RateLimitError).
const tooManyRequests = 429

// The whole body, or undefined when it is over the cap or the client went away before sending it all.
// A body over the cap is drained, not cut off, so the answer (400) still reaches the client.
function readBody(request: IncomingMessage): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    request.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size <= maxBodyBytes) chunks.push(chunk)
    })
    request.on('end', () => resolve(size > maxBodyBytes ? undefined : Buffer.concat(chunks).toString('utf8')))
    request.on('close', () => resolve(undefined))
    request.on('error', reject)
  })
}


function send(request: IncomingMessage, response: ServerResponse, codec: Codec, reply: HandlerReply, settings: SandboxSettings, headers: Record<string, string> = {}): void {
  const message = reply.message ?? statusMessages[reply.code] ?? ''
  const tree: WireTree = { status: { code: reply.code, message }, ...reply.body }
  const body = codec.encodeResponse(settings.backend === 'legacy' ? legacyTree(tree) : tree)
  const { bytes, encoding } = encodeBody(body, settings.compression ? request.headers['accept-encoding'] : undefined)
  // A status outside what HTTP allows (none today) still reaches the client in the body.
  const httpStatus = reply.code >= 100 && reply.code <= 599 ? reply.code : 200
  response.writeHead(httpStatus, writeReasonPhrase(message || 'Hata'), {
    'content-type': codec.contentType,
    'content-length': String(bytes.length),
    ...(encoding === undefined ? {} : { 'content-encoding': encoding, vary: 'Accept-Encoding' }),
    ...reply.headers,
    ...headers,
  })
  response.end(bytes)
}

// The real answer cut off halfway (a dropped proxy buffer), or the page given instead of it.
function sendMalformed(response: ServerResponse, codec: Codec, reply: HandlerReply, page: string | undefined, httpStatus: number): void {
  const whole = codec.encodeResponse({ status: { code: reply.code, message: statusMessages[reply.code] ?? '' }, ...reply.body })
  const body = page ?? whole.slice(0, Math.max(10, Math.floor(whole.length / 2)))
  response.writeHead(httpStatus, {
    'content-type': page === undefined ? codec.contentType : 'text/html; charset=utf-8',
    'content-length': String(Buffer.byteLength(body)),
  })
  response.end(body)
}

/**
 * Starts an in-process imitation of the provider on 127.0.0.1: every
 * endpoint the client has, in both formats, from an in-memory account.
 *
 * @example
 * const sandbox = await startSandbox()
 * const client = createClient({ baseUrl: sandbox.url, key: sandbox.key, secret: sandbox.secret, format: 'xml' })
 * await client.senders.list() // ['APITEST', 'eMarka']
 * await sandbox.close()
 */
export function startSandbox(options: SandboxOptions & { hash: string }): Promise<Sandbox<undefined>>
export function startSandbox(options?: SandboxOptions & { hash?: undefined }): Promise<Sandbox>
export function startSandbox(options?: SandboxOptions): Promise<Sandbox<string | undefined>>
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox<string | undefined>> {
  // Checked before anything starts: a wrong switch is refused here, not found out by a puzzling answer later.
  const settings = readSettings(options)
  const refusedWebPage = webPageGuard(readAllowedHosts(options.allowedHosts))
  if (options.webhook !== undefined) checkWebhookOptions(options.webhook)
  const key = options.key ?? 'sandbox-key'
  const secret = options.hash === undefined ? (options.secret ?? 'sandbox-secret') : undefined
  const hash = options.hash ?? (await computeHash(key, secret!))
  const store = createStore({ ...defaultSeed, ...options.seed }, settings)
  const webhook = options.webhook === undefined ? undefined : new WebhookSender(options.webhook)
  if (webhook !== undefined) {
    store.delivery = { delayMs: options.webhook!.deliveryDelayMs ?? 0, outcome: options.webhook!.outcome }
    store.onOrder = (event, order) => (event === 'placed' ? webhook.placed(order, store.now()) : webhook.cancelled(order))
  }
  const faults = new FaultSwitches(Object.keys(handlers))
  const requests: SandboxRequest[] = []
  const rateLimiter = new RateLimiter()
  const played = new PlayedAnswers()
  // Both codecs up front: the sandbox answers whichever format it is asked in.
  const [, xmlCodec] = await Promise.all([loadCodec('json'), loadCodec('xml')])

  async function serve(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const [target = '', queryText = ''] = (request.url ?? '').split('?', 2)
    const path = target.replace(/^\/v1\//, '').replace(/\/+$/, '')
    // The one GET endpoint sends an order from its query and answers in XML.
    const viaGet = request.method === 'GET' && path === getVariantPath
    const endpoint = viaGet ? { operation: 'send-sms', codec: xmlCodec } : await resolveEndpoint(path)
    const { codec } = endpoint
    const operation = request.method === 'POST' || viaGet ? endpoint.operation : undefined
    // Read first, whatever happens next: a fault never leaves a request half-read on a kept-alive connection.
    const body = await readBody(request)
    if (await played.serve(operation, codec, response, requests)) return
    const fault: Fault | undefined = faults.take(operation ?? path)
    const log = (status: SandboxRequest['status']) =>
      requests.push({ operation: operation ?? path, format: codec.format, status, ...(fault ? { fault: fault.kind } : {}) })

    if (fault?.kind === 'delay') await new Promise((resolve) => setTimeout(resolve, fault.ms))
    if (fault?.kind === 'reset') {
      log('reset')
      request.socket.destroy()
      return
    }
    if (fault?.kind === 'status') {
      const code = fault.status ?? StatusCode.ServiceUnavailable
      log(code)
      send(request, response, codec, { code }, store.settings, fault.retryAfter === undefined ? {} : { 'retry-after': String(fault.retryAfter) })
      return
    }

    const reply = answer(operation, body, codec, viaGet ? getVariantTree(new URLSearchParams(queryText)) : undefined, request.socket.remoteAddress)
    if (fault?.kind === 'malformed') {
      const httpStatus = fault.status ?? 200
      log(httpStatus)
      sendMalformed(response, codec, reply, fault.body, httpStatus)
      return
    }
    log(reply.code)
    send(request, response, codec, reply, store.settings)
  }

  // `queryTree`: the GET variant's request, read from its query instead of a body.
  function answer(operation: string | undefined, body: string | undefined, codec: Codec, queryTree: RequestTree | undefined, remoteAddress: string | undefined): HandlerReply {
    // Own keys only: a path like `/v1/toString` names no endpoint.
    const handler = operation !== undefined && Object.hasOwn(handlers, operation) ? handlers[operation] : undefined
    if (!handler) return { code: StatusCode.MethodNotFound }
    if (body === undefined) return { code: StatusCode.BadRequest }
    let tree: RequestTree
    try {
      tree = queryTree ?? codec.decodeRequest(body, [])
    } catch (error) {
      if (error instanceof DecodeFailure) return { code: StatusCode.BadRequest }
      throw error
    }
    if (textAt(tree, 'authentication.key') !== key || textAt(tree, 'authentication.hash') !== hash) return { code: StatusCode.Unauthorized }
    const refusal = accountRefusal(store.settings, remoteAddress)
    if (refusal) return refusal
    const { rateLimit } = store.settings
    const wait = rateLimit === undefined ? undefined : rateLimiter.admit(rateLimit)
    // The provider's wording for 429 is not captured; HTTP's own phrase stands in.
    if (wait !== undefined) return { code: tooManyRequests, message: 'Too Many Requests', headers: { 'retry-after': String(wait) } }
    return handler(tree, store)
  }

  const server = createServer((request, response) => {
    if (refusedWebPage(request, response)) return
    serve(request, response).catch(() => {
      if (!response.headersSent) response.writeHead(500)
      response.end()
    })
  })
  // Node's default. Below fetch's (undici's) threshold, a 1 s keep-alive made every call open a new
  // connection: slower, and unlike the provider's servers.
  server.keepAliveTimeout = 5000
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve())
  })
  const { port } = server.address() as AddressInfo
  // Once, however often it is called: a test's own close() and its afterEach may both run.
  let closing: Promise<void> | undefined
  const closeServer = () =>
    new Promise<void>((resolve, reject) => {
      server.closeAllConnections()
      server.close((error) => (error ? reject(error) : resolve()))
    })

  return {
    url: `http://127.0.0.1:${port}/v1`,
    key,
    secret,
    hash,
    store,
    faults,
    requests,
    close: () => {
      webhook?.stop()
      return (closing ??= closeServer())
    },
    answerWith: (fixtureCase, options) => played.add(fixtureCase, options),
    webhookDeliveries: webhook?.deliveries ?? [],
    settleWebhooks: () => webhook?.settle() ?? Promise.resolve(),
  }
}
