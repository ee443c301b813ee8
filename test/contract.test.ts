import nock from 'nock'
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest'
import { createCallOperation } from '../src/client/call-operation.js'
import { clientOptionsSchema } from '../src/client/client-options.js'
import { loadCodec } from '../src/codec/load-codec.js'
import * as errors from '../src/errors/index.js'
import { readAnswer } from '../src/normalize/read-answer.js'
import { operationsByName } from '../src/operations/index.js'
import { validate } from '../src/schemas/validate.js'
import { loadFixtureCases, type Expected, type FixtureCase } from '../src/testing/fixture-cases.js'
import * as v from 'valibot'
import { parseWire } from './support/wire-compare.js'

const key = 'test-key'
const secret = 'test-secret'
const origin = 'https://api.iletimerkezi.com'
const cases = loadFixtureCases()
let hash = ''

beforeAll(async () => {
  const { computeHash } = await import('../src/client/auth-hash.js')
  hash = await computeHash(key, secret)
  nock.disableNetConnect()
})
afterEach(() => nock.cleanAll())
afterAll(() => nock.enableNetConnect())

function operationOf(fixture: FixtureCase) {
  const operation = operationsByName[fixture.operation]
  if (!operation) throw new Error(`fixtures/${fixture.operation} names no operation`)
  return operation
}

function expectOutcome(outcome: { value?: unknown; error?: unknown }, expected: Expected, httpStatus: number) {
  if ('result' in expected) {
    if (outcome.error) throw outcome.error
    expect(outcome.value).toEqual(expected.result)
    return
  }
  const error = outcome.error as errors.IletiMerkeziError
  expect(error, 'expected an error').toBeInstanceOf(errors.IletiMerkeziError)
  expect(error.name).toBe(expected.error.class)
  expect(error).toBeInstanceOf((errors as Record<string, unknown>)[expected.error.class] as typeof Error)
  expect(error.code).toBe(expected.error.code ?? error.code)
  if (error instanceof errors.ApiError || error instanceof errors.ProtocolError) expect(error.httpStatus).toBe(httpStatus)
  const everything = JSON.stringify({ ...error, message: error.message, stack: error.stack })
  expect(everything).not.toContain(hash)
  expect(everything).not.toContain(secret)
}

async function settle(run: () => unknown): Promise<{ value?: unknown; error?: unknown }> {
  try {
    return { value: await run() }
  } catch (error) {
    return { error }
  }
}

test('the fixture set is not empty and every case names a known operation', () => {
  expect(cases.length).toBeGreaterThan(0)
  for (const fixture of cases) expect(operationsByName[fixture.operation], fixture.operation).toBeDefined()
})

describe.each(cases.map((fixture) => [`${fixture.operation}/${fixture.name}`, fixture] as const))('%s', (_label, fixture) => {
  const operation = operationOf(fixture)
  const inputCheck = v.safeParse(operation.input, fixture.input)

  for (const format of fixture.formats) {
    const requestFixture = fixture.request[format]
    if (requestFixture !== undefined) {
      test(`${format}: the encoded request matches request.${format}`, async () => {
        const codec = await loadCodec(format)
        const input = validate(operation.input, fixture.input, {})
        const encoded = codec.encodeRequest({ authentication: { key, hash }, ...operation.request(input) })
        expect(parseWire(format, encoded.replaceAll(hash, '{{hash}}'))).toEqual(parseWire(format, requestFixture))
      })
    }

    const responseFixture = fixture.response[format]
    for (const httpStatus of fixture.httpStatuses) {
      if (responseFixture !== undefined && inputCheck.success) {
        test(`${format}, HTTP ${httpStatus}: the response decodes to expected.json`, async () => {
          const codec = await loadCodec(format)
          const answer = { status: httpStatus, statusText: '', text: responseFixture, retryAfterMs: undefined }
          const context = { operation: operation.name, format, secrets: [hash, secret] }
          const outcome = await settle(() => readAnswer(operation, inputCheck.output, codec, answer, context))
          expectOutcome(outcome, fixture.expected, httpStatus)
        })
      }

      test(`${format}, HTTP ${httpStatus}: a call end to end through nock gives expected.json`, async () => {
        const codec = await loadCodec(format)
        let sentBody: string | undefined
        let sentType: string | undefined
        const scope = nock(origin)
          .post(`/v1/${codec.pathFor(operation.name)}`, (body) => {
            sentBody = typeof body === 'string' ? body : JSON.stringify(body)
            return true
          })
          .reply(function () {
            sentType = String(this.req.headers['content-type'])
            return [httpStatus, responseFixture ?? '', { 'content-type': codec.contentType }]
          })
        const options = validate(clientOptionsSchema, { key, secret, format, retry: 0 }, {})
        const call = createCallOperation(options)
        const outcome = await settle(() => call(operation, fixture.input, undefined))
        expectOutcome(outcome, fixture.expected, httpStatus)
        if (!inputCheck.success) {
          expect(scope.isDone(), 'nothing is sent for refused input').toBe(false)
          return
        }
        expect(scope.isDone()).toBe(true)
        expect(sentType).toBe(codec.contentType)
        if (requestFixture !== undefined) {
          expect(parseWire(format, sentBody!.replaceAll(hash, '{{hash}}'))).toEqual(parseWire(format, requestFixture))
        }
      })
    }
  }

  if (fixture.response.json !== undefined && fixture.response.xml !== undefined && inputCheck.success) {
    test('both formats decode to deep-equal results', async () => {
      const results = await Promise.all(
        (['json', 'xml'] as const).map(async (format) => {
          const codec = await loadCodec(format)
          const answer = { status: fixture.httpStatuses[0]!, statusText: '', text: fixture.response[format]!, retryAfterMs: undefined }
          return settle(() => readAnswer(operation, inputCheck.output, codec, answer, { operation: operation.name, format, secrets: [] }))
        }),
      )
      const [json, xml] = results.map((outcome) =>
        outcome.error ? { error: (outcome.error as Error).name, code: (outcome.error as errors.IletiMerkeziError).code } : outcome.value,
      )
      expect(xml).toEqual(json)
    })
  }
})
