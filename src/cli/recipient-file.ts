// Reading a campaign's recipients from a CSV file, or one number a line, as a stream.
import { createReadStream } from 'node:fs'
import { Readable } from 'node:stream'
import { CsvError, parse } from 'csv-parse'
import { ValidationError } from '../index.js'

/** A row of the file, by column name. */
export type FileRow = Readonly<Record<string, string>>

/** Where the recipients come from: a file's path, or `'-'` for what is piped in. */
export interface RecipientSource {
  path: string
  stdin: AsyncIterable<Uint8Array | string> | undefined
}

/** How to read the file. */
export interface RecipientFormat {
  /** The header column that holds the numbers. */
  column: string
  /** `column` was named on the command line (a one-field first line is then not taken for a header). */
  columnGiven: boolean
  /** The one separator between fields; found from the header line when left out. */
  delimiter?: string
  /** Columns the header must have (a template's placeholders): refused at the header otherwise. */
  needs?: readonly string[]
}

const stepAsideMs = 20

/** The longest record read (1 MiB): a longer one is an invalid row, never held whole. */
export const maxRecordBytes = 2 ** 20

// A row's line and, for a row that cannot be sent, why: on the row under symbols, not columns,
// so templates and keys never see them.
const lineKey = Symbol('line')
const problemKey = Symbol('problem')

/** A streaming read of a recipient file: its rows, the line each began on, and what is wrong with a row. */
export interface RecipientFile {
  rows: AsyncIterable<FileRow>
  /** The line a row (one yielded by `rows`) began on, from 1. */
  lineOf(row: FileRow): number | undefined
  /** Why a row cannot be sent (more or fewer fields than the header, over 1 MiB); `undefined` for a good row. */
  problemOf(row: FileRow): string | undefined
}

const refused = (message: string) => new ValidationError([{ path: 'recipients', message }])

const candidates = [',', ';', '\t'] as const
const nameOf = (delimiter: string) => (delimiter === '\t' ? 'tab' : JSON.stringify(delimiter))

async function* chunksOf(source: RecipientSource): AsyncGenerator<Buffer> {
  let input: AsyncIterable<Uint8Array | string>
  if (source.path !== '-') input = createReadStream(source.path)
  else if (source.stdin === undefined) throw refused('nothing is piped in to read the recipients from (--recipients -)')
  else input = source.stdin
  try {
    for await (const chunk of input) yield typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (typeof code === 'string' && code.startsWith('E')) throw refused(`cannot read ${source.path}: ${(error as Error).message}`)
    throw error
  }
}

// The separator the header line uses: the one of `,` `;` tab that appears most outside quotes.
function delimiterOf(headerLine: string): string {
  const counts = new Map<string, number>(candidates.map((candidate) => [candidate, 0]))
  let quoted = false
  for (const character of headerLine) {
    if (character === '"') quoted = !quoted
    else if (!quoted && counts.has(character)) counts.set(character, counts.get(character)! + 1)
  }
  const ranked = [...counts].sort((a, b) => b[1] - a[1])
  if (ranked[0]![1] === 0) return ','
  if (ranked[0]![1] === ranked[1]![1]) {
    throw refused(`the header line uses both ${nameOf(ranked[0]![0])} and ${nameOf(ranked[1]![0])} as often: name the separator with --delimiter`)
  }
  return ranked[0]![0]
}

const [quote, lf, cr] = [0x22, 0x0a, 0x0d]

/**
 * Passes the bytes on, but a record longer than `maxRecordBytes` is cut out
 * (its line breaks kept, so every later line keeps its number) and its line
 * noted in `oversized`: the parser never holds more than 1 MiB of one row.
 * Quotes are followed as the parser reads them: opened at a field's start,
 * `""` inside is a quote.
 */
async function* capRecords(chunks: AsyncIterable<Buffer>, delimiter: number, oversized: number[]): AsyncGenerator<Buffer> {
  let quoted = false
  let closing = false // a quote inside quotes: the next byte says if it closed them
  let fieldStart = true
  let recordBytes = 0
  let dropping = false
  let line = 1
  let recordLine = 1
  let lastCr = false
  let held: Buffer[] = [] // the current record's bytes from earlier chunks, until it ends or passes the cap
  for await (const chunk of chunks) {
    // Most chunks hold no quote and no CR: whole lines pass at once, only the last one is held.
    if (!quoted && !closing && !dropping && !lastCr && !chunk.includes(quote) && !chunk.includes(cr)) {
      const lastBreak = chunk.lastIndexOf(lf)
      const firstBreak = chunk.indexOf(lf)
      if (lastBreak === -1 && recordBytes + chunk.length <= maxRecordBytes) {
        held.push(chunk)
        recordBytes += chunk.length
        fieldStart = fieldStartAfter(chunk, chunk.length, -1, delimiter, fieldStart)
        continue
      }
      if (lastBreak !== -1 && recordBytes + firstBreak <= maxRecordBytes) {
        for (let at = firstBreak; at !== -1; at = chunk.indexOf(lf, at + 1)) line++
        const out = [...held, chunk.subarray(0, lastBreak + 1)]
        held = [chunk.subarray(lastBreak + 1)]
        recordBytes = chunk.length - lastBreak - 1
        recordLine = line
        fieldStart = fieldStartAfter(chunk, chunk.length, lastBreak, delimiter, true)
        yield out.length === 1 ? out[0]! : Buffer.concat(out)
        continue
      }
    }
    const out: Buffer[] = []
    let from = 0 // where this chunk's bytes not yet passed on begin
    let recordStart = 0 // where the current record begins in this chunk (0: in an earlier one)
    for (let at = 0; at < chunk.length; at++) {
      const byte = chunk[at]!
      const newLine = byte === lf || byte === cr
      if (newLine && !(byte === lf && lastCr)) line++
      lastCr = byte === cr
      if (closing) {
        closing = false
        if (byte === quote) continue
        quoted = false
      }
      if (!quoted && newLine) {
        if (dropping) {
          oversized.push(recordLine)
          out.push(Buffer.from([byte]))
          from = at + 1
          dropping = false
        } else if (held.length > 0) {
          out.push(...held)
          held = []
        }
        recordStart = at + 1
        recordBytes = 0
        fieldStart = true
        recordLine = line
        continue
      }
      if (quoted) {
        if (byte === quote) closing = true
      } else if (byte === quote && fieldStart) quoted = true
      else if (byte === delimiter) fieldStart = true
      else if (byte !== 0x20 && byte !== 0x09) fieldStart = false
      if (dropping) {
        if (newLine) out.push(Buffer.from([byte]))
        from = at + 1
      } else if (++recordBytes > maxRecordBytes) {
        // Cut out; its line breaks so far go on, so later lines keep their numbers.
        dropping = true
        held = []
        out.push(chunk.subarray(from, recordStart), Buffer.alloc(line - recordLine, lf))
        from = at + 1
      }
    }
    if (!dropping) {
      out.push(chunk.subarray(from, recordStart))
      held.push(chunk.subarray(Math.max(from, recordStart)))
    }
    if (out.length > 0) yield out.length === 1 ? out[0]! : Buffer.concat(out)
  }
  if (dropping) oversized.push(recordLine)
  else if (held.length > 0) yield Buffer.concat(held)
}

// Whether a quote after `chunk[..end]` would open a quoted field: only blanks since the record's
// start (`lineEnd`) or the last separator. `before`: the answer where the chunk began, for a chunk
// with neither in it.
function fieldStartAfter(chunk: Buffer, end: number, lineEnd: number, delimiter: number, before: boolean): boolean {
  for (let at = end - 1; at > lineEnd; at--) {
    const byte = chunk[at]!
    if (byte === delimiter) return true
    if (byte !== 0x20 && byte !== 0x09) return false
  }
  return lineEnd === -1 ? before : true
}

// Lines a record's fields hold beyond its own: a quoted field may break lines.
function extraLines(record: readonly string[]): number {
  let breaks = 0
  for (const field of record) if (field.includes('\n') || field.includes('\r')) breaks += field.match(/\r\n|\r|\n/g)!.length
  return breaks
}

const isBlank = (record: readonly string[]) => record.length === 1 && record[0] === ''

/**
 * Reads a recipient file as it streams: CSV with one separator (`,`, `;` or
 * tab, whichever the header line uses; or `delimiter`), quoted fields, a
 * BOM, CRLF line ends; or one number a line. Blank lines are skipped. The
 * first line is a header when it names `column` (any case); a file of one
 * field a line may start with a header with no digit in it. Other files need
 * `column` named in their header: refused with a `ValidationError`
 * otherwise, as is a file the CSV parser cannot read (with its line number).
 * A row with more or fewer fields than the header, or longer than 1 MiB, is
 * yielded with its problem (see `problemOf`), never cut or padded.
 */
export function readRecipientFile(source: RecipientSource, format: RecipientFormat): RecipientFile {
  const { column, columnGiven } = format
  async function* rows(): AsyncGenerator<FileRow> {
    const chunks = chunksOf(source)
    // The header line decides the separator: read up to its end (or 1 MiB) first.
    const first: Buffer[] = []
    let size = 0
    for (;;) {
      const next = await chunks.next()
      if (next.done) break
      first.push(next.value)
      size += next.value.length
      if (next.value.includes(lf) || next.value.includes(cr) || size > maxRecordBytes) break
    }
    const opening = Buffer.concat(first)
    const headerText = opening.subarray(0, maxRecordBytes).toString('utf8').replace(/^\uFEFF/, '').replace(/^\s*[\r\n]+/, '').split(/\r\n|\r|\n/)[0] ?? ''
    const delimiter = format.delimiter ?? delimiterOf(headerText)
    async function* all(): AsyncGenerator<Buffer> {
      if (opening.length > 0) yield opening
      yield* chunks
    }
    const oversized: number[] = []
    // Every line break ends a record, blank lines included, so counting records and the breaks
    // inside quoted fields gives each row's line: the parser's own `info` costs ten times the parse.
    const parser = parse({
      bom: true,
      delimiter,
      relax_column_count: true,
      relax_quotes: true,
      trim: true,
      record_delimiter: ['\r\n', '\n', '\r'],
      max_record_size: 2 * maxRecordBytes,
    })
    const input = Readable.from(capRecords(all(), delimiter.charCodeAt(0), oversized))
    input.on('error', (error) => parser.destroy(error))
    input.pipe(parser)
    let columns: string[] | undefined
    let nextLine = 1
    const tooLong = function* (before: number): Generator<FileRow> {
      while (oversized.length > 0 && oversized[0]! < before) {
        const line = oversized.shift()!
        yield { [lineKey]: line, [problemKey]: `the row is longer than ${maxRecordBytes / 2 ** 20} MiB: not read` } as unknown as FileRow
      }
    }
    // Rows already parsed arrive as promises alone, which never let a timer run: every few
    // milliseconds the loop steps aside, so the progress line is redrawn on time.
    let stepAside = performance.now() + stepAsideMs
    try {
      for await (const record of parser as AsyncIterable<string[]>) {
        if (performance.now() >= stepAside) {
          await new Promise((resume) => setImmediate(resume))
          stepAside = performance.now() + stepAsideMs
        }
        const line = nextLine
        nextLine += 1 + extraLines(record)
        if (oversized.length > 0) yield* tooLong(line)
        if (isBlank(record)) continue
        if (columns === undefined) {
          columns = headerOf(record, column, columnGiven, line, delimiter)
          const header = columns ?? [column]
          const missing = (format.needs ?? []).filter((name) => !header.includes(name))
          if (missing.length > 0) {
            throw new ValidationError(
              missing.map((name) => ({ path: 'template', message: `the template names {${name}}, but the file has no such column (it has: ${header.join(', ')})` })),
              {},
            )
          }
          if (columns !== undefined) continue
          columns = [column]
        }
        const row: Record<string | symbol, string | number> = { [lineKey]: line }
        if (record.length !== columns.length) {
          row[problemKey] =
            `${record.length} fields where the header has ${columns.length}` +
            (record.length > columns.length ? `: a ${nameOf(delimiter)} inside a value? Put the value in double quotes` : '')
          // The number still shows in the report, where it can be found.
          const at = columns.indexOf(column)
          if (at >= 0 && at < record.length) row[column] = record[at]!
        } else for (let index = 0; index < columns.length; index++) row[columns[index]!] = record[index]!
        yield row as FileRow
      }
      yield* tooLong(Infinity)
    } catch (error) {
      if (error instanceof CsvError) throw refused(`the file cannot be read as CSV: ${error.message}`)
      throw error
    } finally {
      input.destroy()
    }
  }
  return {
    rows: rows(),
    lineOf: (row) => (row as { [lineKey]?: number })[lineKey],
    problemOf: (row) => (row as { [problemKey]?: string })[problemKey],
  }
}

// The header's column names, or undefined when the first line is already a row.
function headerOf(record: readonly string[], column: string, columnGiven: boolean, line: number, delimiter: string): string[] | undefined {
  const wanted = column.toLowerCase()
  const at = record.findIndex((field) => field.toLowerCase() === wanted)
  if (at >= 0) return record.map((field, index) => (index === at ? column : field))
  if (record.length === 1 && !columnGiven) return /\d/.test(record[0]!) ? undefined : [column]
  const found =
    record.length === 1 ? `its first line (${line}) is ${JSON.stringify(record[0])}` : `its first line (${line}) has ${record.length} fields split by ${nameOf(delimiter)}: ${record.join(', ')}`
  throw refused(`no ${JSON.stringify(column)} column in the file: ${found}; name the column that holds the numbers with --column`)
}
