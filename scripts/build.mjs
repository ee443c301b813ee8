// `npm run build`, also run by `prepack` (so `npm pack` and `npm publish` never ship a tarball
// without dist/): a fresh dist/ from src/, then dist/tsconfig.json.
//
// Why that file: tsconfig.json maps `#xml-request-writer` and `#xml-codec` to the sources (for tsc,
// tsx and editors in a clone). A bundler that reads the tsconfig.json nearest to each file (esbuild,
// so wrangler; Bun) would apply those mappings to dist/ too when an app installs a clone from its
// folder (`npm link`, a `file:` dependency, a workspace): the Worker got the Node request writer,
// xmlbuilder2 and `events`/`url`. A registry install has no tsconfig.json at all; this empty one,
// nearest to every built file, makes a folder install bundle the same modules. `files` in
// package.json leaves it out of the tarball, where nothing needs it.
import { execFileSync } from 'node:child_process'
import { rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const dist = join(root, 'dist')
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc')

rmSync(dist, { recursive: true, force: true })
execFileSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json')], { cwd: root, stdio: 'inherit' })
writeFileSync(
  join(dist, 'tsconfig.json'),
  '// Built files take no path mappings from the clone\'s tsconfig.json: see scripts/build.mjs.\n{ "compilerOptions": {} }\n',
)
