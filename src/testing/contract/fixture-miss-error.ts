import { IletiMerkeziError } from '../../errors/index.js'
import type { Format } from '../../errors/index.js'

/**
 * A replayed request that no recorded case answers. The client's call
 * fails with a `NetworkError` whose `cause` is this error (the recorder
 * stands where the network would be), and the recorder keeps it in
 * `misses`: its `close()` rejects with every miss, so a miss fails its test
 * whatever the app did with the error. The message names the operation,
 * the format, the nearest recorded case and what differs from it, by
 * field path and recorded stand-in: never a live value.
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
  /** Every miss this one stands for (itself, unless it is the sum `close()` rejects with). */
  readonly misses: readonly FixtureMissError[]

  constructor(
    details: { operation: string; format: Format; nearest: string | undefined; differences: readonly string[]; dir: string },
    misses?: readonly FixtureMissError[],
  ) {
    const near =
      details.nearest === undefined
        ? `no case of ${details.operation} is recorded in ${details.dir}`
        : `nearest case: ${details.nearest} (${details.differences.length === 0 ? 'used up' : details.differences.join('; ')})`
    const own = `no recorded answer for this ${details.operation} request (${details.format}); ${near}`
    super(misses === undefined || misses.length < 2 ? own : `${misses.length} requests had no recorded answer:\n${misses.map((miss, index) => `${index + 1}. ${miss.message}`).join('\n')}`, {
      operation: details.operation,
      format: details.format,
    })
    this.nearest = details.nearest
    this.differences = details.differences
    this.misses = misses ?? [this]
  }
}
