import { randomBytes } from 'node:crypto'
import { parseArgs } from 'node:util'
import type { CliIo } from './run-cli.js'
import { UsageError } from './usage-error.js'

// Two commands that are not client calls, so they live outside the command table:
// `iletimerkezi fixtures verify <dir>` and `iletimerkezi sandbox`. Both load the testing
// side (sandbox, recorder) only when run: an ordinary call never pulls it in.

const verifyHelp = `Usage: iletimerkezi fixtures verify <dir> [options]

Re-sends every recorded read in <dir> (a createRecorder folder) to the API and
prints, per case, what changed in the answer's shape: fields added or gone, a
type changed, a status changed. Same-shape value changes are not drift.
Exit status: 0 nothing drifted, 1 drift, 2-4 as for every command.

Options:
  --base-url <url>  the API base URL (default the provider's; env ILETIMERKEZI_BASE_URL)
  --allow-writes    re-send recorded writes too (sends SMS, changes contacts)
  --json            print the report as JSON

Credentials: ILETIMERKEZI_KEY with ILETIMERKEZI_SECRET or ILETIMERKEZI_HASH.`

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
  if (argv[0] === 'fixtures') return verifyCommand(argv.slice(1), io)
  if (argv[0] === 'sandbox') return sandboxCommand(argv.slice(1), io, stopped)
  return undefined
}

type FlagSpecs = Readonly<Record<string, { type: 'string' | 'boolean'; short?: string }>>

function parsed(argv: readonly string[], options: FlagSpecs, words: string[]): { values: Record<string, string | boolean | undefined>; positionals: string[] } {
  try {
    const { values, positionals } = parseArgs({ args: [...argv], options: { ...options, help: { type: 'boolean', short: 'h' } }, allowPositionals: true, strict: true })
    return { values: values as Record<string, string | boolean | undefined>, positionals }
  } catch (error) {
    throw new UsageError((error as Error).message, words)
  }
}

async function verifyCommand(argv: readonly string[], io: CliIo): Promise<number> {
  if (argv[0] !== 'verify' && !argv.includes('--help') && !argv.includes('-h')) {
    throw new UsageError(`unknown command 'fixtures ${argv[0] ?? ''}'`.trimEnd() + ' (fixtures has one: verify)', ['fixtures', 'verify'])
  }
  const { values, positionals } = parsed(argv.slice(1), { 'base-url': { type: 'string' }, 'allow-writes': { type: 'boolean' }, json: { type: 'boolean' } }, ['fixtures', 'verify'])
  if (values['help']) {
    io.out(verifyHelp)
    return 0
  }
  const [dir, ...extra] = positionals
  if (dir === undefined || extra.length > 0) throw new UsageError('give one recording folder: iletimerkezi fixtures verify <dir>', ['fixtures', 'verify'])
  const setting = (name: string) => (io.env[name] === '' ? undefined : io.env[name])
  const key = setting('ILETIMERKEZI_KEY')
  if (key === undefined) throw new UsageError('ILETIMERKEZI_KEY is not set', ['fixtures', 'verify'])
  const secret = setting('ILETIMERKEZI_SECRET')
  const hash = setting('ILETIMERKEZI_HASH')
  if ((secret === undefined) === (hash === undefined)) throw new UsageError('set ILETIMERKEZI_SECRET or ILETIMERKEZI_HASH (one of them)', ['fixtures', 'verify'])
  const baseUrl = (values['base-url'] as string | undefined) ?? setting('ILETIMERKEZI_BASE_URL')
  const { verifyFixtures, describeDrift } = await import('../testing/index.js')
  const report = await verifyFixtures({ dir, key, ...(secret === undefined ? { hash: hash! } : { secret }), ...(baseUrl === undefined ? {} : { baseUrl }), allowWrites: values['allow-writes'] === true })
  if (values['json']) io.out(JSON.stringify(report, null, 2))
  else {
    const rows = report.cases.map((verified) => [
      verified.operation,
      verified.name,
      verified.format,
      verified.skipped === 'write' ? 'skipped (a write)' : verified.skipped === 'no-request' ? 'skipped (no request)' : verified.drift.length === 0 ? 'ok' : verified.drift.map(describeDrift).join('; '),
    ])
    io.out(table(['operation', 'case', 'format', 'drift'], rows))
    io.out(`${report.drifted} of ${report.cases.length} case(s) drifted`)
  }
  return report.drifted > 0 ? 1 : 0
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
