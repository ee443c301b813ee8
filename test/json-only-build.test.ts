import { describe, expect, test, vi } from 'vitest'
import { createClient, ValidationError } from '../src/index.js'

// A build made with the `iletimerkezi-json-only` condition resolves `#xml-codec` to xml-left-out.ts
// (package.json `imports`), whose import fails. Here the same, in-process (the bundled runs are in
// test/runtimes/runtimes.test.ts, which mutation testing cannot watch): vitest wraps an error thrown
// by a mock's factory in its own, so the module's error is handed on when the codec is taken.
vi.mock('#xml-codec', async () => {
  const failure = await import('../src/codec/xml/xml-left-out.js').then(
    () => new Error('xml-left-out.ts was imported without failing'),
    (error: unknown) => error,
  )
  return {
    get xmlCodec() {
      throw failure
    },
  }
})

describe('a JSON-only build', () => {
  test('an XML client fails its calls with a ValidationError that names the condition and the way out, and sends nothing', async () => {
    const fetch = vi.fn<typeof globalThis.fetch>()
    const client = createClient({ key: 'json-only-key', secret: 'json-only-secret', format: 'xml', fetch })
    const error = await client.account.balance().catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(ValidationError)
    expect((error as ValidationError).issues).toStrictEqual([
      {
        path: 'format',
        message: "this build leaves XML out (it was bundled with the iletimerkezi-json-only condition): use format 'json', or bundle without that condition",
      },
    ])
    expect(fetch).not.toHaveBeenCalled()
  })

  test('a JSON client is unaffected', async () => {
    const fetch = vi.fn<typeof globalThis.fetch>(async () => new Response('{"response":{"status":{"code":200,"message":"İşlem başarılı"},"balance":{"amount":"5","sms":"10"}}}'))
    await expect(createClient({ key: 'json-only-key', secret: 'json-only-secret', format: 'json', fetch }).account.balance()).resolves.toMatchObject({ amount: 5, sms: 10 })
  })
})
