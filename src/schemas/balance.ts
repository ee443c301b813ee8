import * as v from 'valibot'
import { containerOf } from './repeated-list.js'
import { wireAmount } from './wire-scalars.js'

/** The account's balance. */
export interface Balance {
  /** Money, in Turkish lira (for accounts that hold credit in TL). */
  amount: number
  /** SMS credits. */
  sms: number
}

/** get-balance's `balance`: amounts as numbers, text, or text with a decimal comma. */
export const balanceSchema = v.pipe(
  containerOf({ amount: wireAmount, sms: wireAmount }),
  v.transform(({ amount, sms }): Balance => ({ amount, sms })),
)
