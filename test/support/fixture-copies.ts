import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/** Changes a copied case's request file (`request.json` or `request.xml`) before a test reads it. */
export type RequestEdit = (request: string, format: 'json' | 'xml') => string

/**
 * Folders of copies of shipped fixture cases (`operation/case`), each in a
 * fresh folder under one temporary root, for tests that change or record
 * into them without touching `fixtures/`.
 */
export function fixtureCopies(prefix: string): {
  root: string
  /** A folder of copies of `cases`, each request changed by `edit` where given. */
  folderOf: (cases: readonly string[], edit?: RequestEdit) => string
  /** A path under the root that no other call gave: `<root>/<name>-<n>`, not yet made. */
  fresh: (name: string) => string
  remove: () => void
} {
  const root = mkdtempSync(join(tmpdir(), prefix))
  let folders = 0
  const fresh = (name: string) => join(root, `${name}-${++folders}`)
  return {
    root,
    fresh,
    folderOf(cases, edit) {
      const dir = fresh('case')
      for (const name of cases) {
        const target = join(dir, name)
        mkdirSync(target, { recursive: true })
        cpSync(join('fixtures', name), target, { recursive: true })
        if (edit === undefined) continue
        for (const format of ['json', 'xml'] as const) {
          const file = join(target, `request.${format}`)
          writeFileSync(file, edit(readFileSync(file, 'utf8'), format))
        }
      }
      return dir
    },
    remove: () => rmSync(root, { recursive: true, force: true }),
  }
}
