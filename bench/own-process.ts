// Runs one measurement in a fresh Node process and hands its result back. Memory figures read the
// heap of the process they run in: run after other sections in the same process, `searchAll`'s peak
// read 76 MB (what the `calls` section left for the collector) instead of 21 MB on its own. Each
// memory measurement so runs in a process of its own, with --expose-gc, as if run alone.
import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'

const self = fileURLToPath(import.meta.url)

/**
 * Calls `exported(...args)` from `module` (a path relative to bench/) in a
 * new `node --expose-gc --import tsx` process and resolves with what it
 * returned (plain data, through JSON). Its stderr is this one's.
 */
export function inOwnProcess<Result>(module: string, exported: string, args: readonly unknown[] = []): Promise<Result> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', self, module, exported, JSON.stringify(args)], { stdio: ['ignore', 'pipe', 'inherit'] })
    let stdout = ''
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk))
    child.on('error', reject)
    child.on('close', (code) => {
      const last = stdout.trim().split('\n').at(-1) ?? ''
      if (code !== 0 || !last.startsWith('{')) reject(new Error(`${module} ${exported} exited ${code}: ${stdout.slice(-500)}`))
      else resolve(JSON.parse(last) as Result)
    })
  })
}

// The child: import, call, print the result as the last line of stdout.
if (process.argv[1] === self) {
  const [module = '', exported = '', args = '[]'] = process.argv.slice(2)
  const loaded = (await import(new URL(module, import.meta.url).href)) as Record<string, (...args: unknown[]) => Promise<unknown>>
  const result = await loaded[exported]!(...(JSON.parse(args) as unknown[]))
  process.stdout.write(`\n${JSON.stringify(result)}\n`)
  // A measurement may leave a handle open (a sandbox child, a timer): its result is in, so stop.
  process.exit(0)
}
