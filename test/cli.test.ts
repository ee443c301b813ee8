// The `iletimerkezi` tool, run as a subprocess straight from the sources (no build).
import { spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { afterEach, describe, expect, test } from 'vitest'
import { computeHash } from '../src/client/auth-hash.js'
import { commands } from '../src/cli/commands.js'
import { runCli } from '../src/cli/run-cli.js'
import { defaultSeed, startSandbox, type Sandbox } from '../src/testing/index.js'

const root = fileURLToPath(new URL('..', import.meta.url))

interface Run {
  code: number | null
  stdout: string
  stderr: string
}

// The parent's own ILETIMERKEZI_* settings must not leak into a run.
function cleanEnvironment(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('ILETIMERKEZI_')))
  return { ...env, NO_COLOR: '1', ...extra }
}

// Asynchronous on purpose: a sandbox in this process has to answer while the tool runs.
function cli(args: readonly string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], { cwd: root, env: cleanEnvironment(env) })
    let stdout = ''
    let stderr = ''
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk))
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
    child.on('error', reject)
    child.on('close', (code) => resolve({ code, stdout, stderr }))
  })
}

function expectOneErrorLine(run: Run, exitCode: number, pattern: RegExp): void {
  expect(run.code, run.stderr).toBe(exitCode)
  expect(run.stdout).toBe('')
  expect(run.stderr.endsWith('\n')).toBe(true)
  const lines = run.stderr.trimEnd().split('\n')
  expect(lines, 'one line on stderr').toHaveLength(1)
  expect(lines[0]).toMatch(/^iletimerkezi: /)
  expect(lines[0]).toMatch(pattern)
  expect(run.stderr).not.toMatch(/\n\s+at /) // no stack trace
}

const running: Sandbox[] = []
afterEach(async () => {
  await Promise.all(running.splice(0).map((sandbox) => sandbox.close()))
})

async function sandboxInThisProcess(): Promise<Sandbox> {
  const sandbox = await startSandbox()
  running.push(sandbox)
  return sandbox
}

describe('against --sandbox', () => {
  test('senders: one name a line, exit 0, nothing on stderr', async () => {
    const run = await cli(['senders', '--sandbox'])
    expect(run).toEqual({ code: 0, stdout: 'APITEST\neMarka\n', stderr: '' })
  })

  test('contacts get, human-readable, in XML', async () => {
    const run = await cli(['contacts', 'get', '1001', '--sandbox', '--format', 'xml'])
    expect(run.code, run.stderr).toBe(0)
    expect(run.stdout).toMatch(/^id +1001$/m)
    expect(run.stdout).toMatch(/^name +Ayşe$/m)
    expect(run.stdout).toMatch(/^gsm +05321234567$/m)
    expect(run.stdout).toMatch(/^customFields +1: 27\/09\/2024, 2: VIP$/m)
    expect(run.stdout).toMatch(/^groups +7, 12$/m)
  })

  test('contacts search --json parses, and is the same in both formats', async () => {
    const [json, xml] = await Promise.all([
      cli(['contacts', 'search', 'yılmaz', '--row-count', '5', '--sandbox', '--json']),
      cli(['contacts', 'search', 'yılmaz', '--row-count', '5', '--sandbox', '--json', '--format', 'xml']),
    ])
    expect(json.code, json.stderr).toBe(0)
    expect(xml.code, xml.stderr).toBe(0)
    const page = JSON.parse(json.stdout)
    expect(page).toEqual({ contacts: [defaultSeed.contacts[0]], page: 1, rowCount: 5 })
    expect(JSON.parse(xml.stdout)).toEqual(page)
  })

  test('groups create with a parent, --json', async () => {
    const run = await cli(['groups', 'create', 'Yeni ]]> grup', '--parent', '7', '--sandbox', '--json', '--format', 'xml'])
    expect(run.code, run.stderr).toBe(0)
    expect(JSON.parse(run.stdout)).toEqual({ id: 1006, name: 'Yeni ]]> grup' })
  })

  test('sms send with repeated --to prints the order id; account balance in XML, --json', async () => {
    const [sent, balance] = await Promise.all([
      cli(['sms', 'send', 'Merhaba Ayşe ]]> & <b>', '--sender', 'eMarka', '--to', '05321234567', '--to', '+90 505 702 31 00', '--sandbox']),
      cli(['account', 'balance', '--sandbox', '--json', '--format', 'xml']),
    ])
    expect(sent).toEqual({ code: 0, stdout: 'orderId  247155525\n', stderr: '' })
    expect(balance.code, balance.stderr).toBe(0)
    expect(JSON.parse(balance.stdout)).toEqual({ amount: 134.5, sms: 1000 })
  })

  test('a missing contact is an API error: exit 3, one line with the code and the provider message', async () => {
    expectOneErrorLine(await cli(['contacts', 'get', '99999', '--sandbox']), 3, /NotFoundError 465: Kişi bulunamadı\./)
  })
})

describe('help', () => {
  test('--help lists every command, the environment and the exit codes', async () => {
    const run = await cli(['--help'])
    expect(run.code).toBe(0)
    expect(run.stderr).toBe('')
    for (const command of commands) expect(run.stdout).toContain(`  ${command.words.join(' ')}`)
    for (const name of ['ILETIMERKEZI_KEY', 'ILETIMERKEZI_SECRET', 'ILETIMERKEZI_HASH', 'ILETIMERKEZI_BASE_URL', '--sandbox', '--json', '--format']) {
      expect(run.stdout).toContain(name)
    }
    for (const code of ['0    success', '2    input or usage error', '3    the API answered with an error', '4    network or protocol error', '130  campaign: stopped by Ctrl-C']) expect(run.stdout).toContain(code)
  })

  test('a command --help shows its arguments and flags', async () => {
    const run = await cli(['contacts', 'search', '--help'])
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(/^Usage: iletimerkezi contacts search <term> \[options\]$/m)
    expect(run.stdout).toContain('--row-count <n>')
    expect(run.stdout).toContain('Exit codes:')
  })

  test.each(commands.map((command) => [command.words.join(' '), command] as const))('%s --help (in process)', async (_name, command) => {
    const out: string[] = []
    const err: string[] = []
    const code = await runCli([...command.words, '--help'], { env: {}, out: (text) => out.push(text), err: (text) => err.push(text) })
    expect({ code, err }).toEqual({ code: 0, err: [] })
    expect(out.join('\n')).toMatch(new RegExp(`^Usage: iletimerkezi ${command.words.join(' ')}\\b`))
    for (const argument of command.args ?? []) expect(out.join('\n')).toContain(`<${argument.name}>`)
    for (const flag of Object.keys(command.flags ?? {})) expect(out.join('\n')).toContain(`--${flag}`)
  })
})

describe('usage and input errors: exit 2, one line', () => {
  test('an argument that is not a number', async () => {
    expectOneErrorLine(await cli(['contacts', 'get', 'abc', '--sandbox']), 2, /<id> must be a whole number .*'iletimerkezi contacts get --help'/)
  })

  test('an unknown flag', async () => {
    expectOneErrorLine(await cli(['senders', '--sandbox', '--bogus']), 2, /unknown option '--bogus'/)
  })

  test('an unknown command', async () => {
    expectOneErrorLine(await cli(['sms', 'sendd']), 2, /unknown command|needs a subcommand/)
  })

  test('input the client refuses (a 2-character search key), with the provider code', async () => {
    expectOneErrorLine(await cli(['contacts', 'search', 'ab', '--sandbox']), 2, /ValidationError 471: key: .*\(search-contacts, json\)/)
  })

  test('no credentials and no --sandbox', async () => {
    expectOneErrorLine(await cli(['senders']), 2, /ILETIMERKEZI_KEY is not set/)
  })
})

describe('command lines refused before anything starts (in process)', () => {
  async function inProcess(args: string[]) {
    const out: string[] = []
    const err: string[] = []
    const code = await runCli(args, { env: {}, out: (text) => out.push(text), err: (text) => err.push(text) })
    return { code, out, err }
  }

  test.each([
    [['senders', '--sandbox', '--format', 'yaml'], /--format must be json or xml \(got "yaml"\)/],
    [['contacts'], /'contacts' needs a subcommand: get, search/],
    [['contacts', 'get', '--sandbox'], /missing <id> .*'iletimerkezi contacts get --help'/],
    [['contacts', 'get', '1', '2', '--sandbox'], /unexpected argument '2'/],
    [['groups', 'contacts', '7', '--page', 'two', '--sandbox'], /--page must be a whole number/],
    [['senders', '--sandbox', '--base-url', 'http://127.0.0.1:1/v1'], /--sandbox and --base-url cannot be used together/],
    [['senders', '--timeout', 'soon', '--sandbox'], /--timeout must be a whole number/],
    [[], /no command given/],
  ])('%j', async (args, message) => {
    const { code, out, err } = await inProcess(args as string[])
    expect({ code, out }).toEqual({ code: 2, out: [] })
    expect(err).toHaveLength(1)
    expect(err[0]).toMatch(message as RegExp)
  })

  test('--version prints the package version', async () => {
    const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'))
    expect(await inProcess(['--version'])).toEqual({ code: 0, out: [manifest.version], err: [] })
  })
})

describe('against a sandbox started by the test', () => {
  const wrongSecret = 'wrong-secret-0123456789abcdef'

  test('a wrong secret (base URL from ILETIMERKEZI_BASE_URL): exit 3, one line, no credential anywhere', async () => {
    const sandbox = await sandboxInThisProcess()
    const run = await cli(['senders'], { ILETIMERKEZI_KEY: sandbox.key, ILETIMERKEZI_SECRET: wrongSecret, ILETIMERKEZI_BASE_URL: sandbox.url })
    expectOneErrorLine(run, 3, /AuthenticationError 401: Üyelik bilgileri hatalı/)
    const everything = run.stdout + run.stderr
    for (const credential of [wrongSecret, await computeHash(sandbox.key, wrongSecret), sandbox.hash]) expect(everything).not.toContain(credential)
    expect(sandbox.requests).toEqual([{ operation: 'get-sender', format: 'json', status: 401 }])
  })

  test('a wrong secret (base URL from --base-url), in XML', async () => {
    const sandbox = await sandboxInThisProcess()
    const run = await cli(['contacts', 'get', '1001', '--base-url', sandbox.url, '--format', 'xml'], { ILETIMERKEZI_KEY: sandbox.key, ILETIMERKEZI_SECRET: wrongSecret })
    expectOneErrorLine(run, 3, /AuthenticationError 401/)
    expect(run.stderr).not.toContain(wrongSecret)
    expect(sandbox.requests).toEqual([{ operation: 'get-contact', format: 'xml', status: 401 }])
  })

  test('the right hash in ILETIMERKEZI_HASH: exit 0', async () => {
    const sandbox = await sandboxInThisProcess()
    const run = await cli(['senders', '--json'], { ILETIMERKEZI_KEY: sandbox.key, ILETIMERKEZI_HASH: sandbox.hash, ILETIMERKEZI_BASE_URL: sandbox.url })
    expect(run.code, run.stderr).toBe(0)
    expect(JSON.parse(run.stdout)).toEqual(['APITEST', 'eMarka'])
  })

  test('no answer within --timeout: exit 4, one line', async () => {
    const sandbox = await sandboxInThisProcess()
    sandbox.faults.inject({ kind: 'delay', ms: 2_000 }, { times: Infinity })
    const run = await cli(['senders', '--timeout', '200'], { ILETIMERKEZI_KEY: sandbox.key, ILETIMERKEZI_SECRET: sandbox.secret!, ILETIMERKEZI_BASE_URL: sandbox.url })
    expectOneErrorLine(run, 4, /TimeoutError: no answer within 200 ms/)
  })

  test('nothing listening: exit 4, one line', async () => {
    const sandbox = await sandboxInThisProcess()
    await sandbox.close()
    const run = await cli(['senders'], { ILETIMERKEZI_KEY: sandbox.key, ILETIMERKEZI_SECRET: sandbox.secret!, ILETIMERKEZI_BASE_URL: sandbox.url })
    expectOneErrorLine(run, 4, /NetworkError: .*ECONNREFUSED/)
  })
})
