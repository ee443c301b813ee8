// The campaign's promises, each hole of issue 23 closed: the right text or none, one owner per
// journal, a journal that cannot go back, what the provider did, exit codes that keep their word.
import { spawn } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { hostname, tmpdir } from 'node:os'
import { join } from 'node:path'
import { Readable } from 'node:stream'
import { fileURLToPath } from 'node:url'
import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import { journalSeal } from '../src/campaign/journal-state.js'
import { journalFile } from '../src/cli/journal-file.js'
import { runCli } from '../src/cli/run-cli.js'
import { createClient, ValidationError, type CampaignJournalState } from '../src/index.js'
import { startSandbox, type Sandbox } from '../src/testing/index.js'
import { memoryJournal } from './support/memory-journal.js'
import { rejectionOf } from './support/outcomes.js'

const root = fileURLToPath(new URL('..', import.meta.url))
const running: Sandbox[] = []
let folder: string

beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), 'campaign-safety-'))
})
afterEach(async () => {
  await Promise.all(running.splice(0).map((sandbox) => sandbox.close()))
  rmSync(folder, { recursive: true, force: true })
})

async function sandbox(): Promise<Sandbox> {
  // Duplicate-order detection off unless a test asks: these tests count what arrives.
  const started = await startSandbox({ seed: { balance: { amount: 1_000_000, sms: 1_000_000 }, orders: [] }, duplicateOrders: false })
  running.push(started)
  return started
}

interface Ran {
  code: number
  out: string[]
  err: string[]
}

async function run(box: Sandbox, args: readonly string[], stdin?: string | AsyncIterable<Buffer>): Promise<Ran> {
  const ran: Ran = { code: -1, out: [], err: [] }
  ran.code = await runCli(['--base-url', box.url, ...args], {
    env: { ILETIMERKEZI_KEY: box.key, ILETIMERKEZI_SECRET: box.secret! },
    out: (text) => void ran.out.push(text),
    err: (text) => void ran.err.push(text),
    ...(stdin === undefined ? {} : { stdin: typeof stdin === 'string' ? Readable.from([Buffer.from(stdin)]) : stdin }),
  })
  return ran
}

const file = (name: string, text: string | Buffer) => {
  const path = join(folder, name)
  writeFileSync(path, text)
  return path
}
const messages = (box: Sandbox) => [...box.store.orders.values()].flatMap((order) => order.messages.map((message) => [message.number, message.text]))
const summaryOf = (ran: Ran) => (JSON.parse(ran.out.at(-1)!) as { summary: Record<string, unknown> }).summary
const send = (box: Sandbox, ...args: string[]) => run(box, ['campaign', 'send', '--sender', 'eMarka', ...args])

describe('the right text or none', () => {
  test("the issue's files: one separator a file, quotes honoured, a row with an extra field invalid by line, never cut", async () => {
    const box = await sandbox()
    const semicolons = file('a.csv', 'gsm;isim;tutar\n05321234567;Ayşe;12,50\n05321234568;Ali; Veli;5\n')
    const ran = await send(box, '--template', 'Sayın {isim}, borcunuz {tutar} TL', '--recipients', semicolons, '--journal', join(folder, 'a.json'))
    expect(messages(box)).toEqual([['+905321234567', 'Sayın Ayşe, borcunuz 12,50 TL']])
    expect(summaryOf(ran)['invalid']).toEqual([{ position: 3, number: '05321234568', reason: '4 fields where the header has 3: a ";" inside a value? Put the value in double quotes' }])

    const commas = file('b.csv', 'gsm,isim\n05321234569,Ali; Veli\n05321234570,"Ayşe\tYılmaz"\n')
    await send(box, '--template', 'Merhaba {isim}', '--recipients', commas, '--journal', join(folder, 'b.json'))
    const tabs = file('c.tsv', 'gsm\tisim\n05321234571\t"Ayşe\tYılmaz"\n05321234572\tAyşe\tYılmaz\n05321234573\tAli, Veli; Can\n')
    const tabbed = await send(box, '--template', 'Merhaba {isim}', '--recipients', tabs, '--journal', join(folder, 'c.json'))
    expect(messages(box).slice(1)).toEqual([
      ['+905321234569', 'Merhaba Ali; Veli'],
      ['+905321234570', 'Merhaba Ayşe\tYılmaz'],
      ['+905321234571', 'Merhaba Ayşe\tYılmaz'],
      ['+905321234573', 'Merhaba Ali, Veli; Can'],
    ])
    expect(summaryOf(tabbed)['invalid']).toMatchObject([{ position: 3, reason: /3 fields where the header has 2: a tab inside a value/ }])
    expect(tabbed.code).toBe(0)
  })

  test('--delimiter names the separator; a header using two as often is refused before sending', async () => {
    const box = await sandbox()
    const both = file('d.csv', 'gsm;isim,soyad\n05321234567;Ayşe,Yılmaz\n')
    const refused = await send(box, '--template', 'Merhaba {isim}', '--recipients', both, '--journal', join(folder, 'd.json'))
    expect(refused.code).toBe(2)
    expect(refused.err.join()).toMatch(/uses both "," and ";" as often: name the separator with --delimiter/)
    const named = await send(box, '--template', 'Merhaba {isim,soyad}', '--recipients', both, '--delimiter', ';', '--journal', join(folder, 'd.json'))
    expect(named.code, named.err.join()).toBe(0)
    expect(messages(box)).toEqual([['+905321234567', 'Merhaba Ayşe,Yılmaz']])
  })

  test('an empty placeholder makes the row invalid unless --allow-empty; a template column the file lacks is refused first', async () => {
    const box = await sandbox()
    const rows = file('e.csv', 'gsm,isim\n05321234567,Ayşe\n05321234568,\n05321234569,""\n')
    const strict = await send(box, '--template', 'Merhaba {isim}!', '--recipients', rows, '--journal', join(folder, 'e.json'))
    expect(summaryOf(strict)['invalid']).toMatchObject([
      { position: 3, reason: '{isim} is empty in this row (--allow-empty sends it so)' },
      { position: 4, reason: '{isim} is empty in this row (--allow-empty sends it so)' },
    ])
    const lax = await send(box, '--template', 'Merhaba {isim}!', '--recipients', rows, '--journal', join(folder, 'f.json'), '--allow-empty')
    expect(lax.code).toBe(0)
    expect(messages(box).map(([, text]) => text)).toEqual(['Merhaba Ayşe!', 'Merhaba Ayşe!', 'Merhaba !', 'Merhaba !'])
    const missing = await send(box, '--template', 'Merhaba {ad}', '--recipients', rows, '--journal', join(folder, 'g.json'))
    expect(missing.code).toBe(2)
    expect(missing.err.join()).toMatch(/\{ad\}.*no such column/)
    // Found at the header, even when no row is good enough to be checked against it; no "(send-sms, undefined)".
    const onlyBad = await send(box, '--template', 'Merhaba {ad}', '--recipients', file('j.csv', 'gsm;isim\n05321234567;Ayşe;Yılmaz\n'), '--journal', join(folder, 'j.json'))
    expect(onlyBad.code).toBe(2)
    expect(onlyBad.err).toEqual(['iletimerkezi: ValidationError: template: the template names {ad}, but the file has no such column (it has: gsm, isim)'])
    expect(box.requests.filter((request) => request.operation === 'send-sms')).toHaveLength(2)
  })

  test('a field over 1 MiB is an invalid row by its line, the rows after it keep theirs; no stack trace', async () => {
    const box = await sandbox()
    const huge = 'x'.repeat(3 * 2 ** 20)
    const rows = file('h.csv', `gsm,isim\n05321234567,Ayşe\n05321234568,"${huge}\n${huge}"\n05321234569,${huge}\n05321234570,Can\n`)
    const ran = await send(box, '--template', 'Merhaba {isim}', '--recipients', rows, '--journal', join(folder, 'h.json'))
    expect(ran.code, ran.err.join()).toBe(0)
    expect(messages(box)).toEqual([
      ['+905321234567', 'Merhaba Ayşe'],
      ['+905321234570', 'Merhaba Can'],
    ])
    expect(summaryOf(ran)['invalid']).toEqual([
      { position: 3, number: '', reason: 'the row is longer than 1 MiB: not read' },
      { position: 5, number: '', reason: 'the row is longer than 1 MiB: not read' },
    ])
    expect(summaryOf(ran)['orders']).toMatchObject([{ first: 2, last: 6 }])
  })

  test('--dry-run reads everything, sends nothing, and shows the counts and the first messages as they would go out', async () => {
    const box = await sandbox()
    const rows = file('i.csv', 'gsm;isim\n05321234567;Ayşe\n5321234567;Ayşe again\n0532;Kısa\n05321234568;"Ali; Veli"\n')
    const ran = await run(box, ['--json', 'campaign', 'send', '--sender', 'eMarka', '--template', 'Merhaba {isim}', '--recipients', rows, '--dry-run'])
    expect(ran.code).toBe(0)
    expect(JSON.parse(ran.out.at(-1)!)).toEqual({
      dryRun: {
        orders: 1,
        recipients: 2,
        rows: 4,
        duplicates: 1,
        invalid: 1,
        invalidRows: [{ line: 4, number: '0532', reason: 'too short: 4 digits' }],
        first: [
          { number: '5321234567', text: 'Merhaba Ayşe' },
          { number: '5321234568', text: 'Merhaba Ali; Veli' },
        ],
      },
    })
    expect(box.requests).toHaveLength(0)
  })

  test('no recipients at all is exit 7; an input error after orders went out is exit 5 with the summary, never 2', async () => {
    const box = await sandbox()
    for (const [name, text] of [['empty.csv', ''], ['header.csv', 'gsm,isim\n'], ['bad.csv', 'gsm\n0532\nabc\n']] as const) {
      const ran = await send(box, '--text', 'Merhaba', '--recipients', file(name, text), '--journal', join(folder, `${name}.json`))
      expect(ran.code, name).toBe(7)
    }
    async function* brokenLater(): AsyncGenerator<Buffer> {
      yield Buffer.from('gsm,isim\n05321234567,Ayşe\n05321234568,Ali\n')
      // Long enough for the first order to go out before the file breaks.
      await new Promise((resolve) => setTimeout(resolve, 300))
      yield Buffer.from('05321234569,"never closed\n')
    }
    const ran = await run(box, ['campaign', 'send', '--sender', 'eMarka', '--template', 'Merhaba {isim}', '--recipients', '-', '--per-order', '1', '--journal', join(folder, 'late.json')], brokenLater())
    expect(ran.code, ran.err.join()).toBe(5)
    // The parser holds the last line of a chunk until it sees what follows: one order or two went out.
    expect(box.store.orders.size).toBeGreaterThanOrEqual(1)
    expect(summaryOf(ran)).toMatchObject({ sent: box.store.orders.size, complete: false, error: { name: 'ValidationError', source: 'input', message: expect.stringMatching(/cannot be read as CSV/) } })
  })
})

describe('one owner per journal', () => {
  test('two runs sharing one in-memory store: the second is refused naming the owner, nothing sent by it; takeOver takes it', async () => {
    const box = await sandbox()
    box.faults.inject({ kind: 'delay', ms: 300 }, { operation: 'send-sms', times: 3 })
    const client = createClient({ baseUrl: box.url, key: box.key, secret: box.secret })
    const journal = memoryJournal()
    const numbers = Array.from({ length: 30 }, (_, index) => `53211100${String(index).padStart(2, '0')}`)
    const campaign = { sender: 'eMarka', text: 'Merhaba', perOrder: 10, journal }
    const first = client.sms.sendCampaign({ ...campaign, recipients: numbers })
    await new Promise((resolve) => setTimeout(resolve, 100))
    const second = await rejectionOf(client.sms.sendCampaign({ ...campaign, recipients: numbers, resume: true }))
    expect(second).toBeInstanceOf(ValidationError)
    expect(second.message).toMatch(/held by run \d+ since/)
    expect((await first).complete).toBe(true)
    expect(box.store.orders.size).toBe(3)

    // A lease left behind by a run that is gone: only takeOver takes it.
    await journal.lease({ takeOver: false })
    const stuck = await rejectionOf(client.sms.sendCampaign({ ...campaign, recipients: numbers, resume: true }))
    expect(stuck.message).toMatch(/held by/)
    const taken = await client.sms.sendCampaign({ ...campaign, recipients: numbers, resume: true, takeOver: true })
    expect(taken).toMatchObject({ complete: true, sent: 30 })
    expect(box.store.orders.size).toBe(3)
  })

  test('a run whose lease was taken over stops before its next send', async () => {
    const box = await sandbox()
    box.faults.inject({ kind: 'delay', ms: 200 }, { operation: 'send-sms', times: Infinity })
    const client = createClient({ baseUrl: box.url, key: box.key, secret: box.secret })
    const journal = memoryJournal()
    const numbers = Array.from({ length: 50 }, (_, index) => `53211100${String(index).padStart(2, '0')}`)
    const first = client.sms.sendCampaign({ sender: 'eMarka', text: 'Merhaba', perOrder: 10, journal, recipients: numbers })
    await new Promise((resolve) => setTimeout(resolve, 300))
    await journal.lease({ takeOver: true })
    const summary = await first
    expect(summary.error).toMatchObject({ source: 'journal', message: /lease was lost/ })
    expect(box.store.orders.size).toBeLessThanOrEqual(2)
  })

  test('the CLI: a lock naming a live process is refused (exit 2, nothing sent); a dead one on this host is taken over; another host needs --take-over', async () => {
    const box = await sandbox()
    const recipients = file('n.txt', '5321110001\n5321110002\n')
    const journal = join(folder, 'j.json')
    const lock = (owner: object) => writeFileSync(`${journal}.lock`, JSON.stringify({ since: '2026-12-07T10:00:00.000Z', token: 'other', ...owner }))
    const go = (...extra: string[]) => send(box, '--text', 'Merhaba', '--recipients', recipients, '--journal', journal, ...extra)

    const sleeper = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'])
    try {
      lock({ host: hostname(), pid: sleeper.pid })
      const busy = await go()
      expect(busy.code).toBe(2)
      expect(busy.err.join()).toMatch(new RegExp(`in use by process ${sleeper.pid} on ${hostname()} since 2026-12-07T10:00:00.000Z: wait for that run to end, or, if it is certainly gone, add --take-over`))
    } finally {
      sleeper.kill()
    }
    lock({ host: 'elsewhere', pid: 1 })
    expect((await go()).code).toBe(2)
    expect(box.requests).toHaveLength(0)

    lock({ host: hostname(), pid: 2 ** 22 + 12345 })
    const stale = await go()
    expect(stale.code, stale.err.join()).toBe(0)
    expect(existsSync(`${journal}.lock`)).toBe(false)

    lock({ host: 'elsewhere', pid: 1 })
    expect((await go('--resume')).code).toBe(2)
    expect((await go('--resume', '--take-over')).code).toBe(0)
    expect(box.store.orders.size).toBe(1)
  })

  test('two CLI processes on one journal: the second is refused with exit 2 while the first sends', async () => {
    const box = await sandbox()
    // Slow answers: the first run is still sending however long the second takes to start.
    box.faults.inject({ kind: 'delay', ms: 1500 }, { operation: 'send-sms', times: Infinity })
    const recipients = file('n.txt', Array.from({ length: 40 }, (_, index) => `53211100${String(index).padStart(2, '0')}`).join('\n'))
    const journal = join(folder, 'j.json')
    const args = ['--base-url', box.url, 'campaign', 'send', '--sender', 'eMarka', '--text', 'Merhaba', '--recipients', recipients, '--per-order', '10', '--journal', journal]
    const child = (extra: string[]) => {
      const process_ = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args, ...extra], {
        cwd: root,
        env: { PATH: process.env['PATH'], ILETIMERKEZI_KEY: box.key, ILETIMERKEZI_SECRET: box.secret! },
      })
      let stderr = ''
      process_.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
      return new Promise<{ code: number | null; stderr: string }>((resolve) => process_.on('close', (code) => resolve({ code, stderr })))
    }
    const first = child([])
    while (!existsSync(`${journal}.lock`)) await new Promise((resolve) => setTimeout(resolve, 20))
    const second = await child(['--resume'])
    expect(second.code).toBe(2)
    expect(second.stderr).toMatch(/is in use by process \d+ on /)
    expect((await first).code).toBe(0)
    expect(messages(box)).toHaveLength(40)
  }, 30_000)
})

describe('a journal cannot go back', () => {
  async function sentJournal(box: Sandbox): Promise<{ path: string; recipients: string; go: (...extra: string[]) => Promise<Ran> }> {
    const recipients = file('n.txt', Array.from({ length: 40 }, (_, index) => `53211100${String(index).padStart(2, '0')}`).join('\n'))
    const path = join(folder, 'j.json')
    const go = (...extra: string[]) => send(box, '--text', 'Merhaba', '--recipients', recipients, '--per-order', '10', '--journal', path, ...extra)
    return { path, recipients, go }
  }

  test('an entry removed or moved by hand, or an older save put back: refused before anything is sent', async () => {
    const box = await sandbox()
    const { path, go } = await sentJournal(box)
    const stop = new AbortController()
    // Two orders out of four, then stopped: the journal a resume would continue.
    const client = createClient({ baseUrl: box.url, key: box.key, secret: box.secret })
    await client.sms.sendCampaign({
      sender: 'eMarka',
      text: 'Merhaba',
      perOrder: 10,
      recipients: readFileSync(join(folder, 'n.txt'), 'utf8').split('\n'),
      journal: journalFile(path),
      signal: stop.signal,
      onProgress: (event) => event.ordersDone === 1 && stop.abort(),
    })
    const older = readFileSync(path, 'utf8')
    const olderState = JSON.parse(older) as CampaignJournalState
    expect(olderState.orders).toHaveLength(1)
    const resumed = await go('--resume')
    expect(resumed.code, resumed.err.join()).toBe(0)
    const sent = box.store.orders.size
    const saved = readFileSync(path, 'utf8')
    const state = JSON.parse(saved) as CampaignJournalState

    const attempts: [string, RegExp][] = [
      [JSON.stringify({ ...state, orders: state.orders.filter((order) => order.index !== 3) }), /order 3 is missing/],
      [JSON.stringify({ ...state, orders: [state.orders[1], state.orders[0], ...state.orders.slice(2)] }), /out of order/],
      [JSON.stringify({ ...state, orders: state.orders.slice(0, 3) }), /changed outside a campaign run/],
      [older, /is not its last save \(it is save \d+, the last was \d+\): put back from an older copy/],
    ]
    for (const [text, message] of attempts) {
      writeFileSync(path, text)
      const ran = await go('--resume')
      expect(ran.code, String(message)).toBe(2)
      expect(ran.err.join(), String(message)).toMatch(message)
      expect(ran.err.join()).not.toMatch(/undefined\)/)
    }
    writeFileSync(path, saved)
    rmSync(path)
    expect((await go()).err.join()).toMatch(/is gone, but .*j\.json\.head says it was saved \d+ times/)
    expect(box.store.orders.size).toBe(sent)
  })

  test('resume: true with nothing to load is refused in the API as in the CLI', async () => {
    const box = await sandbox()
    const client = createClient({ baseUrl: box.url, key: box.key, secret: box.secret })
    const error = await rejectionOf(client.sms.sendCampaign({ sender: 'eMarka', text: 'Merhaba', recipients: ['5321110001'], journal: memoryJournal(), resume: true }))
    expect(error).toBeInstanceOf(ValidationError)
    expect(error.message).toMatch(/nothing in the journal to resume/)
    expect(box.requests).toHaveLength(0)
  })

  test('the temporary file: created new under a name nobody can guess (a planted link is never followed), removed on failure, old ones cleared', async () => {
    const box = await sandbox()
    const path = join(folder, 'j.json')
    const target = file('precious.txt', 'keep me')
    for (const pid of [process.pid, process.pid + 1]) symlinkSync(target, join(folder, `.j.json.${pid}.tmp`))
    writeFileSync(join(folder, '.j.json.0b1c2d.tmp'), 'left by a killed run')
    const ran = await send(box, '--text', 'Merhaba', '--recipients', file('n.txt', '5321110001\n'), '--journal', path)
    expect(ran.code).toBe(0)
    expect(readFileSync(target, 'utf8')).toBe('keep me')
    expect(readdirSync(folder).filter((name) => name.endsWith('.tmp'))).toEqual([])

    // A save whose rename fails (the journal's name is a folder) leaves no temporary file.
    const blocked = join(folder, 'blocked.json')
    mkdirSync(join(blocked, 'inside'), { recursive: true })
    const journal = journalFile(blocked)
    const lease = await journal.lease({ takeOver: false })
    await expect(journal.save({ sequence: 1, seal: 'a'.repeat(64) } as CampaignJournalState)).rejects.toThrow()
    await lease.release()
    expect(readdirSync(folder).filter((name) => name.endsWith('.tmp'))).toEqual([])
  })
})

describe('know what the provider did', () => {
  test('a refused connection is failed (nothing went out) and a resume sends it', async () => {
    const box = await sandbox()
    // A port with nothing listening: taken and let go.
    const closed = await new Promise<number>((resolve) => {
      const server = createServer().listen(0, '127.0.0.1', () => {
        const { port } = server.address() as { port: number }
        server.close(() => resolve(port))
      })
    })
    const journal = memoryJournal()
    const campaign = { sender: 'eMarka', text: 'Merhaba', perOrder: 10, journal, recipients: Array.from({ length: 20 }, (_, index) => `53211100${String(index).padStart(2, '0')}`) }
    const down = createClient({ baseUrl: `http://127.0.0.1:${closed}/v1`, key: box.key, secret: box.secret })
    const refused = await down.sms.sendCampaign(campaign)
    expect(refused.orders.map((order) => order.state)).toEqual(['failed'])
    expect(refused.stopped).toBe(true)
    const up = createClient({ baseUrl: box.url, key: box.key, secret: box.secret })
    const resumed = await up.sms.sendCampaign({ ...campaign, resume: true })
    expect(resumed).toMatchObject({ complete: true, sent: 20 })
  })

  test('status --reconcile settles an unknown order found in the reports; settle does one by hand; a failed one is then resent', async () => {
    const box = await sandbox()
    const recipients = file('n.txt', Array.from({ length: 30 }, (_, index) => `53211100${String(index).padStart(2, '0')}`).join('\n'))
    const journal = join(folder, 'j.json')
    // Carried out, but the answer is cut off: the order went, the run cannot know.
    box.faults.inject({ kind: 'malformed' }, { operation: 'send-sms' })
    const first = await send(box, '--text', 'Merhaba', '--recipients', recipients, '--per-order', '10', '--journal', journal)
    expect(first.code).toBe(6)
    const status = await run(box, ['--json', 'campaign', 'status', '--journal', journal])
    expect(status.code).toBe(6)

    const reconciled = await run(box, ['--json', 'campaign', 'status', '--journal', journal, '--reconcile'])
    const report = JSON.parse(reconciled.out.join('\n'))
    expect(report.orders[0]).toMatchObject({ state: 'sent', settled: 'reconciled', orderId: [...box.store.orders.keys()][0] })
    // Not finished (the run stopped at the unknown order): still not 0.
    expect(reconciled.code).toBe(5)
    const rest = await send(box, '--text', 'Merhaba', '--recipients', recipients, '--per-order', '10', '--journal', journal, '--resume')
    expect(rest.code, rest.err.join()).toBe(0)
    expect(messages(box)).toHaveLength(30)
    expect((await run(box, ['campaign', 'status', '--journal', journal])).code).toBe(0)

    // An order reset before it reached the provider: unknown; settled by hand as failed, a resume sends it.
    box.faults.inject({ kind: 'reset' }, { operation: 'send-sms' })
    const other = join(folder, 'k.json')
    expect((await send(box, '--text', 'Başka', '--recipients', recipients, '--per-order', '10', '--journal', other)).code).toBe(6)
    const wrong = await run(box, ['campaign', 'settle', '--journal', other, '--order', '2', '--as', 'sent'])
    expect(wrong.code).toBe(2)
    expect(wrong.err.join()).toMatch(/no order 2/)
    const settled = await run(box, ['campaign', 'settle', '--journal', other, '--order', '1', '--as', 'failed'])
    expect(settled.code, settled.err.join()).toBe(0)
    expect(settled.out.join()).toMatch(/order 1 \(lines 1–10, 10 recipients\) settled as failed: a resume sends it/)
    expect((await send(box, '--text', 'Başka', '--recipients', recipients, '--per-order', '10', '--journal', other, '--resume')).code).toBe(0)
    expect(messages(box)).toHaveLength(60)
  })

  test("with the provider's duplicate check on, an unknown order sent again is answered 451: recorded as sent (duplicate), texted once", async () => {
    const box = await startSandbox({ seed: { balance: { amount: 1_000_000, sms: 1_000_000 }, orders: [] }, duplicateOrders: true })
    running.push(box)
    const recipients = file('n.txt', Array.from({ length: 20 }, (_, index) => `53211100${String(index).padStart(2, '0')}`).join('\n'))
    const journal = join(folder, 'j.json')
    box.faults.inject({ kind: 'malformed' }, { operation: 'send-sms' })
    expect((await send(box, '--text', 'Merhaba', '--recipients', recipients, '--per-order', '10', '--journal', journal)).code).toBe(6)
    const again = await send(box, '--text', 'Merhaba', '--recipients', recipients, '--per-order', '10', '--journal', journal, '--resume', '--resend-unknown')
    expect(again.code, again.err.join()).toBe(0)
    expect(summaryOf(again)['orders']).toMatchObject([{ state: 'sent', duplicate: true }, { state: 'sent' }])
    expect(messages(box)).toHaveLength(20)
  })

  test('reconcile tells two unknown orders of one size apart by their numbers: the one that arrived is sent, the other stays unknown', async () => {
    const box = await sandbox()
    const client = createClient({ baseUrl: box.url, key: box.key, secret: box.secret })
    const path = join(folder, 'j.json')
    const numbers = Array.from({ length: 20 }, (_, index) => `53211100${String(index).padStart(2, '0')}`)
    const summary = await client.sms.sendCampaign({ sender: 'eMarka', text: 'Merhaba', perOrder: 10, recipients: numbers, journal: journalFile(path) })
    // As two runs killed mid-send would leave it: both orders unknown (saved so, sealed), and only
    // the second ever reached the provider.
    const [lost, arrived] = summary.orders.map((order) => order.orderId!)
    box.store.orders.delete(lost!)
    const state = JSON.parse(readFileSync(path, 'utf8')) as CampaignJournalState
    const unsealed = { ...state, orders: state.orders.map(({ orderId: _id, ...order }) => ({ ...order, state: 'unknown' as const })), sequence: state.sequence + 1, previous: state.seal }
    const seal = await journalSeal(unsealed)
    writeFileSync(path, JSON.stringify({ ...unsealed, seal }))
    writeFileSync(`${path}.head`, JSON.stringify({ sequence: unsealed.sequence, seal }))
    const reconciled = await run(box, ['--json', 'campaign', 'status', '--journal', path, '--reconcile'])
    expect(JSON.parse(reconciled.out.join('\n')).orders).toMatchObject([
      { index: 1, state: 'unknown', report: 'not in the provider’s reports: not sent, or not listed yet' },
      { index: 2, state: 'sent', settled: 'reconciled', orderId: arrived },
    ])
    expect(reconciled.code).toBe(6)
  })

  test('--resend-unknown without --resume is refused', async () => {
    const box = await sandbox()
    const ran = await send(box, '--text', 'Merhaba', '--recipients', file('n.txt', '5321110001\n'), '--journal', join(folder, 'j.json'), '--resend-unknown')
    expect(ran.code).toBe(2)
    expect(ran.err.join()).toMatch(/--resend-unknown goes with --resume/)
  })

  test('a journal that cannot be saved after an order went out: its provider id is printed, exit 6', async () => {
    const box = await sandbox()
    box.faults.inject({ kind: 'delay', ms: 400 }, { operation: 'send-sms' })
    const journal = join(folder, 'j.json')
    const pending = send(box, '--text', 'Merhaba', '--recipients', file('n.txt', '5321110001\n5321110002\n'), '--per-order', '1', '--journal', journal)
    // While the first order is on its way, the journal's head becomes a folder: the next save fails.
    while (box.requests.length === 0 && !existsSync(`${journal}.head`)) await new Promise((resolve) => setTimeout(resolve, 10))
    await new Promise((resolve) => setTimeout(resolve, 100))
    rmSync(`${journal}.head`)
    mkdirSync(join(`${journal}.head`, 'blocked'), { recursive: true })
    const ran = await pending
    expect(ran.code).toBe(6)
    const id = [...box.store.orders.keys()][0]!
    expect(ran.err.join('\n')).toContain(`order 1 (lines 1–1) was sent as provider order ${id}; the journal may not say so`)
    expect(summaryOf(ran)).toMatchObject({ error: { source: 'journal' }, orders: [{ state: 'sent', orderId: id }] })
  })
})

describe('rate', () => {
  test('no order holds more than one second of the rate', async () => {
    const box = await sandbox()
    const client = createClient({ baseUrl: box.url, key: box.key, secret: box.secret })
    const summary = await client.sms.sendCampaign({
      sender: 'eMarka',
      text: 'Merhaba',
      recipients: Array.from({ length: 25 }, (_, index) => `53211100${String(index).padStart(2, '0')}`),
      rate: { messagesPerSecond: 10 },
    })
    expect(summary.orders.map((order) => order.recipients)).toEqual([10, 10, 5])
  })
})

describe('the 1 MiB cap on a record', () => {
  test('a record of exactly 1 MiB is read, one byte more is not; CRLF and quoted line breaks keep every later line right', async () => {
    const { readRecipientFile, maxRecordBytes } = await import('../src/cli/recipient-file.js')
    const record = (name: string) => `05321234567,${name}`
    const exact = 'a'.repeat(maxRecordBytes - record('').length)
    const over = `"${'b'.repeat(maxRecordBytes)}\r\n${'b'.repeat(10)}"`
    const text = ['gsm,isim', record(exact), record(`${exact}x`), record(over), record('"Ayşe\r\nYılmaz"'), record('Can')].join('\r\n') + '\r\n'
    const read = readRecipientFile({ path: file('cap.csv', text), stdin: undefined }, { column: 'gsm', columnGiven: false })
    const rows: [number | undefined, string | undefined, number][] = []
    for await (const row of read.rows) rows.push([read.lineOf(row), read.problemOf(row), row['isim']?.length ?? -1])
    expect(rows).toEqual([
      [2, undefined, exact.length],
      [3, 'the row is longer than 1 MiB: not read', -1],
      [4, 'the row is longer than 1 MiB: not read', -1],
      [6, undefined, 'Ayşe\r\nYılmaz'.length],
      [8, undefined, 3],
    ])
  })
})
