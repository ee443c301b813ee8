import type { Codec } from '../../codec/codec.js'
import { loadCodec } from '../../codec/load-codec.js'
import type { Format } from '../../errors/index.js'
import type { AnyOperation } from '../../operations/index.js'
import type { WireTree } from '../../wire/tree.js'
import type { FixtureCase } from '../fixture-cases.js'
import { toNeutralTree } from './neutral-tree.js'

/**
 * A case's answer in the format asked for: its own body where it has one
 * in that format, else the body it has read by its codec and written by the
 * other (one recording answers both formats). A body no codec can read (an
 * HTML page) is the same page whatever was asked.
 */
export async function answerInFormat(fixture: FixtureCase, operation: AnyOperation, codec: Codec): Promise<string> {
  const own = fixture.response[codec.format]
  if (own !== undefined) return own
  const recordedFormat = (Object.keys(fixture.response) as Format[])[0]
  if (recordedFormat === undefined) return ''
  const recorded = fixture.response[recordedFormat]!
  try {
    const decoded = (await loadCodec(recordedFormat)).decodeResponse(recorded, operation.lists)
    return codec.encodeResponse(toNeutralTree(decoded.body, operation.lists) as WireTree)
  } catch {
    return recorded
  }
}
