import type { CallOperation } from '../client/call-operation.js'
import type { CallOptions } from '../client/client-options.js'
import { getBalance } from '../operations/index.js'
import type { Balance } from '../schemas/balance.js'

/** The account itself. */
export interface AccountApi {
  /** The balance (`get-balance`): `amount` in TL and `sms` credits, as numbers. */
  balance(options?: CallOptions): Promise<Balance>
}

export function accountApi(call: CallOperation): AccountApi {
  return {
    balance: (options) => call(getBalance, {}, options),
  }
}
