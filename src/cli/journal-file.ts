// A campaign journal kept in a JSON file, replaced whole on each save, held by one run at a time.
import { randomUUID } from 'node:crypto'
import { constants } from 'node:fs'
import { open, readdir, readFile, rename, rm } from 'node:fs/promises'
import { hostname } from 'node:os'
import { basename, dirname, join } from 'node:path'
import { ValidationError, type CampaignJournal, type CampaignJournalState, type JournalLease } from '../index.js'

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

/** Who holds a journal: written in its lock file. */
export interface JournalOwner {
  host: string
  pid: number
  /** When the run took the journal (ISO 8601). */
  since: string
  /** This run's own mark: a lock rewritten by another run no longer carries it. */
  token: string
}

/** The files kept beside a journal: its lock (while a run holds it) and its head (the last save's sequence and seal). */
export function journalFiles(path: string): { lock: string; head: string } {
  return { lock: `${path}.lock`, head: `${path}.head` }
}

// A file created here and nowhere else: never an existing one, never through a link.
const exclusive = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0)

async function writeExclusive(path: string, text: string, flush: boolean): Promise<void> {
  const file = await open(path, exclusive, 0o600)
  try {
    await file.writeFile(text)
    if (flush) await file.sync()
  } finally {
    await file.close()
  }
}

// Written beside under a name nobody can guess, then renamed over: all or nothing, and removed on every failure.
async function replaceWhole(path: string, text: string): Promise<void> {
  const temporary = join(dirname(path), `.${basename(path)}.${randomUUID()}.tmp`)
  try {
    await writeExclusive(temporary, text, true)
    await rename(temporary, path)
  } catch (error) {
    await rm(temporary, { force: true })
    throw error
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    // EPERM: the process exists, under another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

async function readOwner(lock: string): Promise<Partial<JournalOwner> | undefined> {
  try {
    return JSON.parse(await readFile(lock, 'utf8')) as Partial<JournalOwner>
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    // Half written (its run died while creating it) or not ours: no owner can be named.
    return {}
  }
}

const describeOwner = (owner: Partial<JournalOwner>) =>
  owner.pid === undefined ? 'a run that left an unreadable lock' : `process ${owner.pid} on ${owner.host ?? 'an unknown host'} since ${owner.since ?? 'an unknown time'}`

async function takeLock(path: string, takeOver: boolean): Promise<JournalLease> {
  const { lock } = journalFiles(path)
  const me: JournalOwner = { host: hostname(), pid: process.pid, since: new Date().toISOString(), token: randomUUID() }
  const text = `${JSON.stringify(me)}\n`
  for (let attempt = 0; ; attempt++) {
    try {
      await writeExclusive(lock, text, false)
      break
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 0) throw refused(`cannot lock the journal ${path}: ${(error as Error).message}`)
    }
    const owner = (await readOwner(lock)) ?? {}
    // Gone for certain: this machine's process table no longer has it.
    const gone = owner.host === me.host && typeof owner.pid === 'number' && !alive(owner.pid)
    if (!gone && !takeOver) {
      throw refused(`the journal ${path} is in use by ${describeOwner(owner)}: wait for that run to end, or, if it is certainly gone, add --take-over`)
    }
    await rm(lock, { force: true })
  }
  // A journal's old temporary files (a run killed while saving): nobody else can be writing them now.
  const prefix = `.${basename(path)}.`
  for (const name of await readdir(dirname(path)).catch(() => [] as string[])) {
    if (name.startsWith(prefix) && name.endsWith('.tmp')) await rm(join(dirname(path), name), { force: true })
  }
  const ours = async () => (await readOwner(lock))?.token === me.token
  return {
    async renew() {
      if (await ours()) return
      const owner = (await readOwner(lock)) ?? {}
      throw refused(`the journal ${path} was taken over by ${describeOwner(owner)}: this run stops`)
    },
    async release() {
      if (await ours()) await rm(lock, { force: true })
    },
  }
}

interface Head {
  sequence: number
  seal: string
}

async function readHead(path: string): Promise<Head | undefined> {
  const text = await readFile(journalFiles(path).head, 'utf8').catch(() => undefined)
  if (text === undefined) return undefined
  try {
    const head = JSON.parse(text) as Head
    return typeof head.sequence === 'number' && typeof head.seal === 'string' ? head : undefined
  } catch {
    return undefined
  }
}

/**
 * A journal in a JSON file. Each save writes a temporary file beside it
 * (created new, never through a link, under a name nobody can guess),
 * flushes it and renames it over the journal: a crash at any moment leaves
 * the old state or the new one. A lock file beside it (`<file>.lock`, naming
 * host, process and since when) keeps it to one run; a head file
 * (`<file>.head`) remembers the last save, so a journal put back from an
 * older copy is refused.
 */
export function journalFile(path: string): CampaignJournal {
  return {
    lease: ({ takeOver }) => takeLock(path, takeOver),
    async load() {
      // The head first: a run saving meanwhile (`campaign status` reads without the lock) moves the
      // journal ahead of it, which is allowed; read again when it moved further.
      for (let attempt = 1; ; attempt++) {
        const head = await readHead(path)
        const state = (await readJournalFile(path)) as CampaignJournalState | undefined
        const moved = head !== undefined && state !== undefined && typeof state.sequence === 'number' && state.sequence > head.sequence + 1
        if (!moved || attempt === 3) return checkHead(path, state, head)
      }
    },
    async save(state) {
      await replaceWhole(path, `${JSON.stringify(state, null, 1)}\n`)
      await replaceWhole(journalFiles(path).head, `${JSON.stringify({ sequence: state.sequence, seal: state.seal })}\n`)
    },
  }
}

// The journal as read, if the head (the last save's sequence and seal) allows it.
function checkHead(path: string, state: CampaignJournalState | undefined, head: Head | undefined): CampaignJournalState | undefined {
  if (state === undefined && head !== undefined) {
    throw refused(`the journal ${path} is gone, but ${journalFiles(path).head} says it was saved ${head.sequence} times: put it back, or remove that file too to start anew`)
  }
  if (state === undefined || head === undefined || typeof state.sequence !== 'number') return state
  // The save after the head's is fine: the run stopped between writing the journal and its head.
  const next = state.sequence === head.sequence + 1 && state.previous === head.seal
  if (state.sequence === head.sequence ? state.seal !== head.seal : !next) {
    throw refused(`the journal ${path} is not its last save (it is save ${state.sequence}, the last was ${head.sequence}): put back from an older copy? Nothing is sent on it`)
  }
  return state
}
