// The tool's output for people and for scripts: statuses by name, group trees indented, errors as one
// JSON object on stderr with --json (exit codes unchanged), every message in one style.
import { describe, expect, test } from 'vitest'
import { runCli } from '../src/cli/run-cli.js'

interface Outcome {
  code: number
  out: string
  err: string
}

async function cli(argv: string[], env: Record<string, string> = {}): Promise<Outcome> {
  let out = ''
  let err = ''
  const code = await runCli(argv, { env, out: (text) => (out += `${text}\n`), err: (text) => (err += `${text}\n`) })
  return { code, out, err }
}

describe('human output', () => {
  test('report statuses print by name: the order completed, each message delivered or undelivered', async () => {
    const report = await cli(['reports', 'get', '247155523', '--sandbox'])
    expect(report.code, report.err).toBe(0)
    expect(report.out).toMatch(/^status +completed$/m)
    expect(report.out).toMatch(/^messages +\+905321234567: delivered, \+905057023100: delivered, \+905441234567: undelivered$/m)
    expect(report.out).not.toMatch(/\b11[0-5]\b/)

    const messages = await cli(['reports', 'get-all', '247155523', '--sandbox'])
    expect(messages.out).toBe('number         status\n+905321234567  delivered\n+905057023100  delivered\n+905441234567  undelivered\n')

    const orders = await cli(['reports', 'list', '2024-12-01', '2024-12-05', '--sandbox'])
    expect(orders.out).toMatch(/^247155523 +completed /m)
    expect(orders.out).toMatch(/^247155524 +sending /m)
  })

  test('--json keeps the numeric codes', async () => {
    const report = await cli(['reports', 'get', '247155523', '--sandbox', '--json'])
    expect(JSON.parse(report.out)).toMatchObject({ status: 114, messages: [{ status: 111 }, { status: 111 }, { status: 112 }] })
  })

  test('a group tree prints as an indented tree, children under their parent', async () => {
    const tree = await cli(['groups', 'list', '--sandbox'])
    expect(tree.out).toBe(['id  name               count', '7   Müşteriler         2', '12    İstanbul Şubesi  2', '20  Tedarikçiler       1', ''].join('\n'))
    const one = await cli(['groups', 'get', '7', '--sandbox'])
    expect(one.out).toBe(['id  name               count', '7   Müşteriler         2', '12    İstanbul Şubesi  2', ''].join('\n'))
  })
})

describe('--json errors: one JSON object on stderr, the exit codes as documented', () => {
  const cases: [string, string[], Record<string, string>, number, { class: string; code: number | null; message: RegExp }][] = [
    ['an unknown option', ['senders', '--bogus', '--json'], {}, 2, { class: 'UsageError', code: null, message: /^unknown option '--bogus'$/ }],
    ['an unknown command', ['--json', 'nonsense'], {}, 2, { class: 'UsageError', code: null, message: /^unknown command 'nonsense'$/ }],
    ['no credentials', ['senders', '--json'], {}, 2, { class: 'UsageError', code: null, message: /^ILETIMERKEZI_KEY is not set/ }],
    ['input the client refuses', ['contacts', 'search', 'ab', '--sandbox', '--json'], {}, 2, { class: 'ValidationError', code: 471, message: /^key: / }],
    ['an API error', ['contacts', 'get', '99999', '--sandbox', '--json'], {}, 3, { class: 'NotFoundError', code: 465, message: /^Kişi bulunamadı\.$/ }],
    [
      'a network error',
      ['senders', '--json', '--base-url', 'http://127.0.0.1:9/v1', '--timeout', '2000'],
      { ILETIMERKEZI_KEY: 'k', ILETIMERKEZI_SECRET: 'a-secret-of-some-length' },
      4,
      { class: 'NetworkError', code: null, message: /^the request did not complete/ },
    ],
  ]
  test.each(cases)('%s', async (_label, argv, env, exitCode, expected) => {
    const run = await cli(argv, env)
    expect(run.code).toBe(exitCode)
    expect(run.out).toBe('')
    expect(run.err.endsWith('\n')).toBe(true)
    expect(run.err.trimEnd().split('\n')).toHaveLength(1)
    const { error } = JSON.parse(run.err) as { error: { class: string; code: number | null; message: string } }
    expect(Object.keys(error)).toEqual(['class', 'code', 'message'])
    expect(error).toMatchObject({ class: expected.class, code: expected.code })
    expect(error.message).toMatch(expected.message)
    expect(run.err).not.toContain('a-secret-of-some-length')
  })

  test('without --json the same error is one line for people', async () => {
    const run = await cli(['contacts', 'get', '99999', '--sandbox'])
    expect(run).toEqual({ code: 3, out: '', err: 'iletimerkezi: NotFoundError 465: Kişi bulunamadı. (get-contact, json)\n' })
  })
})

describe('one message style', () => {
  test('every error line is "Class[ code]: message", the message starting in lower case (names aside)', async () => {
    const runs = await Promise.all([
      cli(['senders', '--bogus']),
      cli(['nonsense']),
      cli(['contacts']),
      cli([]),
      cli(['contacts', 'get']),
      cli(['contacts', 'get', 'x']),
      cli(['contacts', 'get', '1', '2']),
      cli(['senders', '--format', 'soap']),
      cli(['senders', '--timeout', 'soon']),
      cli(['senders', '--sandbox', '--base-url', 'http://127.0.0.1:9/v1']),
      cli(['contacts', 'create', '--field', 'x', '--sandbox']),
      cli(['contacts', 'search', 'ab', '--sandbox']),
      cli(['contacts', 'get', '99999', '--sandbox']),
      cli(['senders'], { ILETIMERKEZI_KEY: 'k' }),
      cli(['senders'], { ILETIMERKEZI_KEY: 'key-of-length', ILETIMERKEZI_SECRET: 'secret-of-length', ILETIMERKEZI_HASH: 'hash-of-length' }),
    ])
    for (const run of runs) {
      expect(run.err).toMatch(/^iletimerkezi: [A-Za-z]+Error( \d+)?: ([a-z'<-]|ILETIMERKEZI_|[A-ZÇĞİÖŞÜ][a-zçğıöşü]+ [a-zçğıöşü])/)
    }
    // Node's own parser says "Unknown option"; the tool says it like every other message.
    expect(runs[0]!.err).toBe("iletimerkezi: UsageError: unknown option '--bogus' (see 'iletimerkezi senders --help')\n")
  })
})

describe('runCli’s own paths', () => {
  test('help for the tool and for a group of commands', async () => {
    const tool = await cli(['--help'])
    expect(tool.code).toBe(0)
    expect(tool.out).toMatch(/contacts get/)
    const group = await cli(['contacts', '--help'])
    expect(group.code).toBe(0)
    expect(group.out).toMatch(/contacts get/)
    expect(group.out).not.toMatch(/reports get/)
  })

  test('a flag value a command itself refuses points at that command’s help', async () => {
    const run = await cli(['contacts', 'update', '5', '--field', 'bad', '--sandbox'])
    expect(run.code).toBe(2)
    expect(run.err).toBe(`iletimerkezi: UsageError: --field must be <id>=<value> (got "bad") (see 'iletimerkezi contacts update --help')\n`)
  })

  test('--json after -- is an argument, not a request for JSON errors', async () => {
    const run = await cli(['nonsense', '--', '--json'])
    expect(run.code).toBe(2)
    expect(run.err).toMatch(/^iletimerkezi: UsageError: /)
  })
})

describe('the embedded sandbox', () => {
  // `--sandbox` starts a server in the process: left listening, it would keep the tool from exiting.
  const listening = () => process.getActiveResourcesInfo().filter((kind) => kind === 'TCPServerWrap').length

  test('is closed when its command ends, whether the command succeeded or failed', async () => {
    const before = listening()
    const found = await cli(['groups', 'list', '--sandbox'])
    expect(found.code, found.err).toBe(0)
    expect(listening()).toBe(before)
    const missing = await cli(['contacts', 'get', '999999999', '--sandbox'])
    expect(missing.code).not.toBe(0)
    expect(missing.err).not.toBe('')
    expect(listening()).toBe(before)
  })
})
