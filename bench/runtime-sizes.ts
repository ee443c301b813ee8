import { copyFileSync, cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { bundleWorker, workerSource, type WorkerBundle } from '../test/runtimes/worker-app.js'

const packageRoot = new URL('..', import.meta.url).pathname

export interface WorkerSizes {
  /** As `wrangler deploy` reports them, its default build (not minified): the XML codec is in both. */
  json: WorkerBundle
  xml: WorkerBundle
  /** The JSON app bundled with the `iletimerkezi-json-only` condition: no XML codec. */
  jsonOnly: WorkerBundle
  /** The same three with `--minify` (`minify = true` in wrangler.toml). */
  jsonMinified: WorkerBundle
  xmlMinified: WorkerBundle
  jsonOnlyMinified: WorkerBundle
}

/**
 * What a Cloudflare Workers user uploads: the worker test/runtimes/ runs
 * (a JSON-only app, and the same with format 'xml'), bundled by
 * `wrangler deploy --dry-run` without nodejs_compat, the package (this
 * checkout's dist/, built by `npm run bench`) in the app's node_modules.
 */
// As installed from the registry: package.json and a copy of dist/ (a link to the checkout now bundles
// the same, dist/ having a tsconfig.json of its own; test/package-exports.test.ts checks that).
export async function benchWorkerSizes(): Promise<WorkerSizes> {
  const work = mkdtempSync(join(tmpdir(), 'worker-sizes-'))
  try {
    const installed = join(work, 'node_modules', 'iletimerkezi')
    mkdirSync(installed, { recursive: true })
    copyFileSync(join(packageRoot, 'package.json'), join(installed, 'package.json'))
    cpSync(join(packageRoot, 'dist'), join(installed, 'dist'), { recursive: true })
    symlinkSync(join(packageRoot, 'node_modules'), join(installed, 'node_modules'), 'dir')
    writeFileSync(join(work, 'package.json'), JSON.stringify({ name: 'worker-app', private: true, type: 'module' }))
    const bundle = async (format: 'json' | 'xml', minify: boolean, conditions: string[] = []) => {
      const folder = join(work, `${format}${conditions.length > 0 ? '-only' : ''}${minify ? '-min' : ''}`)
      mkdirSync(folder)
      writeFileSync(join(folder, 'worker.js'), workerSource(format))
      return bundleWorker(folder, { work, minify, conditions })
    }
    const jsonOnly = ['iletimerkezi-json-only']
    // Three at a time: wrangler is slow to start, the machine has few cores.
    const [json, xml, jsonOnlyDefault] = await Promise.all([bundle('json', false), bundle('xml', false), bundle('json', false, jsonOnly)])
    const [jsonMinified, xmlMinified, jsonOnlyMinified] = await Promise.all([bundle('json', true), bundle('xml', true), bundle('json', true, jsonOnly)])
    return { json, xml, jsonOnly: jsonOnlyDefault, jsonMinified, xmlMinified, jsonOnlyMinified }
  } finally {
    rmSync(work, { recursive: true, force: true })
  }
}
