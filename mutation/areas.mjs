// The areas `npm run mutation` tests, each with the test files that assert its guarantees. Each area
// runs only its own tests: Stryker runs every test of a run for each "static" mutant (code that runs
// when a module loads, which is most of a codec's), and the whole suite takes two minutes a run
// here, so one run over everything would take most of a day.
/** @type {Record<string, { mutate: string[], tests: string[] }>} */
export const areas = {
  'xml-reader': {
    mutate: ['src/codec/xml/xml-reader.ts'],
    tests: ['xml-reader', 'xml-reader-paths', 'hostile-xml', 'property-decode', 'perf-fast-paths'],
  },
  'xml-writers': {
    mutate: ['src/codec/xml/request-writer.ts', 'src/codec/xml/xml-text.ts', 'src/codec/xml/string-request-writer.ts', 'src/codec/xml/node-request-writer.ts', 'src/codec/xml/response-writer.ts'],
    tests: ['xml-request-writer', 'xml-request-writers', 'perf-xml-writer', 'property-encode', 'input-caps', 'contract'],
  },
  codecs: {
    mutate: ['src/codec/codec.ts', 'src/codec/load-codec.ts', 'src/codec/json/json-codec.ts', 'src/codec/xml/xml-codec.ts', 'src/codec/xml/general-reader.ts', 'src/codec/xml/xml-left-out.ts'],
    tests: ['codecs', 'json-number-spellings', 'json-only-build', 'ids', 'property-decode', 'property-encode', 'hostile-xml', 'xml-reader', 'xml-reader-paths', 'hostile-answers', 'contract', 'sandbox-contract', 'transport', 'hostile-json'],
  },
  answers: {
    mutate: ['src/normalize/read-answer.ts', 'src/errors/redact.ts', 'src/client/retry-policy.ts', 'src/transport/post.ts', 'src/transport/reason-phrase.ts', 'src/transport/read-body.ts', 'src/transport/retry-after.ts', 'src/transport/until-aborted.ts'],
    tests: ['abort-signals', 'redaction', 'secrets', 'error-detail', 'hostile-answers', 'retry-policy', 'transport', 'transport-errors', 'transport-hooks', 'property-decode', 'contract', 'client-calls', 'create-client', 'redirects', 'hostile-json'],
  },
  // The files issue 24 hardened, each with the tests that state its promises (narrower than `answers`
  // and `codecs`, whose other files it did not touch, so that a run takes minutes, not an hour).
  transport: {
    mutate: ['src/transport/post.ts', 'src/transport/read-body.ts', 'src/errors/redact.ts'],
    tests: ['redirects', 'transport', 'transport-errors', 'transport-hooks', 'abort-signals', 'redaction', 'redaction-edges', 'secrets', 'error-detail', 'hostile-answers', 'call-operation'],
  },
  'json-codec': {
    mutate: ['src/codec/json/json-codec.ts'],
    tests: ['json-codec-pass', 'codecs', 'json-number-spellings', 'hostile-json', 'ids', 'hostile-answers', 'property-decode', 'property-encode'],
  },
  'cli-output': {
    mutate: ['src/cli/visible-text.ts', 'src/cli/run-cli.ts'],
    tests: ['cli-escapes', 'cli-output', 'cli', 'contract-cli', 'campaign-cli'],
  },
  calls: {
    mutate: ['src/client/call-operation.ts'],
    tests: ['call-operation', 'hostile-json', 'transport', 'transport-hooks', 'abort-signals', 'retry-policy', 'client-calls', 'secrets'],
  },
  'sandbox-guard': {
    mutate: ['src/testing/sandbox/web-page-guard.ts'],
    // The guard's rules one by one; sandbox-web-pages (its wiring, over HTTP, and the CLI) adds nothing here but minutes.
    tests: ['web-page-guard'],
  },
  contract: {
    mutate: ['src/testing/contract/*.ts'],
    // Not recording-privacy (50 property runs: a minute a mutant) nor contract-cli (it spawns the CLI); not
    // redaction either, which tests redact.ts (the transport area mutates it) and imports nothing of these files.
    tests: ['masking', 'mask-rules', 'match-request', 'shape-drift', 'contract-pieces', 'record-exchange', 'recorder', 'recorder-rules', 'verify-fixtures', 'verify-fixtures-rules', 'fixture-folder-errors'],
  },
}

// One small file of the contract kit on its own, with the tests that read it directly: a minute, not half an hour.
areas['neutral-tree'] = { mutate: ['src/testing/contract/neutral-tree.ts'], tests: ['contract-pieces', 'record-exchange'] }

/** The area `MUTATION_AREA` names; scripts/mutation.mjs sets it for each run. */
export function currentArea() {
  const name = process.env.MUTATION_AREA ?? ''
  const area = areas[name]
  if (area === undefined) throw new Error(`MUTATION_AREA must name one of: ${Object.keys(areas).join(', ')} (run \`npm run mutation\`)`)
  return { name, ...area }
}
