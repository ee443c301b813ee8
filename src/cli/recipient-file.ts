// Reading a campaign's recipients from a CSV file, or one number a line, as a stream.
import { createReadStream } from 'node:fs'
import { pipeline, Readable } from 'node:stream'
import { CsvError, parse } from 'csv-parse'
import { ValidationError } from '../index.js'

/** A row of the file, by column name. */
export type FileRow = Readonly<Record<string, string>>

/** Where the recipients come from: a file's path, or `'-'` for what is piped in. */
export interface RecipientSource {
  path: string
  stdin: AsyncIterable<Uint8Array | string> | undefined
}

// A row's line rides on the row under a symbol: not a column, so templates and keys never see it.
const lineKey = Symbol('line')

/** A streaming read of a recipient file: its rows, and the line each began on. */
export interface RecipientFile {
  rows: AsyncIterable<FileRow>
  /** The line a row (one yielded by `rows`) began on, from 1. */
  lineOf(row: FileRow): number | undefined
}

const refused = (message: string) => new ValidationError([{ path: 'recipients', message }])

function openSource(source: RecipientSource): Readable {
  if (source.path !== '-') return createReadStream(source.path)
  if (source.stdin === undefined) throw refused('nothing is piped in to read the recipients from (--recipients -)')
  return Readable.from(source.stdin)
}

// Lines a record's fields hold beyond its own: a quoted field may break lines.
function extraLines(record: readonly string[]): number {
  let breaks = 0
  for (const field of record) if (field.includes('\n') || field.includes('\r')) breaks += field.match(/\r\n|\r|\n/g)!.length
  return breaks
}

const isBlank = (record: readonly string[]) => record.length === 1 && record[0] === ''

/**
 * Reads a recipient file as it streams: CSV (`,`, `;` or tab between
 * fields, quoted fields, a BOM, CRLF line ends) or one number a line;
 * blank lines are skipped. The first line is a header when it names
 * `column` (any case); a file of one field a line may start with a header
 * with no digit in it. Other files need `column` named in their header:
 * refused with a `ValidationError` otherwise, as is a file the CSV parser
 * cannot read (with its line number).
 */
export function readRecipientFile(source: RecipientSource, column: string, columnGiven: boolean): RecipientFile {
  async function* rows(): AsyncGenerator<FileRow> {
    // Every line break ends a record, blank lines included, so counting records and the breaks
    // inside quoted fields gives each row's line: the parser's own `info` costs ten times the parse.
    const parser = parse({ bom: true, relax_column_count: true, trim: true, delimiter: [',', ';', '\t'], record_delimiter: ['\r\n', '\n', '\r'] })
    // pipeline, not pipe: a file that cannot be read fails the parser (and so this loop), and a loop
    // left early closes the file.
    pipeline(openSource(source), parser, () => {})
    let columns: string[] | undefined
    let nextLine = 1
    try {
      for await (const record of parser as AsyncIterable<string[]>) {
        const line = nextLine
        nextLine += 1 + extraLines(record)
        if (isBlank(record)) continue
        if (columns === undefined) {
          columns = headerOf(record, column, columnGiven, line)
          if (columns !== undefined) continue
          columns = [column]
        }
        const row: Record<string | typeof lineKey, string | number> = { [lineKey]: line }
        const fields = Math.min(record.length, columns.length)
        for (let index = 0; index < fields; index++) row[columns[index]!] = record[index]!
        yield row as FileRow
      }
    } catch (error) {
      if (error instanceof CsvError) throw refused(`the file cannot be read as CSV: ${error.message}`)
      if (error instanceof Error && 'code' in error && typeof error.code === 'string' && error.code.startsWith('E')) {
        throw refused(`cannot read ${source.path}: ${error.message}`)
      }
      throw error
    }
  }
  return { rows: rows(), lineOf: (row) => (row as { [lineKey]?: number })[lineKey] }
}

// The header's column names, or undefined when the first line is already a row.
function headerOf(record: readonly string[], column: string, columnGiven: boolean, line: number): string[] | undefined {
  const wanted = column.toLowerCase()
  const at = record.findIndex((field) => field.toLowerCase() === wanted)
  if (at >= 0) return record.map((field, index) => (index === at ? column : field))
  if (record.length === 1 && !columnGiven) return /\d/.test(record[0]!) ? undefined : [column]
  const found = record.length === 1 ? `its first line (${line}) is ${JSON.stringify(record[0])}` : `its first line (${line}) has ${record.length} fields: ${record.join(', ')}`
  throw refused(`no ${JSON.stringify(column)} column in the file: ${found}; name the column that holds the numbers with --column`)
}
