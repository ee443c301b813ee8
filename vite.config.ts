import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

export default defineConfig({
  resolve: {
    // package.json `imports` points at dist/: tests run the source, with the modules Node gets
    // (tsconfig.json's `paths` says the same to tsc and tsx).
    alias: [
      { find: /^#xml-request-writer$/, replacement: fileURLToPath(new URL('./src/codec/xml/node-request-writer.ts', import.meta.url)) },
      { find: /^#xml-codec$/, replacement: fileURLToPath(new URL('./src/codec/xml/xml-codec.ts', import.meta.url)) },
    ],
  },
  test: {
    include: ['test/**/*.test.ts', 'src/**/*.test.ts'],
    // nock patches the global http/fetch stack: one file at a time per worker keeps interceptors apart.
    pool: 'forks',
    testTimeout: 20_000,
  },
})
