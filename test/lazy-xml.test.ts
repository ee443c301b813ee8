import { execFileSync } from 'node:child_process'
import { describe, expect, test } from 'vitest'

function probe(format: 'json' | 'xml'): { senders: string[]; xmlModules: string[] } {
  const output = execFileSync(process.execPath, ['--import', 'tsx', '--import', './test/support/import-recorder.mjs', 'test/support/lazy-xml-probe.ts', format], {
    encoding: 'utf8',
  })
  return JSON.parse(output.trim().split('\n').at(-1)!)
}

describe('the XML codec is loaded only when format xml is used', () => {
  test('a JSON client never loads fast-xml-parser, xmlbuilder2 or the XML codec', () => {
    const { senders, xmlModules } = probe('json')
    expect(senders).toEqual(['A'])
    expect(xmlModules).toEqual([])
  })

  test('an XML client loads them', () => {
    const { senders, xmlModules } = probe('xml')
    expect(senders).toEqual(['A'])
    expect(xmlModules.some((url) => url.includes('fast-xml-parser'))).toBe(true)
    expect(xmlModules.some((url) => url.includes('xmlbuilder2'))).toBe(true)
  })
})
