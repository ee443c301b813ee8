import type { Format, IletiMerkeziError } from '../errors/index.js'

/** What every hook event says about the call it belongs to. No event holds a body, the key's hash or the secret. */
export interface CallEvent {
  /** The endpoint, e.g. `'get-contact'`. */
  operation: string
  /** The protocol the call uses: the client's `format`. */
  format: Format
  /** The attempt this event is about, from 1; 0 in an {@link CallErrorEvent} when nothing was sent. */
  attempt: number
  /** The endpoint's URL, a credential in it cut out; `undefined` in an {@link CallErrorEvent} when the call was refused before one was made. */
  url: string | undefined
}

/** An attempt is about to be sent. */
export interface RequestEvent extends CallEvent {
  url: string
}

/** An answer arrived, whatever its status. */
export interface ResponseEvent extends CallEvent {
  url: string
  /** The HTTP status of the answer. */
  httpStatus: number
  /** The provider's status code in the body (`200` on success), or `undefined` when the body holds none. */
  code: number | undefined
  /** Milliseconds from sending this attempt to having read its whole answer. */
  durationMs: number
}

/** An attempt failed and another will follow after `delayMs`. */
export interface RetryEvent extends CallEvent {
  url: string
  /** Why the attempt failed (already redacted, as every error of this library). */
  error: IletiMerkeziError
  /** The HTTP status, where an answer arrived. */
  httpStatus: number | undefined
  /** The provider's status code, where there is one. */
  code: number | undefined
  /** Milliseconds the failed attempt took. */
  durationMs: number
  /** Milliseconds until the next attempt: the server's `Retry-After` (capped) or backoff with jitter. */
  delayMs: number
}

/** The call failed for good; this is the error its promise rejects with. Once a call, never for a success. */
export interface CallErrorEvent extends CallEvent {
  /** The error the call's promise rejects with (already redacted). */
  error: IletiMerkeziError
  /** The HTTP status, where an answer arrived. */
  httpStatus: number | undefined
  /** The provider's status code, where there is one. */
  code: number | undefined
  /** Milliseconds the whole call took: every attempt and every wait. */
  durationMs: number
}

/**
 * Optional observers of every call, for logs, metrics and traces. They are
 * called synchronously and must not be relied on to change anything: a hook
 * that throws (or returns a promise that rejects) is ignored, and the call
 * goes on as if it were not there. Events carry no request or response body.
 *
 * @example
 * createClient({ key, secret, hooks: {
 *   onResponse: (event) => metrics.timing(`iletimerkezi.${event.operation}`, event.durationMs),
 *   onError: (event) => log.warn({ operation: event.operation, code: event.code }, event.error.message),
 * } })
 */
export interface ClientHooks {
  /** Before each attempt is sent. */
  onRequest?(event: RequestEvent): void
  /** When an attempt's answer has been read, whatever its status. */
  onResponse?(event: ResponseEvent): void
  /** When a failed attempt will be retried, before the wait. */
  onRetry?(event: RetryEvent): void
  /** When a call rejects, once, whatever the error (input refused, network, provider, protocol). */
  onError?(event: CallErrorEvent): void
}

interface EventOf {
  onRequest: RequestEvent
  onResponse: ResponseEvent
  onRetry: RetryEvent
  onError: CallErrorEvent
}

/** Calls one hook, if given, shielding the call from whatever it does. */
export function emit<Name extends keyof ClientHooks>(hooks: ClientHooks | undefined, name: Name, event: EventOf[Name]): void {
  const hook = hooks?.[name] as ((event: EventOf[Name]) => unknown) | undefined
  if (hook === undefined) return
  try {
    // A copy for each hook: one observer cannot change what the next one sees.
    const returned = hook.call(hooks, Object.freeze({ ...event }) as unknown as EventOf[Name])
    if (typeof (returned as Promise<unknown> | undefined)?.then === 'function') (returned as Promise<unknown>).then(undefined, () => {})
  } catch {
    // An observer's failure is not the call's.
  }
}
