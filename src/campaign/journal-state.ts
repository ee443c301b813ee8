import * as v from 'valibot'
import { ValidationError } from '../errors/index.js'
import { issuePath } from '../schemas/validate.js'
import type { CampaignJournalState } from './campaign-types.js'

const count = v.pipe(v.number(), v.integer(), v.minValue(0))
const digest = v.pipe(v.string(), v.regex(/^[0-9a-f]{64}$/))

const orderEntry = v.object({
  index: v.pipe(v.number(), v.integer(), v.minValue(1)),
  recipients: count,
  first: count,
  last: count,
  digest,
  state: v.picklist(['planned', 'sent', 'failed', 'unknown']),
  orderId: v.optional(v.string()),
  error: v.optional(v.object({ name: v.string(), code: v.optional(v.number()), message: v.string() })),
})

const journalState = v.object({
  version: v.literal(1),
  campaign: digest,
  sender: v.string(),
  text: v.optional(v.string()),
  template: v.optional(v.string()),
  perOrder: count,
  orders: v.array(orderEntry),
  input: v.optional(v.object({ rows: count, duplicates: count, invalid: count, digest })),
  updatedAt: v.string(),
})

/**
 * Checks what a journal loaded: a state this library wrote, or a clear
 * `ValidationError` (nothing is sent on a journal that cannot be trusted).
 */
export function checkJournalState(value: unknown): CampaignJournalState {
  const checked = v.safeParse(journalState, value)
  if (!checked.success) {
    const [issue] = checked.issues
    const where = issuePath(issue)
    throw new ValidationError([{ path: 'journal', message: `the journal is not a campaign journal, or is damaged (${where || 'top level'}: ${issue.message})` }], {
      operation: 'send-sms',
    })
  }
  const state = checked.output as CampaignJournalState
  const indices = new Set(state.orders.map((order) => order.index))
  if (indices.size !== state.orders.length) {
    throw new ValidationError([{ path: 'journal', message: 'the journal is damaged: an order appears twice' }], { operation: 'send-sms' })
  }
  return state
}
