/** Which protocol a request was (or would have been) sent in. */
export type Format = 'json' | 'xml'

/** What every error of this library may say about where it happened. */
export interface ErrorContext {
  /** The provider's numeric status code, where there is one. */
  code?: number | undefined
  /** The provider's endpoint name, e.g. `'search-contacts'`; absent for `createClient` errors. */
  operation?: string | undefined
  /** The protocol in use when the error happened. */
  format?: Format | undefined
  /** The HTTP status of the answer, where one arrived. */
  httpStatus?: number | undefined
  /** The underlying error, passed on only when no credential can be reached from it. */
  cause?: unknown
  /** The URL a request went to, credential-free (said by `NetworkError`). */
  url?: string | undefined
  /** From the answer's `Retry-After` header, in milliseconds; kept by {@link RateLimitError}. */
  retryAfterMs?: number | undefined
}

/**
 * The root of every error this library throws: catch it to catch them all.
 * Its message and properties never hold the secret or the hash; its
 * {@link IletiMerkeziError.docs | docs} names the guide section that explains it.
 */
export class IletiMerkeziError extends Error {
  /**
   * The guide section that explains errors of this class, as a path in the repository
   * (`'docs/getting-started.md#errors'`): GitHub shows it, and `npm run docs` builds the same
   * page into the documentation site. Each subclass names its own; this one is
   * [Getting started: errors](../../docs/getting-started.md#errors).
   */
  static readonly docs: string = 'docs/getting-started.md#errors'

  /** Always `'IletiMerkeziError'`: the class's name survives minifiers and shows in logs. */
  override name = 'IletiMerkeziError'
  /** The provider's numeric status code, where there is one. */
  readonly code: number | undefined
  /** The endpoint name (e.g. `'get-contact'`) when a request was made or prepared. */
  readonly operation: string | undefined
  /** The protocol in use. */
  readonly format: Format | undefined

  constructor(message: string, context: ErrorContext = {}) {
    super(message, context.cause === undefined ? undefined : { cause: context.cause })
    this.code = context.code
    this.operation = context.operation
    this.format = context.format
  }

  /**
   * The guide section that explains this error (`'docs/client.md#reliability'`), as its class
   * says in its static `docs`. A getter, not a property: logs and JSON of an error stay as they were.
   */
  get docs(): string {
    return (this.constructor as typeof IletiMerkeziError).docs
  }
}
