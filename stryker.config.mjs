// Mutation testing, one area at a time (mutation/areas.mjs): `npm run mutation [area …]` runs each
// area named, or all of them, and prints each file's score. Too slow for CI (about an hour for all
// on two cores); run it before closing a change to the files it mutates.
import { currentArea } from './mutation/areas.mjs'

const area = currentArea()

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  // `related: false`: the area's own tests, not every test that imports the file (all of them, for a codec).
  vitest: { configFile: 'mutation/vitest.config.ts', related: false },
  coverageAnalysis: 'perTest',
  mutate: area.mutate,
  // The machine is shared: two test processes at most.
  concurrency: 2,
  // On top of 1.5 × the covering tests' own time: a mutant that loops for ever costs this much each.
  timeoutMS: 5_000,
  dryRunTimeoutMinutes: 20,
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: `reports/mutation/${area.name}.html` },
  jsonReporter: { fileName: `reports/mutation/${area.name}.json` },
  thresholds: { high: 90, low: 85, break: null },
  tempDirName: `.stryker-tmp-${area.name}`,
  // Not copied into the sandbox: builds, reports, another run's temp folder.
  ignorePatterns: ['dist', 'coverage', 'reports', 'scratch', '.stryker-tmp*', 'bench/results.json'],
  cleanTempDir: true,
  // A re-run after new tests retests only the mutants whose code or covering tests changed.
  incremental: true,
  incrementalFile: `reports/mutation/${area.name}.incremental.json`,
}
