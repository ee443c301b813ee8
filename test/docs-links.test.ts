// The documentation's links, checked without building the site (test/docs-site.test.ts builds and opens it):
// the Markdown sources as GitHub shows them, every guide on the site and in the README's table, and each
// error class's `docs` naming a guide section that exists.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { describe, expect, test } from 'vitest'
import { ApiError, IletiMerkeziError, NetworkError, NotFoundError, TimeoutError, ValidationError } from '../src/index.js'
import { FixtureFileError, FixtureMissError } from '../src/testing/index.js'
import { checkMarkdownSources, documentationSources, errorDocs, errorDocsProblems, githubSlug, headingAnchors, markdownLinkProblem, siteLinkProblem } from '../scripts/check-site-links.js'

const root = resolve(import.meta.dirname, '..')

describe('the Markdown sources', () => {
  test('every relative link names a file that exists, and every anchor a heading of it (GitHub slugs)', () => {
    expect(checkMarkdownSources(root)).toEqual([])
  })

  test('GitHub slugs: punctuation and code marks dropped, letters of any script kept, repeats numbered', () => {
    expect(githubSlug('Testing your integration (`iletimerkezi/testing`)')).toBe('testing-your-integration-iletimerkezitesting')
    expect(githubSlug('Set-up of a clone')).toBe('set-up-of-a-clone')
    expect(githubSlug('Format değiştirmek')).toBe('format-değiştirmek')
    expect([...headingAnchors('# A\n## Errors\n```sh\n# not a heading\n```\n### Errors\n')]).toEqual(['a', 'errors', 'errors-1'])
  })

  test('a broken file, a broken anchor and a link out of the repository are each refused', () => {
    expect(markdownLinkProblem(root, 'docs/cli.md', 'client.md#reliability')).toBeUndefined()
    expect(markdownLinkProblem(root, 'docs/cli.md', 'client.md#no-such-heading')).toMatch(/no heading with that anchor in docs\/client\.md/)
    expect(markdownLinkProblem(root, 'docs/cli.md', 'no-such-guide.md')).toMatch(/no such file/)
    expect(markdownLinkProblem(root, 'docs/cli.md', '../../elsewhere.md')).toMatch(/leaves the repository/)
    expect(markdownLinkProblem(root, 'README.md', '#guides')).toBeUndefined()
    expect(markdownLinkProblem(root, 'README.md', 'https://www.iletimerkezi.com')).toBeUndefined()
  })

  test('every guide under docs/ is a page of the site and a row of the README table of guides', () => {
    const { projectDocuments } = JSON.parse(readFileSync(join(root, 'typedoc.json'), 'utf8')) as { projectDocuments: string[] }
    const guides = documentationSources(root).filter((path) => path.startsWith('docs/'))
    expect(guides.length).toBeGreaterThanOrEqual(13)
    expect(projectDocuments.filter((path) => path.startsWith('docs/')).sort()).toEqual(guides)
    const readme = readFileSync(join(root, 'README.md'), 'utf8')
    expect(guides.filter((guide) => !readme.includes(`](${guide})`))).toEqual([])
  })

  test('the README stays short: at most 200 lines', () => {
    expect(readFileSync(join(root, 'README.md'), 'utf8').split('\n').length).toBeLessThanOrEqual(200)
  })
})

describe("each error class's docs", () => {
  test('every exported error class names a guide section that exists', async () => {
    const classes = await errorDocs()
    expect(classes.map((entry) => entry.name)).toEqual(expect.arrayContaining(['IletiMerkeziError', 'ValidationError', 'ApiError', 'NotFoundError', 'ProtocolError', 'NetworkError', 'TimeoutError', 'AbortError', 'FixtureFileError', 'FixtureMissError']))
    expect(errorDocsProblems(root, classes)).toEqual([])
  })

  test('an instance says its class’s section, a subclass inherits or names its own, and none of it is an own property', () => {
    const timeout = new TimeoutError('no answer within 30000 ms', { operation: 'get-sender', format: 'json' })
    expect(timeout.docs).toBe('docs/client.md#reliability')
    expect(new NotFoundError('Kişi bulunamadı.', { code: 465 }).docs).toBe('docs/getting-started.md#errors')
    expect(new ValidationError([{ path: 'key', message: 'is missing' }]).docs).toBe(IletiMerkeziError.docs)
    expect(new FixtureFileError('fixtures/x: missing', 'fixtures/x').docs).toBe('docs/testing.md#fixture-cases')
    expect(FixtureMissError.docs).toBe('docs/contract-testing.md')
    expect(NetworkError.docs).toBe(TimeoutError.docs)
    // A getter on the prototype: an error's JSON, its own keys and its equality in tests are as they were.
    expect(Object.keys(new ApiError('x', { code: 450 }))).not.toContain('docs')
    expect(JSON.stringify(timeout)).not.toContain('docs/')
  })

  test('a docs value that names no guide, or a heading that is not there, is refused', () => {
    expect(errorDocsProblems(root, [{ name: 'X', docs: 'https://example.com/errors' }])).toEqual(['X.docs: "https://example.com/errors" is not a guide under docs/'])
    expect(errorDocsProblems(root, [{ name: 'X', docs: 'docs/client.md#gone' }])).toEqual(['X.docs: docs/client.md#gone: no heading with that anchor in docs/client.md'])
  })
})

describe('the built site check', () => {
  test('a link to a missing page, to a missing id, or out of the site is refused; a good one passes', () => {
    const site = mkdtempSync(join(tmpdir(), 'site-'))
    try {
      mkdirSync(join(site, 'documents'))
      writeFileSync(join(site, 'index.html'), '<h1 id="top">home</h1>')
      const page = join(site, 'documents', 'guide.html')
      writeFileSync(page, '<h2 id="errors">Errors</h2>')
      expect(siteLinkProblem(site, page, '../index.html#top')).toBeUndefined()
      expect(siteLinkProblem(site, page, '#errors')).toBeUndefined()
      expect(siteLinkProblem(site, page, 'https://typedoc.org/')).toBeUndefined()
      expect(siteLinkProblem(site, page, 'other.html')).toMatch(/no such page/)
      expect(siteLinkProblem(site, page, '../index.html#gone')).toMatch(/no id "gone" in index\.html/)
      expect(siteLinkProblem(site, page, '../../outside.html')).toMatch(/leaves the site/)
    } finally {
      rmSync(site, { recursive: true, force: true })
    }
  })
})
