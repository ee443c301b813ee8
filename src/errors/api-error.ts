import { IletiMerkeziError, type ErrorContext } from './iletimerkezi-error.js'

/**
 * The provider answered with a status code other than 200. The message is
 * the provider's own (often Turkish), unchanged.
 */
export class ApiError extends IletiMerkeziError {
  /** Always `'ApiError'`: the class's name survives minifiers and shows in logs. */
  override name = 'ApiError'
  declare readonly code: number
  /** The HTTP status line's code (the provider mirrors its status code there, mostly). */
  readonly httpStatus: number | undefined

  constructor(message: string, context: ErrorContext & { code: number }) {
    super(message, context)
    this.httpStatus = context.httpStatus
  }
}

/** Code 401: wrong key or hash, API access disabled, or a request from an IP the account does not allow. */
export class AuthenticationError extends ApiError {
  /** Always `'AuthenticationError'`: the class's name survives minifiers and shows in logs. */
  override name = 'AuthenticationError'
  /** The provider's code this class stands for. */
  declare readonly code: 401
}

/** Code 402: the account's balance does not cover the order. */
export class InsufficientBalanceError extends ApiError {
  /** Always `'InsufficientBalanceError'`: the class's name survives minifiers and shows in logs. */
  override name = 'InsufficientBalanceError'
  /** The provider's code this class stands for. */
  declare readonly code: 402
}

/**
 * Code 429: too many requests. Reads are retried after `Retry-After`
 * (capped) or a backoff; calls that change data are not, unless the call
 * passes `retry`.
 */
export class RateLimitError extends ApiError {
  /** Always `'RateLimitError'`: the class's name survives minifiers and shows in logs. */
  override name = 'RateLimitError'
  /** The guide section that explains rate limits and how reads wait for them: [the client: reliability](../../docs/client.md#reliability). */
  static override readonly docs: string = 'docs/client.md#reliability'
  /** The provider's code this class stands for. */
  declare readonly code: 429

  /** How long the server asked to wait (its `Retry-After`), in milliseconds; `undefined` when it said nothing. */
  readonly retryAfterMs: number | undefined

  constructor(message: string, context: ErrorContext & { code: number }) {
    super(message, context)
    this.retryAfterMs = context.retryAfterMs
  }
}

/** Codes 465 (contact), 463 (group) and 455 (order): the thing asked for does not exist. */
export class NotFoundError extends ApiError {
  /** Always `'NotFoundError'`: the class's name survives minifiers and shows in logs. */
  override name = 'NotFoundError'
  /** The provider's code this class stands for. */
  declare readonly code: 455 | 463 | 465
}
