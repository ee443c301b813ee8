import type * as v from 'valibot'
import type { Format } from '../errors/index.js'
import type { WireTree } from '../wire/tree.js'

/**
 * One endpoint of the provider, described once for both formats: how the
 * caller's arguments are checked, what goes on the wire, which elements
 * repeat, how the answer becomes a typed result, and whether it is safe to
 * send twice.
 */
export interface Operation<Args, Input, Response, Output> {
  /** The endpoint's name, which is also its path: `get-contact`. */
  readonly name: string
  /** Checks and completes the caller's arguments (defaults filled in). */
  readonly input: v.GenericSchema<Args, Input>
  /** Provider codes for input mistakes, by argument path: `{ key: 471 }`. */
  readonly inputCodes?: Readonly<Record<string, number>>
  /** The request body beside `authentication`. */
  readonly request: (input: Input) => WireTree
  /** Elements that repeat, as dotted paths under `response` (XML cannot tell one item from a scalar). */
  readonly lists: readonly string[]
  /** Reads the `response` content (status aside) as either format decodes it. */
  readonly response: v.GenericSchema<unknown, Response>
  /** The typed result from the checked response and the request's input. */
  readonly result: (response: Response, input: Input) => Output
  /** Reads and other calls that change nothing: retried on network errors, 429 and 5xx. */
  readonly safeToRetry: boolean
  /** Status codes that mean "nothing here" for this operation and give an empty result, not an error. */
  readonly emptyOn?: readonly number[]
  /** The formats the provider offers this endpoint in, where not both (get-reports is JSON only). */
  readonly formats?: readonly Format[]
}

/** Any operation, for code that handles them all alike. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyOperation = Operation<any, any, any, any>

/** Keeps an operation's four types tied together where it is defined. */
export function defineOperation<Args, Input, Response, Output>(
  operation: Operation<Args, Input, Response, Output>,
): Operation<Args, Input, Response, Output> {
  return operation
}
