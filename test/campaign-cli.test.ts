// `iletimerkezi campaign send|status` against a sandbox in this process: bad files, journals,
// progress, exit codes; Ctrl-C in a real subprocess.
import { spawn } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Readable } from 'node:stream'
import { fileURLToPath } from 'node:url'
import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import { runCli } from '../src/cli/run-cli.js'
import { startSandbox, type Sandbox } from '../src/testing/index.js'

const root = fileURLToPath(new URL('..', import.meta.url))
const running: Sandbox[] = []
let folder: string

beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), 'campaign-cli-'))
})
afterEach(async () => {
  await Promise.all(running.splice(0).map((sandbox) => sandbox.close()))
  rmSync(folder, { recursive: true, force: true })
})

async function sandbox(): Promise<Sandbox> {
  // Duplicate-order detection off: these tests count every message that arrives. Generated numbers have no İYS
  // consent: the sandbox would leave them undelivered (112) for iys: 1.
  const started = await startSandbox({ seed: { balance: { amount: 1_000_000, sms: 1_000_000 }, orders: [] }, duplicateOrders: false, iysConsentCheck: false })
  running.push(started)
  return started
}

interface Ran {
  code: number
  out: string[]
  err: string[]
  status: string[]
}

async function run(box: Sandbox, args: readonly string[], extra: { terminal?: boolean; stdin?: string } = {}): Promise<Ran> {
  const ran: Ran = { code: -1, out: [], err: [], status: [] }
  ran.code = await runCli(['--base-url', box.url, ...args], {
    env: { ILETIMERKEZI_KEY: box.key, ILETIMERKEZI_SECRET: box.secret! },
    out: (text) => void ran.out.push(text),
    err: (text) => void ran.err.push(text),
    ...(extra.terminal ? { status: (text: string) => void ran.status.push(text) } : {}),
    ...(extra.stdin === undefined ? {} : { stdin: Readable.from([Buffer.from(extra.stdin)]) }),
  })
  return ran
}

const file = (name: string, text: string) => {
  const path = join(folder, name)
  writeFileSync(path, text)
  return path
}
const numbersFile = (count: number) => file('numbers.txt', Array.from({ length: count }, (_, index) => `53${String(index).padStart(8, '0')}`).join('\n'))
const sentNumbers = (box: Sandbox) => [...box.store.orders.values()].flatMap((order) => order.messages.map((message) => message.number))
const jsonLines = (ran: Ran) => ran.out.map((line) => JSON.parse(line) as Record<string, Record<string, unknown>>)

describe('campaign send', () => {
  test('a messy CSV: BOM, CRLF, header, blank lines, quoted fields, spaces and dashes accepted; letters and short numbers reported by line', async () => {
    const box = await sandbox()
    const recipients = file(
      'messy.csv',
      '\uFEFFName;GSM;Kod\r\n' +
        'Ayşe;0530 123 45 67;11\r\n' +
        '\r\n' +
        '"Mehmet; Jr";"530-123-45-68";"2""2"\r\n' +
        'Ali;+90 (530) 123 45 69;33\r\n' +
        'Veli;05301234567;44\r\n' +
        'Can;53O1234570;55\r\n' +
        'Ece;530123;66\r\n' +
        '"Uzun\nAd";5301234571;77\r\n',
    )
    const journal = join(folder, 'journal.json')
    const ran = await run(box, ['campaign', 'send', '--sender', 'eMarka', '--template', 'Merhaba {Name}, kod {Kod}', '--recipients', recipients, '--journal', journal])
    expect(ran.code, ran.err.join('\n')).toBe(0)
    const lines = jsonLines(ran)
    const summary = lines.at(-1)!['summary']!
    expect(summary).toMatchObject({ sent: 4, duplicates: 1, invalidCount: 2, complete: true, rows: 7 })
    expect((summary['invalid'] as { position: number; number: string }[]).map((row) => [row.position, row.number])).toEqual([
      [7, '53O1234570'],
      [8, '530123'],
    ])
    const [order] = box.store.orders.values()
    expect(order!.messages.map((message) => [message.number, message.text])).toEqual([
      ['+905301234567', 'Merhaba Ayşe, kod 11'],
      ['+905301234568', 'Merhaba Mehmet; Jr, kod 2"2'],
      ['+905301234569', 'Merhaba Ali, kod 33'],
      ['+905301234571', 'Merhaba Uzun\nAd, kod 77'],
    ])
    expect(lines[0]!['progress']).toMatchObject({ index: 1, state: 'sent', first: 2, last: 9, total: 7 })
    const saved = JSON.parse(readFileSync(journal, 'utf8'))
    expect(saved.orders).toMatchObject([{ state: 'sent', orderId: order!.id }])
  })

  test('one number a line, from stdin, with a header word and no total', async () => {
    const box = await sandbox()
    const ran = await run(box, ['campaign', 'send', '--sender', 'eMarka', '--text', 'Merhaba', '--recipients', '-', '--journal', join(folder, 'j.json')], {
      stdin: 'telefon\n5301110001\n05301110002\n\n5301110001\n',
    })
    expect(ran.code, ran.err.join('\n')).toBe(0)
    expect(sentNumbers(box)).toEqual(['+905301110001', '+905301110002'])
    expect(jsonLines(ran)[0]!['progress']!['total']).toBeUndefined()
  })

  test('on a terminal: a line redrawn on a timer from the start, sent, unknown and failed apart, time left from the rate; then a summary for people', async () => {
    const box = await sandbox()
    box.faults.inject({ kind: 'delay', ms: 400 }, { operation: 'send-sms', times: 2 })
    box.faults.inject({ kind: 'reset' }, { operation: 'send-sms' })
    const started = performance.now()
    const ran = await run(
      box,
      ['campaign', 'send', '--sender', 'eMarka', '--text', 'Merhaba', '--recipients', numbersFile(30), '--per-order', '10', '--rate', '20', '--journal', join(folder, 'j.json')],
      { terminal: true },
    )
    const elapsed = performance.now() - started
    expect(ran.code).toBe(6)
    // Drawn before the first order ended, and at least 4 times a second after (the last draw is at the end).
    // First the counting pass over the file, then the campaign's line.
    expect(ran.status[0]).toBe("counting the file's rows before sending: 0 so far")
    const lines = ran.status.filter((line) => !line.startsWith('counting'))
    // Time left from the rate in force before anything was measured: 30 rows at 20 a second.
    expect(lines[0]).toBe('[....................] 0% · 0/30 read · 0 done · sent 0 · unknown 0 · failed 0 · 0 orders · 0:02 left')
    expect(ran.status.length).toBeGreaterThanOrEqual(Math.floor(elapsed / 250))
    expect(ran.status.at(-1)).toBe('[####################] 100% · 30/30 read · 30 done · sent 20 · unknown 10 · failed 0 · 3 orders · 0:00 left')
    expect(ran.out.join('\n')).toMatch(/sent\s+20 recipients in 2 orders/)
  })

  test('a template naming a missing column, a missing number column, and a CSV the parser cannot read: exit 2, nothing sent', async () => {
    const box = await sandbox()
    const csv = file('r.csv', 'gsm,name\n5301110001,Ayşe\n')
    const cases: [string[], RegExp][] = [
      [['--template', 'Merhaba {isim}', '--recipients', csv], /\{isim\}.*no such column/],
      [['--text', 'Merhaba', '--recipients', file('n.csv', 'tel,name\n5301110001,A\n')], /no "gsm" column.*--column/],
      [['--text', 'Merhaba', '--recipients', file('q.csv', 'gsm,name\n5301110001,"open\n')], /cannot be read as CSV/],
      [['--text', 'Merhaba', '--recipients', join(folder, 'absent.csv')], /cannot read/],
      [['--text', 'Merhaba', '--recipients', csv, '--rate', 'fast'], /--rate must be/],
    ]
    for (const [args, message] of cases) {
      const ran = await run(box, ['campaign', 'send', '--sender', 'eMarka', '--journal', join(folder, 'j.json'), ...args])
      expect(ran.code, args.join(' ')).toBe(2)
      expect(ran.err.join('\n')).toMatch(message)
    }
    expect(box.requests).toHaveLength(0)
  })

  test('a damaged journal, one for another campaign, one there without --resume, or none with --resume: exit 2, nothing sent', async () => {
    const box = await sandbox()
    const recipients = numbersFile(20)
    const journal = join(folder, 'j.json')
    const send = (...args: string[]) => run(box, ['campaign', 'send', '--sender', 'eMarka', '--recipients', recipients, '--journal', journal, '--per-order', '10', ...args])
    expect((await send('--text', 'Merhaba')).code).toBe(0)
    const sent = box.requests.length
    expect((await send('--text', 'Merhaba')).err.join()).toMatch(/already holds a campaign journal: add --resume/)
    expect((await send('--text', 'Başka', '--resume')).err.join()).toMatch(/made for another campaign/)
    writeFileSync(journal, '{"version": 1, "orders": [')
    const damaged = await send('--text', 'Merhaba', '--resume')
    expect(damaged.code).toBe(2)
    expect(damaged.err.join()).toMatch(/is not JSON: it is damaged/)
    writeFileSync(journal, '{"version": 2}')
    expect((await send('--text', 'Merhaba', '--resume')).err.join()).toMatch(/not a campaign journal, or is damaged/)
    const none = await run(box, ['campaign', 'send', '--sender', 'eMarka', '--text', 'Merhaba', '--recipients', recipients, '--journal', join(folder, 'none.json'), '--resume'])
    expect(none.err.join()).toMatch(/no journal at/)
    expect(box.requests.length).toBe(sent)
  })

  test('exit 6 when an order is unknown, 5 when one failed; status sums the sent orders’ reports', async () => {
    const box = await sandbox()
    const recipients = numbersFile(30)
    box.faults.inject({ kind: 'reset' }, { operation: 'send-sms' })
    const unknown = await run(box, ['campaign', 'send', '--sender', 'eMarka', '--text', 'Merhaba', '--recipients', recipients, '--per-order', '10', '--journal', join(folder, 'a.json')])
    expect(unknown.code).toBe(6)
    box.faults.inject({ kind: 'status', status: 400 }, { operation: 'send-sms' })
    const failed = await run(box, ['campaign', 'send', '--sender', 'eMarka', '--text', 'Başka', '--recipients', recipients, '--per-order', '10', '--journal', join(folder, 'b.json')])
    expect(failed.code).toBe(5)
    expect(jsonLines(failed).at(-1)!['summary']).toMatchObject({ sent: 20 })

    const status = await run(box, ['--json', 'campaign', 'status', '--journal', join(folder, 'b.json')])
    expect(status.code).toBe(5)
    const report = JSON.parse(status.out.join('\n'))
    expect(report).toMatchObject({ sender: 'eMarka', text: 'Başka', sent: 20, delivered: 20, undelivered: 0, waiting: 0, orders: [{ state: 'failed' }, { state: 'sent', delivered: 10 }, { state: 'sent', delivered: 10 }] })
    const human = await run(box, ['campaign', 'status', '--journal', join(folder, 'b.json')])
    expect(human.out.join('\n')).toMatch(/delivered\s+20/)
  })
})

describe('Ctrl-C', () => {
  test('SIGINT stops after the order in flight, exits 130, and --resume sends the rest, every number once', async () => {
    const box = await sandbox()
    box.faults.inject({ kind: 'delay', ms: 300 }, { operation: 'send-sms', times: Infinity })
    const recipients = numbersFile(200)
    const journal = join(folder, 'j.json')
    const args = ['--base-url', box.url, 'campaign', 'send', '--sender', 'eMarka', '--text', 'Merhaba', '--recipients', recipients, '--per-order', '10', '--journal', journal]
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
      cwd: root,
      env: { PATH: process.env['PATH'], ILETIMERKEZI_KEY: box.key, ILETIMERKEZI_SECRET: box.secret! },
    })
    let stdout = ''
    let stderr = ''
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      // Once: a second Ctrl-C means "quit at once".
      if (stdout === '' && chunk.includes('"progress"')) child.kill('SIGINT')
      stdout += chunk
    })
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve))
    expect(code, stderr).toBe(130)
    expect(stderr).toMatch(/Ctrl-C: stopping after the orders in flight/)
    const saved = JSON.parse(readFileSync(journal, 'utf8'))
    expect(saved.orders.length).toBeGreaterThan(0)
    expect(saved.orders.length).toBeLessThan(20)
    expect(saved.orders.every((order: { state: string }) => order.state === 'sent')).toBe(true)
    expect(sentNumbers(box)).toHaveLength(saved.orders.length * 10)

    box.faults.clear()
    const resumed = await run(box, [...args.slice(2), '--resume'])
    expect(resumed.code, resumed.err.join('\n')).toBe(0)
    const numbers = sentNumbers(box)
    expect(numbers).toHaveLength(200)
    expect(new Set(numbers).size).toBe(200)
  }, 30_000)

  async function spawned(box: Sandbox, args: readonly string[], onProgress: (child: ReturnType<typeof spawn>, lines: number) => void) {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', '--base-url', box.url, ...args], {
      cwd: root,
      env: { PATH: process.env['PATH'], ILETIMERKEZI_KEY: box.key, ILETIMERKEZI_SECRET: box.secret! },
    })
    let stdout = ''
    let stderr = ''
    let lines = 0
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk
      const progress = chunk.split('\n').filter((line) => line.startsWith('{"progress"')).length
      for (let line = 0; line < progress; line++) onProgress(child, ++lines)
    })
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve))
    return { code, stdout, stderr }
  }

  test('SIGTERM is the first Ctrl-C: the order in flight finishes and is journaled, the summary is printed, exit 143', async () => {
    const box = await sandbox()
    box.faults.inject({ kind: 'delay', ms: 300 }, { operation: 'send-sms', times: Infinity })
    const journal = join(folder, 'j.json')
    const ran = await spawned(box, ['campaign', 'send', '--sender', 'eMarka', '--text', 'Merhaba', '--recipients', numbersFile(200), '--per-order', '10', '--journal', journal], (child, lines) => {
      if (lines === 1) child.kill('SIGTERM')
    })
    expect(ran.code, ran.stderr).toBe(143)
    expect(ran.stderr).toMatch(/SIGTERM: stopping after the orders in flight/)
    const summary = JSON.parse(ran.stdout.trim().split('\n').at(-1)!).summary
    expect(summary).toMatchObject({ stopped: true, complete: false })
    const saved = JSON.parse(readFileSync(journal, 'utf8'))
    expect(saved.orders.every((order: { state: string }) => order.state === 'sent')).toBe(true)
    expect(sentNumbers(box)).toHaveLength(saved.orders.length * 10)
    expect(readdirSync(folder).filter((name) => name.endsWith('.tmp') || name.endsWith('.lock'))).toEqual([])
  }, 30_000)

  test('a second signal quits at once: the order in flight stays planned, which a resume reads as unknown', async () => {
    const box = await sandbox()
    box.faults.inject({ kind: 'delay', ms: 200 }, { operation: 'send-sms' })
    box.faults.inject({ kind: 'delay', ms: 5000 }, { operation: 'send-sms' })
    const journal = join(folder, 'j.json')
    const args = ['campaign', 'send', '--sender', 'eMarka', '--text', 'Merhaba', '--recipients', numbersFile(30), '--per-order', '10', '--journal', journal]
    let quitAt = 0
    const ran = await spawned(box, args, (child, lines) => {
      if (lines !== 1) return
      // Once the second order is on its way (journaled as planned): Ctrl-C, then SIGTERM.
      const poll = setInterval(() => {
        if (JSON.parse(readFileSync(journal, 'utf8')).orders[1]?.state !== 'planned') return
        clearInterval(poll)
        // Its request has left by then (the sandbox holds the answer 5 s).
        setTimeout(() => child.kill('SIGINT'), 300)
        setTimeout(() => {
          quitAt = performance.now()
          child.kill('SIGTERM')
        }, 500)
      }, 10)
    })
    expect(ran.code).toBe(143)
    // At once: not after the 5 s the order in flight is held.
    expect(performance.now() - quitAt).toBeLessThan(2000)
    const saved = JSON.parse(readFileSync(journal, 'utf8'))
    expect(saved.orders.map((order: { state: string }) => order.state)).toEqual(['sent', 'planned'])
    box.faults.clear()
    const resumed = await run(box, [...args, '--resume'])
    expect(resumed.code).toBe(6)
    expect(jsonLines(resumed).at(-1)!['summary']).toMatchObject({ unknown: [{ index: 2 }] })
  }, 30_000)
})
