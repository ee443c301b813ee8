// The package as users get it: a fresh build packed with `npm pack`, installed from the tarball into
// an app of its own, every entry point imported by name (import and require), the bin run, the
// .d.ts typechecked, and the examples run in that app. It builds into a temp folder: dist/ in the
// checkout may be rebuilt by `npm run bench` at any moment, and a fresh clone has none.
import { execFile, type ExecFileOptions } from 'node:child_process'
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative, resolve, sep } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { bundleWorker, workerSource } from './runtimes/worker-app.js'

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
let clone: string
let app: string
let packedFiles: string[]
let packedManifest: { scripts?: Record<string, string> }
let tarballInstall: Run
let packWithoutInstall: Run

// What `npm ci` gives a clone, as one link per package into the checkout's node_modules: nothing npm
// does in the copy (pack, link) can add or remove a package in the checkout's own.
function linkNodeModules(folder: string): void {
  const from = join(repoRoot, 'node_modules')
  mkdirSync(join(folder, 'node_modules'))
  for (const entry of readdirSync(from)) {
    if (entry.startsWith('@')) {
      mkdirSync(join(folder, 'node_modules', entry))
      for (const scoped of readdirSync(join(from, entry))) symlinkSync(join(from, entry, scoped), join(folder, 'node_modules', entry, scoped), 'dir')
    } else {
      symlinkSync(join(from, entry), join(folder, 'node_modules', entry), 'dir')
    }
  }
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'iletimerkezi-package-'))
  // The checkout as a fresh clone has it, minus what is built, installed or ignored: `files` decides the rest.
  clone = join(work, 'iletimerkezi')
  const skipped = new Set(['node_modules', 'dist', '.git', 'scratch', 'coverage', join('docs', 'api')])
  cpSync(repoRoot, clone, {
    recursive: true,
    filter: (source) => {
      const path = relative(repoRoot, source)
      return !skipped.has(path) && !path.endsWith('.tgz')
    },
  })
  // `npm pack` before `npm ci`: nothing to build with, so it must fail, not ship a tarball without dist/.
  mkdirSync(join(work, 'refused'))
  packWithoutInstall = await run('npm', ['pack', '--json', '--pack-destination', join(work, 'refused')], { cwd: clone })
  // After `npm ci`, `npm pack` alone builds (prepack): no dist/ in the clone before it.
  linkNodeModules(clone)
  const packed = await mustRun('npm', ['pack', '--json', '--pack-destination', work], { cwd: clone })
  const [info] = JSON.parse(packed.stdout.slice(packed.stdout.indexOf('['))) as { filename: string; files: { path: string }[] }[]
  packedFiles = info!.files.map((file) => file.path).sort()
  const unpacked = join(work, 'unpacked')
  mkdirSync(unpacked)
  await mustRun('tar', ['-xzf', join(work, info!.filename), '-C', unpacked])
  packedManifest = JSON.parse(readFileSync(join(unpacked, 'package', 'package.json'), 'utf8'))

  app = join(work, 'app')
  mkdirSync(app)
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'user-app', private: true, type: 'module' }))
  // The registry only when the cache (filled by npm ci) lacks a dependency.
  tarballInstall = await mustRun('npm', ['install', '--no-save', '--prefer-offline', '--no-audit', '--no-fund', join(work, info!.filename)], { cwd: app })
}, 5 * stepTimeoutMs)

// Removing an installed app (node_modules with wrangler's and the runtimes' trees) can outlast vitest's 10 s hook limit.
afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true })
}, 120_000)

describe('packing and installing', () => {
  test('npm pack in a clone without npm ci refuses (nothing to build with) and writes no tarball', () => {
    expect(packWithoutInstall.code).not.toBe(0)
    expect(readdirSync(join(work, 'refused'))).toEqual([])
  })

  test('npm pack in a clone with no dist/ builds it first (prepack)', () => {
    expect(packedFiles).toContain('dist/index.js')
    expect(packedFiles).toContain('dist/cli/main.js')
    expect(readdirSync(join(clone, 'dist'))).toContain('index.js')
  })

  test('the published package runs nothing at install: no install scripts, npm lists none to approve', () => {
    const installScripts = ['preinstall', 'install', 'postinstall', 'prepare', 'preprepare', 'postprepare']
    expect(Object.keys(packedManifest.scripts ?? {}).filter((name) => installScripts.includes(name))).toEqual([])
    expect(tarballInstall.stdout + tarballInstall.stderr).not.toMatch(/install-scripts|iletimerkezi@/)
  })
})

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

// The three ways the README gives to use a clone from another app: `npm pack` then installing the
// tarball (the app above), `npm link`, and a `file:` dependency. The folder installs link the clone
// itself, tsconfig.json and src/ included: bundled for a Worker, they must give the same modules as
// the tarball (once, tsconfig.json's `paths` sent dist/'s `#xml-request-writer` to the Node writer).
describe('a clone used from another app: npm link and a file: dependency, like the tarball', () => {
  const layouts = ['tarball', 'link', 'file'] as const
  const apps: Record<(typeof layouts)[number], string> = { tarball: '', link: '', file: '' }
  const bundles: Record<string, string> = {}

  // `// <path>` above each module in wrangler's unminified bundle, as `<package>/<path>`: where a
  // folder install's files really are (the clone, the checkout's node_modules) does not count.
  const modulesOf = (script: string) =>
    [...script.matchAll(/^\/\/ (\S+\.[cm]?js)$/gm)].map(([, path]) => path!.replace(/^.*node_modules\//, '').replace(/^(?:.*\/)?(iletimerkezi\/dist\/)/, '$1')).sort()

  beforeAll(async () => {
    apps.tarball = app
    const newApp = (name: string) => {
      const folder = join(work, name)
      mkdirSync(folder)
      writeFileSync(join(folder, 'package.json'), JSON.stringify({ name: 'user-app', private: true, type: 'module' }))
      return folder
    }
    // npm link: the clone linked into a global folder of this test's own, then into the app.
    apps.link = newApp('link-app')
    const global = { ...childEnv(), npm_config_prefix: join(work, 'global') }
    await mustRun('npm', ['link', '--no-audit', '--no-fund'], { cwd: clone, env: global })
    await mustRun('npm', ['link', 'iletimerkezi', '--no-audit', '--no-fund'], { cwd: apps.link, env: global })
    // A file: dependency: `npm install ../iletimerkezi` writes "file:../iletimerkezi" and links the folder.
    apps.file = newApp('file-app')
    await mustRun('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '../iletimerkezi'], { cwd: apps.file })
    await Promise.all(
      layouts.flatMap((layout) =>
        (['json', 'xml'] as const).map(async (format) => {
          const folder = join(apps[layout], `${format}-worker`)
          mkdirSync(folder)
          writeFileSync(join(folder, 'worker.js'), workerSource(format))
          bundles[`${layout} ${format}`] = (await bundleWorker(folder, { work })).script
        }),
      ),
    )
  }, 4 * stepTimeoutMs)

  test('npm link and the file: dependency link the clone itself', () => {
    expect(realpathSync(join(apps.link, 'node_modules', 'iletimerkezi'))).toBe(realpathSync(clone))
    expect(realpathSync(join(apps.file, 'node_modules', 'iletimerkezi'))).toBe(realpathSync(clone))
    expect(JSON.parse(readFileSync(join(apps.file, 'package.json'), 'utf8')).dependencies).toEqual({ iletimerkezi: 'file:../iletimerkezi' })
  })

  test.each(['link', 'file'] as const)('%s: a Worker bundled by wrangler holds the same modules as from the tarball: the string writer, no xmlbuilder2, no Node built-in', (layout) => {
    for (const format of ['json', 'xml']) {
      const script = bundles[`${layout} ${format}`]!
      expect(modulesOf(script)).toEqual(modulesOf(bundles[`tarball ${format}`]!))
      expect(modulesOf(script)).toContain('iletimerkezi/dist/codec/xml/string-request-writer.js')
      expect(script).not.toContain('node-request-writer')
      expect(script).not.toContain('node_modules/xmlbuilder2/')
      expect(script).not.toMatch(/\bfrom\s*["'](?:node:)?(?:events|url|fs|crypto|buffer|stream)["']/)
    }
  })

  test.each(['link', 'file'] as const)('%s: Node imports both entries by name and calls the sandbox in both formats', async (layout) => {
    writeFileSync(
      join(apps[layout], 'calls.mjs'),
      `import { createClient } from 'iletimerkezi'
import { startSandbox } from 'iletimerkezi/testing'
const sandbox = await startSandbox()
const senders = []
for (const format of ['json', 'xml']) senders.push(await createClient({ baseUrl: sandbox.url, key: sandbox.key, secret: sandbox.secret, format }).senders.list())
await sandbox.close()
console.log(JSON.stringify(senders))
`,
    )
    const result = await node(['calls.mjs'], apps[layout])
    expect(result.stderr).toBe('')
    expect(JSON.parse(result.stdout)).toEqual([
      ['APITEST', 'eMarka'],
      ['APITEST', 'eMarka'],
    ])
  })
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
