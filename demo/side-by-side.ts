import { isDeepStrictEqual } from 'node:util'
import type { Format } from '../src/index.js'
import type { Exchange } from './wire-capture.js'

/** What one call gave in one format: a result, or the error's outline. */
export type Outcome = { result: unknown } | { error: { name: string; code: number | undefined; message: string } }

/** One step in one format: what it gave and what went over the wire. */
export interface StepRun {
  outcome: Outcome
  exchanges: Exchange[]
}

/**
 * How a step's formats compare: `equal`; `offered only` for an endpoint the
 * provider has in some formats only (a result there, refused unsent in the
 * others); or `DIFFERENT`.
 */
export type Verdict = 'equal' | 'offered only' | 'DIFFERENT'

/** One step as the table shows it. */
export interface Row {
  call: string
  runs: Readonly<Partial<Record<Format, StepRun>>>
  /** The step's formats, where the provider offers only some. */
  offered: readonly Format[] | undefined
  verdict: Verdict
}

const refusedUnsent = (run: StepRun) => 'error' in run.outcome && run.outcome.error.name === 'ValidationError' && run.exchanges.length === 0

/** Whether a step's runs agree. `offered`: the formats the step's endpoint has, where not all. */
export function verdictOf(offered: readonly Format[] | undefined, runs: Readonly<Partial<Record<Format, StepRun>>>): Verdict {
  const formats = Object.keys(runs) as Format[]
  const answered = formats.filter((format) => offered === undefined || offered.includes(format))
  const refused = formats.filter((format) => !answered.includes(format))
  const [first, ...others] = answered.map((format) => runs[format]!.outcome)
  if (first === undefined || others.some((outcome) => !isDeepStrictEqual(outcome, first))) return 'DIFFERENT'
  if (refused.length === 0) return 'equal'
  return 'result' in first && refused.every((format) => refusedUnsent(runs[format]!)) ? 'offered only' : 'DIFFERENT'
}

const cellWidth = 30

function fit(text: string, width: number): string {
  const chars = [...text]
  return chars.length <= width ? text + ' '.repeat(width - chars.length) : `${chars.slice(0, width - 1).join('')}…`
}

/** An outcome on one line: the result as JSON, or `NotFoundError 465 Kişi bulunamadı.` */
export function summary(outcome: Outcome | undefined): string {
  if (outcome === undefined) return '(not run)'
  if ('error' in outcome) return `${outcome.error.name}${outcome.error.code === undefined ? '' : ` ${outcome.error.code}`} ${outcome.error.message}`
  return outcome.result === undefined ? '(done, no result)' : JSON.stringify(outcome.result)
}

function mark(row: Row): string {
  if (row.verdict === 'equal') return '✓ equal'
  if (row.verdict === 'offered only') return `✓ ${row.offered!.join(', ')} only`
  return '✗ DIFFERENT'
}

/** The table: one row a step, one column a format side by side, and whether they agree. */
export function renderTable(rows: readonly Row[], formats: readonly Format[], verbose: boolean): string {
  const callWidth = Math.max(4, ...rows.map((row) => [...row.call].length))
  const header = ['    ' + fit('call', callWidth), ...formats.map((format) => fit(format.toUpperCase(), cellWidth))].join('  ')
  const lines = [header.trimEnd()]
  rows.forEach((row, index) => {
    const cells = formats.map((format) => fit(summary(row.runs[format]?.outcome), cellWidth))
    lines.push([`${String(index + 1).padStart(2)}  ${fit(row.call, callWidth)}`, ...cells, mark(row)].join('  '))
    if (verbose) lines.push(...wireLines(row, formats), '')
  })
  return lines.join('\n')
}

// Under a row with --verbose: each format's outcome in full and its exchanges, request and response.
function wireLines(row: Row, formats: readonly Format[]): string[] {
  const lines: string[] = []
  for (const format of formats) {
    const run = row.runs[format]
    lines.push(`      ${format}  ${summary(run?.outcome)}`)
    for (const exchange of run?.exchanges ?? []) {
      lines.push(`        POST ${exchange.path} → HTTP ${exchange.status}`)
      lines.push(`          sent      ${exchange.request}`)
      lines.push(`          received  ${exchange.response}`)
    }
    if (run?.exchanges.length === 0) lines.push('        nothing sent')
  }
  return lines
}
