// The documentation site as a reader gets it: built as `npm run docs` builds it (TypeDoc with the guides, then
// the link check), here into scratch/, and its home page and the contract-testing guide opened in headless
// Chromium (Debian's `chromium`; .ci/install-chromium.sh installs it where missing). Each page must render its
// heading and text, every link in the rendered page must lead to a page (and an id) of the site, and every
// code block of its Markdown source must be on the page. Without Chromium these tests fail, saying so.
import { execFile, execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { join, relative, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { checkSite, siteLinkProblem, sitePageOf } from '../scripts/check-site-links.js'

const root = resolve(import.meta.dirname, '..')
const buildTimeoutMs = 240_000
const browserTimeoutMs = 90_000

/** Chromium's path: $CHROMIUM, else `chromium` or `chromium-browser` on the PATH; undefined when there is none. */
function findChromium(): string | undefined {
  for (const name of [process.env.CHROMIUM, 'chromium', 'chromium-browser']) {
    if (!name) continue
    try {
      return execFileSync('bash', ['-c', 'command -v "$1"', 'find', name], { encoding: 'utf8' }).trim()
    } catch {
      // not this one
    }
  }
  return undefined
}

function requireChromium(): string {
  const chromium = findChromium()
  if (chromium === undefined) throw new Error('chromium is not installed: run .ci/install-chromium.sh (Debian), or set CHROMIUM to a Chromium binary')
  return chromium
}

/** The page's DOM after it has loaded and run its scripts, as Chromium serialises it. */
function dumpDom(chromium: string, page: string, profile: string): Promise<string> {
  const args = [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    `--user-data-dir=${profile}`,
    '--dump-dom',
    pathToFileURL(page).href,
  ]
  return new Promise((done, fail) => {
    execFile(chromium, args, { timeout: browserTimeoutMs, maxBuffer: 64 * 1024 * 1024, encoding: 'utf8' }, (error, stdout, stderr) => {
      if (error) fail(new Error(`chromium failed on ${page}: ${error.message}\n${stderr.slice(-2000)}`))
      else done(stdout)
    })
  })
}

/** How many fenced code blocks a Markdown text has. */
function fencedBlocks(markdown: string): number {
  let count = 0
  let fence: string | undefined
  for (const line of markdown.split('\n')) {
    const marks = /^\s*(`{3,})/.exec(line)?.[1]
    if (marks === undefined) continue
    if (fence === undefined) {
      fence = marks
      count++
    } else if (marks.startsWith(fence)) fence = undefined
  }
  return count
}

let work: string
let site: string
/** Why the build failed, kept for the tests to fail with: a beforeAll that throws would only report them skipped. */
let buildFailure: Error | undefined

/** The built site's folder; throws (failing the test that asked) when the build failed. */
function builtSite(): string {
  if (buildFailure) throw buildFailure
  return site
}

beforeAll(() => {
  mkdirSync(join(root, 'scratch'), { recursive: true })
  work = mkdtempSync(join(root, 'scratch', 'docs-site-'))
  site = join(work, 'site')
  // TypeDoc with the repository's typedoc.json (warnings are errors), into scratch/ rather than site/.
  try {
    execFileSync(process.execPath, [join(root, 'node_modules', 'typedoc', 'bin', 'typedoc'), '--out', site, '--logLevel', 'Warn'], { cwd: root, stdio: 'pipe', timeout: buildTimeoutMs, encoding: 'utf8' })
  } catch (error) {
    const output = error && typeof error === 'object' && 'stdout' in error ? `${String(error.stdout)}${String((error as { stderr?: unknown }).stderr ?? '')}` : ''
    buildFailure = new Error(`TypeDoc failed to build the site:\n${output.slice(-6000) || String(error)}`)
  }
}, buildTimeoutMs)

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true })
})

describe('the built site', () => {
  test('has the API reference and every guide, and every link of every page resolves inside it', () => {
    const built = checkSite(builtSite())
    expect(built.problems).toEqual([])
    expect(built.pages).toBeGreaterThan(50)
    expect(readFileSync(join(site, 'index.html'), 'utf8')).toContain('Use a clone from another app')
    expect(sitePageOf(root, site, 'docs/contract-testing.md')).toBeDefined()
    expect(sitePageOf(root, site, 'docs/tr/getting-started.md')).toBeDefined()
  })
})

describe('opened in headless Chromium', () => {
  const pages = [
    { what: 'the home page', source: 'README.md', page: () => join(site, 'index.html'), heading: 'iletimerkezi' },
    { what: 'the contract-testing guide', source: 'docs/contract-testing.md', page: () => sitePageOf(root, site, 'docs/contract-testing.md')!, heading: 'Contract testing' },
  ]

  test.each(pages)(
    '$what renders, its links resolve inside the site, and its code blocks are there',
    async ({ source, page, heading }) => {
      builtSite()
      const chromium = requireChromium()
      const profile = mkdtempSync(join(work, 'profile-'))
      const file = page()
      const dom = await dumpDom(chromium, file, profile)

      // Rendered: the document's own heading and prose in TypeDoc's content column.
      expect(dom).toMatch(/<\/html>\s*$/)
      expect(dom).toMatch(new RegExp(`<h1[^>]*>[^<]*${heading}`))
      expect(dom).toContain('class="tsd-panel tsd-typography"')

      // Links: every one of the rendered page leads somewhere in the site (or outside it, on purpose).
      // An anchor on the page itself is checked against the live DOM (scripts add ids, such as the icons' sprite).
      const hrefs = [...dom.matchAll(/\shref="([^"]*)"/g)].map((match) => match[1]!)
      const ids = new Set([...dom.matchAll(/\sid="([^"]*)"/g)].map((match) => match[1]!))
      const inside = hrefs.filter((href) => !/^[a-z][a-z0-9+.-]*:/i.test(href))
      const broken = inside.map((href) => (/^#./.test(href) ? (ids.has(decodeURIComponent(href.slice(1))) ? undefined : `${href}: no such id on the page`) : siteLinkProblem(site, file, href)))
      expect(inside.filter((href) => !href.startsWith('#')).length).toBeGreaterThan(3)
      expect(broken.filter(Boolean), `${relative(root, file)}`).toEqual([])

      // Code blocks: as many as the Markdown source has (TypeDoc marks the language of each, a bare ``` has none).
      const markdown = readFileSync(join(root, source), 'utf8')
      const blocks = [...dom.matchAll(/<pre><code(?: class="([^"]*)")?>/g)].map((match) => match[1] ?? '')
      expect(blocks.length).toBe(fencedBlocks(markdown))
      expect(blocks).toContain('ts')
    },
    browserTimeoutMs,
  )
})
