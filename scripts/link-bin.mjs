// `prepare` (run by `npm ci` and `npm install` in this repository): links the tool into
// node_modules/.bin, so `npx iletimerkezi` works in a fresh clone as it does in an app that installed
// the package. npm links the bins of dependencies only, never the project's own.
import { chmodSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const target = join(root, 'scripts', 'iletimerkezi-from-source.mjs')
const bin = join(root, 'node_modules', '.bin')
const link = join(bin, 'iletimerkezi')

mkdirSync(bin, { recursive: true })
rmSync(link, { force: true })
if (process.platform === 'win32') {
  // No symlinks without privileges: a .cmd shim, as npm writes for dependencies.
  writeFileSync(`${link}.cmd`, `@node "${target}" %*\r\n`)
} else {
  chmodSync(target, 0o755)
  symlinkSync(relative(bin, target), link)
}
