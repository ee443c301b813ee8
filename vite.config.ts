import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

export default defineConfig({
  // examples/ import the package by name, as users do: the names resolve to the sources here.
  resolve: {
    alias: [
      { find: /^iletimerkezi\/testing$/, replacement: fileURLToPath(new URL('src/testing/index.ts', import.meta.url)) },
      { find: /^iletimerkezi$/, replacement: fileURLToPath(new URL('src/index.ts', import.meta.url)) },
    ],
  },
  test: {
    include: ['test/**/*.test.ts', 'src/**/*.test.ts', 'examples/**/*.test.ts'],
    // nock patches the global http/fetch stack: one file at a time per worker keeps interceptors apart.
    pool: 'forks',
    testTimeout: 20_000,
  },
})
