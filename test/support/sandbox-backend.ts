import type { SandboxOptions } from '../../src/testing/index.js'

// The backend the sandbox suites run against. Each suite starts its sandboxes with
// `startSandbox(backendUnderTest())`; test/sandbox-legacy-backend.test.ts switches this to
// 'legacy' and imports the same suites, so every case runs against both backends.
let backend: NonNullable<SandboxOptions['backend']> = 'current'

/** Runs the suites imported after this call against `name`. */
export function useBackend(name: NonNullable<SandboxOptions['backend']>): void {
  backend = name
}

/** The options that put a sandbox on the backend under test. */
export function backendUnderTest(): SandboxOptions & { hash?: undefined } {
  return { backend }
}
