import { defineConfig, mergeConfig } from 'vitest/config'
import base from './vite.config.js'

// The suites Stryker runs for every mutant: all but the slow ones that pack, bundle, spawn processes (which
// run the instrumented source outside the run's control: the README walk failed that way) or
// load-test (or start a child process to watch module loading).
export default mergeConfig(
  base,
  defineConfig({
    test: {
      exclude: [
        'node_modules/**',
        'test/package-exports.test.ts',
        'test/cli.test.ts',
        'test/load.test.ts',
        'test/neutral-platform.test.ts',
        'test/demo.test.ts',
        'test/lazy-xml.test.ts',
        'test/readme.test.ts',
        'test/campaign-cli.test.ts',
        'test/contract-cli.test.ts',
        'test/runtimes/**',
        // 5 MiB bodies against an event-loop bound: instrumented code is several times slower, and the
        // bound is about time, which mutation testing does not measure.
        'test/hostile-xml-cap.test.ts',
        // Deadlines of 80 ms against the sandbox: under a mutation run's load they miss, and a dry run that fails stops Stryker.
        'test/faults.test.ts',
      ],
    },
  }),
)
