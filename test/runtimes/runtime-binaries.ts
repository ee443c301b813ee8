// Deno and Bun come from npm (devDependencies), like every other tool here: CI gets them from
// `npm ci`, and a missing or broken one fails the tests, it is never skipped. Each ships its binary
// in a platform package; its postinstall script copies or moves it into the main package. npm may
// skip install scripts (allowScripts), so both places are tried.
import { existsSync } from 'node:fs'
import { arch, platform } from 'node:os'
import { repoModule } from '../support/built-app.js'

const cpu = arch() === 'arm64' ? 'aarch64' : arch()

const candidates = {
  deno: [`@deno/${platform()}-${arch()}-glibc/deno`, `@deno/${platform()}-${arch()}/deno`, 'deno/deno'],
  bun: [`@oven/bun-${platform()}-${cpu}/bin/bun`, 'bun/bin/bun.exe'],
} as const

/** The path of the runtime's binary, from node_modules; throws when neither place has it. */
export function runtimeBinary(runtime: keyof typeof candidates): string {
  // bun/bin/bun.exe is a small placeholder until the postinstall replaces it: the platform package first.
  const found = candidates[runtime].map(repoModule).find((path) => existsSync(path))
  if (found === undefined) throw new Error(`${runtime} is not installed: run npm ci (it is a devDependency)`)
  return found
}
