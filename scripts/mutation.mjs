// `npm run mutation [-- area …] [-- --survivors]`: Stryker over each area of mutation/areas.mjs (all
// of them when none is named), one after another, then each file's score from the JSON reports.
// Exits 1 if a run fails or a file scores under 85 %.
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { areas } from '../mutation/areas.mjs'

const threshold = 85
const args = process.argv.slice(2)
const survivors = args.includes('--survivors')
const named = args.filter((arg) => !arg.startsWith('--'))
const unknown = named.filter((name) => !(name in areas))
if (unknown.length > 0) {
  console.error(`unknown area ${unknown.join(', ')}: the areas are ${Object.keys(areas).join(', ')}`)
  process.exit(2)
}

let failed = false
for (const name of named.length > 0 ? named : Object.keys(areas)) {
  console.log(`\n== ${name}`)
  const run = spawnSync('npx', ['stryker', 'run'], { stdio: 'inherit', env: { ...process.env, MUTATION_AREA: name } })
  if (run.status !== 0) failed = true
}

console.log('\nfile | score | killed | timed out | survived | no coverage')
for (const name of Object.keys(areas)) {
  const file = `reports/mutation/${name}.json`
  if (!existsSync(file)) continue
  const report = JSON.parse(readFileSync(file, 'utf8'))
  for (const [path, { mutants, source }] of Object.entries(report.files)) {
    const count = (status) => mutants.filter((mutant) => mutant.status === status).length
    const detected = count('Killed') + count('Timeout')
    const score = (100 * detected) / (detected + count('Survived') + count('NoCoverage'))
    if (score < threshold) failed = true
    console.log(`${path} | ${score.toFixed(1)} %${score < threshold ? ` (under ${threshold})` : ''} | ${count('Killed')} | ${count('Timeout')} | ${count('Survived')} | ${count('NoCoverage')}`)
    if (!survivors) continue
    const lines = source.split('\n')
    for (const mutant of mutants.filter((each) => each.status === 'Survived' || each.status === 'NoCoverage')) {
      const { start, end } = mutant.location
      const text = start.line === end.line ? lines[start.line - 1].slice(start.column - 1, end.column - 1) : `${lines[start.line - 1].slice(start.column - 1)}…`
      console.log(`    ${start.line}:${start.column} ${mutant.mutatorName}: ${text.slice(0, 60)} → ${String(mutant.replacement).slice(0, 60)}`)
    }
  }
}
process.exit(failed ? 1 : 0)
