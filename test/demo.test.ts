// `npm start`: the demo, run as a subprocess straight from the sources.
import { execFile } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { expect, test } from 'vitest'
import { verdictOf, type StepRun } from '../demo/side-by-side.js'
import { steps } from '../demo/steps.js'
import { startSandbox } from '../src/testing/index.js'

const root = fileURLToPath(new URL('..', import.meta.url))
const run = promisify(execFile)

function demo(...args: string[]) {
  return run(process.execPath, ['--import', 'tsx', 'demo/main.ts', ...args], { cwd: root, maxBuffer: 16 * 1024 * 1024 })
}

test('every step gives deep-equal results in JSON and XML, and the demo exits 0', async () => {
  // execFile rejects on a non-zero exit: resolving is exit 0.
  const { stdout, stderr } = await demo()
  expect(stderr).toBe('')
  const rows = stdout.split('\n').filter((line) => /^\s*\d+ {2}/.test(line))
  expect(rows).toHaveLength(steps.length)
  steps.forEach((step, index) => {
    const row = rows[index]!
    expect(row.trimStart().startsWith(`${index + 1}  ${step.call}`), row).toBe(true)
    expect(row, step.call).toMatch(step.formats ? /✓ json only$/ : /✓ equal$/)
  })
  expect(stdout).not.toContain('✗')
  expect(stdout).toContain(`${steps.length} of ${steps.length} steps: JSON and XML gave deep-equal results.`)
})

test('--verbose shows the wire bodies of both formats, CDATA included, and never the hash', async () => {
  // The demo's sandboxes use the defaults: a sandbox started with them has the same hash and secret.
  const defaults = await startSandbox()
  await defaults.close()
  const { stdout } = await demo('--verbose')
  expect(stdout).toContain('{"request"')
  expect(stdout).toContain('<request>')
  expect(stdout).toContain('<![CDATA[')
  expect(stdout).toContain('"hash":"[redacted]"')
  expect(stdout).toContain('<hash>[redacted]</hash>')
  expect(stdout.toLowerCase()).not.toContain(defaults.hash.toLowerCase())
  expect(stdout).not.toContain(defaults.secret!)
})

test('a step whose formats disagree is DIFFERENT, so the demo would exit non-zero', () => {
  const sent = [{ path: '/v1/get-sender', status: 200, request: '', response: '' }]
  const ok = (result: unknown): StepRun => ({ outcome: { result }, exchanges: sent })
  const refused: StepRun = { outcome: { error: { name: 'ValidationError', code: undefined, message: 'json only' } }, exchanges: [] }
  expect(verdictOf(undefined, { json: ok(['A', 'B']), xml: ok(['A', 'B']) })).toBe('equal')
  expect(verdictOf(undefined, { json: ok(['A', 'B']), xml: ok(['A']) })).toBe('DIFFERENT')
  // 1 and '1' are not the same result: the comparison is strict.
  expect(verdictOf(undefined, { json: ok({ id: 1 }), xml: ok({ id: '1' }) })).toBe('DIFFERENT')
  expect(verdictOf(['json'], { json: ok({ count: 1 }), xml: refused })).toBe('offered only')
  // A one-format step whose other side went over the wire is a difference.
  expect(verdictOf(['json'], { json: ok({ count: 1 }), xml: { ...refused, exchanges: sent } })).toBe('DIFFERENT')
  expect(verdictOf(['json'], { json: refused, xml: refused })).toBe('DIFFERENT')
})
