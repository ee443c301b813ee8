import * as v from 'valibot'
import { containerOf, repeatedList } from './repeated-list.js'
import { wireAmount, wireDigits } from './wire-scalars.js'

/** One page of blocked numbers. */
export interface BlacklistPage {
  /** Phone numbers as the provider sends them (`+905558650220`). */
  numbers: string[]
  /** The total the provider reports for the account (and filter), not this page's size. */
  count: number
  /** The values the request used. */
  page: number
  /** The page size asked for (default 1000). */
  rowCount: number
}

/** get-blacklist's `blacklist`: `count` beside the repeated `number` (XML) or its array (JSON). */
export const blacklistSchema = containerOf({
  count: wireAmount,
  number: repeatedList(v.pipe(wireDigits, v.transform((number) => number.trim()))),
})
