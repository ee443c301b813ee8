// A Cloudflare Worker as an integrator writes one, bundled the way they deploy it: `wrangler deploy
// --dry-run` (the same esbuild build as a real deploy, nothing uploaded), with no wrangler.toml
// flags, so no nodejs_compat. Used by test/runtimes/runtimes.test.ts and bench/runtime-sizes.ts.
import { readFileSync } from 'node:fs'
import { basename, join } from 'node:path'
import { childEnv, repoModule, run } from '../support/built-app.js'

/** Within what the pinned workerd supports (wrangler 4.86.0 ships workerd 2026-04-26). */
export const workerCompatibilityDate = '2026-04-01'

/**
 * A worker that makes one client in `format` and, per request, lists the
 * senders and creates a group named by `?group=`; it answers their results,
 * or `{ error }` with status 500.
 */
export function workerSource(format: 'json' | 'xml'): string {
  return `import { createClient } from 'iletimerkezi'

export default {
  async fetch(request, env) {
    const client = createClient({ baseUrl: env.SANDBOX_URL, key: env.SANDBOX_KEY, secret: env.SANDBOX_SECRET, format: '${format}' })
    try {
      const senders = await client.senders.list()
      const name = new URL(request.url).searchParams.get('group')
      const group = name === null ? undefined : await client.groups.create({ name })
      return Response.json({ senders, group })
    } catch (error) {
      return Response.json({ error: String(error) + ' ' + JSON.stringify(error) }, { status: 500 })
    }
  },
}
`
}

export interface WorkerBundle {
  /** out/worker.js, the module wrangler would upload. */
  script: string
  /** What wrangler reports: `Total Upload: … KiB / gzip: … KiB`. */
  uploadKiB: number
  gzipKiB: number
}

/**
 * Bundles `folder/worker.js` with wrangler into `folder/out`, with extra
 * export `conditions` if given (`iletimerkezi-json-only`); rejects with
 * wrangler's output when it refuses. `work` holds wrangler's logs and config,
 * nothing goes to the home folder; no banner, so no update check on the network.
 */
export async function bundleWorker(
  folder: string,
  { work, minify = false, conditions = [] }: { work: string; minify?: boolean; conditions?: readonly string[] },
): Promise<WorkerBundle> {
  const outdir = minify ? 'out-min' : 'out'
  const args = ['deploy', 'worker.js', '--dry-run', '--outdir', outdir, '--name', `iletimerkezi-${basename(folder)}`, '--compatibility-date', workerCompatibilityDate]
  const env = childEnv({
    WRANGLER_HIDE_BANNER: 'true',
    WRANGLER_SEND_METRICS: 'false',
    WRANGLER_LOG_PATH: join(work, 'wrangler-logs'),
    XDG_CONFIG_HOME: join(work, 'wrangler-config'),
    CI: 'true',
    // Conditions of one's own are added to wrangler's defaults this way (the variable replaces them).
    ...(conditions.length > 0 ? { WRANGLER_BUILD_CONDITIONS: [...conditions, 'workerd', 'worker', 'browser'].join(',') } : {}),
  })
  const result = await run(process.execPath, [repoModule('wrangler/bin/wrangler.js'), ...args, ...(minify ? ['--minify'] : [])], { cwd: folder, env, timeout: 90_000 })
  const sizes = /Total Upload: ([\d.]+) KiB \/ gzip: ([\d.]+) KiB/.exec(result.stdout)
  if (result.code !== 0 || sizes === null) throw new Error(`wrangler could not bundle ${folder}:\n${result.stdout}\n${result.stderr}`)
  return { script: readFileSync(join(folder, outdir, 'worker.js'), 'utf8'), uploadKiB: Number(sizes[1]), gzipKiB: Number(sizes[2]) }
}
