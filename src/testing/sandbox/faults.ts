/** A misbehaviour the sandbox can put on a request. */
export type Fault =
  /** Answer normally, `ms` milliseconds late. */
  | { kind: 'delay'; ms: number }
  /** Close the connection without an answer. */
  | { kind: 'reset' }
  /** Answer this HTTP status with the provider's error body for it (503 by default), optionally with `Retry-After` (seconds). */
  | { kind: 'status'; status?: number; retryAfter?: number }
  /** Answer HTTP 200 with a body cut off in the middle. */
  | { kind: 'malformed' }

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

/** Fault switches: `sandbox.faults.inject({ kind: 'status', status: 503 }, { times: 3 })`. */
export class FaultSwitches {
  readonly #rules: Rule[] = []
  /** How many faults were applied so far. */
  injected = 0

  /** Applies `fault` to the next `times` requests (to `operation`, if given). */
  inject(fault: Fault, scope: FaultScope = {}): void {
    this.#rules.push({ fault, remaining: scope.times ?? 1, operation: scope.operation })
  }

  /** Removes every pending fault. */
  clear(): void {
    this.#rules.length = 0
  }

  /** The fault for a request to `operation`, if any is due; spends one of its uses. */
  take(operation: string): Fault | undefined {
    const rule = this.#rules.find((candidate) => candidate.remaining > 0 && (candidate.operation === undefined || candidate.operation === operation))
    if (!rule) return undefined
    rule.remaining--
    this.injected++
    if (rule.remaining <= 0) this.#rules.splice(this.#rules.indexOf(rule), 1)
    return rule.fault
  }
}
