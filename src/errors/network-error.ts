import { IletiMerkeziError } from './iletimerkezi-error.js'

/** The request did not complete: connection refused or reset, DNS failure. `cause` is the underlying error. */
export class NetworkError extends IletiMerkeziError {
  override name = 'NetworkError'
}

/** No answer arrived within `timeout` milliseconds. */
export class TimeoutError extends NetworkError {
  override name = 'TimeoutError'
}

/** The caller's `signal` aborted the call. Never retried. */
export class AbortError extends NetworkError {
  override name = 'AbortError'
}
