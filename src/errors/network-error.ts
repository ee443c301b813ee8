import { IletiMerkeziError, type ErrorContext } from './iletimerkezi-error.js'

/** The request did not complete: connection refused or reset, DNS failure. `cause` is the underlying error. */
export class NetworkError extends IletiMerkeziError {
  /** Always `'NetworkError'`: the class's name survives minifiers and shows in logs. */
  override name = 'NetworkError'
  /** The guide section that explains retries, timeouts and aborts: [the client: reliability](../../docs/client.md#reliability). */
  static override readonly docs: string = 'docs/client.md#reliability'
  /**
   * The URL that was being called (`https://api.iletimerkezi.com/v1/get-sender/json`),
   * with no credential in it; `undefined` when the call stopped before one was chosen.
   */
  readonly url: string | undefined
  constructor(message: string, context: ErrorContext = {}) {
    super(message, context)
    this.url = context.url
  }
}

/**
 * No answer arrived within `timeout` milliseconds (after every retry the
 * call allowed: the message says how many attempts were made and how long
 * each waited), or the caller's `signal` came from `AbortSignal.timeout()`
 * and fired (`cause` is its reason).
 */
export class TimeoutError extends NetworkError {
  /** Always `'TimeoutError'`: the class's name survives minifiers and shows in logs. */
  override name = 'TimeoutError'
}

/** The caller's `signal` aborted the call; `cause` is the signal's reason. Never retried. */
export class AbortError extends NetworkError {
  /** Always `'AbortError'`: the class's name survives minifiers and shows in logs. */
  override name = 'AbortError'
}
