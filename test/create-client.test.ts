import { describe, expect, test } from 'vitest'
import { computeHash } from '../src/client/auth-hash.js'
import { createClient, ValidationError } from '../src/index.js'
import { thrownBy } from './support/outcomes.js'

describe('createClient checks its options at once', () => {
  const good = { key: 'k', secret: 's' }
  const refused: [string, unknown][] = [
    ['no options', undefined],
    ['no key', { secret: 's' }],
    ['an empty key', { key: '', secret: 's' }],
    ['neither secret nor hash', { key: 'k' }],
    ['both secret and hash', { key: 'k', secret: 's', hash: 'h' }],
    ['an empty secret', { key: 'k', secret: '' }],
    ['an empty hash', { key: 'k', hash: '' }],
    ['an unknown format', { ...good, format: 'soap' }],
    ['a baseUrl that is not a URL', { ...good, baseUrl: 'not a url' }],
    ['http:// to a public host', { ...good, baseUrl: 'http://api.iletimerkezi.com/v1' }],
    ['http:// to a private-range host', { ...good, baseUrl: 'http://10.0.0.1/v1' }],
    ['an ftp:// baseUrl', { ...good, baseUrl: 'ftp://127.0.0.1/v1' }],
    ['a negative timeout', { ...good, timeout: -1 }],
    ['a fractional timeout', { ...good, timeout: 1.5 }],
    ['a text retry', { ...good, retry: '2' }],
    ['a fetch that is not a function', { ...good, fetch: 'fetch' }],
  ]
  test.each(refused)('%s throws ValidationError synchronously', (_label, options) => {
    const thrown = thrownBy(() => createClient(options as never))
    expect(thrown).toBeInstanceOf(ValidationError)
    expect((thrown as ValidationError).operation).toBeUndefined()
    expect((thrown as ValidationError).issues.length).toBeGreaterThan(0)
    expect((thrown as Error).message).not.toContain('"s"')
  })

  // Each refusal says where and what, whichever valibot functions the schema is written with.
  const said: [string, unknown, { path: string; message: string }][] = [
    ['an empty key', { key: '', secret: 's' }, { path: 'key', message: 'cannot be empty' }],
    ['an empty hash', { key: 'k', hash: '' }, { path: 'hash', message: 'cannot be empty' }],
    ['a fetch that is not a function', { ...good, fetch: 'fetch' }, { path: 'fetch', message: 'expected a fetch function' }],
    ['a hook that is not a function', { ...good, hooks: { onRequest: 1 } }, { path: 'hooks.onRequest', message: 'expected a function' }],
    ['a misspelt hook', { ...good, hooks: { onReqest: () => {} } }, { path: 'hooks.onReqest', message: 'expected an object of hook functions (onRequest, onResponse, onRetry, onError)' }],
  ]
  test.each(said)('%s: the issue names the option and what is wrong', (_label, options, issue) => {
    expect(() => createClient(options as never)).toThrow(ValidationError)
    try {
      createClient(options as never)
    } catch (error) {
      expect((error as ValidationError).issues).toEqual([issue])
    }
  })

  const accepted: [string, object][] = [
    ['key and secret', good],
    ['key and hash', { key: 'k', hash: 'h' }],
    ['xml format', { ...good, format: 'xml' }],
    ['http:// to localhost', { ...good, baseUrl: 'http://localhost:8080/v1' }],
    ['http:// to 127.0.0.0/8', { ...good, baseUrl: 'http://127.1.2.3/v1' }],
    ['http:// to ::1', { ...good, baseUrl: 'http://[::1]:9/v1' }],
    ['timeout 0 (off) and retry 0', { ...good, timeout: 0, retry: 0 }],
  ]
  test.each(accepted)('%s is accepted', (_label, options) => {
    const client = createClient(options as never)
    // The same namespaces in either format: like reports.list, consents is only hidden from the type
    // of a literal-'xml' client; at run time an XML client's call refuses (test/consents.test.ts).
    expect(Object.keys(client).sort()).toEqual(['account', 'blacklist', 'consents', 'contacts', 'groups', 'reports', 'senders', 'sms'])
  })
})

test('the hash is HMAC-SHA256 of the key with the secret, as PROVIDER.md §3 gives it', async () => {
  expect(await computeHash('public_key', 'secret_key')).toBe('b6a736a4b6739ac56db7e903b0ef55bda82fca63fac55d4bd1d6d62c54888b22')
})
