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

/** One step as the table shows it. */
export interface Row {
  call: string
  json: Outcome
  xml: Outcome
  /** `equal`, `json only` (the XML side refused unsent, as expected), or `DIFFERENT`. */
  verdict: 'equal' | 'json only' | 'DIFFERENT'
  exchanges: { json: Exchange[]; xml: Exchange[] }
}

/** Whether a step's two runs agree; `offered`: the step's formats, where only one. */
export function verdictOf(offered: readonly Format[] | undefined, json: StepRun, xml: StepRun): Row['verdict'] {
  // A JSON-only endpoint: XML must be refused before anything is sent.
  if (offered?.length === 1 && offered[0] === 'json') {
    const refused = 'error' in xml.outcome && xml.outcome.error.name === 'ValidationError' && xml.exchanges.length === 0
    return refused && 'result' in json.outcome ? 'json only' : 'DIFFERENT'
  }
  return isDeepStrictEqual(json.outcome, xml.outcome) ? 'equal' : 'DIFFERENT'
}

const cellWidth = 30

function fit(text: string, width: number): string {
  const chars = [...text]
  return chars.length <= width ? text + ' '.repeat(width - chars.length) : `${chars.slice(0, width - 1).join('')}…`
}

/** An outcome on one line: the result as JSON, or `NotFoundError 465 Kişi bulunamadı.` */
export function summary(outcome: Outcome): string {
  if ('error' in outcome) return `${outcome.error.name}${outcome.error.code === undefined ? '' : ` ${outcome.error.code}`} ${outcome.error.message}`
  return outcome.result === undefined ? '(done, no result)' : JSON.stringify(outcome.result)
}

const mark = { equal: '✓ equal', 'json only': '✓ json only', DIFFERENT: '✗ DIFFERENT' } as const

/** The table: one row a step, JSON and XML side by side, and whether they agree. */
export function renderTable(rows: readonly Row[], verbose: boolean): string {
  const callWidth = Math.max(4, ...rows.map((row) => [...row.call].length))
  const number = (index: number) => String(index + 1).padStart(2)
  const lines = [`    ${fit('call', callWidth)}  ${fit('JSON', cellWidth)}  ${fit('XML', cellWidth)}`.trimEnd()]
  rows.forEach((row, index) => {
    lines.push(`${number(index)}  ${fit(row.call, callWidth)}  ${fit(summary(row.json), cellWidth)}  ${fit(summary(row.xml), cellWidth)}  ${mark[row.verdict]}`)
    if (verbose) lines.push(...wireLines(row), '')
  })
  return lines.join('\n')
}

// Under a row with --verbose: the whole result, then every exchange of both formats.
function wireLines(row: Row): string[] {
  const lines = [`      result  ${summary(row.json)}`]
  if (row.verdict === 'DIFFERENT') lines.push(`      xml     ${summary(row.xml)}`)
  for (const format of ['json', 'xml'] as const) {
    for (const exchange of row.exchanges[format]) {
      lines.push(`      ${format}  POST ${exchange.path} → HTTP ${exchange.status}`)
      lines.push(`        sent      ${exchange.request}`)
      lines.push(`        received  ${exchange.response}`)
    }
    if (row.exchanges[format].length === 0) lines.push(`      ${format}  nothing sent`)
  }
  return lines
}
