import * as v from 'valibot'
import { blacklistSchema, type BlacklistPage } from '../schemas/blacklist.js'
import { blacklistDateInput } from '../schemas/date-inputs.js'
import { pageInput, rowCountInput } from '../schemas/input-fields.js'
import { compareClocks, formatDateTime } from '../schemas/turkey-time.js'
import { defineOperation } from './operation.js'

/**
 * get-blacklist: one page of the account's blocked numbers, optionally
 * only those blocked between `start` and `end`.
 */
export const getBlacklist = defineOperation({
  name: 'get-blacklist',
  input: v.pipe(
    v.optional(
      v.object({
        start: v.optional(blacklistDateInput('start')),
        end: v.optional(blacklistDateInput('end')),
        page: pageInput,
        rowCount: rowCountInput,
      }),
      {},
    ),
    v.forward(
      v.check(({ start, end }) => start === undefined || end === undefined || compareClocks(start, end) <= 0, 'the end may not come before the start'),
      ['end'],
    ),
  ),
  // "Tarih aralığı hatalı": a bound it cannot read, or an end before the start.
  inputCodes: { start: 458, end: 458 },
  request: ({ start, end, page, rowCount }) => ({
    // Under `blacklist`, not beside it: the provider ignores a top-level filter and paging.
    blacklist: {
      // Only the bounds given are sent: an empty one is no filter, and no format to fail.
      filter: start === undefined && end === undefined ? undefined : { start: start && formatDateTime(start), end: end && formatDateTime(end) },
      page,
      rowCount,
    },
  }),
  lists: ['blacklist.number'],
  response: v.object({ blacklist: v.optional(blacklistSchema, {}) }),
  result: ({ blacklist }, { page, rowCount }): BlacklistPage => ({ numbers: blacklist.number, count: blacklist.count, page, rowCount }),
  safeToRetry: true,
})
