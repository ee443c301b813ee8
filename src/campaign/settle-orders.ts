import { ValidationError } from '../errors/index.js'
import type { CampaignJournal, CampaignJournalState, CampaignOrder } from './campaign-types.js'
import { checkJournalState, journalSeal } from './journal-state.js'

/** What becomes of an unknown order: `sent` (with the id the provider's reports show, if found there) or `failed`. */
export type Settlement = { state: 'sent'; orderId?: string; settled: NonNullable<CampaignOrder['settled']> } | { state: 'failed'; settled: 'by hand' }

const refused = (message: string) => new ValidationError([{ path: 'journal', message }])

/**
 * Settles a journal's `unknown` orders (and `planned` ones, which a stopped
 * run left unknown) under the journal's lease: `decide` says what became of
 * each, or `undefined` to leave it. The journal is saved once, resealed, as
 * the next save of its chain. Resolves to the state saved (or loaded, when
 * nothing changed).
 */
export async function settleOrders(
  journal: CampaignJournal,
  decide: (order: CampaignOrder, state: CampaignJournalState) => Promise<Settlement | undefined>,
  options: { takeOver: boolean },
): Promise<CampaignJournalState> {
  const lease = await journal.lease(options)
  try {
    const loaded = await journal.load()
    if (loaded === undefined) throw refused('there is no campaign in the journal')
    const state = await checkJournalState(loaded)
    let changed = false
    const orders: CampaignOrder[] = []
    for (const order of state.orders) {
      const settlement = order.state === 'unknown' || order.state === 'planned' ? await decide(order, state) : undefined
      if (settlement === undefined) {
        orders.push(order)
        continue
      }
      changed = true
      const { error: _error, ...rest } = order
      orders.push({ ...rest, ...settlement, ...(settlement.state === 'failed' ? { error: { name: 'Settled', message: 'settled by hand as not sent' } } : {}) })
    }
    if (!changed) return state
    await lease.renew()
    const unsealed = { ...state, orders, updatedAt: new Date().toISOString(), sequence: state.sequence + 1, previous: state.seal }
    const next = { ...unsealed, seal: await journalSeal(unsealed) }
    await journal.save(next)
    return next
  } finally {
    await lease.release().catch(() => {})
  }
}
