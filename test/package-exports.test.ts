// The package as users get it: a fresh build packed with `npm pack`, installed from the tarball into
// an app of its own, every entry point imported by name (import and require), the bin run, the
// .d.ts typechecked, and the examples run in that app. It builds into a temp folder: dist/ in the
// checkout may be rebuilt by `npm run bench` at any moment, and a fresh clone has none.
import { execFile, type ExecFileOptions } from 'node:child_process'
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative, resolve, sep } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'

const repoRoot = resolve(import.meta.dirname, '..')
const bin = (path: string) => join(repoRoot, 'node_modules', path)
const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { name: string; version: string }

// Nothing here may outlive its budget: a hung npm or example fails the test, it does not stall CI.
const stepTimeoutMs = 120_000

// Spawned tools see neither the parent npm's settings (npm_config_*, which would point a nested
// npm at the checkout) nor a developer's credentials (the examples would use a real account).
function childEnv(): NodeJS.ProcessEnv {
  const keep = new Set(['npm_config_cache', 'npm_config_registry', 'npm_config_userconfig'])
  return Object.fromEntries(
    Object.entries(process.env).filter(([name]) => keep.has(name.toLowerCase()) || !/^(npm_|ILETIMERKEZI_|VITEST|NODE_OPTIONS$)/i.test(name)),
  )
}

interface Run {
  code: number
  stdout: string
  stderr: string
}

function run(command: string, args: string[], options: ExecFileOptions & { env?: NodeJS.ProcessEnv } = {}): Promise<Run> {
  return new Promise((done) => {
    execFile(command, args, { timeout: stepTimeoutMs, maxBuffer: 64 * 1024 * 1024, env: childEnv(), encoding: 'utf8', ...options }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : 1
      done({ code, stdout: String(stdout), stderr: String(stderr) + (error && typeof error.code !== 'number' ? `\n${error.message}` : '') })
    })
  })
}

async function mustRun(command: string, args: string[], options: ExecFileOptions = {}): Promise<Run> {
  const result = await run(command, args, options)
  if (result.code !== 0) throw new Error(`${command} ${args.join(' ')} exited ${result.code}\n${result.stdout}\n${result.stderr}`)
  return result
}

const node = (args: string[], cwd: string) => run(process.execPath, args, { cwd })

let work: string
let app: string
let packedFiles: string[]

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'iletimerkezi-package-'))
  const stage = join(work, 'stage')
  // The checkout as `npm pack` sees it, minus what is built, installed or ignored: `files` decides the rest.
  const skipped = new Set(['node_modules', 'dist', '.git', 'scratch', 'coverage', join('docs', 'api')])
  cpSync(repoRoot, stage, {
    recursive: true,
    filter: (source) => {
      const path = relative(repoRoot, source)
      return !skipped.has(path) && !path.endsWith('.tgz')
    },
  })
  await mustRun(process.execPath, [bin('typescript/bin/tsc'), '-p', 'tsconfig.build.json', '--outDir', join(stage, 'dist')], { cwd: repoRoot })
  const packed = await mustRun('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', work], { cwd: stage })
  const [info] = JSON.parse(packed.stdout) as { filename: string; files: { path: string }[] }[]
  packedFiles = info!.files.map((file) => file.path).sort()

  app = join(work, 'app')
  mkdirSync(app)
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'user-app', private: true, type: 'module' }))
  // The registry only when the cache (filled by npm ci) lacks a dependency.
  await mustRun('npm', ['install', '--no-save', '--prefer-offline', '--no-audit', '--no-fund', join(work, info!.filename)], { cwd: app })
}, 4 * stepTimeoutMs)

// Removing an installed app (node_modules with wrangler's and the runtimes' trees) can outlast vitest's 10 s hook limit.
afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true })
}, 120_000)

describe('the tarball', () => {
  test('holds the build, the fixtures, README, LICENSE and CHANGELOG, and nothing else', () => {
    const unexpected = packedFiles.filter(
      (path) => !/^(package\.json|README\.md|LICENSE|CHANGELOG\.md|dist\/.+\.(js|d\.ts)|fixtures\/.+)$/.test(path),
    )
    expect(unexpected).toEqual([])
    for (const needed of ['package.json', 'README.md', 'LICENSE', 'CHANGELOG.md', 'dist/index.js', 'dist/index.d.ts', 'dist/testing/index.js', 'dist/testing/index.d.ts', 'dist/cli/main.js']) {
      expect(packedFiles).toContain(needed)
    }
    expect(packedFiles.filter((path) => /\.(map|test\.(js|d\.ts))$/.test(path))).toEqual([])
  })

  test('ships every fixture case the testing entry loads', () => {
    const fixtureFiles = (folder: string): string[] =>
      readdirSync(folder, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? fixtureFiles(join(folder, entry.name)) : [join(folder, entry.name)]))
    const inRepo = fixtureFiles(join(repoRoot, 'fixtures')).map((path) => relative(repoRoot, path).split(sep).join('/'))
    expect(packedFiles.filter((path) => path.startsWith('fixtures/'))).toEqual(inRepo.sort())
  })
})

describe('the installed package, imported by name', () => {
  const clientExports = [
    'AbortError',
    'ApiError',
    'AuthenticationError',
    'IletiMerkeziError',
    'InsufficientBalanceError',
    'MessageStatus',
    'NetworkError',
    'NotFoundError',
    'OrderStatus',
    'ProtocolError',
    'RateLimitError',
    'StatusCode',
    'TimeoutError',
    'ValidationError',
    'createClient',
    'deliveryReportHandler',
    'parseDeliveryReport',
  ]
  const testingExports = ['FixtureFileError', 'FixtureMissError', 'createRecorder', 'defaultSeed', 'describeDrift', 'fixturesRoot', 'loadFixtureCase', 'loadFixtureCases', 'startSandbox', 'verifyFixtures']

  test('import: both entries, a call in each format against the sandbox, the fixtures found', async () => {
    writeFileSync(
      join(app, 'esm.mjs'),
      `import * as client from 'iletimerkezi'
import * as testing from 'iletimerkezi/testing'
const sandbox = await testing.startSandbox()
const senders = {}
for (const format of ['json', 'xml']) {
  const api = client.createClient({ baseUrl: sandbox.url, key: sandbox.key, secret: sandbox.secret, format })
  senders[format] = await api.senders.list()
}
const missing = await client.createClient({ baseUrl: sandbox.url, key: sandbox.key, secret: sandbox.secret, format: 'xml' }).contacts.get(424242).catch((error) => error)
await sandbox.close()
console.log(JSON.stringify({
  client: Object.keys(client).sort(),
  testing: Object.keys(testing).sort(),
  senders,
  notFound: missing instanceof client.NotFoundError && missing instanceof client.IletiMerkeziError,
  fixtures: testing.loadFixtureCases().length,
  fixturesRoot: testing.fixturesRoot,
}))
`,
    )
    const result = await node(['esm.mjs'], app)
    expect(result.stderr).toBe('')
    const seen = JSON.parse(result.stdout)
    expect(seen.client).toEqual(clientExports)
    expect(seen.testing).toEqual(testingExports)
    expect(seen.senders).toEqual({ json: ['APITEST', 'eMarka'], xml: ['APITEST', 'eMarka'] })
    expect(seen.notFound).toBe(true)
    // A case is a folder with a case.json, one level under its operation's folder (two for consent/create).
    const cases = readdirSync(join(repoRoot, 'fixtures'), { recursive: true, encoding: 'utf8' }).filter((path) => path.endsWith(`${sep}case.json`))
    expect(seen.fixtures).toBe(cases.length)
    expect(seen.fixturesRoot).toBe(join(app, 'node_modules', 'iletimerkezi', 'fixtures') + sep)
  })

  test('require() (require(esm), Node >= 20.19): both entries, the same module instance as import', async () => {
    writeFileSync(
      join(app, 'cjs.cjs'),
      `const client = require('iletimerkezi')
const testing = require('iletimerkezi/testing')
import('iletimerkezi').then((imported) => {
  console.log(JSON.stringify({
    client: Object.keys(client).filter((name) => name !== '__esModule' && name !== 'module.exports').sort(),
    testing: Object.keys(testing).filter((name) => name !== '__esModule' && name !== 'module.exports').sort(),
    sameInstance: imported.NotFoundError === client.NotFoundError && imported.createClient === client.createClient,
    version: require('iletimerkezi/package.json').version,
  }))
})
`,
    )
    const result = await node(['cjs.cjs'], app)
    expect(result.stderr).not.toMatch(/Error/)
    const seen = JSON.parse(result.stdout)
    expect(seen).toEqual({ client: clientExports, testing: testingExports, sameInstance: true, version: manifest.version })
  })

  test('the bin: --help, --version, and a command against the embedded sandbox', async () => {
    const cli = join(app, 'node_modules', '.bin', 'iletimerkezi')
    const help = await run(cli, ['--help'], { cwd: app })
    expect(help.code).toBe(0)
    expect(help.stdout).toMatch(/^Usage: iletimerkezi /)
    expect(help.stdout).toContain('contacts search-all')
    const version = await run(cli, ['--version'], { cwd: app })
    expect(version).toEqual({ code: 0, stdout: `${manifest.version}\n`, stderr: '' })
    const senders = await run(cli, ['senders', '--sandbox', '--json', '--format', 'xml'], { cwd: app })
    expect(senders.code).toBe(0)
    expect(JSON.parse(senders.stdout)).toEqual(['APITEST', 'eMarka'])
  })

  test('the .d.ts: an ESM and a CommonJS TypeScript user typecheck (nodenext and bundler), mistakes caught', async () => {
    const use = `const client = createClient({ key: 'k', secret: 's', format: 'xml' })
const contact: Promise<Contact> = client.contacts.get(1)
const senders: Promise<string[]> = client.senders.list()
const pages: AsyncIterable<Contact> = client.contacts.searchAll({ key: 'ayşe' })
const sandbox: Promise<Sandbox> = startSandbox({ seed: { senders: ['X'] } })
const cases: FixtureCase[] = loadFixtureCases()
const isMissing = (error: unknown) => error instanceof NotFoundError && error.code === StatusCode.ContactNotFound
// @ts-expect-error: the format is 'json' or 'xml'
createClient({ key: 'k', secret: 's', format: 'yaml' })
// @ts-expect-error: ids are numbers
client.contacts.get('1')
export { contact, senders, pages, sandbox, cases, isMissing }
`
    writeFileSync(
      join(app, 'user.mts'),
      `import { createClient, NotFoundError, StatusCode, type Contact } from 'iletimerkezi'
import { loadFixtureCases, startSandbox, type FixtureCase, type Sandbox } from 'iletimerkezi/testing'
${use}`,
    )
    writeFileSync(
      join(app, 'user.cts'),
      `import iletimerkezi = require('iletimerkezi')
import testing = require('iletimerkezi/testing')
const { createClient, NotFoundError, StatusCode } = iletimerkezi
const { loadFixtureCases, startSandbox } = testing
type Contact = iletimerkezi.Contact
type Sandbox = testing.Sandbox
type FixtureCase = testing.FixtureCase
${use}`,
    )
    const tsc = (moduleOptions: string[], files: string[]) =>
      run(process.execPath, [bin('typescript/bin/tsc'), '--noEmit', '--strict', '--target', 'es2022', '--types', 'node', '--typeRoots', bin('@types'), ...moduleOptions, ...files], { cwd: app })
    const nodenext = await tsc(['--module', 'nodenext', '--moduleResolution', 'nodenext'], ['user.mts', 'user.cts'])
    expect(nodenext.stdout + nodenext.stderr).toBe('')
    expect(nodenext.code).toBe(0)
    const bundler = await tsc(['--module', 'preserve', '--moduleResolution', 'bundler'], ['user.mts'])
    expect(bundler.stdout + bundler.stderr).toBe('')
    expect(bundler.code).toBe(0)
  }, stepTimeoutMs)
})

describe('the examples, run in the app against the sandbox (no credentials, no network)', () => {
  const tsx = (script: string, env: NodeJS.ProcessEnv = {}) =>
    run(process.execPath, [bin('tsx/dist/cli.mjs'), script], { cwd: app, env: { ...childEnv(), ...env } })

  beforeAll(() => {
    cpSync(join(repoRoot, 'examples'), join(app, 'examples'), { recursive: true })
  })

  test('send-sms: sends, then reads the report', async () => {
    const result = await tsx('examples/send-sms.ts')
    expect(result.stderr).toBe('')
    expect(result.code).toBe(0)
    expect(result.stdout).toMatch(/^order \d+: sent from \w+ to 05321234567\norder \d+: completed, 1 of 1 delivered\n {2}\+905321234567: delivered\n$/)
  })

  test('sync-address-book: the first run creates and updates, the second changes nothing', async () => {
    const result = await tsx('examples/sync-address-book.ts')
    expect(result.stderr).toBe('')
    expect(result.code).toBe(0)
    expect(result.stdout).toBe('first run:  { created: 2, updated: 1, unchanged: 0 }\nsecond run: { created: 0, updated: 0, unchanged: 3 }\n')
  })

  test('format-from-env: the same data in JSON and XML; an unknown format refused', async () => {
    const json = await tsx('examples/format-from-env.ts', { ILETIMERKEZI_FORMAT: 'json' })
    const xml = await tsx('examples/format-from-env.ts', { ILETIMERKEZI_FORMAT: 'xml' })
    expect([json.code, json.stderr, xml.code, xml.stderr]).toEqual([0, 'format: json\n', 0, 'format: xml\n'])
    const data = JSON.parse(json.stdout)
    expect(data.senders).toEqual(['APITEST', 'eMarka'])
    expect(data.firstPage.contacts.length).toBeGreaterThan(0)
    expect(JSON.parse(xml.stdout)).toEqual(data)
    const refused = await tsx('examples/format-from-env.ts', { ILETIMERKEZI_FORMAT: 'yaml' })
    expect(refused).toEqual({ code: 2, stdout: '', stderr: 'iletimerkezi: format: must be one of json, xml\n' })
  })

  test('shipping-notice.test.ts: the user-side contract test passes under vitest', async () => {
    // The app's own test runner: the repository's vitest, linked in as the app would install it.
    symlinkSync(bin('vitest'), join(app, 'node_modules', 'vitest'), 'dir')
    const result = await run(process.execPath, [bin('vitest/vitest.mjs'), 'run', 'examples/shipping-notice.test.ts', '--reporter', 'json'], { cwd: app })
    const report = JSON.parse(result.stdout.slice(result.stdout.indexOf('{'))) as { numPassedTests: number; numFailedTests: number; success: boolean }
    expect(report).toMatchObject({ success: true, numFailedTests: 0, numPassedTests: 8 })
    expect(result.code).toBe(0)
  })
})
