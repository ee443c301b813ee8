import type { CallOperation } from '../client/call-operation.js'
import type { CallOptions } from '../client/client-options.js'
import { paginate } from '../client/paginate.js'
import type { BlacklistPage } from '../schemas/blacklist.js'
import type { DateInput } from '../schemas/date-inputs.js'

// Each operation is loaded on its first call: an app's bundle holds only the endpoints it uses.
const addBlacklist = () => import('../operations/add-blacklist.js').then((module) => module.addBlacklist)
const deleteBlacklist = () => import('../operations/delete-blacklist.js').then((module) => module.deleteBlacklist)
const getBlacklist = () => import('../operations/get-blacklist.js').then((module) => module.getBlacklist)

/** Which blocked numbers, and which page. */
export interface BlacklistQuery {
  /**
   * Only numbers blocked at or after this: a `Date`, `'yyyy-MM-dd'` (from
   * the day's start), `'yyyy-MM-dd HH:mm[:ss]'` (Turkey time) or ISO 8601
   * with an offset. Sent as `Y-m-d H:i:s` in Turkey time.
   */
  start?: DateInput
  /** Only numbers blocked at or before this; a bare `'yyyy-MM-dd'` means to the day's end. */
  end?: DateInput
  /** Default 1. */
  page?: number
  /** Numbers a page, 1 to 1000; default 1000. */
  rowCount?: number
}

/** The account's blocked numbers: they get no SMS from it. */
export interface BlacklistApi {
  /**
   * One page of blocked numbers (`get-blacklist`), with the provider's
   * total `count`. A date it cannot read, or `end` before `start`, is a
   * `ValidationError` (458) before sending.
   */
  list(query?: BlacklistQuery, options?: CallOptions): Promise<BlacklistPage>
  /** Every blocked number, page after page (`get-blacklist`), one page held at a time. */
  listAll(query?: Omit<BlacklistQuery, 'page'>, options?: CallOptions): AsyncIterable<string>
  /** Blocks a number (`add-blacklist`). An invalid one is a `ValidationError` or `ApiError` 466. Sent once unless the call opts in. */
  add(number: string, options?: CallOptions): Promise<void>
  /**
   * Unblocks a number (`delete-blacklist`). An invalid one: 466; a block
   * the provider will not lift: `ApiError` 474. Sent once unless the call opts in.
   */
  remove(number: string, options?: CallOptions): Promise<void>
}

export function blacklistApi(call: CallOperation): BlacklistApi {
  return {
    list: (query, options) => call(getBlacklist, query ?? {}, options),
    listAll: (query, options) =>
      paginate(async (page, pageOptions) => {
        const result = await call(getBlacklist, { ...query, page }, pageOptions)
        return { items: result.numbers, rowCount: result.rowCount }
      }, options),
    add: async (number, options) => {
      await call(addBlacklist, { number }, options)
    },
    remove: async (number, options) => {
      await call(deleteBlacklist, { number }, options)
    },
  }
}
