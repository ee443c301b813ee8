// Type tests: the public types are as precise as the data, and createClient refuses at compile time
// what it refuses at run time where TypeScript can say so. Run by vitest's typecheck (vite.config.ts);
// an `@ts-expect-error` that no longer finds an error is itself an error, so each refusal is checked.
import { describe, expectTypeOf, test } from 'vitest'
import {
  ApiError,
  AuthenticationError,
  createClient,
  InsufficientBalanceError,
  NotFoundError,
  RateLimitError,
  type Format,
  type ConsentRecord,
  type ConsentSource,
  type IletiMerkeziClient,
  type StoredConsent,
  type MessageReport,
  type MessageStatus,
  type OrderReport,
  type OrderStatus,
  type OrderSummary,
} from 'iletimerkezi'
import { startSandbox, type Sandbox } from 'iletimerkezi/testing'

describe('results', () => {
  test('statuses are the OrderStatus and MessageStatus unions, not number', () => {
    expectTypeOf<OrderReport['status']>().toEqualTypeOf<OrderStatus>()
    expectTypeOf<OrderSummary['status']>().toEqualTypeOf<OrderStatus>()
    expectTypeOf<MessageReport['status']>().toEqualTypeOf<MessageStatus>()
    expectTypeOf<OrderStatus>().toEqualTypeOf<113 | 114 | 115>()
    expectTypeOf<MessageStatus>().toEqualTypeOf<110 | 111 | 112>()
  })
})

describe('errors', () => {
  test('a class that stands for codes has those codes as its type', () => {
    expectTypeOf<AuthenticationError['code']>().toEqualTypeOf<401>()
    expectTypeOf<InsufficientBalanceError['code']>().toEqualTypeOf<402>()
    expectTypeOf<RateLimitError['code']>().toEqualTypeOf<429>()
    expectTypeOf<NotFoundError['code']>().toEqualTypeOf<455 | 463 | 465>()
    expectTypeOf<ApiError['code']>().toEqualTypeOf<number>()
  })
})

describe('createClient', () => {
  test('refuses at compile time what it refuses at run time', () => {
    // @ts-expect-error: no key
    createClient({ secret: 's' })
    // @ts-expect-error: neither secret nor hash
    createClient({ key: 'k' })
    // @ts-expect-error: both secret and hash
    createClient({ key: 'k', secret: 's', hash: 'h' })
    // @ts-expect-error: an unknown option (a typo of timeout)
    createClient({ key: 'k', secret: 's', timout: 5000 })
    // @ts-expect-error: an unknown format
    createClient({ key: 'k', secret: 's', format: 'soap' })
    // @ts-expect-error: an unknown hook
    createClient({ key: 'k', secret: 's', hooks: { onReqest: () => {} } })
    expectTypeOf(createClient({ key: 'k', secret: 's' })).toEqualTypeOf<IletiMerkeziClient>()
    expectTypeOf(createClient({ key: 'k', hash: 'h', timeout: 0 })).toEqualTypeOf<IletiMerkeziClient>()
  })

  test("a client whose format is the literal 'xml' has no reports.list", () => {
    const xml = createClient({ key: 'k', secret: 's', format: 'xml' })
    expectTypeOf(xml).toEqualTypeOf<IletiMerkeziClient<'xml'>>()
    expectTypeOf(xml.reports).not.toHaveProperty('list')
    expectTypeOf(xml.reports.get).toBeFunction()
    // @ts-expect-error: get-reports is JSON only at the provider
    void xml.reports.list({ start: '2024-11-12', end: '2024-11-20' })

    expectTypeOf(createClient({ key: 'k', secret: 's', format: 'json' }).reports.list).toBeFunction()
    expectTypeOf(createClient({ key: 'k', secret: 's' }).reports.list).toBeFunction()
    // Known only at run time: every method, and a run-time ValidationError in XML.
    const format = (process.env['FORMAT'] ?? 'json') as Format
    expectTypeOf(createClient({ key: 'k', secret: 's', format }).reports.list).toBeFunction()
  })

  test("a client whose format is the literal 'xml' has no consents (İYS is JSON only)", () => {
    const xml = createClient({ key: 'k', secret: 's', format: 'xml' })
    expectTypeOf(xml).not.toHaveProperty('consents')
    // @ts-expect-error: the consent endpoints are JSON only at the provider
    void xml.consents.get({ brandCode: 696422, recipient: '+905051234567' })
    const json = createClient({ key: 'k', secret: 's', format: 'json' })
    expectTypeOf(json.consents.get).returns.resolves.toEqualTypeOf<StoredConsent | null>()
    expectTypeOf(createClient({ key: 'k', secret: 's' }).consents.add).toBeFunction()
    const format = (process.env['FORMAT'] ?? 'json') as Format
    expectTypeOf(createClient({ key: 'k', secret: 's', format }).consents.add).toBeFunction()
    // Known sources by name, any other HS_ code by its shape.
    const record: ConsentRecord = { recipient: '+905051234567', recipientType: 'BIREYSEL', type: 'MESAJ', status: 'ONAY', source: 'HS_WEB', consentDate: new Date() }
    expectTypeOf(record.source).toEqualTypeOf<ConsentSource | undefined>()
    // @ts-expect-error: not an İYS source code
    const wrong: ConsentSource = 'WEB'
    void wrong
  })
})

describe('the sandbox', () => {
  test('secret is a string when it was started with one, undefined with a hash', async () => {
    expectTypeOf<Sandbox['secret']>().toEqualTypeOf<string>()
    expectTypeOf((await startSandbox()).secret).toEqualTypeOf<string>()
    expectTypeOf((await startSandbox({ secret: 's', seed: {} })).secret).toEqualTypeOf<string>()
    expectTypeOf((await startSandbox({ hash: 'h' })).secret).toEqualTypeOf<undefined>()
    const sandbox = await startSandbox()
    // No `!`: the sandbox's secret goes straight into the client's options.
    createClient({ baseUrl: sandbox.url, key: sandbox.key, secret: sandbox.secret })
  })
})
