// `npm start`: the same calls in JSON and in XML against the embedded
// sandbox, side by side, each checked deep-equal. No credentials, no
// network. `npm start -- --verbose` shows the wire bodies too (hash cut out).
import { createClient, IletiMerkeziError, type Format } from '../src/index.js'
import { startSandbox } from '../src/testing/index.js'
import { renderTable, verdictOf, type Outcome, type Row, type StepRun } from './side-by-side.js'
import { steps } from './steps.js'
import { captureWire } from './wire-capture.js'

const formats: readonly Format[] = ['json', 'xml']
// Both sandboxes on one clock, so the timestamps they hand out compare equal.
const clock = Date.parse('2025-01-20T10:00:00+03:00')

async function outcomeOf(run: () => Promise<unknown>): Promise<Outcome> {
  try {
    return { result: await run() }
  } catch (error) {
    if (!(error instanceof IletiMerkeziError)) throw error
    return { error: { name: error.name, code: error.code, message: error.message } }
  }
}

/** Every step in one format, against a fresh sandbox of its own. */
async function runSteps(format: Format): Promise<StepRun[]> {
  const sandbox = await startSandbox()
  sandbox.store.now = () => clock
  const wire = captureWire([sandbox.hash, sandbox.secret])
  const client = createClient({ baseUrl: sandbox.url, key: sandbox.key, secret: sandbox.secret, format, fetch: wire.fetch })
  try {
    const runs: StepRun[] = []
    for (const step of steps) runs.push({ outcome: await outcomeOf(() => step.run(client)), exchanges: wire.take() })
    return runs
  } finally {
    await sandbox.close()
  }
}

const verbose = process.argv.includes('--verbose')
const runsByFormat = await Promise.all(formats.map(runSteps))
const rows: Row[] = steps.map((step, index) => {
  const runs = Object.fromEntries(formats.map((format, position) => [format, runsByFormat[position]![index]!]))
  return { call: step.call, runs, offered: step.formats, verdict: verdictOf(step.formats, runs) }
})

console.log(`iletimerkezi: the same calls in ${formats.map((format) => format.toUpperCase()).join(' and in ')}, against the embedded sandbox (no credentials, no network)\n`)
console.log(renderTable(rows, formats, verbose))
const different = rows.filter((row) => row.verdict === 'DIFFERENT')
console.log(
  different.length === 0
    ? `\n${rows.length} of ${rows.length} steps: JSON and XML gave deep-equal results.${verbose ? '' : ' Run with --verbose to see the wire bodies.'}`
    : `\n${different.length} of ${rows.length} steps differ between JSON and XML: ${different.map((row) => row.call).join('; ')}`,
)
process.exitCode = different.length === 0 ? 0 : 1
