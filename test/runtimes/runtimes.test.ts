// Where integrators deploy: the built package, in an app's node_modules under its name, run for real in
// Cloudflare's workerd (bundled by wrangler, no nodejs_compat), in Deno and in Bun, each making
// JSON and XML calls against the sandbox on 127.0.0.1 (which runs here, in Node). No runtime is
// mocked and none is skipped: all of them are devDependencies, and a missing one fails.
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { Miniflare } from 'miniflare'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { startSandbox, type Sandbox } from '../../src/testing/index.js'
import { installBuiltApp, mustRun, run, type BuiltApp } from '../support/built-app.js'
import { runtimeBinary } from './runtime-binaries.js'
import { bundleWorker, workerSource, workerCompatibilityDate } from './worker-app.js'

// Text each writer must carry exactly: a CDATA end, a CR, Turkish letters, entity-looking text, markup.
const hostileName = 'Şirket ]]> & &amp; &name; <b>\r\nİğ'
const formats = ['json', 'xml'] as const

let built: BuiltApp
let sandbox: Sandbox

beforeAll(async () => {
  ;[built, sandbox] = await Promise.all([installBuiltApp('iletimerkezi-runtimes-'), startSandbox()])
  // Which request writer a runtime resolves `#xml-request-writer` to: only a module inside the package can ask.
  writeFileSync(join(built.packageRoot, 'dist/which-request-writer.js'), "export const requestWriter = import.meta.resolve('#xml-request-writer')\n")
  writeFileSync(join(built.app, 'client-calls.mjs'), clientCalls)
}, 240_000)

afterAll(async () => {
  await sandbox?.close()
  built?.remove()
}, 60_000)

// A JSON app bundled with the iletimerkezi-json-only condition: no XML codec in it, and an XML client says so.
const jsonOnlyWorker = `import { createClient } from 'iletimerkezi'

export default {
  async fetch(request, env) {
    const options = { baseUrl: env.SANDBOX_URL, key: env.SANDBOX_KEY, secret: env.SANDBOX_SECRET }
    const senders = await createClient({ ...options, format: 'json' }).senders.list()
    const xml = await createClient({ ...options, format: 'xml' }).senders.list().then(
      () => 'sent',
      (error) => ({ name: error.name, message: error.message }),
    )
    return Response.json({ senders, xml })
  },
}
`

const storedGroupNames = () => [...sandbox.store.groups.values()].map((group) => group.name)

// What the Deno and Bun runs execute: the package imported by name, a JSON and an XML client.
const clientCalls = `
import { createClient } from 'iletimerkezi'
import { requestWriter } from './node_modules/iletimerkezi/dist/which-request-writer.js'

const [baseUrl, key, secret, runtime] = process.argv.slice(2)
const results = { requestWriter: requestWriter.split('/').at(-1) }
for (const format of ['json', 'xml']) {
  const client = createClient({ baseUrl, key, secret, format })
  const senders = await client.senders.list()
  const group = await client.groups.create({ name: ${JSON.stringify(hostileName)} + ' ' + runtime + ' ' + format })
  results[format] = { senders, group }
}
console.log(JSON.stringify(results))
`

interface CallResults {
  requestWriter: string
  json: { senders: string[]; group: { id: number; name: string } }
  xml: { senders: string[]; group: { id: number; name: string } }
}

describe('Cloudflare Workers: bundled by wrangler without nodejs_compat, run in workerd (Miniflare)', () => {
  const bundles: Partial<Record<(typeof formats)[number] | 'json-only', string>> = {}
  let miniflare: Miniflare | undefined

  // What wrangler says of a worker that imports a Node built-in: the refusal the test below expects.
  let builtinRefusal: unknown

  beforeAll(async () => {
    const folderFor = (name: string, source: string) => {
      const folder = join(built.app, name)
      mkdirSync(folder)
      writeFileSync(join(folder, 'worker.js'), source)
      return folder
    }
    const builtinWorker = folderFor('builtin-worker', "import { EventEmitter } from 'events'\nexport default { fetch: () => new Response(String(new EventEmitter())) }\n")
    // In parallel: wrangler takes seconds to start.
    await Promise.all([
      ...formats.map(async (format) => {
        bundles[format] = (await bundleWorker(folderFor(`${format}-worker`, workerSource(format)), { work: built.work })).script
      }),
      bundleWorker(folderFor('json-only-worker', jsonOnlyWorker), { work: built.work, conditions: ['iletimerkezi-json-only'] }).then((bundle) => {
        bundles['json-only'] = bundle.script
      }),
      bundleWorker(builtinWorker, { work: built.work }).then(
        () => (builtinRefusal = 'bundled'),
        (error: unknown) => (builtinRefusal = error),
      ),
    ])
    miniflare = new Miniflare({
      workers: [...formats, 'json-only'].map((app) => ({
        name: `${app}-app`,
        modules: true,
        // Module names are relative to this root; the default (the working directory) is not above /tmp.
        modulesRoot: join(built.app, `${app}-worker`, 'out'),
        scriptPath: join(built.app, `${app}-worker`, 'out', 'worker.js'),
        compatibilityDate: workerCompatibilityDate,
        // No compatibilityFlags: nodejs_compat is off, as in the bundle.
        bindings: { SANDBOX_URL: sandbox.url, SANDBOX_KEY: sandbox.key, SANDBOX_SECRET: sandbox.secret! },
      })),
    })
    await miniflare.ready
  }, 120_000)

  afterAll(async () => {
    await miniflare?.dispose()
  })

  test.each(formats)('the %s worker answers: its calls reach the sandbox from inside workerd', async (format) => {
    // Miniflare's types for a worker need @cloudflare/workers-types; its fetch is all this uses.
    const worker = (await miniflare!.getWorker(`${format}-app`)) as unknown as { fetch(url: string): Promise<{ status: number; json(): Promise<unknown> }> }
    const name = `${hostileName} workerd ${format}`
    const response = await worker.fetch(`http://worker.test/?group=${encodeURIComponent(name)}`)
    const body = (await response.json()) as { senders?: string[]; group?: { name: string }; error?: string }
    expect(body.error).toBeUndefined()
    expect(response.status).toBe(200)
    expect(body.senders).toEqual(['APITEST', 'eMarka'])
    expect(body.group?.name).toBe(name)
    expect(storedGroupNames()).toContain(name)
    expect(sandbox.requests.filter((request) => request.operation === 'add-group' && request.format === format).length).toBeGreaterThan(0)
  })

  test('built with the iletimerkezi-json-only condition, a JSON app answers, holds no XML codec, and an XML client says why it cannot', async () => {
    const worker = (await miniflare!.getWorker('json-only-app')) as unknown as { fetch(url: string): Promise<{ status: number; json(): Promise<unknown> }> }
    const xmlRequests = () => sandbox.requests.filter((request) => request.format === 'xml').length
    const xmlBefore = xmlRequests()
    const response = await worker.fetch('http://worker.test/')
    expect(response.status).toBe(200)
    const body = (await response.json()) as { senders: string[]; xml: unknown }
    expect(body.senders).toEqual(['APITEST', 'eMarka'])
    expect(body.xml).toEqual({ name: 'ValidationError', message: expect.stringContaining('this build leaves XML out') })
    expect(xmlRequests()).toBe(xmlBefore)
    expect(bundles['json-only']).toContain('iletimerkezi/dist/codec/xml/xml-left-out.js')
    for (const leftOut of ['iletimerkezi/dist/codec/xml/xml-codec.js', 'node_modules/fast-xml-parser/', 'request-writer']) expect(bundles['json-only']).not.toContain(leftOut)
  })

  test('the bundles hold the string request writer, and neither xmlbuilder2 nor a Node built-in', () => {
    for (const format of formats) {
      const script = bundles[format]!
      expect(script).toContain('iletimerkezi/dist/codec/xml/string-request-writer.js')
      expect(script).not.toContain('node-request-writer.js')
      expect(script).not.toContain('node_modules/xmlbuilder2/')
      expect(script).not.toMatch(/\bfrom\s*["'](?:node:)?(?:events|url|fs|crypto|buffer|stream)["']/)
    }
  })

  test('the check sees a Node built-in: wrangler refuses a worker that imports one, without nodejs_compat', () => {
    expect(builtinRefusal).toBeInstanceOf(Error)
    expect(String(builtinRefusal)).toMatch(/Could not resolve "events"[\s\S]*nodejs_compat/)
  })
})

describe.each([
  { runtime: 'deno', args: (script: string) => ['run', '--allow-net=127.0.0.1', '--allow-read', '--allow-env', script] },
  { runtime: 'bun', args: (script: string) => ['--no-install', script] },
] as const)('$runtime: the package imported by name', ({ runtime, args }) => {
  test(`a JSON and an XML call against the sandbox succeed, with xmlbuilder2 writing XML requests (${runtime} has Node's built-ins)`, async () => {
    const binary = runtimeBinary(runtime)
    const version = await mustRun(binary, ['--version'])
    expect(version.stdout).toMatch(runtime === 'deno' ? /^deno 2\./ : /^1\./)
    const result = await run(binary, [...args('client-calls.mjs'), sandbox.url, sandbox.key, sandbox.secret!, runtime], {
      cwd: built.app,
      env: { ...process.env, NO_COLOR: '1', DENO_DIR: join(built.work, 'deno-dir'), DENO_NO_UPDATE_CHECK: '1' },
      timeout: 60_000,
    })
    expect(result.stderr).not.toMatch(/error/i)
    expect(result.code).toBe(0)
    const results = JSON.parse(result.stdout.trim().split('\n').at(-1)!) as CallResults
    expect(results.requestWriter).toBe('node-request-writer.js')
    for (const format of formats) {
      const name = `${hostileName} ${runtime} ${format}`
      expect(results[format].senders).toEqual(['APITEST', 'eMarka'])
      expect(results[format].group.name).toBe(name)
      expect(storedGroupNames()).toContain(name)
    }
  }, 90_000)
})

test('Node resolves the same package to xmlbuilder2 for XML requests', async () => {
  const script = "import('./node_modules/iletimerkezi/dist/which-request-writer.js').then(({ requestWriter }) => console.log(requestWriter))"
  const result = await mustRun(process.execPath, ['--input-type=module', '-e', script], { cwd: built.app })
  expect(result.stdout.trim()).toMatch(/\/iletimerkezi\/dist\/codec\/xml\/node-request-writer\.js$/)
})
