import { build } from 'esbuild'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'

const packageRoot = new URL('..', import.meta.url).pathname

const apps = {
  json: `import { createClient } from 'iletimerkezi'\nconst client = createClient({ key: 'k', secret: 's', format: 'json' })\nconsole.log(await client.senders.list())\n`,
  xml: `import { createClient } from 'iletimerkezi'\nconst client = createClient({ key: 'k', secret: 's', format: 'xml' })\nconsole.log(await client.senders.list())\n`,
}

/**
 * Minified + gzipped kB of what an app loads to make its first call: the
 * entry chunk and every chunk it imports, statically or lazily (ky is
 * loaded when a client is made), except, in the JSON app, the XML codec's
 * chunk, which only `format: 'xml'` loads.
 */
async function appSize(format: keyof typeof apps): Promise<number> {
  const folder = mkdtempSync(join(tmpdir(), `bundle-${format}-`))
  try {
    const entry = join(folder, 'app.mjs')
    writeFileSync(entry, apps[format])
    const result = await build({
      entryPoints: [entry],
      bundle: true,
      minify: true,
      splitting: true,
      format: 'esm',
      // xmlbuilder2 imports Node built-ins (events, url): the apps measured are Node apps.
      platform: 'node',
      target: 'es2022',
      outdir: join(folder, 'out'),
      metafile: true,
      nodePaths: [join(packageRoot, 'node_modules')],
      alias: { iletimerkezi: join(packageRoot, 'dist/index.js') },
      logLevel: 'silent',
    })
    const outputs = result.metafile.outputs
    const entryOutput = Object.keys(outputs).find((path) => outputs[path]!.entryPoint !== undefined)!
    const holdsXmlCodec = (path: string) => Object.keys(outputs[path]!.inputs).some((input) => input.includes('/codec/xml/'))
    const loaded = new Set<string>()
    const visit = (path: string) => {
      if (loaded.has(path)) return
      loaded.add(path)
      for (const imported of outputs[path]!.imports) {
        if (imported.external) continue
        // The JSON app never reaches the XML codec's dynamic import; the XML app does.
        if (imported.kind === 'dynamic-import' && format === 'json' && holdsXmlCodec(imported.path)) continue
        if (imported.kind === 'import-statement' || imported.kind === 'dynamic-import') visit(imported.path)
      }
    }
    visit(entryOutput)
    let bytes = 0
    for (const path of loaded) bytes += gzipSync(readFileSync(join(process.cwd(), path)), { level: 9 }).length
    return bytes / 1024
  } finally {
    rmSync(folder, { recursive: true, force: true })
  }
}

export async function benchBundleSizes(): Promise<{ json: number; xml: number }> {
  return { json: await appSize('json'), xml: await appSize('xml') }
}
