// loadFixtureCases(dir): a broken recording folder is refused with the file at fault named.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, test } from 'vitest'
import { createClient, NetworkError } from '../src/index.js'
import { createRecorder, FixtureFileError, fixturesRoot, loadFixtureCase, loadFixtureCases, type FixtureCase } from '../src/testing/index.js'

const root = mkdtempSync(join(tmpdir(), 'fixture-folder-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))

// A copy of one shipped case in a folder of its own, then broken as the test says.
function folderWith(name: string, breakIt: (caseFolder: string) => void): string {
  const dir = join(root, name)
  const caseFolder = join(dir, 'get-contact', 'docs-sample')
  cpSync(join(fixturesRoot, 'get-contact', 'docs-sample'), caseFolder, { recursive: true })
  breakIt(caseFolder)
  return dir
}

function failureOf(dir: string): FixtureFileError {
  try {
    loadFixtureCases(dir)
  } catch (error) {
    expect(error).toBeInstanceOf(FixtureFileError)
    return error as FixtureFileError
  }
  throw new Error('expected loadFixtureCases to throw')
}

test('a copied case loads from its own folder', () => {
  const [fixture] = loadFixtureCases(folderWith('intact', () => {}))
  expect(fixture).toMatchObject({ operation: 'get-contact', name: 'docs-sample', source: 'docs' })
})

test('a missing case.json or expected.json is named', () => {
  const noCase = failureOf(folderWith('no-case', (folder) => rmSync(join(folder, 'case.json'))))
  expect(noCase.file).toBe(join(root, 'no-case', 'get-contact', 'docs-sample', 'case.json'))
  expect(noCase.message).toContain(noCase.file)
  expect(noCase.message).toMatch(/missing/)
  const noExpected = failureOf(folderWith('no-expected', (folder) => rmSync(join(folder, 'expected.json'))))
  expect(noExpected.file).toBe(join(root, 'no-expected', 'get-contact', 'docs-sample', 'expected.json'))
})

test('broken JSON is named, with what the parser said', () => {
  const failure = failureOf(folderWith('broken', (folder) => writeFileSync(join(folder, 'case.json'), '{ "source": "docs", ')))
  expect(failure.file).toBe(join(root, 'broken', 'get-contact', 'docs-sample', 'case.json'))
  expect(failure.message).toMatch(/not valid JSON/)
})

test('a case filed under no operation is named', () => {
  const dir = join(root, 'unknown')
  cpSync(join(fixturesRoot, 'get-contact', 'docs-sample'), join(dir, 'get-contacts', 'docs-sample'), { recursive: true })
  const failure = failureOf(dir)
  expect(failure.message).toMatch(/get-contacts.*no operation/)
  expect(failure.file).toBe(join(dir, 'get-contacts', 'docs-sample', 'case.json'))
})

test('a recorded case missing its response is named; a folder that does not exist too', () => {
  const dir = folderWith('recorded', (folder) => {
    writeFileSync(join(folder, 'case.json'), JSON.stringify({ source: 'recorded', recordedAt: 'now', input: {}, formats: ['json'] }))
    rmSync(join(folder, 'response.json'))
  })
  expect(failureOf(dir).file).toBe(join(dir, 'get-contact', 'docs-sample', 'response.json'))
  expect(failureOf(join(root, 'nowhere')).file).toBe(join(root, 'nowhere'))
})

test('half-written (hidden) folders are skipped', () => {
  const dir = folderWith('hidden', () => {})
  mkdirSync(join(dir, 'get-contact', '.writing-call-001-x'))
  expect(loadFixtureCases(dir)).toHaveLength(1)
})

test('a case narrowed by operation has that operation’s types', () => {
  const fixture = loadFixtureCases().find((candidate): candidate is Extract<FixtureCase, { operation: 'get-contact' }> => candidate.operation === 'get-contact' && candidate.name === 'docs-sample')!
  // Typed: `input.id` and `expected.result.gsm` exist on get-contact's types (a typo would not compile).
  if (fixture.source !== 'recorded' && 'result' in fixture.expected) {
    expect(fixture.input.id).toBe(1009)
    expect(fixture.expected.result.gsm).toBe('05321234567')
  } else throw new Error('expected the docs sample of get-contact')
})

test('a recorder replaying from a case whose request is broken names that file', async () => {
  const dir = folderWith('broken-request', (folder) => writeFileSync(join(folder, 'request.json'), '{"request": '))
  const recorder = createRecorder({ dir, mode: 'replay' })
  const client = createClient({ key: 'replay-key', secret: 'replay-secret', fetch: recorder.fetch, retry: 0 })
  const failure = await client.contacts.get(1009).catch((error: unknown) => error)
  expect(failure).toBeInstanceOf(NetworkError)
  expect((failure as NetworkError).cause).toBeInstanceOf(FixtureFileError)
  expect(((failure as NetworkError).cause as FixtureFileError).file).toBe(join(dir, 'get-contact', 'docs-sample', 'request.json'))
})

describe('crafted folders', () => {
  test.each(['response.json', 'case.json', 'expected.json', 'request.xml'])('a %s that is a symbolic link is refused, not followed', (file) => {
    const secretFile = join(root, `outside-${file}`)
    writeFileSync(secretFile, '{"result": "a file from outside the folder"}')
    const dir = folderWith(`link-${file}`, (folder) => {
      rmSync(join(folder, file), { force: true })
      symlinkSync(secretFile, join(folder, file))
    })
    const failure = failureOf(dir)
    expect(failure.file).toBe(join(dir, 'get-contact', 'docs-sample', file))
    expect(failure.message).toMatch(/symbolic link/)
    expect(failure.message).not.toContain('from outside')
  })

  test('a case folder that is a symbolic link is refused', () => {
    const dir = folderWith('link-folder', () => {})
    symlinkSync(join(fixturesRoot, 'get-sender', 'docs-sample'), join(dir, 'get-contact', 'linked'))
    expect(failureOf(dir).file).toBe(join(dir, 'get-contact', 'linked'))
  })

  test.each([
    ['formats', ['constructor']],
    ['formats', []],
    ['formats', ['json', 'json']],
    ['formats', 'json'],
    ['httpStatus', 1000],
    ['httpStatus', 99],
    ['httpStatus', '200'],
    ['httpStatus', [200, 20.5]],
  ])('"%s": %j is refused naming case.json', (field, value) => {
    const dir = folderWith(`bad-${field}-${JSON.stringify(value)}`, (folder) => {
      const meta = JSON.parse(readFileSync(join(folder, 'case.json'), 'utf8'))
      writeFileSync(join(folder, 'case.json'), JSON.stringify({ ...meta, [field]: value }))
    })
    const failure = failureOf(dir)
    expect(failure.file).toBe(join(dir, 'get-contact', 'docs-sample', 'case.json'))
    expect(failure.message).toContain(`"${field}"`)
  })

  test('an unknown case name lists the nearest existing names', () => {
    const failure = (() => {
      try {
        loadFixtureCase('send-sms', 'error-4022')
      } catch (error) {
        return error as FixtureFileError
      }
      throw new Error('expected a FixtureFileError')
    })()
    expect(failure).toBeInstanceOf(FixtureFileError)
    expect(failure.message).toMatch(/no case "error-4022" of send-sms \(nearest: error-402[^)]*\)/)
    expect(() => loadFixtureCase('send-smss', 'docs-sample')).toThrow(/nearest operations: send-sms/)
  })
})
