// Walks README.md top to bottom, every fenced block of it, so the README cannot drift from the code.
//
// The convention (also in the README's "Package and CI" section):
// - A ```ts block is a complete program. All of them are type-checked together in one `tsc` pass
//   (the package imported by name, 'iletimerkezi' and 'iletimerkezi/testing', mapped to src/ by
//   tsconfig.json as for examples/), then each is run on its own with tsx against a fresh sandbox:
//   ILETIMERKEZI_KEY, ILETIMERKEZI_SECRET and ILETIMERKEZI_BASE_URL point at it, and calls to the
//   provider's default base URL go to it (test/support/readme-offline.mjs), so a sample written as a
//   user writes it, `createClient({ key: process.env.ILETIMERKEZI_KEY!, … })`, runs as it is. Nothing
//   else is reachable: no sample touches the network. A block that imports 'vitest' is a test file
//   and is run by vitest instead. A block must end by itself (close what it starts) with exit code 0.
// - A ```sh block is run with bash (`set -euo pipefail`), one script a block, in the repository root,
//   with no ILETIMERKEZI_* variable set (commands use --sandbox or start their own); exit code 0.
// - An HTML comment on the line before a block changes that, visibly, with a reason:
//     <!-- readme: typecheck-only: why -->          a ```ts block: type-checked, not run
//     <!-- readme: not run: why -->                 a ```sh block: shown, not run (a live account, the registry)
//     <!-- readme: skip "npm ci", "npm test": why --> a ```sh block: run without those lines, each of which
//                                                   must be a command that .ci/run runs (npm test runs this
//                                                   test: it is not run again from inside itself)
// - Blocks in other languages (json, xml, text) are data, not run. Any other `<!-- readme: … -->`
//   comment, or one not followed by a block, fails the walk.
import { execFile } from 'node:child_process'
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { startSandbox } from '../src/testing/index.js'

const root = resolve(import.meta.dirname, '..')
const readme = readFileSync(join(root, 'README.md'), 'utf8')
const runTimeoutMs = 120_000

type Directive = { kind: 'run' } | { kind: 'typecheck-only'; reason: string } | { kind: 'not run'; reason: string } | { kind: 'skip'; commands: string[]; reason: string }

interface Block {
  language: string
  code: string
  /** The README line of the block's first code line. */
  line: number
  directive: Directive
}

const directivePattern = /^<!--\s*readme:\s*(typecheck-only|not run|skip((?:\s*"[^"]+",?)+))\s*:\s*(\S.*?)\s*-->$/

function parseDirective(text: string, line: number): Directive {
  const match = directivePattern.exec(text.trim())
  if (!match) throw new Error(`README.md:${line}: not a readme directive this walk knows: ${text.trim()}`)
  const [, kind, commands, reason] = match
  if (kind === 'typecheck-only' || kind === 'not run') return { kind, reason: reason! }
  return { kind: 'skip', commands: [...commands!.matchAll(/"([^"]+)"/g)].map((quoted) => quoted[1]!), reason: reason! }
}

/** Every fenced block of a Markdown text, with the directive on the line before it. */
function blocksOf(markdown: string): Block[] {
  const lines = markdown.split('\n')
  const blocks: Block[] = []
  let pending: { directive: Directive; line: number } | undefined
  for (let index = 0; index < lines.length; index++) {
    const text = lines[index]!
    if (/^\s*<!--\s*readme:/.test(text)) {
      if (pending) throw new Error(`README.md:${pending.line}: a readme directive not followed by a block`)
      pending = { directive: parseDirective(text, index + 1), line: index + 1 }
      continue
    }
    const fence = /^(\s*)(`{3,})\s*([\w-]*)/.exec(text)
    if (!fence) {
      if (pending && text.trim() !== '') throw new Error(`README.md:${pending.line}: a readme directive not followed by a block`)
      continue
    }
    const [, indent, ticks, language] = fence
    const body: string[] = []
    const start = index + 2
    for (index++; index < lines.length && !lines[index]!.trimStart().startsWith(ticks!); index++) body.push(lines[index]!.slice(indent!.length))
    blocks.push({ language: language!, code: `${body.join('\n')}\n`, line: start, directive: pending?.directive ?? { kind: 'run' } })
    pending = undefined
  }
  if (pending) throw new Error(`README.md:${pending.line}: a readme directive not followed by a block`)
  return blocks
}

const blocks = blocksOf(readme)
const typescriptBlocks = blocks.filter((block) => block.language === 'ts' || block.language === 'typescript')
const shellBlocks = blocks.filter((block) => ['sh', 'bash', 'shell'].includes(block.language))
const isVitestFile = (block: Block) => /from\s+'vitest'/.test(block.code)
const fileOf = (block: Block) => `readme-line-${block.line}${isVitestFile(block) ? '.test' : ''}.ts`

// Spawned tools see neither vitest's settings nor a developer's credentials or npm's.
function childEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(npm_|ILETIMERKEZI_|VITEST|NODE_OPTIONS$|TEST$)/i.test(name)))
  return { ...env, NO_COLOR: '1', ...extra }
}

interface Run {
  code: number
  output: string
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv, cwd = root): Promise<Run> {
  return new Promise((done) => {
    execFile(command, args, { cwd, env, timeout: runTimeoutMs, maxBuffer: 64 * 1024 * 1024, encoding: 'utf8' }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : 1
      done({ code, output: `${stdout}${stderr}${error && typeof error.code !== 'number' ? `\n${error.message}` : ''}` })
    })
  })
}

// At most two at a time: the machine is shared, and each run is a whole Node process.
async function inTurns<Item, Result>(items: readonly Item[], work: (item: Item) => Promise<Result>, width = 2): Promise<Result[]> {
  const results: Result[] = new Array(items.length)
  let next = 0
  const lane = async () => {
    while (next < items.length) {
      const index = next++
      results[index] = await work(items[index]!)
    }
  }
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, lane))
  return results
}

// Compiler messages point at the README's own lines, not at the temporary files.
function inReadmeTerms(output: string): string {
  return output.replace(/readme-line-(\d+)(?:\.test)?\.ts\((\d+),(\d+)\)/g, (_all, start: string, line: string, column: string) => `README.md:${Number(start) + Number(line) - 1}:${column}`)
}

let work: string

beforeAll(() => {
  // Inside the repository (scratch/ is git-ignored), so 'vitest', 'valibot' and tsconfig.json's paths resolve as for examples/.
  work = join(root, 'scratch', `readme-walk-${process.pid}`)
  mkdirSync(work, { recursive: true })
  for (const block of typescriptBlocks) writeFileSync(join(work, fileOf(block)), block.code)
  writeFileSync(join(work, 'tsconfig.json'), JSON.stringify({ extends: '../../tsconfig.json', compilerOptions: { noEmit: true }, include: ['readme-*.ts'] }))
  // The repository's own aliases (the package names and the `#` imports, mapped to src/): one list, in vite.config.ts.
  writeFileSync(
    join(work, 'vitest.config.ts'),
    `import base from '../../vite.config.ts'

export default { resolve: base.resolve, test: { include: ['*.test.ts'], testTimeout: 20000 } }
`,
  )
})

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true })
})

describe('the README convention', () => {
  test('the README has blocks of both kinds, and every block is a kind this walk knows', () => {
    expect(typescriptBlocks.length).toBeGreaterThan(5)
    expect(shellBlocks.length).toBeGreaterThan(2)
    const unknown = blocks.filter((block) => !typescriptBlocks.includes(block) && !shellBlocks.includes(block) && !['json', 'xml', 'text', ''].includes(block.language))
    expect(unknown.map((block) => `README.md:${block.line} (${block.language})`)).toEqual([])
  })

  test('directives fit their block: typecheck-only on ts, not run and skip on sh', () => {
    const misplaced = blocks.filter(
      (block) =>
        (block.directive.kind === 'typecheck-only' && !typescriptBlocks.includes(block)) ||
        ((block.directive.kind === 'not run' || block.directive.kind === 'skip') && !shellBlocks.includes(block)),
    )
    expect(misplaced.map((block) => `README.md:${block.line}: ${block.directive.kind}`)).toEqual([])
  })

  test('the walk refuses an unknown directive and one with no block after it', () => {
    expect(() => blocksOf('<!-- readme: maybe: later -->\n```ts\nx\n```\n')).toThrow(/not a readme directive/)
    expect(() => blocksOf('<!-- readme: not run: no reason -->\n\ntext\n')).toThrow(/not followed by a block/)
    expect(blocksOf('<!-- readme: skip "npm ci", "npm test": CI runs them -->\n```sh\nnpm ci\n```\n')[0]!.directive).toEqual({
      kind: 'skip',
      commands: ['npm ci', 'npm test'],
      reason: 'CI runs them',
    })
  })
})

describe('every ```ts block', () => {
  test('type-checks, in one tsc pass over all of them', async () => {
    const tsc = await run(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(work, 'tsconfig.json')], childEnv())
    expect(inReadmeTerms(tsc.output)).toBe('')
    expect(tsc.code).toBe(0)
  }, runTimeoutMs)

  const programs = typescriptBlocks.filter((block) => block.directive.kind === 'run' && !isVitestFile(block))
  test(`runs against a fresh sandbox (${programs.length} programs, each on its own)`, async () => {
    const preload = pathToFileURL(join(root, 'test', 'support', 'readme-offline.mjs')).href
    const failures = await inTurns(programs, async (block) => {
      const sandbox = await startSandbox()
      try {
        const env = childEnv({ ILETIMERKEZI_KEY: sandbox.key, ILETIMERKEZI_SECRET: sandbox.secret, ILETIMERKEZI_BASE_URL: sandbox.url })
        const result = await run(process.execPath, ['--import', 'tsx', '--import', preload, join(work, fileOf(block))], env)
        return result.code === 0 ? undefined : `README.md:${block.line}: exit ${result.code}\n${result.output}`
      } finally {
        await sandbox.close()
      }
    })
    expect(failures.filter(Boolean)).toEqual([])
  }, 4 * runTimeoutMs)

  const testFiles = typescriptBlocks.filter((block) => block.directive.kind === 'run' && isVitestFile(block))
  test.runIf(testFiles.length > 0)(`that is a vitest file passes under vitest (${testFiles.length})`, async () => {
    const result = await run(process.execPath, [join(root, 'node_modules', 'vitest', 'vitest.mjs'), 'run', '--config', join(work, 'vitest.config.ts'), '--root', work, '--reporter', 'json'], childEnv(), work)
    const report = JSON.parse(result.output.slice(result.output.indexOf('{"num'))) as { numTotalTestSuites: number; numFailedTests: number; numPassedTests: number; testResults: unknown[] }
    expect(report.testResults, result.output).toHaveLength(testFiles.length)
    expect(report.numFailedTests, result.output).toBe(0)
    expect(report.numPassedTests).toBeGreaterThan(0)
    expect(result.code).toBe(0)
  }, runTimeoutMs)
})

describe('every ```sh block', () => {
  const ciScript = readFileSync(join(root, '.ci', 'run'), 'utf8').split('\n').map((line) => line.trim())

  test('a skipped command is one .ci/run runs', () => {
    for (const block of shellBlocks) {
      if (block.directive.kind !== 'skip') continue
      for (const command of block.directive.commands) {
        expect(ciScript.some((line) => line === command || line.startsWith(`${command} `)), `README.md:${block.line}: "${command}" is not in .ci/run`).toBe(true)
        expect(block.code.split('\n').some((line) => line.replace(/#.*$/, '').trim() === command), `README.md:${block.line}: "${command}" is not a line of the block`).toBe(true)
      }
    }
  })

  const runnable = shellBlocks.filter((block) => block.directive.kind !== 'not run')
  test.each(runnable.map((block) => [`README.md:${block.line}`, block] as const))('%s runs', async (_where, block) => {
    const skipped = block.directive.kind === 'skip' ? block.directive.commands : []
    const script = block.code
      .split('\n')
      .filter((line) => !skipped.includes(line.replace(/#.*$/, '').trim()))
      .join('\n')
    const result = await run('bash', ['-c', `set -euo pipefail\n${script}`], childEnv())
    // A checkout installed before the prepare script existed has no node_modules/.bin/iletimerkezi yet.
    const hint = /iletimerkezi: not found/.test(result.output) ? '\n(run npm ci, or npm run prepare, to link the iletimerkezi command)' : ''
    expect(result.code, `README.md:${block.line}\n${script}\n${result.output}${hint}`).toBe(0)
  }, runTimeoutMs)
})
