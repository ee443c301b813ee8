// JSON bodies a hostile server could send to hold the event loop in JSON.parse or in the codec's own
// pass (issue 24, item 3): nesting by the million, containers and numbers by the million, numbers
// the codec must spell. Shared by test/hostile-json.test.ts (each a typed error, soon) and
// bench/hostile.ts (how soon).
import { filled } from './hostile-xml.js'

/** Each a `ProtocolError` whatever the operation: too deep, too many containers, items or numbers to spell. */
export function hostileJsonBodies(size: number): Record<string, string> {
  const half = Math.floor((size - 3) / 2)
  const objects = Math.floor((size - 1) / 6)
  return {
    // The issue's: ~2.5 million nested arrays and one `1.0`, which used to trigger a second parse.
    'nested arrays and one 1.0': `${'['.repeat(half)}1.0${']'.repeat(half)}`,
    'nested {"a":': `${'{"a":'.repeat(objects)}1${'}'.repeat(objects)}`,
    'nested arrays, never closed': filled(size, '', '['),
    'nested arrays and items': filled(size, '', '[1,'),
    'empty arrays': filled(size, '{"response":{"a":[', '[],', '[]]}}'),
    'empty objects': filled(size, '{"response":{"a":[', '{},', '{}]}}'),
    'small objects': filled(size, '{"response":{"a":[', '{"a":1},', '{"a":1}]}}'),
    'arrays four deep': filled(size, '{"response":{"a":[', '[[[[1]]]],', '1]}}'),
    numbers: filled(size, '{"response":{"a":[', '1,', '1]}}'),
    strings: filled(size, '{"response":{"a":[', '"",', '""]}}'),
    'whole numbers spelled 1.0': filled(size, '{"response":{"a":[', '1.0,', '1]}}'),
    'numbers past 2^64': filled(size, '{"response":{"a":[', '12345678901234567890,', '1]}}'),
    'numbers past a double': filled(size, '{"response":{"a":[', '1e400,', '1]}}'),
  }
}
