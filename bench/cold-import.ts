import { execFileSync } from 'node:child_process'
import { median } from './measure.js'

const packageRoot = new URL('..', import.meta.url).pathname

function importMs(specifier: string): number {
  const script = `const t = performance.now(); await import(${JSON.stringify(specifier)}); console.log(performance.now() - t)`
  return Number(execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: packageRoot, encoding: 'utf8' }).trim())
}

/**
 * Cold import of the package, by its name as an app imports it (the
 * package's own exports resolve it), against cold import of ky alone, each
 * in fresh processes, alternating.
 */
export function benchColdImport(runs = 21): { ours: number; ky: number; ratio: number } {
  const ours: number[] = []
  const ky: number[] = []
  importMs('ky')
  importMs('iletimerkezi')
  for (let run = 0; run < runs; run++) {
    ours.push(importMs('iletimerkezi'))
    ky.push(importMs('ky'))
  }
  return { ours: median(ours), ky: median(ky), ratio: median(ours) / median(ky) }
}
