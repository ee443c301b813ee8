// Reading `iletimerkezi consents add`'s records from a CSV file (or `-` for what is piped in).
import { createReadStream } from 'node:fs'
import { pipeline, Readable } from 'node:stream'
import { CsvError, parse } from 'csv-parse'
import { ValidationError, type ConsentRecord } from '../index.js'

const fields = ['recipient', 'recipientType', 'type', 'status', 'source', 'consentDate'] as const
type Field = (typeof fields)[number]

/** What a row leaves out: the `--recipient-type` and `--type` flags, else BIREYSEL and MESAJ. */
export interface ConsentDefaults {
  recipientType: string
  type: string
}

const refused = (message: string) => new ValidationError([{ path: 'consents', message }])

// Header names are matched loosely: `recipient_type`, `Recipient Type` and `recipientType` are one column.
const squeeze = (name: string) => name.toLowerCase().replace(/[\s_-]/g, '')
const fieldByName = new Map<string, Field>(fields.map((field) => [squeeze(field), field]))

function openSource(path: string, stdin: AsyncIterable<Uint8Array | string> | undefined): Readable {
  if (path !== '-') return createReadStream(path)
  if (stdin === undefined) throw refused('nothing is piped in to read the consents from (-)')
  return Readable.from(stdin)
}

/**
 * Every record of a consent CSV: a header naming at least `recipient` and
 * `status` (and any of recipientType, type, source, consentDate), then a
 * record a line (`,`, `;` or tab between fields). An empty cell is left
 * out; the client checks every record before the first request.
 */
export async function readConsentFile(path: string, stdin: AsyncIterable<Uint8Array | string> | undefined, defaults: ConsentDefaults): Promise<ConsentRecord[]> {
  const parser = parse({ bom: true, trim: true, skip_empty_lines: true, relax_column_count: true, delimiter: [',', ';', '\t'] })
  pipeline(openSource(path, stdin), parser, () => {})
  const records: ConsentRecord[] = []
  let columns: (Field | undefined)[] | undefined
  try {
    for await (const row of parser as AsyncIterable<string[]>) {
      if (columns === undefined) {
        columns = row.map((name) => fieldByName.get(squeeze(name)))
        const missing = (['recipient', 'status'] as const).filter((field) => !columns!.includes(field))
        if (missing.length > 0) throw refused(`the first line must name the columns; ${missing.join(' and ')} is missing (columns: ${fields.join(', ')})`)
        continue
      }
      const record: Record<string, string> = { ...defaults }
      row.forEach((value, index) => {
        const field = columns![index]
        if (field !== undefined && value !== '') record[field] = value
      })
      records.push(record as unknown as ConsentRecord)
    }
  } catch (error) {
    if (error instanceof CsvError) throw refused(`the file cannot be read as CSV: ${error.message}`)
    if (error instanceof Error && 'code' in error && typeof error.code === 'string' && error.code.startsWith('E')) throw refused(`cannot read ${path}: ${error.message}`)
    throw error
  }
  return records
}
