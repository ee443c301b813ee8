import * as v from 'valibot'
import { ValidationError } from '../errors/index.js'
import { issuePath } from '../schemas/validate.js'
import { sha256Hex } from './campaign-digest.js'
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
  duplicate: v.optional(v.literal(true)),
  at: v.optional(v.string()),
  recipientsDigest: v.optional(digest),
  settled: v.optional(v.picklist(['reconciled', 'by hand'])),
  error: v.optional(v.object({ name: v.string(), code: v.optional(v.number()), message: v.string() })),
})

const journalState = v.object({
  version: v.literal(2),
  campaign: digest,
  sender: v.string(),
  text: v.optional(v.string()),
  template: v.optional(v.string()),
  perOrder: count,
  orders: v.array(orderEntry),
  input: v.optional(v.object({ rows: count, duplicates: count, invalid: count, digest })),
  updatedAt: v.string(),
  sequence: v.pipe(v.number(), v.integer(), v.minValue(1)),
  previous: v.union([v.literal(''), digest]),
  seal: digest,
})

const refused = (message: string) => new ValidationError([{ path: 'journal', message }])

// Keys sorted at every level: the seal does not depend on how a store orders an object's keys.
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, item]) => item !== undefined)
    return `{${entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([key, item]) => `${JSON.stringify(key)}:${canonical(item)}`).join(',')}}`
  }
  return JSON.stringify(value)
}

/** The seal of a state: SHA-256 of its `previous` seal and everything in it but the seal itself. */
export function journalSeal(state: Omit<CampaignJournalState, 'seal'> & { seal?: string }): Promise<string> {
  const { seal: _seal, previous, ...rest } = state
  return sha256Hex(`${previous}\n${canonical(rest)}`)
}

/**
 * Checks what a journal loaded: a state this library wrote, untouched since,
 * or a clear `ValidationError` (nothing is sent on a journal that cannot be
 * trusted): its orders must run 1, 2, 3 … with none missing or moved, and its
 * seal must match what it holds.
 */
export async function checkJournalState(value: unknown): Promise<CampaignJournalState> {
  if (value !== null && typeof value === 'object' && (value as { version?: unknown }).version === 1) {
    throw refused('the journal was written by an older version of this library (layout 1, with no seal): finish that campaign with the version that started it')
  }
  const checked = v.safeParse(journalState, value)
  if (!checked.success) {
    const [issue] = checked.issues
    const where = issuePath(issue)
    throw refused(`the journal is not a campaign journal, or is damaged (${where || 'top level'}: ${issue.message})`)
  }
  const state = checked.output as CampaignJournalState
  state.orders.forEach((order, at) => {
    if (order.index === at + 1) return
    const seen = state.orders.some((other) => other.index === at + 1)
    throw refused(
      seen
        ? `the journal is damaged: its orders are out of order (order ${order.index} stands where order ${at + 1} should)`
        : `the journal is damaged: order ${at + 1} is missing (it was removed by hand?); it could have been sent, so nothing is sent`,
    )
  })
  if ((await journalSeal(state)) !== state.seal) {
    throw refused(`the journal was changed outside a campaign run (its seal does not match what it holds, save ${state.sequence}): nothing is sent on it`)
  }
  return state
}
