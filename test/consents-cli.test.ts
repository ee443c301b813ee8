// `iletimerkezi consents add|get` and `iletimerkezi sandbox --webhook`.
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { runCli } from '../src/cli/run-cli.js'
import { deliveryReportHandler, type DeliveryReport } from '../src/index.js'
import { startSandbox, type Sandbox } from '../src/testing/index.js'

const repository = fileURLToPath(new URL('..', import.meta.url))

async function* piped(text: string): AsyncIterable<string> {
  yield text
}

async function run(argv: string[], env: Record<string, string>, stdin?: string): Promise<{ code: number; out: string; err: string }> {
  let out = ''
  let err = ''
  const code = await runCli(argv, { env, out: (text) => (out += `${text}\n`), err: (text) => (err += `${text}\n`), ...(stdin === undefined ? {} : { stdin: piped(stdin) }) })
  return { code, out, err }
}

describe('consents', () => {
  let sandbox: Sandbox
  let env: Record<string, string>
  const folder = mkdtempSync(join(tmpdir(), 'consents-cli-'))
  beforeAll(async () => {
    sandbox = await startSandbox()
    env = { ILETIMERKEZI_KEY: sandbox.key, ILETIMERKEZI_SECRET: sandbox.secret, ILETIMERKEZI_BASE_URL: sandbox.url }
  })
  afterAll(async () => {
    await sandbox.close()
    rmSync(folder, { recursive: true, force: true })
  })

  test('add from a CSV (loose header names, ; between fields, empty cells left out), then get', async () => {
    const file = join(folder, 'consents.csv')
    writeFileSync(file, 'Recipient;recipient_type;type;status;source;consent date\n+905301234567;;;ONAY;HS_WEB;2025-01-02 10:00:00\n+905301234568;TACIR;;ONAY;;\nayse@example.com.tr;;EPOSTA;ONAY;HS_WEB;2025-01-02 10:00\n')
    const added = await run(['consents', 'add', file, '--brand', '696422', '--json'], env)
    expect(added.code, added.err).toBe(0)
    expect(JSON.parse(added.out)).toEqual({ accepted: 3, requests: 1, complete: true })
    const got = await run(['consents', 'get', 'ayse@example.com.tr', '--brand', '696422', '--type', 'EPOSTA', '--json'], env)
    expect(got.code, got.err).toBe(0)
    expect(JSON.parse(got.out)).toMatchObject({ recipient: 'ayse@example.com.tr', type: 'EPOSTA', status: 'ONAY', consentDate: '2025-01-02T10:00:00+03:00' })
    const none = await run(['consents', 'get', '+905300000000', '--brand', '696422', '--json'], env)
    expect(none.code, none.err).toBe(0)
    expect(JSON.parse(none.out)).toBeNull()
  })

  test('a bad row is refused before anything is sent (exit 2), with its place; - reads what is piped in', async () => {
    const before = sandbox.requests.length
    const refused = await run(['consents', 'add', '-', '--brand', '696422'], env, 'recipient,status\n+905301234567,ONAY\nnot-a-number,ONAY\n')
    expect(refused.code).toBe(2)
    expect(refused.err).toMatch(/consents\.1\.recipient/)
    expect(sandbox.requests.length).toBe(before)
  })

  test('a header without recipient or status, and no --brand, are usage errors', async () => {
    expect((await run(['consents', 'add', '-', '--brand', '696422'], env, 'phone,status\n+905301234567,ONAY\n')).err).toMatch(/recipient is missing/)
    const noBrand = await run(['consents', 'get', '+905301234567'], env)
    expect(noBrand.code).toBe(2)
    expect(noBrand.err).toMatch(/--brand/)
  })

  test('--format xml: refused, nothing sent (the endpoints are JSON only)', async () => {
    const before = sandbox.requests.length
    const xml = await run(['consents', 'get', '+905321234567', '--brand', '696422', '--format', 'xml'], env)
    expect(xml.code).toBe(2)
    expect(xml.err).toMatch(/json only/i)
    expect(sandbox.requests.length).toBe(before)
  })
})

test('iletimerkezi sandbox --webhook URL: a send through the tool reaches the app as delivery reports', async () => {
  const received: DeliveryReport[] = []
  const handle = deliveryReportHandler({ onReport: (report) => void received.push(report) })
  const app = createServer((req, res) => void handle.node(req, res))
  await new Promise<void>((resolve) => app.listen(0, '127.0.0.1', resolve))
  const url = `http://127.0.0.1:${(app.address() as AddressInfo).port}/reports`
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'sandbox', '--webhook', url], { cwd: repository, env: { ...process.env, NO_COLOR: '1' } })
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
    const sent = await run(['sms', 'send', 'Merhaba', '--sender', 'eMarka', '--to', '05321234567', '--json'], env)
    expect(sent.code, sent.err).toBe(0)
    const { orderId } = JSON.parse(sent.out) as { orderId: string }
    const deadline = Date.now() + 10_000
    while (received.length < 2 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20))
    expect(received.map((report) => [report.orderId, report.to, report.status])).toEqual([
      [orderId, '+905321234567', 'accepted'],
      [orderId, '+905321234567', 'delivered'],
    ])
  } finally {
    child.kill('SIGTERM')
    await new Promise((resolve) => app.close(resolve))
  }
})
