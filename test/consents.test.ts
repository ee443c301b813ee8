// client.consents: İYS consent records through the provider's two JSON endpoints.
import fc from 'fast-check'
import nock from 'nock'
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest'
import { ApiError, AuthenticationError, createClient, ValidationError, type ConsentRecord, type Format } from '../src/index.js'
import { okJson, providerOrigin } from './support/nock-provider.js'

const key = 'consent-key-0001'
const secret = 'consent-secret-0001'

beforeAll(() => nock.disableNetConnect())
afterEach(() => nock.cleanAll())
afterAll(() => nock.enableNetConnect())

const client = (format: Format = 'json') => createClient({ key, secret, format, retry: 0 })

function records(count: number): ConsentRecord[] {
  return Array.from({ length: count }, (_, index) => ({
    recipient: `+90505${String(index).padStart(7, '0')}`,
    recipientType: 'BIREYSEL',
    type: 'MESAJ',
    status: 'ONAY',
    source: 'HS_WEB',
    consentDate: '2025-06-01 12:00:00',
  }))
}

interface SentBatch {
  brandCode: unknown
  recipients: string[]
}

/** Answers consent/create with `answers` in turn, keeping what each request carried. */
function createEndpoint(answers: [number, object][]): { sent: SentBatch[]; scope: nock.Scope } {
  const sent: SentBatch[] = []
  let scope = nock(providerOrigin)
  for (const [httpStatus, body] of answers) {
    scope = scope.post('/v1/consent/create/json').reply(function (_uri, requestBody) {
      const consent = (requestBody as { request: { consent: { brandCode: unknown; list: { recipient: string }[] } } }).request.consent
      sent.push({ brandCode: consent.brandCode, recipients: consent.list.map((record) => record.recipient) })
      return [httpStatus, body]
    })
  }
  return { sent, scope }
}

const ok = okJson({})
const unavailable = { response: { status: { code: 503, message: 'Sunucu geçici olarak servis dışı' } } }

describe('consents.add', () => {
  test('12 001 records go as three consecutive requests of 5 000, 5 000 and 2 001, in order, each sent once', async () => {
    const all = records(12_001)
    const { sent, scope } = createEndpoint([[200, ok], [200, ok], [200, ok]])
    const result = await client().consents.add({ brandCode: 696422, consents: all })
    expect(result).toEqual({ accepted: 12_001, requests: 3, complete: true })
    expect(sent.map((batch) => batch.recipients.length)).toEqual([5000, 5000, 2001])
    expect(sent.flatMap((batch) => batch.recipients)).toEqual(all.map((record) => record.recipient))
    expect(sent.every((batch) => batch.brandCode === '696422')).toBe(true)
    expect(scope.isDone()).toBe(true)
  })

  test('a later request that fails stops there: the result says how many were accepted and where it stopped; nothing after is sent', async () => {
    const { sent } = createEndpoint([[200, ok], [503, unavailable], [200, ok]])
    const result = await client().consents.add({ brandCode: 696422, consents: records(12_001) }, { retry: 0 })
    expect(result).toEqual({
      accepted: 5000,
      requests: 2,
      complete: false,
      stopped: { index: 5000, error: { name: 'ApiError', code: 503, message: expect.stringContaining('Sunucu geçici olarak servis dışı') } },
    })
    // A write is sent once, 503 or not: the third request never went out.
    expect(sent).toHaveLength(2)
  })

  test('the first request failing rejects with its error (nothing was accepted)', async () => {
    createEndpoint([[401, { response: { status: { code: 401, message: 'Üyelik bilgileri hatalı' } } }]])
    await expect(client().consents.add({ brandCode: 696422, consents: records(3) })).rejects.toBeInstanceOf(AuthenticationError)
  })

  test('403 says the account has no İYS subscription, the provider message kept', async () => {
    createEndpoint([[403, { response: { status: { code: 403, message: 'Aktif abonelik bulunamadı' } } }]])
    const error = await client().consents.add({ brandCode: 696422, consents: records(1) }).catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(ApiError)
    expect((error as ApiError).code).toBe(403)
    expect((error as ApiError).message).toMatch(/^Aktif abonelik bulunamadı \(no active İYS subscription/)
    expect((error as ApiError).operation).toBe('consent/create')
  })

  test('one bad record among 12 001 is refused before anything is sent, with its place', async () => {
    const { sent } = createEndpoint([[200, ok], [200, ok], [200, ok]])
    const all = records(12_001)
    all[7003] = { ...all[7003]!, type: 'EPOSTA' }
    const error = await client().consents.add({ brandCode: 696422, consents: all }).catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(ValidationError)
    expect((error as ValidationError).issues).toEqual([{ path: 'consents.7003.recipient', message: expect.stringContaining('e-mail address for EPOSTA') }])
    expect(sent).toEqual([])
  })

  test('an XML client (format known at run time) is refused, nothing sent', async () => {
    const { sent } = createEndpoint([[200, ok]])
    const format = (process.env['NO_SUCH_VARIABLE'] ?? 'xml') as Format
    const xml = createClient({ key, secret, format })
    const add = await xml.consents.add({ brandCode: 696422, consents: records(1) }).catch((caught: unknown) => caught)
    const get = await xml.consents.get({ brandCode: 696422, recipient: '+905051234567' }).catch((caught: unknown) => caught)
    for (const error of [add, get]) {
      expect(error).toBeInstanceOf(ValidationError)
      expect((error as ValidationError).message).toMatch(/json only/i)
      expect((error as ValidationError).format).toBe('xml')
    }
    expect(sent).toEqual([])
  })
})

describe('consent dates', () => {
  const dayMs = 86_400_000
  const iysStart = Date.UTC(2015, 3, 30, 21, 0, 0) // 2015-05-01 00:00 in Turkey

  function dateCheck(consentDate: Date | string): Promise<{ sent: boolean; error?: unknown }> {
    const { sent } = createEndpoint([[200, ok]])
    return client()
      .consents.add({ brandCode: 696422, consents: [{ ...records(1)[0]!, consentDate }] })
      .then(
        () => ({ sent: sent[0] !== undefined }),
        (error: unknown) => ({ sent: sent[0] !== undefined, error }),
      )
  }

  test('any instant from 2015-05-01 (Turkey) up to now is sent as yyyy-MM-dd HH:mm:ss on a Turkey clock', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: iysStart, max: Date.now() - 1000 }), async (instant) => {
        nock.cleanAll()
        let wire = ''
        nock(providerOrigin)
          .post('/v1/consent/create/json')
          .reply(200, (_uri, body) => {
            wire = (body as { request: { consent: { list: { consentDate: string }[] } } }).request.consent.list[0]!.consentDate
            return ok
          })
        await client().consents.add({ brandCode: 696422, consents: [{ ...records(1)[0]!, consentDate: new Date(instant) }] })
        const turkey = new Date(Math.floor(instant / 1000) * 1000 + 3 * 3_600_000).toISOString()
        expect(wire).toBe(`${turkey.slice(0, 10)} ${turkey.slice(11, 19)}`)
      }),
      { numRuns: 40 },
    )
  })

  test('any instant before 2015-05-01 (Turkey) or in the future is refused, nothing sent', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.integer({ min: Date.UTC(1970, 0, 1), max: iysStart - 1000 }), fc.integer({ min: Date.now() + 60_000, max: Date.now() + 3650 * dayMs })),
        async (instant) => {
          nock.cleanAll()
          const outcome = await dateCheck(new Date(instant))
          expect(outcome.error).toBeInstanceOf(ValidationError)
          expect(outcome.sent).toBe(false)
        },
      ),
      { numRuns: 40 },
    )
  })

  test('text is read on a Turkey clock: 2015-05-01 00:00:00 is the first second İYS takes', async () => {
    expect((await dateCheck('2015-05-01 00:00:00')).error).toBeUndefined()
    nock.cleanAll()
    expect((await dateCheck('2015-04-30 23:59:59')).error).toBeInstanceOf(ValidationError)
    nock.cleanAll()
    expect((await dateCheck('2015-04-30T21:00:00Z')).error).toBeUndefined()
  })
})

describe('consent sources', () => {
  test('any HS_ code of capitals and underscores is sent; anything else is refused', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 20 }), async (tail) => {
        nock.cleanAll()
        const source = `HS_${tail}`
        const { sent } = createEndpoint([[200, ok]])
        const outcome = await client()
          .consents.add({ brandCode: 1, consents: [{ ...records(1)[0]!, source: source as `HS_${string}` }] })
          .catch((error: unknown) => error)
        const shaped = /^[A-Z_]+$/.test(tail)
        expect(sent.length).toBe(shaped ? 1 : 0)
        if (!shaped) expect(outcome).toBeInstanceOf(ValidationError)
      }),
      { numRuns: 60 },
    )
  })
})

describe('consents.get', () => {
  test('sends the defaults BIREYSEL and MESAJ and reads the record', async () => {
    let sent: unknown
    nock(providerOrigin)
      .post('/v1/consent/show/json')
      .reply(200, (_uri, body) => {
        sent = (body as { request: { consent: unknown } }).request.consent
        return okJson({ consent: { brandCode: 696422, recipient: '+905051234567', recipientType: 'BIREYSEL', type: 'MESAJ', status: 'ONAY', source: 'HS_WEB', consentDate: '2025-12-10 00:00:00' } })
      })
    const record = await client().consents.get({ brandCode: 696422, recipient: '+905051234567' })
    expect(sent).toEqual({ brandCode: '696422', type: 'MESAJ', recipient: '+905051234567', recipientType: 'BIREYSEL' })
    expect(record).toEqual({ brandCode: '696422', recipient: '+905051234567', recipientType: 'BIREYSEL', type: 'MESAJ', status: 'ONAY', source: 'HS_WEB', consentDate: '2025-12-10T00:00:00+03:00' })
  })

  test('no record is null: a 422, and the drift of 200 with consent: []', async () => {
    nock(providerOrigin).post('/v1/consent/show/json').reply(422, { response: { status: { code: 422, message: 'İstek içerisindeki değerler doğrulanamadı.' } } })
    expect(await client().consents.get({ brandCode: 696422, recipient: '+905051234567' })).toBeNull()
    nock(providerOrigin).post('/v1/consent/show/json').reply(200, okJson({ consent: [] }))
    expect(await client().consents.get({ brandCode: 696422, recipient: '+905051234567', recipientType: 'TACIR' })).toBeNull()
  })

  test('a read: retried on 503 like every read', async () => {
    nock(providerOrigin).post('/v1/consent/show/json').reply(503, unavailable)
    nock(providerOrigin).post('/v1/consent/show/json').reply(200, okJson({ consent: [] }))
    const retrying = createClient({ key, secret, retry: 1 })
    expect(await retrying.consents.get({ brandCode: 696422, recipient: '+905051234567' }, { timeout: 5000 })).toBeNull()
  })
})

test('add and get with no argument at all: a ValidationError, never a TypeError', async () => {
  for (const call of [client().consents.add(undefined as never), client().consents.get(undefined as never)]) {
    await expect(call).rejects.toBeInstanceOf(ValidationError)
  }
})
