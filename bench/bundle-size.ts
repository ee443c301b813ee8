import { build } from 'esbuild'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'

const packageRoot = new URL('..', import.meta.url).pathname

// Each app makes one call, answered by a stub fetch: no network, and the
// chunks it loads are exactly those a real first call loads.
const answers = {
  json: '{"response":{"status":{"code":200,"message":"ok"},"senders":{"sender":["eMarka"]}}}',
  xml: '<response><status><code>200</code></status><senders><sender>eMarka</sender></senders></response>',
}

function appSource(format: keyof typeof answers): string {
  return [
    `import { createClient } from 'iletimerkezi'`,
    `const fetch = async () => new Response(${JSON.stringify(answers[format])})`,
    `const client = createClient({ key: 'k', secret: 's', format: '${format}', fetch })`,
    `console.log(JSON.stringify(await client.senders.list()))`,
  ].join('\n')
}

// Reports every module URL the app loads, through a resolve hook (as test/support/import-recorder.mjs does).
const recorder = `
import { register } from 'node:module'
import { MessageChannel } from 'node:worker_threads'
const { port1, port2 } = new MessageChannel()
port1.on('message', (url) => process.stderr.write('loaded ' + url + '\\n'))
port1.unref()
register('data:text/javascript,' + encodeURIComponent(\`
  let port
  export function initialize(data) { port = data.port }
  export async function resolve(specifier, context, next) {
    const result = await next(specifier, context)
    port.postMessage(result.url)
    return result
  }\`), import.meta.url, { data: { port: port2 }, transferList: [port2] })
`

/**
 * Minified + gzipped kB (each chunk gzipped on its own, as a server sends
 * them) of the chunks an app actually loads to make its first call: the
 * esbuild bundle of the app is run, and the chunks it imports, statically
 * or lazily, are recorded. Chunks of endpoints or of the format it does not
 * use stay on disk and are not counted.
 */
async function appSize(format: keyof typeof answers): Promise<number> {
  const folder = mkdtempSync(join(tmpdir(), `bundle-${format}-`))
  try {
    const entry = join(folder, 'app.mjs')
    writeFileSync(entry, appSource(format))
    writeFileSync(join(folder, 'recorder.mjs'), recorder)
    const outdir = join(folder, 'out')
    await build({
      entryPoints: [entry],
      bundle: true,
      minify: true,
      splitting: true,
      format: 'esm',
      // xmlbuilder2 imports Node built-ins (events, url): the apps measured are Node apps.
      platform: 'node',
      target: 'es2022',
      outdir,
      nodePaths: [join(packageRoot, 'node_modules')],
      alias: { iletimerkezi: join(packageRoot, 'dist/index.js') },
      logLevel: 'silent',
      // xmlbuilder2 is CommonJS and require()s Node built-ins, which esbuild's ESM output can
      // only do through a require made here; the JSON app needs none of it.
      banner: format === 'xml' ? { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" } : {},
    })
    const run = spawnSync(process.execPath, ['--import', join(folder, 'recorder.mjs'), join(outdir, 'app.js')], { encoding: 'utf8' })
    if (run.status !== 0 || run.stdout.trim() !== '["eMarka"]') throw new Error(`the ${format} app did not run: ${run.stderr.slice(0, 500)}`)
    const loaded = new Set(
      run.stderr
        .split('\n')
        .filter((line) => line.startsWith('loaded file://'))
        .map((line) => fileURLToPath(line.slice('loaded '.length)))
        .filter((path) => path.startsWith(outdir)),
    )
    let bytes = 0
    for (const path of loaded) bytes += gzipSync(readFileSync(path), { level: 9 }).length
    return bytes / 1024
  } finally {
    rmSync(folder, { recursive: true, force: true })
  }
}

export async function benchBundleSizes(): Promise<{ json: number; xml: number }> {
  return { json: await appSize('json'), xml: await appSize('xml') }
}
