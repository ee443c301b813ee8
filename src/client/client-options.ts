import * as v from 'valibot'
import type { Format } from '../errors/index.js'
import { formats } from '../codec/load-codec.js'
import type { ClientHooks } from './hooks.js'

/** Options of {@link createClient} besides the credentials. */
export interface ClientSettings<F extends Format = Format> {
  /** The API key from the panel (Settings → API). */
  key: string
  /** The protocol: `'json'` (default) or `'xml'`. Nothing else changes between them. */
  format?: F
  /**
   * Default `https://api.iletimerkezi.com/v1`. `http://` is refused except
   * for loopback hosts; a URL holding a user name or password is refused.
   */
  baseUrl?: string
  /** Milliseconds per attempt, the whole answer read included; default 30 000; 0 turns the timeout off. */
  timeout?: number
  /**
   * Extra attempts for reads on network errors (timeouts included), 408,
   * 429 and 5xx; default 2. Operations that change data are never retried
   * unless a call passes its own `retry`.
   */
  retry?: number
  /**
   * The largest answer body read, in bytes after decompression; default
   * 5 MiB (5 242 880). A longer body is a `ProtocolError`, found while
   * streaming: the rest is never downloaded.
   */
  maxResponseBytes?: number
  /** The `fetch` to use; default the global one, looked up at each call. */
  fetch?: typeof globalThis.fetch
  /** Observers of every call (logs, metrics); see {@link ClientHooks}. Default none. */
  hooks?: ClientHooks
}

/** The credential besides the key: the secret, or a hash computed elsewhere; one of them, not both. */
export type ClientCredential =
  | {
      /** The secret key from the panel; the hash is derived from key and secret. Give this or `hash`. */
      secret: string
      /** Not with `secret`: give one or the other. */
      hash?: never
    }
  | {
      /** A hash computed elsewhere (the panel shows one). Give this or `secret`. */
      hash: string
      /** Not with `hash`: give one or the other. */
      secret?: never
    }

/**
 * Options of {@link createClient}: `key`, then `secret` or `hash` (one of
 * them), the rest optional. An option not listed here is refused, by the
 * compiler and at run time.
 */
export type ClientOptions<F extends Format = Format> = ClientSettings<F> & ClientCredential

/** Options of one call, as its last argument. */
export interface CallOptions {
  /** Aborts the call; the promise rejects with an `AbortError` and nothing more is sent. */
  signal?: AbortSignal
  /** Milliseconds per attempt for this call; default the client's `timeout`; 0 turns it off. */
  timeout?: number
  /**
   * Extra attempts for this call; default the client's `retry` for reads.
   * Operations that change data default to 0 whatever the client says:
   * passing this is the caller's explicit opt-in.
   */
  retry?: number
}

const loopbackHost = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])$/i

const nonNegativeInteger = v.pipe(v.number('expected a number'), v.safeInteger('expected a whole number'), v.minValue(0, 'cannot be negative'))
const positiveInteger = v.pipe(v.number('expected a number'), v.safeInteger('expected a whole number'), v.minValue(1, 'must be at least 1'))
// Checks written with the functions the other schemas use (check, custom), not nonEmpty or function:
// valibot is one module, and each function any schema names is in every app's first download.
const isFunction = (value: unknown): value is (...args: never[]) => unknown => typeof value === 'function'
const hook = v.optional(v.custom<(...args: never[]) => unknown>(isFunction, 'expected a function'))

/** The default of {@link ClientOptions.maxResponseBytes}: far above the largest page the provider sends. */
export const defaultMaxResponseBytes = 5 * 1024 * 1024
const credential = v.pipe(v.string('expected a string'), v.check((text) => text !== '', 'cannot be empty'))

const baseUrl = v.pipe(
  v.string('expected a URL'),
  v.check((text) => URL.canParse(text), 'is not a URL'),
  v.check((text) => {
    if (!URL.canParse(text)) return true // said by the check above
    const url = new URL(text)
    return url.protocol === 'https:' || (url.protocol === 'http:' && loopbackHost.test(url.hostname))
  }, 'must be https:// (http:// only to localhost, 127.0.0.0/8 or ::1)'),
  // fetch refuses such URLs anyway, and its error would quote the password.
  v.check((text) => !URL.canParse(text) || (new URL(text).username === '' && new URL(text).password === ''), 'must not hold a user name or password'),
)

const optionEntries = {
  key: credential,
  secret: v.optional(credential),
  hash: v.optional(credential),
  format: v.optional(v.picklist(formats, `must be one of ${formats.join(', ')}`), 'json'),
  baseUrl: v.optional(baseUrl, 'https://api.iletimerkezi.com/v1'),
  timeout: v.optional(nonNegativeInteger, 30_000),
  retry: v.optional(nonNegativeInteger, 2),
  maxResponseBytes: v.optional(positiveInteger, defaultMaxResponseBytes),
  fetch: v.optional(v.custom<typeof globalThis.fetch>(isFunction, 'expected a fetch function')),
  // Strict: a misspelt hook name would otherwise be a hook that silently never runs.
  hooks: v.optional(
    v.strictObject({ onRequest: hook, onResponse: hook, onRetry: hook, onError: hook }, 'expected an object of hook functions (onRequest, onResponse, onRetry, onError)'),
  ),
}
const optionsObject = v.object(optionEntries)
const optionNames = Object.keys(optionEntries)

function isOptionsObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/**
 * The client's options, checked as a whole: every problem is reported at
 * once (a missing key, neither secret nor hash, an unknown option named),
 * not the first one only.
 */
export const clientOptionsSchema = v.pipe(
  v.unknown(),
  v.rawTransform(({ dataset, addIssue, NEVER }): v.InferOutput<typeof optionsObject> => {
    const options = dataset.value
    if (!isOptionsObject(options)) {
      addIssue({ message: 'expected an options object such as { key, secret }' })
      return NEVER
    }
    const at = (key: string): [v.ObjectPathItem] => [{ type: 'object', origin: 'value', input: options, key, value: options[key] }]
    for (const name of Object.keys(options)) {
      if (!optionNames.includes(name)) addIssue({ message: `unknown option (the options are ${optionNames.join(', ')})`, path: at(name) })
    }
    const parsed = v.safeParse(optionsObject, options)
    // valibot says "Invalid key: Expected \"key\" but received undefined"; this says what to do.
    for (const issue of parsed.issues ?? []) addIssue({ message: issue.input === undefined && issue.kind === 'schema' && issue.type === 'object' ? 'is missing' : issue.message, path: issue.path as [v.IssuePathItem] })
    const given = (name: 'secret' | 'hash') => options[name] !== undefined
    if (given('secret') && given('hash')) addIssue({ message: 'give either secret or hash, not both' })
    if (!given('secret') && !given('hash')) addIssue({ message: 'give secret (or hash): one of them is needed besides key' })
    return parsed.success ? parsed.output : NEVER
  }),
)

export const callOptionsSchema = v.optional(
  v.object({
    // Duck-typed: signals from another realm or a polyfill are signals too.
    signal: v.optional(v.custom<AbortSignal>((value) => typeof (value as AbortSignal | null)?.aborted === 'boolean' && typeof (value as AbortSignal).addEventListener === 'function', 'expected an AbortSignal')),
    timeout: v.optional(nonNegativeInteger),
    retry: v.optional(nonNegativeInteger),
  }, 'expected an options object'),
  {},
)
