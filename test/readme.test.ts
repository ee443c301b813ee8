// Walks README.md and every guide under docs/ (docs/**/*.md) top to bottom, every fenced block of each,
// so the documentation cannot drift from the code.
//
// The convention (also in docs/contributing.md, "The docs run as written"):
// - A ```ts block is a complete program. All of them, from every file, are type-checked together in one
//   `tsc` pass (the package imported by name, 'iletimerkezi' and 'iletimerkezi/testing', mapped to src/ by
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
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join, relative, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { startSandbox } from '../src/testing/index.js'

const root = resolve(import.meta.dirname, '..')
const runTimeoutMs = 120_000

/** README.md, then every Markdown file under docs/, as paths from the repository root (`docs/tr/getting-started.md`). */
function documentationFiles(): string[] {
  const guides = readdirSync(join(root, 'docs'), { recursive: true, encoding: 'utf8' })
    .filter((path) => path.endsWith('.md'))
    .map((path) => relative(root, join(root, 'docs', path)).split('\\').join('/'))
    .sort()
  return ['README.md', ...guides]
}

type Directive = { kind: 'run' } | { kind: 'typecheck-only'; reason: string } | { kind: 'not run'; reason: string } | { kind: 'skip'; commands: string[]; reason: string }

interface Block {
  /** The Markdown file, from the repository root. */
  file: string
  language: string
  code: string
  /** The file's line of the block's first code line. */
  line: number
  directive: Directive
}

const directivePattern = /^<!--\s*readme:\s*(typecheck-only|not run|skip((?:\s*"[^"]+",?)+))\s*:\s*(\S.*?)\s*-->$/

function parseDirective(text: string, where: string): Directive {
  const match = directivePattern.exec(text.trim())
  if (!match) throw new Error(`${where}: not a readme directive this walk knows: ${text.trim()}`)
  const [, kind, commands, reason] = match
  if (kind === 'typecheck-only' || kind === 'not run') return { kind, reason: reason! }
  return { kind: 'skip', commands: [...commands!.matchAll(/"([^"]+)"/g)].map((quoted) => quoted[1]!), reason: reason! }
}

/** Every fenced block of a Markdown text, with the directive on the line before it. */
function blocksOf(markdown: string, file = 'README.md'): Block[] {
  const lines = markdown.split('\n')
  const blocks: Block[] = []
  let pending: { directive: Directive; line: number } | undefined
  for (let index = 0; index < lines.length; index++) {
    const text = lines[index]!
    if (/^\s*<!--\s*readme:/.test(text)) {
      if (pending) throw new Error(`${file}:${pending.line}: a readme directive not followed by a block`)
      pending = { directive: parseDirective(text, `${file}:${index + 1}`), line: index + 1 }
      continue
    }
    const fence = /^(\s*)(`{3,})\s*([\w-]*)/.exec(text)
    if (!fence) {
      if (pending && text.trim() !== '') throw new Error(`${file}:${pending.line}: a readme directive not followed by a block`)
      continue
    }
    const [, indent, ticks, language] = fence
    const body: string[] = []
    const start = index + 2
    for (index++; index < lines.length && !lines[index]!.trimStart().startsWith(ticks!); index++) body.push(lines[index]!.slice(indent!.length))
    blocks.push({ file, language: language!, code: `${body.join('\n')}\n`, line: start, directive: pending?.directive ?? { kind: 'run' } })
    pending = undefined
  }
  if (pending) throw new Error(`${file}:${pending.line}: a readme directive not followed by a block`)
  return blocks
}

const files = documentationFiles()
const blocks = files.flatMap((file) => blocksOf(readFileSync(join(root, file), 'utf8'), file))
const where = (block: Block) => `${block.file}:${block.line}`
const typescriptBlocks = blocks.filter((block) => block.language === 'ts' || block.language === 'typescript')
const shellBlocks = blocks.filter((block) => ['sh', 'bash', 'shell'].includes(block.language))
const isVitestFile = (block: Block) => /from\s+'vitest'/.test(block.code)
// One temporary file a block, named for where it comes from: `block-docs-tr-getting-started-md-line-40.ts`.
const slugOf = (file: string) => file.replace(/[^A-Za-z0-9]+/g, '-')
const fileOf = (block: Block) => `block-${slugOf(block.file)}-line-${block.line}${isVitestFile(block) ? '.test' : ''}.ts`

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

// Compiler messages point at the Markdown files' own lines, not at the temporary files.
function inDocumentTerms(output: string): string {
  const fileBySlug = new Map(files.map((file) => [slugOf(file), file]))
  return output.replace(/block-([\w-]+?)-line-(\d+)(?:\.test)?\.ts\((\d+),(\d+)\)/g, (_all, slug: string, start: string, line: string, column: string) => `${fileBySlug.get(slug) ?? slug}:${Number(start) + Number(line) - 1}:${column}`)
}

let work: string

beforeAll(() => {
  // Inside the repository (scratch/ is git-ignored), so 'vitest', 'valibot' and tsconfig.json's paths resolve as for examples/.
  work = join(root, 'scratch', `readme-walk-${process.pid}`)
  mkdirSync(work, { recursive: true })
  for (const block of typescriptBlocks) writeFileSync(join(work, fileOf(block)), block.code)
  writeFileSync(join(work, 'tsconfig.json'), JSON.stringify({ extends: '../../tsconfig.json', compilerOptions: { noEmit: true }, include: ['block-*.ts'] }))
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

describe('the docs convention', () => {
  test('the walk reads the README and every guide, the Turkish one included', () => {
    expect(files[0]).toBe('README.md')
    expect(files).toEqual(expect.arrayContaining(['docs/getting-started.md', 'docs/client.md', 'docs/testing.md', 'docs/contract-testing.md', 'docs/tr/getting-started.md']))
    expect(new Set(blocks.map((block) => block.file)).size).toBeGreaterThan(8)
  })

  test('the files have blocks of both kinds, and every block is a kind this walk knows', () => {
    expect(typescriptBlocks.length).toBeGreaterThan(5)
    expect(shellBlocks.length).toBeGreaterThan(2)
    const unknown = blocks.filter((block) => !typescriptBlocks.includes(block) && !shellBlocks.includes(block) && !['json', 'xml', 'text', ''].includes(block.language))
    expect(unknown.map((block) => `${where(block)} (${block.language})`)).toEqual([])
  })

  test('directives fit their block: typecheck-only on ts, not run and skip on sh', () => {
    const misplaced = blocks.filter(
      (block) =>
        (block.directive.kind === 'typecheck-only' && !typescriptBlocks.includes(block)) ||
        ((block.directive.kind === 'not run' || block.directive.kind === 'skip') && !shellBlocks.includes(block)),
    )
    expect(misplaced.map((block) => `${where(block)}: ${block.directive.kind}`)).toEqual([])
  })

  test('the walk refuses an unknown directive and one with no block after it', () => {
    expect(() => blocksOf('<!-- readme: maybe: later -->\n```ts\nx\n```\n')).toThrow(/not a readme directive/)
    expect(() => blocksOf('<!-- readme: not run: no reason -->\n\ntext\n')).toThrow(/not followed by a block/)
    expect(() => blocksOf('text\n\n<!-- readme: not run -->\n```sh\nx\n```\n', 'docs/cli.md')).toThrow(/^docs\/cli\.md:3: not a readme directive/)
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
    expect(inDocumentTerms(tsc.output)).toBe('')
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
        return result.code === 0 ? undefined : `${where(block)}: exit ${result.code}\n${result.output}`
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
        expect(ciScript.some((line) => line === command || line.startsWith(`${command} `)), `${where(block)}: "${command}" is not in .ci/run`).toBe(true)
        expect(block.code.split('\n').some((line) => line.replace(/#.*$/, '').trim() === command), `${where(block)}: "${command}" is not a line of the block`).toBe(true)
      }
    }
  })

  const runnable = shellBlocks.filter((block) => block.directive.kind !== 'not run')
  test.each(runnable.map((block) => [where(block), block] as const))('%s runs', async (_where, block) => {
    const skipped = block.directive.kind === 'skip' ? block.directive.commands : []
    const script = block.code
      .split('\n')
      .filter((line) => !skipped.includes(line.replace(/#.*$/, '').trim()))
      .join('\n')
    const result = await run('bash', ['-c', `set -euo pipefail\n${script}`], childEnv())
    // A checkout installed before the prepare script existed has no node_modules/.bin/iletimerkezi yet.
    const hint = /iletimerkezi: not found/.test(result.output) ? '\n(run npm ci to link the iletimerkezi command: the iletimerkezi-from-source devDependency)' : ''
    expect(result.code, `${where(block)}\n${script}\n${result.output}${hint}`).toBe(0)
  }, runTimeoutMs)
})
