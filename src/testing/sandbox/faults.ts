/** A misbehaviour the sandbox can put on a request. */
export type Fault =
  /** Answer normally, `ms` milliseconds late. */
  | {
      /** A late answer. */
      kind: 'delay'
      /** How late, in milliseconds. */
      ms: number
    }
  /** Close the connection without an answer. */
  | {
      /** A connection closed with no answer. */
      kind: 'reset'
    }
  /** Answer this HTTP status with the provider's error body for it (503 by default), optionally with `Retry-After` (seconds). */
  | {
      /** An error status. */
      kind: 'status'
      /** The status, in the body and the status line; default 503. */
      status?: number
      /** Seconds, sent as `Retry-After`; none by default. */
      retryAfter?: number
    }
  /**
   * Answer with a body the client cannot read: by default HTTP 200 and the
   * real answer cut off in the middle; or `body` (an HTML page from a proxy,
   * say) with HTTP `status`. The request is still carried out.
   */
  | {
      /** An unreadable answer. */
      kind: 'malformed'
      /** The body to send instead of the real answer cut off. */
      body?: string
      /** The HTTP status of the answer; default 200. */
      status?: number
    }

/** Which requests a fault applies to. */
export interface FaultScope {
  /** How many requests it hits, then it is spent; default 1. `Infinity` keeps it on. */
  times?: number
  /** Only requests to this endpoint (e.g. `'get-sender'`); default any. */
  operation?: string
}

interface Rule {
  fault: Fault
  remaining: number
  operation: string | undefined
}

/**
 * Fault switches: `sandbox.faults.inject({ kind: 'status', status: 503 }, { times: 3 })`.
 * Faults apply in the order they were injected, one per request.
 */
export class FaultSwitches {
  readonly #rules: Rule[] = []
  readonly #operations: ReadonlySet<string>
  /** How many faults were applied so far. */
  injected = 0

  /** `operations`: the endpoint names a scope may name (a typo would otherwise never fire). */
  constructor(operations: Iterable<string>) {
    this.#operations = new Set(operations)
  }

  /** Applies `fault` to the next `times` requests (to `operation`, if given). */
  inject(fault: Fault, scope: FaultScope = {}): void {
    const times = scope.times ?? 1
    if (!(times === Infinity || (Number.isInteger(times) && times > 0))) throw new RangeError(`times must be a whole number of 1 or more, or Infinity (got ${times})`)
    if (scope.operation !== undefined && !this.#operations.has(scope.operation)) {
      throw new RangeError(`the sandbox has no endpoint ${JSON.stringify(scope.operation)}; it has ${[...this.#operations].join(', ')}`)
    }
    this.#rules.push({ fault, remaining: times, operation: scope.operation })
  }

  /** Removes every pending fault. */
  clear(): void {
    this.#rules.length = 0
  }

  /** How many faults are still waiting to fire (`Infinity` when one stays on). */
  get pending(): number {
    return this.#rules.reduce((sum, rule) => sum + rule.remaining, 0)
  }

  /** The fault for a request to `operation`, if any is due; spends one of its uses. */
  take(operation: string): Fault | undefined {
    const rule = this.#rules.find((candidate) => candidate.operation === undefined || candidate.operation === operation)
    if (!rule) return undefined
    rule.remaining--
    this.injected++
    if (rule.remaining <= 0) this.#rules.splice(this.#rules.indexOf(rule), 1)
    return rule.fault
  }
}
