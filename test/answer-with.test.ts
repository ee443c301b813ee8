// sandbox.answerWith: shipped cases played to an app's requests, in the request's format.
import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import { ApiError, createClient, NotFoundError, ProtocolError, type Format, type IletiMerkeziClient } from '../src/index.js'
import { loadFixtureCase, startSandbox, type Sandbox } from '../src/testing/index.js'

let sandbox: Sandbox
beforeEach(async () => {
  sandbox = await startSandbox()
})
afterEach(() => sandbox.close())

const clientIn = (format: Format): IletiMerkeziClient => createClient({ baseUrl: sandbox.url, key: sandbox.key, secret: sandbox.secret!, format, retry: 0 })

describe.each(['json', 'xml'] as const)('%s', (format) => {
  test.each([
    ['error-465', NotFoundError, 465],
    ['html-page-with-http-502', ApiError, 502],
    ['truncated-body', ProtocolError, undefined],
    ['html-page-with-http-200', ProtocolError, undefined],
  ] as const)('get-contact/%s is played once, then the sandbox answers again', async (name, errorClass, code) => {
    const fixture = loadFixtureCase('get-contact', name)
    sandbox.answerWith(fixture)
    const client = clientIn(format)
    const failure = await client.contacts.get(1001).then(
      () => undefined,
      (error: unknown) => error,
    )
    expect(failure).toBeInstanceOf(errorClass)
    expect((failure as ApiError).code).toBe(code)
    expect(fixture.expected).toEqual({ error: expect.objectContaining({ class: (failure as Error).name }) })
    await expect(client.contacts.get(1001)).resolves.toMatchObject({ id: 1001 })
    expect(sandbox.requests.map((request) => request.status)).toEqual([fixture.httpStatuses[0], 200])
  })

  test('an old-backend shape gives the result the case expects; times repeats it', async () => {
    const fixture = loadFixtureCase('get-contact', 'old-list-wrappers')
    sandbox.answerWith(fixture, { times: 2 })
    const client = clientIn(format)
    const expected = 'result' in fixture.expected ? fixture.expected.result : undefined
    expect(await client.contacts.get(1009)).toEqual(expected)
    expect(await client.contacts.get(1)).toEqual(expected)
    await expect(client.contacts.get(1)).rejects.toBeInstanceOf(NotFoundError)
  })

  test('a case of another operation waits for its own', async () => {
    sandbox.answerWith(loadFixtureCase('get-contact', 'error-465'))
    const client = clientIn(format)
    expect(await client.senders.list()).toEqual(['APITEST', 'eMarka'])
    await expect(client.contacts.get(1001)).rejects.toBeInstanceOf(NotFoundError)
  })
})

test('a case recorded in one format only is played to the other, through the codecs', async () => {
  const fixture = loadFixtureCase('get-contact', 'docs-sample')
  const jsonOnly = { ...fixture, response: { json: fixture.response.json! }, formats: ['json' as const] }
  sandbox.answerWith(jsonOnly)
  const expected = 'result' in fixture.expected ? fixture.expected.result : undefined
  expect(await clientIn('xml').contacts.get(1009)).toEqual(expected)
})

test('answerWith refuses a case with nothing to answer, and a bad times', () => {
  expect(() => sandbox.answerWith(loadFixtureCase('get-contact', 'input-text-id'))).toThrow(/response/)
  expect(() => sandbox.answerWith(loadFixtureCase('get-contact', 'error-465'), { times: 0 })).toThrow(/times/)
})
