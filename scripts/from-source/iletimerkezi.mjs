#!/usr/bin/env node
// The `iletimerkezi` command in a clone of this repository: the tool run from src/, so it needs no
// build and is never stale. This folder is a `file:` devDependency of the clone, so `npm ci` links
// its bin as node_modules/.bin/iletimerkezi (npm links the bins of dependencies, never the
// project's own), which is where `npx iletimerkezi` finds it, and no install script is needed (the
// published package runs none). The published package's bin is dist/cli/main.js, tested from the
// packed tarball by test/package-exports.test.ts.
import { register } from 'tsx/esm/api'

register()
await import('../../src/cli/main.ts')
