import type { CallOptions } from './client-options.js'

/**
 * Fetches one page; `signal` lets a read-ahead be called off when the loop
 * ends early. With an aborted signal it rejects with the operation's
 * `AbortError` and sends nothing (as every client call does).
 */
export type FetchPage<Item> = (page: number, options: CallOptions) => Promise<Page<Item>>

interface Page<Item> {
  items: readonly Item[]
  rowCount: number
}

function linkedSignal(outer: AbortSignal | undefined, inner: AbortSignal): AbortSignal {
  return outer === undefined ? inner : AbortSignal.any([outer, inner])
}

/**
 * Every item of every page, page 1, 2, 3, …: stops after a page shorter
 * than `rowCount` (an empty one included). While the caller works through
 * one page the next is already on its way, never more than one ahead.
 */
export async function* paginate<Item>(fetchPage: FetchPage<Item>, options: CallOptions = {}): AsyncGenerator<Item, void, undefined> {
  const readAhead = new AbortController()
  const callOptions = { ...options, signal: linkedSignal(options.signal, readAhead.signal) }
  let next: Promise<Page<Item>> | undefined = fetchPage(1, callOptions)
  try {
    for (let page = 1; next !== undefined; page++) {
      const current: Page<Item> = await next
      next = current.items.length < current.rowCount ? undefined : fetchPage(page + 1, callOptions)
      // A read-ahead the loop never reaches must not surface as an unhandled rejection.
      next?.catch(() => {})
      for (const item of current.items) {
        // Aborted while the caller was busy: it gets the call's own AbortError (an aborted fetch sends nothing), not more items.
        if (options.signal?.aborted) await fetchPage(page + 1, callOptions)
        yield item
      }
    }
  } finally {
    readAhead.abort()
  }
}
