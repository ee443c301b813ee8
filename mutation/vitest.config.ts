import { defineConfig, mergeConfig } from 'vitest/config'
import base from '../vite.config.js'
import { currentArea } from './areas.mjs'

// The suites Stryker runs for the area's mutants: its own test files only. Left out everywhere: the
// suites that spawn the CLI, pack or bundle (they run built or linked code outside the run's
// control: the README walk failed Stryker's dry run that way) and the timing-bound ones.
const config = mergeConfig(base, defineConfig({}))
// Replaced, not merged: mergeConfig would add these to the base's `test/**` pattern.
config.test!.include = currentArea().tests.map((name) => `test/${name}.test.ts`)
// The type tests check the public types, which no mutant of a runtime file changes: off, they cost each run the compiler.
config.test!.typecheck = { enabled: false }
export default config
