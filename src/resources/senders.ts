import type { CallOperation } from '../client/call-operation.js'
import type { CallOptions } from '../client/client-options.js'
import { getSender } from '../operations/index.js'

/** The account's sender names ("başlık"). */
export interface SendersApi {
  /** The approved sender names (`get-sender`). */
  list(options?: CallOptions): Promise<string[]>
}

export function sendersApi(call: CallOperation): SendersApi {
  return {
    list: (options) => call(getSender, {}, options),
  }
}
