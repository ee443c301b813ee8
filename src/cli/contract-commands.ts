import { randomBytes } from 'node:crypto'
import { parseArgs } from 'node:util'
import type { CliIo } from './run-cli.js'
import { errorLine } from './error-line.js'
import { UsageError } from './usage-error.js'

// Two commands that are not client calls, so they live outside the command table:
// `iletimerkezi fixtures verify <dir>` and `iletimerkezi sandbox`. Both load the testing
// side (sandbox, recorder) only when run: an ordinary call never pulls it in.

const verifyHelp = `Usage: iletimerkezi fixtures verify <dir> [options]

Re-sends every recorded read in <dir> (a createRecorder folder) to the API and
prints, per case, what changed in the answer's shape: fields added or gone, a
type changed, a status changed. Same-shape value changes are not drift.
Writes are skipped (unless --allow-writes), and so are requests holding
masked values: verify those by running the tests with ILETIMERKEZI_FIXTURES=verify.

Options:
  --base-url <url>  the API base URL (default the provider's; env ILETIMERKEZI_BASE_URL)
  --timeout <ms>    milliseconds per request (default 30000; 0 turns it off)
  --allow-writes    re-send recorded writes too (sends SMS, changes contacts)
  --json            print the report as JSON
  -h, --help        this help

Credentials: ILETIMERKEZI_KEY with ILETIMERKEZI_SECRET or ILETIMERKEZI_HASH.

Exit status:
  0  at least one case was checked and nothing drifted
  1  drift (the table says what changed)
  2  usage: a bad option, no folder, a folder that cannot be read as cases
  3  could not verify: credentials refused, no network, or nothing checked`

const sandboxHelp = `Usage: iletimerkezi sandbox [--port <n>] [--key <key>] [--secret <secret>] [--webhook <url>]

Serves a sandbox (an imitation of the API on 127.0.0.1, both formats, an
in-memory account) until stopped (Ctrl-C), after printing the environment
variables that point this tool and an app at it. With --webhook, each sent
message's delivery reports are POSTed to <url> as the provider does. The key
and secret are new random ones at each start unless given:

  iletimerkezi sandbox > sandbox.env &
  . ./sandbox.env
  iletimerkezi sms send Merhaba --sender eMarka --to 05321234567`

/** Runs `fixtures …` and `sandbox`; `undefined` for any other command line (the command table's). */
export async function runContractCommand(argv: readonly string[], io: CliIo, stopped: () => Promise<unknown> = untilSignalled): Promise<number | undefined> {
  const at = commandWordAt(argv)
  if (argv[at] === 'fixtures') return verifyCommand([...argv.slice(at + 1), ...argv.slice(0, at)], io)
  if (argv[0] === 'sandbox') return sandboxCommand(argv.slice(1), io, stopped)
  return undefined
}

// Where the command word stands: global options may come first (`iletimerkezi --timeout 3000 fixtures verify …`).
function commandWordAt(argv: readonly string[]): number {
  let index = 0
  while (index < argv.length && argv[index]!.startsWith('-')) index += /^--(timeout|base-url|format)$/.test(argv[index]!) ? 2 : 1
  return index
}

type FlagSpecs = Readonly<Record<string, { type: 'string' | 'boolean'; short?: string }>>

// parseArgs says "Unknown option '--x'. To specify a positional argument starting with a '-', …": said plainly here.
function plainParseError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error)
  const option = /'(-[^' ]*)/.exec(message)?.[1]
  const code = (error as { code?: unknown }).code
  if (option === undefined) return message
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return `unknown option ${option}`
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') return /argument missing/.test(message) ? `${option} needs a value` : `${option} takes no value`
  return message
}

function parsed(argv: readonly string[], options: FlagSpecs, words: string[]): { values: Record<string, string | boolean | undefined>; positionals: string[] } {
  try {
    const { values, positionals } = parseArgs({ args: [...argv], options: { ...options, help: { type: 'boolean', short: 'h' } }, allowPositionals: true, strict: true })
    return { values: values as Record<string, string | boolean | undefined>, positionals }
  } catch (error) {
    throw new UsageError(plainParseError(error), words)
  }
}

const verifyExit = { checked: 0, drift: 1, usage: 2, couldNotVerify: 3 } as const

function skipNote(verified: { skipped?: string; reason?: string }): string {
  return `skipped (${verified.reason ?? verified.skipped})`
}

async function verifyCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const words = ['fixtures', 'verify']
  if (argv[0] !== 'verify' && !argv.includes('--help') && !argv.includes('-h')) {
    throw new UsageError(`unknown command 'fixtures ${argv[0] ?? ''}'`.trimEnd() + ' (fixtures has one: verify)', words)
  }
  const options: FlagSpecs = { 'base-url': { type: 'string' }, timeout: { type: 'string' }, 'allow-writes': { type: 'boolean' }, json: { type: 'boolean' } }
  const { values, positionals } = parsed(argv[0] === 'verify' ? argv.slice(1) : argv, options, words)
  if (values['help']) {
    io.out(verifyHelp)
    return 0
  }
  const [dir, ...extra] = positionals
  if (dir === undefined || extra.length > 0) throw new UsageError('give one recording folder: iletimerkezi fixtures verify <dir>', words)
  const timeoutText = values['timeout'] as string | undefined
  if (timeoutText !== undefined && !/^\d+$/.test(timeoutText)) throw new UsageError(`--timeout must be a whole number of milliseconds (got ${JSON.stringify(timeoutText)})`, words)
  const setting = (name: string) => (io.env[name] === '' ? undefined : io.env[name])
  const key = setting('ILETIMERKEZI_KEY')
  if (key === undefined) throw new UsageError('ILETIMERKEZI_KEY is not set', words)
  const secret = setting('ILETIMERKEZI_SECRET')
  const hash = setting('ILETIMERKEZI_HASH')
  if ((secret === undefined) === (hash === undefined)) throw new UsageError('set ILETIMERKEZI_SECRET or ILETIMERKEZI_HASH (one of them)', words)
  const baseUrl = (values['base-url'] as string | undefined) ?? setting('ILETIMERKEZI_BASE_URL')
  const { verifyFixtures, describeDrift, FixtureFileError } = await import('../testing/index.js')
  const { IletiMerkeziError, ValidationError } = await import('../index.js')
  const secrets = [key, secret, hash].filter((value): value is string => value !== undefined)
  let report: Awaited<ReturnType<typeof verifyFixtures>>
  try {
    report = await verifyFixtures({
      dir,
      key,
      ...(secret === undefined ? { hash: hash! } : { secret }),
      ...(baseUrl === undefined ? {} : { baseUrl }),
      ...(timeoutText === undefined ? {} : { timeout: Number(timeoutText) }),
      allowWrites: values['allow-writes'] === true,
    })
  } catch (error) {
    // A folder that cannot be read is the caller's to fix (2); a server that refused or could not be reached verified nothing (3).
    if (error instanceof FixtureFileError || error instanceof ValidationError) {
      io.err(errorLine(error, secrets))
      return verifyExit.usage
    }
    if (!(error instanceof IletiMerkeziError)) throw error
    io.err(errorLine(error, secrets))
    io.err('iletimerkezi: nothing was verified')
    return verifyExit.couldNotVerify
  }
  if (values['json']) io.out(JSON.stringify(report, null, 2))
  else {
    const rows = report.cases.map((verified) => [
      verified.operation,
      verified.name,
      verified.format,
      verified.skipped !== undefined ? skipNote(verified) : verified.drift.length === 0 ? 'ok' : verified.drift.map(describeDrift).join('; '),
    ])
    io.out(table(['operation', 'case', 'format', 'drift'], rows))
    io.out(`${report.drifted} of ${report.checked} checked case(s) drifted; ${report.cases.length - report.checked} skipped`)
  }
  if (report.drifted > 0) return verifyExit.drift
  if (report.checked === 0) {
    io.err(`iletimerkezi: nothing was verified: every case in ${dir} was skipped (see the table); run the tests with ILETIMERKEZI_FIXTURES=verify to verify them`)
    return verifyExit.couldNotVerify
  }
  return verifyExit.checked
}

function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)))
  const line = (cells: readonly string[]) => cells.map((cell, column) => (column === cells.length - 1 ? cell : cell.padEnd(widths[column]!))).join('  ')
  return [line(header), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)].join('\n')
}

async function sandboxCommand(argv: readonly string[], io: CliIo, stopped: () => Promise<unknown>): Promise<number> {
  const { values, positionals } = parsed(argv, { port: { type: 'string' }, key: { type: 'string' }, secret: { type: 'string' }, webhook: { type: 'string' } }, ['sandbox'])
  if (values['help']) {
    io.out(sandboxHelp)
    return 0
  }
  if (positionals.length > 0) throw new UsageError(`sandbox takes no arguments (got ${positionals.join(' ')})`, ['sandbox'])
  const portText = values['port'] as string | undefined
  if (portText !== undefined && !/^\d+$/.test(portText)) throw new UsageError(`--port must be a whole number (got ${JSON.stringify(portText)})`, ['sandbox'])
  const { startSandbox } = await import('../testing/sandbox/start-sandbox.js')
  // Random, not the library's public defaults: a page that reaches the port must still not know them.
  const key = (values['key'] as string | undefined) ?? `sandbox-${randomBytes(6).toString('hex')}`
  const secret = (values['secret'] as string | undefined) ?? randomBytes(24).toString('base64url')
  const webhookUrl = values['webhook'] as string | undefined
  const sandbox = await startSandbox({
    key,
    secret,
    ...(portText === undefined ? {} : { port: Number(portText) }),
    ...(webhookUrl === undefined ? {} : { webhook: { url: webhookUrl } }),
  })
  try {
    // The names the tool (open-client.ts) and the examples read.
    io.out(
      [
        `export ILETIMERKEZI_BASE_URL=${sandbox.url}`,
        `export ILETIMERKEZI_KEY=${sandbox.key}`,
        `export ILETIMERKEZI_SECRET=${sandbox.secret}`,
      ].join('\n'),
    )
    io.err(`iletimerkezi: sandbox serving at ${sandbox.url}${webhookUrl === undefined ? '' : `, delivery reports to ${webhookUrl}`} until stopped (Ctrl-C)`)
    await stopped()
  } finally {
    await sandbox.close()
  }
  return 0
}

function untilSignalled(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      process.off('SIGINT', stop)
      process.off('SIGTERM', stop)
      resolve(signal)
    }
    process.on('SIGINT', stop)
    process.on('SIGTERM', stop)
  })
}
