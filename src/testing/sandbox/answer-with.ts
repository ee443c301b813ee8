import type { ServerResponse } from 'node:http'
import type { Codec } from '../../codec/codec.js'
import { ValidationError } from '../../errors/index.js'
import { operationsByName } from '../../operations/index.js'
import { answerInFormat } from '../contract/answer-in-format.js'
import type { FixtureCase } from '../fixture-cases.js'
import type { SandboxRequest } from './start-sandbox.js'

/** Options of `sandbox.answerWith`. */
export interface AnswerWithOptions {
  /** How many requests get the case's answer; default 1. */
  times?: number
}

/** An answer taken from a case, ready to write. */
interface PlayedAnswer {
  status: number
  body: string
  contentType: string
}

const htmlPage = /^\s*(<!doctype html|<html)/i

/**
 * Shipped (or recorded) cases played to the sandbox's next requests, per
 * operation, first given first played: an app's handling of a 465, a
 * cut-off body or a proxy's HTML page is tested with the provider's own
 * bodies, none written by hand.
 */
export class PlayedAnswers {
  private readonly queued = new Map<string, { fixture: FixtureCase; left: number }[]>()

  /** Queues `fixture`'s answer for the next `times` requests of its operation. */
  add(fixture: FixtureCase, options: AnswerWithOptions = {}): void {
    const times = options.times ?? 1
    if (!Number.isSafeInteger(times) || times < 1) throw new ValidationError([{ path: 'times', message: 'expected a whole number, 1 or more' }], {})
    if (!Object.hasOwn(operationsByName, fixture?.operation) || Object.keys(fixture.response ?? {}).length === 0) {
      throw new ValidationError([{ path: 'fixtureCase', message: 'expected a case with a response (from loadFixtureCases): input-error cases never reach a server' }], {})
    }
    const queue = this.queued.get(fixture.operation) ?? []
    queue.push({ fixture, left: times })
    this.queued.set(fixture.operation, queue)
  }

  /**
   * Answers this request from the case queued for its operation, in the
   * request's format, and logs it; `false` when none is queued.
   */
  async serve(operation: string | undefined, codec: Codec, response: ServerResponse, log: SandboxRequest[]): Promise<boolean> {
    const answer = await this.take(operation, codec)
    if (answer === undefined) return false
    log.push({ operation: operation!, format: codec.format, status: answer.status })
    response.writeHead(answer.status, { 'content-type': answer.contentType, 'content-length': String(Buffer.byteLength(answer.body)) })
    response.end(answer.body)
    return true
  }

  private async take(operation: string | undefined, codec: Codec): Promise<PlayedAnswer | undefined> {
    const queue = operation === undefined ? undefined : this.queued.get(operation)
    const next = queue?.[0]
    if (next === undefined) return undefined
    if (--next.left === 0) queue!.shift()
    const body = await answerInFormat(next.fixture, operationsByName[next.fixture.operation]!, codec)
    const status = next.fixture.httpStatuses[0] ?? 200
    return { status: status >= 200 && status <= 599 ? status : 200, body, contentType: htmlPage.test(body) ? 'text/html; charset=utf-8' : codec.contentType }
  }
}
