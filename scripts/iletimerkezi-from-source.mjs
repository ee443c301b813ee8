#!/usr/bin/env node
// The `iletimerkezi` command in a clone of this repository: the tool run from src/, so it needs no
// build and is never stale. `npm ci` links it as node_modules/.bin/iletimerkezi (the `prepare`
// script, scripts/link-bin.mjs), which is where `npx iletimerkezi` finds it. The published package's
// bin is dist/cli/main.js, tested from the packed tarball by test/package-exports.test.ts.
import { register } from 'tsx/esm/api'

register()
await import('../src/cli/main.ts')
