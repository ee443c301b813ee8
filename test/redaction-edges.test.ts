// The credential finder and safeCause at their edges (issues 22 and 24: one finder for errors and
// recordings): the last window of a text, the hash's shape, what counts as reachable from an error
// (numbers and nulls are not objects, a cycle is walked once, 500 objects are the most walked), a
// getter nobody installed is never called, and what a copy keeps.
import { describe, expect, test } from 'vitest'
import { redact, safeCause } from '../src/errors/redact.js'

const hash = '0123456789abcdef'.repeat(4)
const secrets = [hash]

describe('the finder', () => {
  test('a piece of the hash in the last eight characters of a text is found', () => {
    // In a property of its own: in the message, the stack would repeat it with frames after it.
    const cause = Object.assign(new Error('quoted'), { detail: `quoted: ${hash.slice(20, 28)}` })
    expect(safeCause(cause, secrets)).not.toBe(cause)
    expect(redact(`tail ${hash.slice(40, 48)}`, secrets)).toBe('tail [redacted]')
  })

  test('fewer than eight characters of the hash are ordinary text, at the end of a text too', () => {
    for (const size of [1, 4, 7]) {
      const text = `code ${hash.slice(-size)}`
      expect(redact(text, secrets)).toBe(text)
      const cause = new Error(text)
      expect(safeCause(cause, secrets)).toBe(cause)
    }
  })

  test('pieces are looked for in hex-shaped credentials only, whole from start to end', () => {
    const hex = 'fedcba9876543210'.repeat(2)
    for (const secret of [`key-${hex}`, `${hex}-key`]) {
      const piece = hex.slice(8, 16)
      expect(redact(`piece ${piece}`, [secret])).toBe(`piece ${piece}`)
      expect(redact(`whole ${secret}`, [secret])).toBe('whole [redacted]')
    }
    expect(redact(`piece ${hex.slice(8, 16)}`, [hex])).toBe('piece [redacted]')
  })
})

describe('what is reachable from an error', () => {
  test('numbers, booleans and nulls in an error are values, not places a credential hides', () => {
    const cause = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:443'), { errno: -111, syscall: 'connect', fatal: false, detail: null, port: 443 })
    expect(safeCause(cause, secrets)).toBe(cause)
  })

  test('an error that is its own cause is walked once', () => {
    const cause = new Error('loops')
    ;(cause as { cause?: unknown }).cause = cause
    expect(safeCause(cause, secrets)).toBe(cause)
    const leaking = new Error('loops too')
    ;(leaking as { cause?: unknown }).cause = { again: leaking, note: `hash ${hash}` }
    expect(safeCause(leaking, secrets)).not.toBe(leaking)
  })

  test('up to 500 objects are walked; a larger graph counts as holding a credential', () => {
    const chained = (objects: number) => {
      let next: Record<string, unknown> = {}
      for (let index = 1; index < objects; index++) next = { next }
      return Object.assign(new Error('deep'), { detail: next })
    }
    const walked = chained(499)
    expect(safeCause(walked, secrets)).toBe(walked)
    const tooMany = chained(500)
    expect(safeCause(tooMany, secrets)).not.toBe(tooMany)
  })

  test('a property a proxy lists but does not describe is skipped', () => {
    const ghost = new Proxy({}, { ownKeys: () => ['ghost'], getOwnPropertyDescriptor: () => undefined })
    const cause = Object.assign(new Error('with a ghost'), { detail: ghost })
    expect(safeCause(cause, secrets)).toBe(cause)
  })

  test('a stack getter the engine did not install is never called: the error is copied instead', () => {
    let calls = 0
    const cause = new Error('own stack')
    Object.defineProperty(cause, 'stack', {
      get() {
        calls++
        return 'harmless'
      },
    })
    const safe = safeCause(cause, secrets) as Error
    expect(safe).not.toBe(cause)
    expect(safe.message).toBe('own stack')
    expect(calls).toBe(0)
  })
})

describe('the copy', () => {
  test('keeps the name and the redacted message, with or without a cause', () => {
    const safe = safeCause(Object.assign(new Error(`failed for ${hash}`), { name: 'FetchError' }), secrets) as Error
    expect(safe.message).toBe('failed for [redacted]')
    expect(safe.name).toBe('FetchError')
  })

  test('keeps a system code only when it is one (upper case, digits, underscores, up to 40)', () => {
    const codeOf = (code: unknown) => (safeCause(Object.assign(new Error(`x ${hash}`), { code }), secrets) as { code?: unknown }).code
    expect(codeOf('ECONNRESET')).toBe('ECONNRESET')
    expect(codeOf('UND_ERR_SOCKET')).toBe('UND_ERR_SOCKET')
    expect(codeOf('A'.repeat(40))).toBe('A'.repeat(40))
    for (const odd of ['A'.repeat(41), 'see ECONNRESET', 'ECONNRESET now', 'econnreset', '', 42]) expect(codeOf(odd)).toBeUndefined()
    // The cause's code, when the error has none of its own.
    const wrapped = Object.assign(new Error(`fetch failed ${hash}`), { cause: { code: 'ECONNREFUSED' } })
    expect((safeCause(wrapped, secrets) as { code?: unknown }).code).toBe('ECONNREFUSED')
  })

  test('a text too long to search counts as holding a credential; one at the limit is searched', () => {
    // In a property: the stack repeats the message, and would be the longer text.
    const atLimit = Object.assign(new Error('long'), { detail: 'x'.repeat(65_536) })
    expect(safeCause(atLimit, secrets)).toBe(atLimit)
    const over = Object.assign(new Error('long'), { detail: 'x'.repeat(65_537) })
    expect(safeCause(over, secrets)).not.toBe(over)
  })
})
