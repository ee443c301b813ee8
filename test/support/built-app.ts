// The package as an app gets it, for tests that run it elsewhere than in vitest (other runtimes,
// bundlers): built into a temp folder and placed in an app's node_modules. dist/ in the checkout is
// not used: `npm run bench` may rebuild it at any moment, and a clean clone has none.
import { execFile, type ExecFileOptions } from 'node:child_process'
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

export const repoRoot = resolve(import.meta.dirname, '../..')

/** A binary in the checkout's node_modules. */
export const repoModule = (path: string) => join(repoRoot, 'node_modules', path)

export interface Run {
  code: number
  stdout: string
  stderr: string
}

// Spawned tools see neither the parent npm's settings (npm_config_*, which would point a nested npm
// at the checkout) nor a developer's credentials.
export function childEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const keep = new Set(['npm_config_cache', 'npm_config_registry', 'npm_config_userconfig'])
  const inherited = Object.entries(process.env).filter(
    ([name]) => keep.has(name.toLowerCase()) || !/^(npm_|ILETIMERKEZI_|VITEST|NODE_OPTIONS$)/i.test(name),
  )
  return { ...Object.fromEntries(inherited), NO_COLOR: '1', ...extra }
}

/** Runs a command without a shell; never throws, a hung one is killed at `timeout` (default 120 s). */
export function run(command: string, args: readonly string[], options: ExecFileOptions = {}): Promise<Run> {
  return new Promise((done) => {
    execFile(command, args, { timeout: 120_000, maxBuffer: 64 * 1024 * 1024, env: childEnv(), encoding: 'utf8', ...options }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : 1
      done({ code, stdout: String(stdout), stderr: String(stderr) + (error && typeof error.code !== 'number' ? `\n${error.message}` : '') })
    })
  })
}

/** {@link run}, throwing with both outputs when the command fails. */
export async function mustRun(command: string, args: readonly string[], options: ExecFileOptions = {}): Promise<Run> {
  const result = await run(command, args, options)
  if (result.code !== 0) throw new Error(`${command} ${args.join(' ')} exited ${result.code}\n${result.stdout}\n${result.stderr}`)
  return result
}

export interface BuiltApp {
  /** The temp folder holding the package and the app; {@link BuiltApp.remove} deletes it. */
  work: string
  /** The app's folder: `node_modules/iletimerkezi` is the built package, `type: module`. */
  app: string
  /** The package's folder: its package.json and dist/. */
  packageRoot: string
  remove(): void
}

/**
 * The package as an app sees it after `npm install iletimerkezi`: package.json
 * and a fresh dist/ (emitted by tsc without a second typecheck), in the app's
 * node_modules under its name, its dependencies resolved from the checkout's
 * node_modules. (test/package-exports.test.ts installs the real tarball.)
 */
export async function installBuiltApp(prefix: string): Promise<BuiltApp> {
  const work = mkdtempSync(join(tmpdir(), prefix))
  try {
    const packageRoot = join(work, 'iletimerkezi')
    const tsc = [repoModule('typescript/bin/tsc'), '-p', 'tsconfig.build.json', '--outDir', join(packageRoot, 'dist'), '--noCheck', '--declaration', 'false']
    await mustRun(process.execPath, tsc, { cwd: repoRoot })
    copyFileSync(join(repoRoot, 'package.json'), join(packageRoot, 'package.json'))
    symlinkSync(join(repoRoot, 'node_modules'), join(packageRoot, 'node_modules'), 'dir')
    const app = join(work, 'app')
    mkdirSync(join(app, 'node_modules'), { recursive: true })
    writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'user-app', private: true, type: 'module', dependencies: { iletimerkezi: '*' } }))
    symlinkSync(packageRoot, join(app, 'node_modules', 'iletimerkezi'), 'dir')
    return { work, app, packageRoot, remove: () => rmSync(work, { recursive: true, force: true }) }
  } catch (error) {
    rmSync(work, { recursive: true, force: true })
    throw error
  }
}
