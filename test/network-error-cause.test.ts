import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { computeHash } from '../src/client/auth-hash.js'
import { AbortError, createClient, NetworkError, type ClientOptions } from '../src/index.js'
import { rejectionOf } from './support/outcomes.js'
import { reachableText } from './support/reachable-text.js'
import { longestPiece } from './support/credential-pieces.js'

// What fetch throws reaches the caller as a NetworkError's `cause`: the very error when no credential can be read
// from it, a copy without one otherwise. On Node 20 an error's `stack` is a data property; from Node 22 it is an
// own accessor the engine installs, so these run on every Node version CI uses (.ci/run), not only the machine's.

const key = 'cause-key'
const secret = 'cause-s3cret-value'
const hash = await computeHash(key, secret)

function client(fetch: ClientOptions['fetch']) {
  return createClient({ key, secret, fetch, retry: 0 })
}

async function networkErrorFor(thrown: unknown): Promise<NetworkError> {
  const error = await rejectionOf(
    client(async () => {
      throw thrown
    }).senders.list(),
  )
  expect(error).toBeInstanceOf(NetworkError)
  return error as NetworkError
}


/** Every text a reader can get from `value`: what {@link reachableText} walks, and each error's message, name, stack and string form. */
function readableTexts(value: unknown): string[] {
  const texts = [...reachableText(value).texts]
  const seen = new Set<unknown>()
  for (let current = value; typeof current === 'object' && current !== null && !seen.has(current); current = (current as { cause?: unknown }).cause) {
    seen.add(current)
    const error = current as Error
    for (const read of [() => error.message, () => error.name, () => error.stack, () => String(error)]) {
      try {
        texts.push(String(read()))
      } catch {
        // A read that throws gives nothing away.
      }
    }
  }
  return texts
}

type Hide = (error: Error, text: string) => void

/** Where a fetch mock, a wrapper or a proxy's error may keep text it quotes from the request. */
const hidingSpots: Record<string, Hide> = {
  message: (error, text) => void (error.message = `bad request: ${text}`),
  name: (error, text) => void (error.name = text),
  'stack, assigned': (error, text) => void (error.stack = `Error: fetch failed\n    at ${text}`),
  'stack, own getter': (error, text) => void Object.defineProperty(error, 'stack', { get: () => text, configurable: true }),
  'enumerable getter': (error, text) => void Object.defineProperty(error, 'body', { get: () => text, enumerable: true }),
  'hidden getter': (error, text) => void Object.defineProperty(error, 'body', { get: () => text, enumerable: false }),
  'symbol getter': (error, text) => void Object.defineProperty(error, Symbol('body'), { get: () => text }),
  'hidden value': (error, text) => void Object.defineProperty(error, 'body', { value: text, enumerable: false }),
  'symbol value': (error, text) => void Object.assign(error, { [Symbol('request')]: text }),
  'plain object': (error, text) => void Object.assign(error, { request: { headers: { 'x-note': text } } }),
  array: (error, text) => void Object.assign(error, { attempts: [{ body: text }] }),
  'aggregate member': (error, text) => void Object.assign(error, { errors: [new Error('one'), new Error(`two ${text}`)] }),
  'getter in a nested plain object': (error, text) => void Object.assign(error, { request: Object.defineProperty({}, 'body', { get: () => text, enumerable: true }) }),
  'message that is not a string': (error, text) => void Object.assign(error, { message: { toString: () => text } }),
}
// A getter, or a function, could compute anything: these are copied whatever they would give.
const alwaysCopied = new Set(['stack, own getter', 'enumerable getter', 'hidden getter', 'symbol getter', 'getter in a nested plain object', 'message that is not a string'])

const errorClasses = [Error, TypeError, RangeError, class FetchMockError extends Error {}] as const

/** The error `hide` marks, `depth` causes deep, wrapped in errors (or a plain object) the way fetch stacks them. */
function thrownError(hide: Hide, text: string, depth: number, wrappers: readonly number[]): unknown {
  const innermost = new errorClasses[wrappers[0]! % errorClasses.length]!('socket hang up')
  hide(innermost, text)
  let thrown: unknown = innermost
  for (let level = 0; level < depth; level++) {
    const kind = wrappers[level + 1]! % 4
    if (kind === 0) thrown = new TypeError('fetch failed', { cause: thrown })
    else if (kind === 1) thrown = new AggregateError([thrown], 'every attempt failed')
    else if (kind === 2) thrown = Object.assign(new Error('proxy refused'), { code: 'ECONNRESET', cause: thrown })
    else thrown = { message: 'thrown by a wrapper', inner: thrown }
  }
  return thrown
}

const credentials = fc.oneof(
  fc.constantFrom(secret, secret.toUpperCase(), hash, hash.toUpperCase()),
  // A server or a proxy quoting the request cut off: a run of the hash, somewhere inside other text.
  fc.tuple(fc.nat({ max: 56 }), fc.integer({ min: 8, max: 30 })).map(([start, size]) => hash.slice(start, start + size)),
)

describe('a NetworkError never passes on a credential its cause holds (issue 27)', () => {
  test('wherever the thrown error keeps it: stack, getters, hidden and symbol keys, nested causes, aggregates', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...Object.keys(hidingSpots)),
        credentials,
        fc.string({ maxLength: 12 }),
        fc.integer({ min: 0, max: 3 }),
        fc.array(fc.nat(), { minLength: 4, maxLength: 4 }),
        async (spot, credential, around, depth, wrappers) => {
          const thrown = thrownError(hidingSpots[spot]!, `${around}${credential}${around}`, depth, wrappers)
          const error = await networkErrorFor(thrown)
          expect(error.cause).not.toBe(thrown)
          for (const text of readableTexts(error.cause)) {
            expect(longestPiece(text, hash), `${spot}: ${JSON.stringify(text)}`).toBeLessThan(8)
            expect(text.toLowerCase()).not.toContain(secret.toLowerCase())
          }
          // The NetworkError itself (message, url, stack) never holds a whole credential either.
          for (const text of readableTexts(error)) {
            expect(text.toLowerCase(), spot).not.toContain(secret.toLowerCase())
            expect(text.toLowerCase(), spot).not.toContain(hash.toLowerCase())
          }
        },
      ),
      { numRuns: 300 },
    )
  })

  test('the same errors holding no credential are passed on as thrown, unless a getter or a function of theirs could compute anything', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...Object.keys(hidingSpots)),
        fc.stringMatching(/^[a-z ]{0,20}$/),
        fc.integer({ min: 0, max: 3 }),
        fc.array(fc.nat(), { minLength: 4, maxLength: 4 }),
        async (spot, text, depth, wrappers) => {
          const thrown = thrownError(hidingSpots[spot]!, text, depth, wrappers)
          const error = await networkErrorFor(thrown)
          if (alwaysCopied.has(spot)) expect(error.cause, spot).not.toBe(thrown)
          else expect(error.cause, spot).toBe(thrown)
        },
      ),
      { numRuns: 150 },
    )
  })
})

describe('the original error is kept where it holds no credential, on every Node version', () => {
  test('its own stack accessor (Node 22 and later) is read like the stack it is, not counted as a getter', async () => {
    class FetchMockError extends Error {}
    const thrown = new TypeError('fetch failed', { cause: Object.assign(new FetchMockError('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' }) })
    const error = await networkErrorFor(thrown)
    expect(error.cause).toBe(thrown)
    expect((error.cause as Error).cause).toBeInstanceOf(FetchMockError)
  })

  test('an error whose stack was formatted from a message holding the credential is copied', async () => {
    // The stack's first line repeats name and message as they were when it was first read.
    const thrown = new Error(`echo ${secret}`)
    void thrown.stack
    thrown.message = 'echo'
    const error = await networkErrorFor(thrown)
    expect(error.cause).not.toBe(thrown)
    for (const text of readableTexts(error.cause)) expect(text).not.toContain(secret)
  })

  test("an abort reason without a credential is the AbortError's cause, as given", async () => {
    const controller = new AbortController()
    const reason = new Error('the user left the page')
    controller.abort(reason)
    const error = await rejectionOf(client(async () => new Response('{}')).senders.list({ signal: controller.signal }))
    expect(error).toBeInstanceOf(AbortError)
    expect(error.cause).toBe(reason)
  })
})
