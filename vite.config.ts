import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

const source = (path: string) => fileURLToPath(new URL(path, import.meta.url))

export default defineConfig({
  // examples/ import the package by name, as users do; here the names are the sources (tsconfig.json maps them the
  // same way). package.json `imports` points at dist/: tests run the source, with the modules Node gets.
  resolve: {
    alias: [
      { find: /^iletimerkezi$/, replacement: source('./src/index.ts') },
      { find: /^iletimerkezi\/testing$/, replacement: source('./src/testing/index.ts') },
      { find: /^#xml-request-writer$/, replacement: source('./src/codec/xml/node-request-writer.ts') },
      { find: /^#xml-codec$/, replacement: source('./src/codec/xml/xml-codec.ts') },
    ],
  },
  test: {
    include: ['test/**/*.test.ts', 'src/**/*.test.ts', 'examples/**/*.test.ts'],
    // nock patches the global http/fetch stack: one file at a time per worker keeps interceptors apart.
    pool: 'forks',
    testTimeout: 20_000,
    // Type tests (`*.test-d.ts`): the compiler checks what the public types accept and refuse.
    typecheck: {
      enabled: true,
      include: ['test/**/*.test-d.ts'],
      tsconfig: './tsconfig.typetest.json',
    },
  },
})
