// The link check of `npm run docs`, after TypeDoc has built the site (run with tsx: it reads the error classes).
//
// TypeDoc already refuses a relative link to a missing file, or to a heading its own slugs do not have. This
// checks what it does not see, and fails (exit 1) listing every problem:
// - the built site: every link of every page leads to a page (or file) of the site, and its #anchor is an id
//   there; a link that would leave the site's folder counts as broken;
// - the Markdown sources as GitHub shows them: a relative link names a file that exists, and its #anchor is a
//   heading of that file by GitHub's slugs (TypeDoc's differ on punctuation);
// - each error class's `docs` (the guide section that explains it): a guide that exists, a heading of it, and
//   the same anchor on that guide's page of the site.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, relative, resolve, sep } from 'node:path'
import { pathToFileURL } from 'node:url'

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens (letters of any script kept). */
export function githubSlug(heading: string): string {
  const text = heading
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[`*_]/g, '')
    .trim()
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\- ]/gu, '')
    .replace(/ /g, '-')
}

/** The lines of a Markdown text outside fenced code blocks, with their numbers. */
function proseLines(markdown: string): { text: string; line: number }[] {
  const lines: { text: string; line: number }[] = []
  let fence: string | undefined
  markdown.split('\n').forEach((text, index) => {
    const opening = /^\s*(`{3,}|~{3,})/.exec(text)
    if (fence !== undefined) {
      if (opening && opening[1]!.startsWith(fence)) fence = undefined
      return
    }
    if (opening) {
      fence = opening[1]!
      return
    }
    lines.push({ text, line: index + 1 })
  })
  return lines
}

/** Every heading anchor of a Markdown text as GitHub makes them (a repeated heading gets `-1`, `-2`, …). */
export function headingAnchors(markdown: string): Set<string> {
  const anchors = new Set<string>()
  const seen = new Map<string, number>()
  for (const { text } of proseLines(markdown)) {
    const heading = /^#{1,6}\s+(.+?)\s*#*\s*$/.exec(text)
    if (!heading) continue
    const slug = githubSlug(heading[1]!)
    const count = seen.get(slug) ?? 0
    seen.set(slug, count + 1)
    anchors.add(count === 0 ? slug : `${slug}-${count}`)
  }
  return anchors
}

/** The inline links of a Markdown text, outside code: `[text](target)`. */
export function markdownLinks(markdown: string): { target: string; line: number }[] {
  const links: { target: string; line: number }[] = []
  for (const { text, line } of proseLines(markdown)) {
    const prose = text.replace(/`[^`]*`/g, '')
    for (const match of prose.matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)) links.push({ target: match[1]!, line })
  }
  return links
}

const external = /^[a-z][a-z0-9+.-]*:/i

/**
 * Problems with one relative link written in a Markdown file (`docs/client.md`), by GitHub's rules: the file
 * must exist inside the repository, and an anchor must be a heading of the Markdown file it names.
 */
export function markdownLinkProblem(root: string, from: string, target: string): string | undefined {
  if (external.test(target)) return undefined
  const [path = '', anchor] = target.split('#', 2)
  const file = path === '' ? join(root, from) : resolve(root, dirname(from), decodeURIComponent(path))
  if (relative(root, file).startsWith('..')) return `${target} leaves the repository`
  if (!existsSync(file)) return `${target}: no such file`
  if (anchor === undefined || anchor === '') return undefined
  if (!file.endsWith('.md')) return `${target}: an anchor in a file that is not Markdown`
  return headingAnchors(readFileSync(file, 'utf8')).has(decodeURIComponent(anchor)) ? undefined : `${target}: no heading with that anchor in ${relative(root, file)}`
}

/** The Markdown files the site is built from: the README, the guides, SECURITY.md and CHANGELOG.md. */
export function documentationSources(root: string): string[] {
  const guides = readdirSync(join(root, 'docs'), { recursive: true, encoding: 'utf8' })
    .filter((path) => path.endsWith('.md'))
    .map((path) => ['docs', ...path.split(sep)].join('/'))
    .sort()
  return ['README.md', ...guides, 'SECURITY.md', 'CHANGELOG.md']
}

export function checkMarkdownSources(root: string): string[] {
  return documentationSources(root).flatMap((from) =>
    markdownLinks(readFileSync(join(root, from), 'utf8')).flatMap(({ target, line }) => {
      const problem = markdownLinkProblem(root, from, target)
      return problem === undefined ? [] : [`${from}:${line}: ${problem}`]
    }),
  )
}

function htmlFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((path) => path.endsWith('.html'))
    .map((path) => join(dir, path))
}

const idsCache = new Map<string, Set<string>>()
function idsOf(file: string): Set<string> {
  let ids = idsCache.get(file)
  if (!ids) {
    const text = readFileSync(file, 'utf8')
    ids = new Set([...text.matchAll(/\s(?:id|name)="([^"]*)"/g)].map((match) => decodeEntities(match[1]!)))
    idsCache.set(file, ids)
  }
  return ids
}

function decodeEntities(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|#39);/g, (_all, name: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" })[name]!)
}

/** Problems with one link of a built page: it must lead to a file of the site, and its anchor to an id there. */
export function siteLinkProblem(site: string, page: string, href: string): string | undefined {
  if (external.test(href) || href.startsWith('//')) return undefined
  const [path = '', anchor] = decodeEntities(href).split('#', 2)
  const file = path === '' ? page : resolve(dirname(page), decodeURIComponent(path.split('?')[0]!))
  if (relative(site, file).startsWith('..')) return `${href} leaves the site`
  if (!existsSync(file)) return `${href}: no such page`
  const target = statSync(file).isDirectory() ? join(file, 'index.html') : file
  if (!existsSync(target)) return `${href}: a folder with no index.html`
  if (anchor === undefined || anchor === '') return undefined
  if (!/\.(html|svg)$/.test(target)) return undefined
  return idsOf(target).has(decodeURIComponent(anchor)) ? undefined : `${href}: no id "${anchor}" in ${relative(site, target)}`
}

/** Every link of every page of the built site. */
export function checkSite(site: string): { pages: number; links: number; problems: string[] } {
  const pages = htmlFiles(site)
  let links = 0
  const problems: string[] = []
  for (const page of pages) {
    const html = readFileSync(page, 'utf8')
    for (const match of html.matchAll(/\s(?:href|src)="([^"]*)"/g)) {
      links++
      const problem = siteLinkProblem(site, page, match[1]!)
      if (problem !== undefined) problems.push(`${relative(site, page)}: ${problem}`)
    }
  }
  return { pages: pages.length, links, problems }
}

/** The page of the site built from a guide: TypeDoc names a document by its first heading (scripts/typedoc-document-titles.mjs). */
export function sitePageOf(root: string, site: string, guide: string): string | undefined {
  const heading = /^#\s+(.+?)\s*$/m.exec(readFileSync(join(root, guide), 'utf8'))?.[1]?.replace(/`/g, '')
  if (heading === undefined) return undefined
  const title = `<title>${heading.replace(/&/g, '&amp;').replace(/</g, '&lt;')} | `
  const documents = join(site, 'documents')
  return htmlFiles(documents).find((page) => readFileSync(page, 'utf8').includes(title))
}

/** Every exported error class of the package (`iletimerkezi` and `iletimerkezi/testing`) with its `docs`. */
export async function errorDocs(): Promise<{ name: string; docs: string }[]> {
  const client = await import('../src/index.js')
  const testing = await import('../src/testing/index.js')
  const { IletiMerkeziError } = client
  const isErrorClass = (value: unknown): value is typeof IletiMerkeziError => value === IletiMerkeziError || (typeof value === 'function' && value.prototype instanceof IletiMerkeziError)
  const classes = new Map<string, typeof IletiMerkeziError>()
  for (const [name, value] of [...Object.entries(client), ...Object.entries(testing)]) if (isErrorClass(value)) classes.set(name, value)
  return [...classes].map(([name, errorClass]) => ({ name, docs: errorClass.docs }))
}

/** Problems with the error classes' `docs`: a guide under docs/, a heading of it, and (when a site is given) its anchor on the guide's page. */
export function errorDocsProblems(root: string, classes: readonly { name: string; docs: string }[], site?: string): string[] {
  return classes.flatMap(({ name, docs }) => {
    if (!/^docs\/[\w/-]+\.md(#[\p{L}\p{N}-]+)?$/u.test(docs)) return [`${name}.docs: ${JSON.stringify(docs)} is not a guide under docs/`]
    const problem = markdownLinkProblem(root, 'README.md', docs)
    if (problem !== undefined) return [`${name}.docs: ${problem}`]
    if (site === undefined) return []
    const [guide = '', anchor] = docs.split('#', 2)
    const page = sitePageOf(root, site, guide)
    if (page === undefined) return [`${name}.docs: ${guide} has no page in the site`]
    return anchor === undefined || idsOf(page).has(anchor) ? [] : [`${name}.docs: no id "${anchor}" in the site's ${relative(site, page)}`]
  })
}

async function main(): Promise<void> {
  const root = resolve(import.meta.dirname, '..')
  const site = resolve(root, process.argv[2] ?? 'site')
  if (!existsSync(join(site, 'index.html'))) {
    console.error(`check-site-links: no site at ${relative(root, site) || '.'} (run typedoc first)`)
    process.exit(1)
  }
  const built = checkSite(site)
  const classes = await errorDocs()
  const problems = [...built.problems, ...checkMarkdownSources(root), ...errorDocsProblems(root, classes, site)]
  if (problems.length > 0) {
    console.error(`check-site-links: ${problems.length} broken link(s):\n${problems.map((problem) => `  ${problem}`).join('\n')}`)
    process.exit(1)
  }
  console.log(`check-site-links: ${built.pages} pages, ${built.links} links, ${documentationSources(root).length} Markdown sources and ${classes.length} error classes' docs: every link resolves`)
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main()
