// A property: whatever names and amounts hold (`,` `;` tabs, quotes, line breaks, Turkish
// letters), each recipient gets exactly the template filled with its own row's fields, written
// as any CSV writer would quote them, with any of the three separators.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import fc from 'fast-check'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { runCli } from '../src/cli/run-cli.js'
import { startSandbox, type Sandbox } from '../src/testing/index.js'

let box: Sandbox
let folder: string

beforeAll(async () => {
  box = await startSandbox({ seed: { balance: { amount: 1_000_000, sms: 1_000_000 }, orders: [] }, duplicateOrders: false })
  folder = mkdtempSync(join(tmpdir(), 'campaign-csv-'))
})
afterAll(async () => {
  await box.close()
  rmSync(folder, { recursive: true, force: true })
})

const characters = fc.constantFrom(...'aAzZşŞçÇğĞıİöÖüÜ 09,;\t"\'\n.-{}'.split(''))
const value = fc.string({ unit: characters, minLength: 1, maxLength: 12 }).filter((text) => text.trim() !== '')
const row = fc.record({ name: value, amount: value, quoteAnyway: fc.boolean() })

// Quoted when it must be (a separator, a quote, a line break, space at either end: CSV trims
// unquoted fields), and sometimes when it need not.
function field(text: string, delimiter: string, quoteAnyway: boolean): string {
  const needs = text.includes(delimiter) || /["\r\n]/.test(text) || text !== text.trim() || /^\s|\s$/.test(text)
  return needs || quoteAnyway ? `"${text.replaceAll('"', '""')}"` : text
}

let run = 0

test('each recipient gets the template filled with exactly its own row, whatever the fields hold', async () => {
  await fc.assert(
    fc.asyncProperty(fc.constantFrom(',', ';', '\t'), fc.array(row, { minLength: 1, maxLength: 6 }), fc.constantFrom('\n', '\r\n'), async (delimiter, rows, lineEnd) => {
      run++
      const numbers = rows.map((_, index) => `0532${String(run).padStart(4, '0')}${String(index).padStart(3, '0')}`)
      const lines = [['gsm', 'isim', 'tutar'].join(delimiter), ...rows.map(({ name, amount, quoteAnyway }, index) => [numbers[index], field(name, delimiter, quoteAnyway), field(amount, delimiter, !quoteAnyway)].join(delimiter))]
      const path = join(folder, `r${run}.csv`)
      writeFileSync(path, lines.join(lineEnd) + lineEnd)
      const before = new Set(box.store.orders.keys())
      const out: string[] = []
      const code = await runCli(
        ['--base-url', box.url, 'campaign', 'send', '--sender', 'eMarka', '--template', 'Sayın {isim}, borcunuz {tutar} TL', '--recipients', path, '--journal', join(folder, `r${run}.json`)],
        { env: { ILETIMERKEZI_KEY: box.key, ILETIMERKEZI_SECRET: box.secret }, out: (text) => void out.push(text), err: (text) => void out.push(text) },
      )
      expect(code, out.join('\n')).toBe(0)
      const got = new Map<string, string>()
      for (const [id, order] of box.store.orders) if (!before.has(id)) for (const message of order.messages) got.set(message.number, message.text)
      expect(got).toEqual(new Map(rows.map(({ name, amount }, index) => [`+90${numbers[index]!.slice(1)}`, `Sayın ${name}, borcunuz ${amount} TL`])))
    }),
    { numRuns: 120 },
  )
}, 120_000)
