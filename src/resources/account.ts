import type { CallOperation } from '../client/call-operation.js'
import type { CallOptions } from '../client/client-options.js'
import type { Balance } from '../schemas/balance.js'

// Each operation is loaded on its first call: an app's bundle holds only the endpoints it uses.
const getBalance = () => import('../operations/get-balance.js').then((module) => module.getBalance)

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
