// A campaign journal kept in memory, as JSON text: what a resume gets is what was saved, nothing
// shared. Its lease is what an app's store would do with a conditional update: one holder at a time.
import type { CampaignJournal, CampaignJournalState } from '../../src/index.js'

export interface MemoryJournal extends CampaignJournal {
  text: string | undefined
  saves: number
  /** The run holding the lease, if any. */
  owner: string | undefined
}

let runs = 0

export function memoryJournal(): MemoryJournal {
  const journal: MemoryJournal = {
    text: undefined,
    saves: 0,
    owner: undefined,
    async lease({ takeOver }) {
      const me = `run ${++runs} since ${new Date().toISOString()}`
      if (journal.owner !== undefined && !takeOver) throw new Error(`the journal is held by ${journal.owner}`)
      journal.owner = me
      return {
        async renew() {
          if (journal.owner !== me) throw new Error(`the lease was taken over by ${journal.owner ?? 'nobody'}`)
        },
        async release() {
          if (journal.owner === me) journal.owner = undefined
        },
      }
    },
    async load() {
      return journal.text === undefined ? undefined : (JSON.parse(journal.text) as CampaignJournalState)
    },
    async save(state) {
      journal.saves++
      journal.text = JSON.stringify(state)
    },
  }
  return journal
}
