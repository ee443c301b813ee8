import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Format } from '../errors/index.js'

/** The `fixtures/` folder shipped with the package (same place from `src/` and `dist/`). */
export const fixturesRoot = fileURLToPath(new URL('../../fixtures/', import.meta.url))

/** What a fixture case says should come out: a result, or an error's class and code. */
export type Expected =
  | {
      /** The result the call resolves to, as JSON holds it. */
      result: unknown
    }
  | {
      /** The error the call rejects with. */
      error: {
        /** The error's class name: `'NotFoundError'`. */
        class: string
        /** Its `code`, where it has one. */
        code?: number
      }
    }

/**
 * One contract case: an operation's input, its wire request and response in
 * each format, and the one result (or error) both must give.
 */
export interface FixtureCase {
  /** The endpoint, which is also the case's parent folder: `'get-contact'`. */
  operation: string
  /** The case's folder name: `'docs-sample'`. */
  name: string
  /** Where it came from: the provider's pages, or written by hand for an edge case. */
  source: 'docs' | 'hand-written'
  /** What the case is about, in a sentence. */
  description: string
  /** The operation's arguments, as a caller passes them. */
  input: unknown
  /** HTTP statuses the response is served with; each is a run of its own. */
  httpStatuses: number[]
  /** The wire request by format, the hash written `{{hash}}`; absent for input the client refuses. */
  request: Partial<Record<Format, string>>
  /** The wire response by format, served as is. */
  response: Partial<Record<Format, string>>
  /** The one result (or error) both formats must give. */
  expected: Expected
  /** The formats this case runs in: `formats` in case.json, else those with a response, else both. */
  formats: Format[]
}

function readIfPresent(path: string): string | undefined {
  return existsSync(path) ? readFileSync(path, 'utf8') : undefined
}

/** One case: `fixtures/<operation>/<name>/`. */
export function loadFixtureCase(operation: string, name: string): FixtureCase {
  const folder = join(fixturesRoot, operation, name)
  const meta = JSON.parse(readFileSync(join(folder, 'case.json'), 'utf8'))
  const request: FixtureCase['request'] = {}
  const response: FixtureCase['response'] = {}
  for (const format of ['json', 'xml'] as const) {
    const requestBody = readIfPresent(join(folder, `request.${format}`))
    const responseBody = readIfPresent(join(folder, `response.${format}`))
    if (requestBody !== undefined) request[format] = requestBody
    if (responseBody !== undefined) response[format] = responseBody
  }
  const withResponse = (['json', 'xml'] as const).filter((format) => response[format] !== undefined)
  const status = meta.httpStatus ?? 200
  return {
    operation,
    name,
    source: meta.source,
    description: meta.description,
    input: meta.input,
    httpStatuses: Array.isArray(status) ? status : [status],
    request,
    response,
    expected: JSON.parse(readFileSync(join(folder, 'expected.json'), 'utf8')),
    formats: meta.formats ?? (withResponse.length > 0 ? withResponse : ['json', 'xml']),
  }
}

/** Every case under `fixtures/`, operation by operation. */
export function loadFixtureCases(): FixtureCase[] {
  return readdirSync(fixturesRoot, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .flatMap((operation) =>
      readdirSync(join(fixturesRoot, operation.name), { withFileTypes: true })
        .filter((entry) => entry.isDirectory())
        .map((entry) => loadFixtureCase(operation.name, entry.name)),
    )
}
