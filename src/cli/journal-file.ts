// A campaign journal kept in a JSON file, replaced whole on each save.
import { open, readFile, rename, rm } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import { ValidationError, type CampaignJournal, type CampaignJournalState } from '../index.js'

const refused = (message: string) => new ValidationError([{ path: 'journal', message }])

/** Reads the journal at `path`; `undefined` when there is no such file. */
export async function readJournalFile(path: string): Promise<unknown> {
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw refused(`cannot read the journal ${path}: ${(error as Error).message}`)
  }
  try {
    return JSON.parse(text)
  } catch {
    throw refused(`the journal ${path} is not JSON: it is damaged, or not a campaign journal`)
  }
}

/**
 * A journal in a JSON file. Each save writes a temporary file beside it,
 * flushes it to disk and renames it over the journal: a crash at any
 * moment leaves the old state or the new one, never half of either.
 */
export function journalFile(path: string): CampaignJournal {
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`)
  return {
    load: async () => (await readJournalFile(path)) as CampaignJournalState | undefined,
    async save(state) {
      const file = await open(temporary, 'w')
      try {
        await file.writeFile(`${JSON.stringify(state, null, 1)}\n`)
        await file.sync()
      } finally {
        await file.close()
      }
      try {
        await rename(temporary, path)
      } catch (error) {
        await rm(temporary, { force: true })
        throw error
      }
    },
  }
}
