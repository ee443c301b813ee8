// Mutation testing (`npm run mutation`): too slow for CI (tens of minutes on two cores), run it before
// closing a change to the files below. One file at a time is quicker: `npx stryker run --mutate src/errors/redact.ts`.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutation.config.ts' },
  coverageAnalysis: 'perTest',
  mutate: [
    'src/codec/**/*.ts',
    'src/normalize/**/*.ts',
    'src/errors/redact.ts',
    'src/client/retry-policy.ts',
    'src/transport/**/*.ts',
  ],
  // The machine is shared: two test processes at most.
  concurrency: 2,
  timeoutMS: 20_000,
  dryRunTimeoutMinutes: 20,
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/mutation.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  thresholds: { high: 90, low: 85, break: null },
  tempDirName: '.stryker-tmp',
  // Not copied into the sandbox: builds, reports, and another run's temp folder (one file a run is quicker).
  ignorePatterns: ['dist', 'coverage', 'reports', 'scratch', '.stryker-tmp*', 'bench/results.json'],
  cleanTempDir: true,
}
