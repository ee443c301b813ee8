import { IletiMerkeziError } from './iletimerkezi-error.js'

/** The request did not complete: connection refused or reset, DNS failure. `cause` is the underlying error. */
export class NetworkError extends IletiMerkeziError {
  /** Always `'NetworkError'`: the class's name survives minifiers and shows in logs. */
  override name = 'NetworkError'
}

/** No answer arrived within `timeout` milliseconds. */
export class TimeoutError extends NetworkError {
  /** Always `'TimeoutError'`: the class's name survives minifiers and shows in logs. */
  override name = 'TimeoutError'
}

/** The caller's `signal` aborted the call. Never retried. */
export class AbortError extends NetworkError {
  /** Always `'AbortError'`: the class's name survives minifiers and shows in logs. */
  override name = 'AbortError'
}
