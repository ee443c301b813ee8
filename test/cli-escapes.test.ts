// Issue 24, item 2: whatever a server sends (a contact's fields, an error message, the field names
// `fixtures verify` reports), the tool's human-readable output shows control characters as visible
// escapes, never as the sequences a terminal would act on; --json output is the exact values.
import fc from 'fast-check'
import { cpSync, mkdtempSync, rmSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { runCli, type CliIo } from '../src/cli/run-cli.js'
import { visibleIo } from '../src/cli/visible-text.js'

// What a terminal acts on: C0 but tab and newline, DEL, C1, bidi embeddings, overrides, isolates and
// marks, the line and paragraph separators.
const acted = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/
const actedInLine = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/

const attacks = ['\u001b]0;PWNED-TITLE\u0007', '\u001b[2J', '\u001b[31m', '\u009b2J', '\u009d0;x\u009c', '\r', '\b', '\u007f', '\u0000', '\u202e', '\u2067', '\u200f', '\u2028', '\u061c', '\\u001b']
/** Text mixing escape sequences, single characters from the ranges a terminal acts on, and plain or Turkish text. */
const hostile = fc
  .array(fc.oneof(fc.constantFrom(...attacks), fc.integer({ min: 0, max: 0x206f }).map((code) => String.fromCharCode(code)), fc.string({ maxLength: 6 }), fc.constant('İşlem')), { minLength: 1, maxLength: 10 })
  .map((parts) => parts.join(''))
/** The same, on one line: an error message is printed on one, its line breaks folded. */
const hostileLine = hostile.map((text) => text.replace(/[\r\n]/g, '')).filter((text) => text !== '')

let answer: { status: number; json: string } = { status: 200, json: '' }
let server: Server
let baseUrl = ''
const env = { ILETIMERKEZI_KEY: 'escape-test-key', ILETIMERKEZI_SECRET: 'escape-test-secret-of-some-length' }
const root = mkdtempSync(join(tmpdir(), 'cli-escapes-'))

beforeAll(async () => {
  server = createServer((request, response) => {
    request.resume()
    request.on('end', () => {
      // Only the JSON endpoints are asked for; the XML twin of a fixture case answers as recorded.
      if (!request.url!.endsWith('/json')) response.writeHead(500).end()
      else response.writeHead(answer.status, { 'content-type': 'application/json' }).end(answer.json)
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`
  // One recorded get-contact case, its JSON half only.
  cpSync(join(import.meta.dirname, '..', 'fixtures', 'get-contact', 'docs-sample'), join(root, 'get-contact', 'docs-sample'), {
    recursive: true,
    filter: (path) => !path.endsWith('.xml'),
  })
})
afterAll(() => {
  server.close()
  rmSync(root, { recursive: true, force: true })
})

async function cli(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = ''
  let err = ''
  const code = await runCli([...argv, '--base-url', baseUrl], { env, out: (text) => (out += `${text}\n`), err: (text) => (err += `${text}\n`) })
  return { code, out, err }
}

function contactAnswer(fields: { name: string; surname: string; email: string; gsm: string; value: string }, extra: Record<string, unknown> = {}): string {
  const { value, ...named } = fields
  return JSON.stringify({ response: { status: { code: 200, message: 'OK' }, contact: { id: 5, ...named, custom_fields: [{ id: 1, value }], groups: [7], ...extra } } })
}

function expectNothingActed(run: { out: string; err: string }, what: string): void {
  expect(acted.test(run.out), `${what}: stdout ${JSON.stringify(run.out)}`).toBe(false)
  expect(acted.test(run.err), `${what}: stderr ${JSON.stringify(run.err)}`).toBe(false)
}

describe('server text through the tool', () => {
  const fields = fc.record({ name: hostile, surname: hostile, email: hostile, gsm: hostile, value: hostile })

  test('a contact’s fields: escaped for people, exact with --json', async () => {
    await fc.assert(
      fc.asyncProperty(fields, async (contact) => {
        answer = { status: 200, json: contactAnswer(contact) }
        const human = await cli(['contacts', 'get', '5'])
        expect(human.code, human.err).toBe(0)
        expectNothingActed(human, 'contacts get')
        // Still there to read, as escapes.
        expect(human.out).toContain('name')

        const json = await cli(['contacts', 'get', '5', '--json'])
        expect(json.code, json.err).toBe(0)
        const { value, ...named } = contact
        expect(JSON.parse(json.out)).toMatchObject({ id: 5, ...named, customFields: [{ id: 1, value }] })
      }),
      { numRuns: 60 },
    )
  }, 120_000)

  test('an error message: escaped on the one stderr line, exact in the --json error', async () => {
    await fc.assert(
      fc.asyncProperty(hostileLine, async (message) => {
        answer = { status: 401, json: JSON.stringify({ response: { status: { code: 401, message } } }) }
        const human = await cli(['contacts', 'get', '5'])
        expect(human.code).toBe(3)
        expect(human.out).toBe('')
        expectNothingActed(human, 'an error line')
        expect(human.err.trimEnd().split('\n')).toHaveLength(1)

        const json = await cli(['contacts', 'get', '5', '--json'])
        expect(JSON.parse(json.err)).toEqual({ error: { class: 'AuthenticationError', code: 401, message } })
      }),
      { numRuns: 60 },
    )
  }, 120_000)

  test('field names fixtures verify reports: escaped in its table, exact in its --json report', async () => {
    const recorded = { name: 'Ayşe', surname: 'Yılmaz', email: 'ayse@example.com.tr', gsm: '05321234567', value: '27/09/2024' }
    await fc.assert(
      fc.asyncProperty(hostile, async (name) => {
        answer = { status: 200, json: contactAnswer(recorded, { [`x${name}`]: 1 }) }
        const human = await cli(['fixtures', 'verify', root])
        expect(human.code, human.err).toBe(1)
        expectNothingActed(human, 'fixtures verify')
        expect(human.out).toContain('added: contact.x')

        const json = await cli(['fixtures', 'verify', root, '--json'])
        const report = JSON.parse(json.out) as { cases: { drift: { kind: string; path: string }[] }[] }
        expect(report.cases[0]!.drift).toContainEqual({ kind: 'added', path: `contact.x${name}` })
      }),
      { numRuns: 40 },
    )
  }, 120_000)
})

describe('the output sink', () => {
  test('a status line (campaign progress) is one line: newline and tab escaped too; blocks keep them', () => {
    fc.assert(
      fc.property(hostile, (text) => {
        const written: Record<string, string[]> = { out: [], err: [], status: [] }
        const sink: CliIo = { env: {}, out: (line) => written.out!.push(line), err: (line) => written.err!.push(line), status: (line) => written.status!.push(line) }
        const io = visibleIo(sink)
        io.out(`a\tb\n${text}`)
        io.err(text)
        io.status!(`${text}\n${text}`)
        expect(written.out![0]!.startsWith('a\tb\n')).toBe(true)
        for (const line of [...written.out!, ...written.err!]) expect(acted.test(line), JSON.stringify(line)).toBe(false)
        expect(actedInLine.test(written.status![0]!), JSON.stringify(written.status)).toBe(false)
        // Escapes are JSON's: JSON text written through the sink reads back as the same value.
        io.out(JSON.stringify({ text }, null, 2))
        expect(JSON.parse(written.out![1]!)).toEqual({ text })
      }),
      { numRuns: 500 },
    )
  })

  test('a status line exactly: each character a terminal acts on as its escape; a sink with no status line gets none', () => {
    const lines: string[] = []
    const io = visibleIo({ env: {}, out: () => {}, err: () => {}, status: (line) => lines.push(line) })
    io.status!('[###] 45%\t\u001b[2J\n\u202e12 rows\u0085')
    expect(lines).toEqual(['[###] 45%\\u0009\\u001b[2J\\u000a\\u202e12 rows\\u0085'])
    // Off a terminal there is no status line: commands write JSON lines instead, and must still see none.
    expect(visibleIo({ env: {}, out: () => {}, err: () => {} }).status).toBeUndefined()
  })

  test('the issue’s reproducer: the title sequence and the clear-screen show as text', () => {
    const lines: string[] = []
    visibleIo({ env: {}, out: (line) => lines.push(line), err: () => {} }).out('\u001b]0;PWNED-TITLE\u0007\u001b[2J name')
    expect(lines).toEqual(['\\u001b]0;PWNED-TITLE\\u0007\\u001b[2J name'])
  })
})
