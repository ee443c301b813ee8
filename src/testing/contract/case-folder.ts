import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Format } from '../../errors/index.js'
import { operationFolders, type Expected } from '../fixture-cases.js'

// The persister: a recording is a folder in the layout of the shipped `fixtures/`, so
// `loadFixtureCases(dir)` reads both, and a recorded case can be moved into `fixtures/` as it is.

/** What the recorder writes for one exchange. */
export interface CaseToWrite {
  operation: string
  format: Format
  /** The request's content, masked, authentication left out. */
  input: Readonly<Record<string, unknown>>
  httpStatus: number
  request: string
  response: string
  expected: Expected
  recordedAt: string
  /** The answer's content type, for an answer no codec reads. */
  contentType?: string | undefined
  /** The id of the masking key that made the stand-ins (not the key). */
  maskKey?: string | undefined
}

const casePrefix = 'call-'

/**
 * Recorded case names go `call-001`, `call-002`, … per operation, in the
 * order the calls were made, after any name on disk (or, with
 * `recordedToo: false`, any name a case written by hand holds: a recording
 * replacing an earlier one reuses its names) and any in `taken`.
 */
export function nextCaseName(dir: string, operation: string, taken: ReadonlySet<string> = new Set(), recordedToo = true): string {
  const folder = join(dir, operation)
  const onDisk = existsSync(folder) ? readdirSync(folder).filter((name) => recordedToo || !isRecordedCase(join(folder, name))) : []
  const numbers = [...onDisk, ...[...taken].filter((label) => label.startsWith(`${operation}/`)).map((label) => label.slice(operation.length + 1))]
    .filter((name) => name.startsWith(casePrefix))
    .map((name) => Number(name.slice(casePrefix.length)))
    .filter(Number.isInteger)
  return `${casePrefix}${String(Math.max(0, ...numbers) + 1).padStart(3, '0')}`
}

/** A case's files as they are written, by file name. */
function caseFiles(exchange: CaseToWrite): Map<string, string> {
  const meta = {
    source: 'recorded',
    description: `${exchange.operation} as the server answered it (${exchange.format}, HTTP ${exchange.httpStatus})`,
    recordedAt: exchange.recordedAt,
    operation: exchange.operation,
    formats: [exchange.format],
    input: exchange.input,
    httpStatus: exchange.httpStatus,
    ...(exchange.contentType === undefined ? {} : { contentType: exchange.contentType }),
    ...(exchange.maskKey === undefined ? {} : { maskKey: exchange.maskKey }),
  }
  return new Map([
    ['case.json', `${JSON.stringify(meta, null, 2)}\n`],
    [`request.${exchange.format}`, exchange.request],
    [`response.${exchange.format}`, exchange.response],
    ['expected.json', `${JSON.stringify(exchange.expected, null, 2)}\n`],
  ])
}

/** The recorded cases under `dir` as their files, by `operation/name`: what a re-recording compares with. */
export function readRecordedCases(dir: string): Map<string, Map<string, string>> {
  const cases = new Map<string, Map<string, string>>()
  if (!existsSync(dir)) return cases
  for (const operation of operationFolders(dir)) {
    for (const entry of readdirSync(join(dir, operation), { withFileTypes: true })) {
      const folder = join(dir, operation, entry.name)
      if (!entry.isDirectory() || entry.name.startsWith('.') || !isRecordedCase(folder)) continue
      const files = new Map<string, string>()
      for (const file of readdirSync(folder, { withFileTypes: true })) if (file.isFile()) files.set(file.name, readFileSync(join(folder, file.name), 'utf8'))
      cases.set(`${operation}/${entry.name}`, files)
    }
  }
  return cases
}

/**
 * The case as it would be written, keeping the earlier recording's
 * `recordedAt` when nothing else differs: re-recording the same data
 * writes the same files, and review shows no change.
 */
export function unchangedTime(exchange: CaseToWrite, earlier: ReadonlyMap<string, string> | undefined): CaseToWrite {
  if (earlier === undefined) return exchange
  let recordedAt: unknown
  try {
    recordedAt = JSON.parse(earlier.get('case.json') ?? '').recordedAt
  } catch {
    return exchange
  }
  if (typeof recordedAt !== 'string') return exchange
  const candidate = { ...exchange, recordedAt }
  const files = caseFiles(candidate)
  const same = files.size === earlier.size && [...files].every(([name, text]) => earlier.get(name) === text)
  return same ? candidate : exchange
}

/**
 * Writes one case whole or not at all: into a hidden temporary folder
 * beside its place (same file system), renamed into place once every file
 * is there. The loader skips hidden folders, so a crash mid-write leaves
 * nothing it would read.
 */
export function writeCase(dir: string, name: string, exchange: CaseToWrite): string {
  const parent = join(dir, exchange.operation)
  mkdirSync(parent, { recursive: true })
  const temporary = mkdtempSync(join(parent, `.writing-${name}-`))
  try {
    for (const [file, text] of caseFiles(exchange)) writeFileSync(join(temporary, file), text)
    const target = join(parent, name)
    renameSync(temporary, target)
    return target
  } catch (error) {
    rmSync(temporary, { recursive: true, force: true })
    throw error
  }
}

function isRecordedCase(folder: string): boolean {
  try {
    return JSON.parse(readFileSync(join(folder, 'case.json'), 'utf8')).source === 'recorded'
  } catch {
    return false
  }
}

/**
 * Removes the recorded cases under `dir` (and half-written leftovers),
 * keeping any written by hand: what `record` mode does before its first
 * case, so a re-recording never leaves stale cases beside the new ones.
 * Returns the removed cases as `operation/name`.
 */
export function clearRecordedCases(dir: string): string[] {
  if (!existsSync(dir)) return []
  const removed: string[] = []
  for (const operation of operationFolders(dir)) {
    const parent = join(dir, operation)
    for (const entry of readdirSync(parent, { withFileTypes: true })) {
      if (!entry.isDirectory()) continue
      const folder = join(parent, entry.name)
      if (entry.name.startsWith('.writing-') || isRecordedCase(folder)) {
        rmSync(folder, { recursive: true, force: true })
        if (!entry.name.startsWith('.')) removed.push(`${operation}/${entry.name}`)
      }
    }
    // An emptied operation folder goes, and so do the folders that only nested it (`consent/` of `consent/show`).
    const steps = operation.split('/')
    for (let depth = steps.length; depth > 0; depth--) {
      const folder = join(dir, ...steps.slice(0, depth))
      if (readdirSync(folder).length > 0) break
      rmSync(folder, { recursive: true, force: true })
    }
  }
  return removed
}
