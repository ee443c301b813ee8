import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'src/**/*.test.ts'],
    // nock patches the global http/fetch stack: one file at a time per worker keeps interceptors apart.
    pool: 'forks',
    testTimeout: 20_000,
  },
})
