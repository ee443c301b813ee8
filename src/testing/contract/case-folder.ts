import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Format } from '../../errors/index.js'
import type { Expected } from '../fixture-cases.js'

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
}

const casePrefix = 'call-'

/** Recorded case names go `call-001`, `call-002`, … per operation, in the order the calls were made. */
export function nextCaseName(dir: string, operation: string): string {
  const folder = join(dir, operation)
  const taken = existsSync(folder)
    ? readdirSync(folder)
        .filter((name) => name.startsWith(casePrefix))
        .map((name) => Number(name.slice(casePrefix.length)))
        .filter(Number.isInteger)
    : []
  return `${casePrefix}${String(Math.max(0, ...taken) + 1).padStart(3, '0')}`
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
    const meta = {
      source: 'recorded',
      description: `${exchange.operation} as the server answered it (${exchange.format}, HTTP ${exchange.httpStatus})`,
      recordedAt: exchange.recordedAt,
      operation: exchange.operation,
      formats: [exchange.format],
      input: exchange.input,
      httpStatus: exchange.httpStatus,
    }
    writeFileSync(join(temporary, 'case.json'), `${JSON.stringify(meta, null, 2)}\n`)
    writeFileSync(join(temporary, `request.${exchange.format}`), exchange.request)
    writeFileSync(join(temporary, `response.${exchange.format}`), exchange.response)
    writeFileSync(join(temporary, 'expected.json'), `${JSON.stringify(exchange.expected, null, 2)}\n`)
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
  for (const operation of readdirSync(dir, { withFileTypes: true })) {
    if (!operation.isDirectory()) continue
    const parent = join(dir, operation.name)
    for (const entry of readdirSync(parent, { withFileTypes: true })) {
      if (!entry.isDirectory()) continue
      const folder = join(parent, entry.name)
      if (entry.name.startsWith('.writing-') || isRecordedCase(folder)) {
        rmSync(folder, { recursive: true, force: true })
        if (!entry.name.startsWith('.')) removed.push(`${operation.name}/${entry.name}`)
      }
    }
    if (readdirSync(parent).length === 0) rmSync(parent, { recursive: true, force: true })
  }
  return removed
}
