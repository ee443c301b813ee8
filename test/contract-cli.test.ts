// `iletimerkezi fixtures verify <dir>` and `iletimerkezi sandbox`.
import { spawn } from 'node:child_process'
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { runCli } from '../src/cli/run-cli.js'
import { createClient } from '../src/index.js'
import { createRecorder, startSandbox, type Sandbox } from '../src/testing/index.js'

const repository = fileURLToPath(new URL('..', import.meta.url))
// These tests set each recorder's mode themselves: a developer's ILETIMERKEZI_FIXTURES must not switch them.
delete process.env['ILETIMERKEZI_FIXTURES']
const root = mkdtempSync(join(tmpdir(), 'contract-cli-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))

async function run(argv: string[], env: Record<string, string>): Promise<{ code: number; out: string; err: string }> {
  let out = ''
  let err = ''
  const code = await runCli(argv, { env, out: (text) => (out += `${text}\n`), err: (text) => (err += `${text}\n`) })
  return { code, out, err }
}

describe('fixtures verify', () => {
  const dir = join(root, 'recording')
  let sandbox: Sandbox
  let env: Record<string, string>
  beforeAll(async () => {
    const recordedFrom = await startSandbox()
    const recorder = createRecorder({ dir, mode: 'record' })
    const client = createClient({ baseUrl: recordedFrom.url, key: recordedFrom.key, secret: recordedFrom.secret!, format: 'xml', fetch: recorder.fetch })
    await client.contacts.get(1001)
    await client.senders.list()
    await client.contacts.delete(1002)
    await recorder.close()
    await recordedFrom.close()
    sandbox = await startSandbox()
    env = { ILETIMERKEZI_KEY: sandbox.key, ILETIMERKEZI_SECRET: sandbox.secret!, ILETIMERKEZI_BASE_URL: sandbox.url }
  })
  afterAll(() => sandbox.close())

  test('nothing drifted: a table, exit 0', async () => {
    const { code, out } = await run(['fixtures', 'verify', dir], env)
    expect(code).toBe(0)
    expect(out).toMatch(/^operation\s+case\s+format\s+drift\n/)
    expect(out).toMatch(/get-contact\s+call-001\s+xml\s+ok/)
    expect(out).toMatch(/delete-contact\s+call-001\s+xml\s+skipped \(a write: re-sent only with allowWrites\)/)
    expect(out).toContain('0 of 2 checked case(s) drifted; 1 skipped')
  })

  test('a field gone from the answer: the case named with what changed, exit 1', async () => {
    const response = join(dir, 'get-sender', 'call-001', 'response.xml')
    const before = readFileSync(response, 'utf8')
    writeFileSync(response, before.replace('<senders>', '<note>new</note><senders>'))
    try {
      const { code, out } = await run(['fixtures', 'verify', dir], env)
      expect(code).toBe(1)
      expect(out).toMatch(/get-sender\s+call-001\s+xml\s+gone: note/)
      const json = await run(['fixtures', 'verify', dir, '--json'], env)
      expect(JSON.parse(json.out)).toMatchObject({ drifted: 1, cases: expect.arrayContaining([expect.objectContaining({ operation: 'get-sender', drift: [{ kind: 'gone', path: 'note' }] })]) })
    } finally {
      writeFileSync(response, before)
    }
  })

  test('global options it lists work on it, before or after the command', async () => {
    for (const argv of [
      ['fixtures', 'verify', dir, '--timeout', '3000'],
      ['--timeout', '3000', 'fixtures', 'verify', dir],
      ['fixtures', 'verify', '--json', '--timeout=3000', dir],
    ]) {
      const outcome = await run(argv, env)
      expect(outcome.code, `${argv.join(' ')}: ${outcome.err}`).toBe(0)
    }
    expect((await run(['fixtures', 'verify', '--help'], env)).out).toMatch(/--timeout <ms>/)
  })

  test('an unknown option is a usage error (2), said plainly', async () => {
    const { code, err } = await run(['fixtures', 'verify', dir, '--wild'], env)
    expect(code).toBe(2)
    expect(err).toContain('unknown option --wild')
    expect(err.match(/'/g)!.length % 2).toBe(0)
    expect(err).not.toContain('positional argument')
  })

  test('could not verify (3): credentials refused, no server; nothing checked is not 0 either', async () => {
    const refused = await run(['fixtures', 'verify', dir], { ...env, ILETIMERKEZI_SECRET: 'a-wrong-secret-value' })
    expect(refused.code).toBe(3)
    expect(refused.err).toMatch(/AuthenticationError 401: the server refused the credentials/)
    expect(refused.err).not.toContain('a-wrong-secret-value')
    const gone = await startSandbox()
    await gone.close()
    const unreachable = await run(['fixtures', 'verify', dir, '--base-url', gone.url, '--timeout', '2000'], env)
    expect(unreachable.code).toBe(3)
    expect(unreachable.err).toMatch(/NetworkError/)
    // A folder whose every case is a write (the README's example recording is one): nothing was verified.
    const onlyWrites = join(root, 'only-writes')
    cpSync(join(dir, 'delete-contact'), join(onlyWrites, 'delete-contact'), { recursive: true })
    const skipped = await run(['fixtures', 'verify', onlyWrites], env)
    expect(skipped.code).toBe(3)
    expect(skipped.out).toContain('0 of 0 checked case(s) drifted; 1 skipped')
    expect(skipped.err).toMatch(/nothing was verified: every case in .* was skipped/)
  })

  test('usage: no folder, no credentials, a missing or broken folder', async () => {
    expect((await run(['fixtures', 'verify'], env)).code).toBe(2)
    expect((await run(['fixtures', 'verify', dir], {})).err).toMatch(/ILETIMERKEZI_KEY/)
    const missing = await run(['fixtures', 'verify', join(root, 'nowhere')], env)
    expect(missing.code).toBe(2)
    expect(missing.err).toContain(join(root, 'nowhere'))
    expect(missing.err).not.toContain(sandbox.secret!)
    expect((await run(['fixtures', 'verify', '--help'], env)).out).toMatch(/Usage: iletimerkezi fixtures verify <dir>/)
  })
})

test('iletimerkezi sandbox serves until stopped; its variables chain send, report and cancel', async () => {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'sandbox'], { cwd: repository, env: { ...process.env, NO_COLOR: '1' } })
  try {
    const printed = await new Promise<string>((resolve, reject) => {
      let stdout = ''
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
        stdout += chunk
        if (stdout.split('\n').length > 3) resolve(stdout)
      })
      child.on('error', reject)
      child.on('close', (code) => reject(new Error(`the sandbox ended early (${code})`)))
    })
    const env = Object.fromEntries(printed.trim().split('\n').map((line) => line.replace(/^export /, '').split('=') as [string, string]))
    expect(Object.keys(env)).toEqual(['ILETIMERKEZI_BASE_URL', 'ILETIMERKEZI_KEY', 'ILETIMERKEZI_SECRET'])
    const sendNow = await run(['sms', 'send', 'Merhaba', '--sender', 'eMarka', '--to', '05321234567', '--json'], env)
    expect(sendNow.code, sendNow.err).toBe(0)
    const report = await run(['reports', 'get', (JSON.parse(sendNow.out) as { orderId: string }).orderId, '--json'], env)
    expect(report.code, report.err).toBe(0)
    expect(JSON.parse(report.out)).toMatchObject({ messages: [expect.objectContaining({ number: expect.stringContaining('5321234567') })] })
    const sendLater = await run(['sms', 'send', 'Yarın', '--sender', 'eMarka', '--to', '05321234567', '--at', '2030-01-01 10:00', '--json'], env)
    expect(sendLater.code, sendLater.err).toBe(0)
    const cancelled = await run(['sms', 'cancel', (JSON.parse(sendLater.out) as { orderId: string }).orderId], env)
    expect(cancelled.code, cancelled.err).toBe(0)
    const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)))
    child.kill('SIGTERM')
    expect(await exited).toBe(0)
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL')
  }
})
