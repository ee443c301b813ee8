import type { CallOperation } from '../client/call-operation.js'
import type { CallOptions } from '../client/client-options.js'

// Each operation is loaded on its first call: an app's bundle holds only the endpoints it uses.
const getSender = () => import('../operations/get-sender.js').then((module) => module.getSender)

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
