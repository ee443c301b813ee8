// `npm publish` runs this first: the package's links are placeholders until the owner fills them in.
import { readFileSync } from 'node:fs'

const manifest = readFileSync(new URL('../package.json', import.meta.url), 'utf8')
if (manifest.includes('OWNER-TO-FILL')) {
  console.error('package.json still holds OWNER-TO-FILL: fill in homepage, bugs and repository before publishing')
  process.exit(1)
}
