// The fixture loader integrators use for their own contract tests (`iletimerkezi/testing`).
import { readdirSync } from 'node:fs'
import { basename, dirname, sep } from 'node:path'
import { describe, expect, test } from 'vitest'
import * as errors from '../src/errors/index.js'
import { fixturesRoot, loadFixtureCase, loadFixtureCases } from '../src/testing/index.js'

// Every case folder on disk, found without the loader: what the loader must return. A case is a
// folder holding a case.json; its operation is the path above it (`consent/create` nests).
function caseFoldersOnDisk(): string[] {
  return readdirSync(fixturesRoot, { recursive: true, encoding: 'utf8' })
    .filter((path) => basename(path) === 'case.json')
    .map((path) => dirname(path).split(sep).join('/'))
    .sort()
}

const cases = loadFixtureCases()

test('loadFixtureCases returns every case folder under fixtures/, once', () => {
  const loaded = cases.map((fixture) => `${fixture.operation}/${fixture.name}`).sort()
  expect(loaded.length).toBeGreaterThan(50)
  expect(loaded).toEqual(caseFoldersOnDisk())
})

describe.each(cases.map((fixture) => [`${fixture.operation}/${fixture.name}`, fixture] as const))('%s', (_label, fixture) => {
  test('has a source, a description, an expected outcome and something to run', () => {
    expect(['docs', 'hand-written']).toContain(fixture.source)
    expect(fixture.description.length).toBeGreaterThan(0)
    expect(fixture.formats.length).toBeGreaterThan(0)
    if ('result' in fixture.expected) {
      expect(fixture.expected.result, 'a result case needs a response').toBeDefined()
    } else {
      expect(Object.keys(errors)).toContain(fixture.expected.error.class)
    }
    const inputError = 'error' in fixture.expected && fixture.expected.error.class === 'ValidationError'
    if (inputError) {
      // Refused before sending: nothing on the wire to hold.
      expect(Object.keys(fixture.response)).toEqual([])
    } else {
      for (const format of fixture.formats) expect(fixture.response[format], `response.${format}`).toEqual(expect.any(String))
      expect(fixture.httpStatuses.length).toBeGreaterThan(0)
    }
    // A wire request never holds a real hash: the placeholder stands for it.
    for (const request of Object.values(fixture.request)) expect(request).toContain('{{hash}}')
  })
})

test('loadFixtureCase reads one case whole: input, both wire requests and responses, the expected result', () => {
  const fixture = loadFixtureCase('get-contact', 'docs-sample')
  expect(fixture).toMatchObject({ operation: 'get-contact', name: 'docs-sample', source: 'docs', input: { id: 1009 }, httpStatuses: [200], formats: ['json', 'xml'] })
  expect(JSON.parse(fixture.request.json!)).toEqual({ request: { authentication: { key: 'test-key', hash: '{{hash}}' }, contact: { id: 1009 } } })
  expect(fixture.request.xml).toContain('<id>1009</id>')
  expect(fixture.response.xml).toContain('<response>')
  expect(fixture.expected).toEqual({ result: expect.objectContaining({ id: 1009 }) })
})

test('loadFixtureCase for a case that does not exist throws', () => {
  expect(() => loadFixtureCase('get-contact', 'no-such-case')).toThrow(/no case "no-such-case" of get-contact \(nearest: /)
})
