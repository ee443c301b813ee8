import { IletiMerkeziError } from '../../errors/index.js'
import type { Format } from '../../errors/index.js'

/**
 * A replayed request that no recorded case answers. The client's call
 * fails with a `NetworkError` whose `cause` is this error (the recorder
 * stands where the network would be). The message names the operation,
 * the format, the nearest recorded case and what differs from it.
 */
export class FixtureMissError extends IletiMerkeziError {
  /** Always `'FixtureMissError'`. */
  override name = 'FixtureMissError'
  /** The guide that explains recording, replaying and what a miss means: [contract testing](../../../docs/contract-testing.md). */
  static override readonly docs: string = 'docs/contract-testing.md'
  /** The nearest recorded case of the same operation (`'get-contact/call-001'`), if there is one. */
  readonly nearest: string | undefined
  /** What differs between the request and the nearest case. */
  readonly differences: readonly string[]

  constructor(details: { operation: string; format: Format; nearest: string | undefined; differences: readonly string[]; dir: string }) {
    const near =
      details.nearest === undefined
        ? `no case of ${details.operation} is recorded in ${details.dir}`
        : `nearest case: ${details.nearest} (${details.differences.length === 0 ? 'used up' : details.differences.join('; ')})`
    super(`no recorded answer for this ${details.operation} request (${details.format}); ${near}`, { operation: details.operation, format: details.format })
    this.nearest = details.nearest
    this.differences = details.differences
  }
}
