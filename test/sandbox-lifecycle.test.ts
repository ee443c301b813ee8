// startSandbox's server: a free port of its own on 127.0.0.1, given back on close().
import { readFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { expect, test } from 'vitest'
import * as testing from '../src/testing/index.js'
import { startSandbox } from '../src/testing/index.js'

function portOf(url: string): number {
  return Number(new URL(url).port)
}

// Whether something can listen on `port` (127.0.0.1) right now.
function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer()
    probe.once('error', () => resolve(false))
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)))
  })
}

async function answers(url: string): Promise<boolean> {
  try {
    await fetch(`${url}/get-sender/json`, { method: 'POST', body: '{}' })
    return true
  } catch {
    return false
  }
}

test('two sandboxes each pick a free port of their own on 127.0.0.1', async () => {
  const [first, second] = await Promise.all([startSandbox(), startSandbox()])
  try {
    expect(first.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1$/)
    expect(portOf(first.url)).toBeGreaterThan(0)
    expect(portOf(first.url)).not.toBe(portOf(second.url))
    expect(await canListen(portOf(first.url))).toBe(false)
    expect(await answers(first.url)).toBe(true)
    expect(await answers(second.url)).toBe(true)
  } finally {
    await Promise.all([first.close(), second.close()])
  }
})

test('close() frees the port and ends kept-alive connections', async () => {
  const sandbox = await startSandbox()
  const port = portOf(sandbox.url)
  // A kept-alive connection from an earlier request must not hold close() up.
  expect(await answers(sandbox.url)).toBe(true)
  await sandbox.close()
  expect(await answers(sandbox.url)).toBe(false)
  expect(await canListen(port)).toBe(true)
  // A second close (a test's own, then its afterEach) is harmless.
  await expect(sandbox.close()).resolves.toBeUndefined()
})

test('the port option is honoured, and a taken port is an error, not a silent other port', async () => {
  const sandbox = await startSandbox()
  const port = portOf(sandbox.url)
  await sandbox.close()
  const again = await startSandbox({ port })
  try {
    expect(portOf(again.url)).toBe(port)
    await expect(startSandbox({ port })).rejects.toThrow(/EADDRINUSE/)
  } finally {
    await again.close()
  }
})

test('the testing entry exports the sandbox and the fixture loader, and package.json maps it', () => {
  expect(Object.keys(testing).sort()).toEqual(['FixtureFileError', 'FixtureMissError', 'createRecorder', 'defaultSeed', 'describeDrift', 'fixturesRoot', 'loadFixtureCase', 'loadFixtureCases', 'startSandbox', 'verifyFixtures'])
  const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'))
  expect(manifest.exports['./testing']).toEqual({ types: './dist/testing/index.d.ts', default: './dist/testing/index.js' })
})
