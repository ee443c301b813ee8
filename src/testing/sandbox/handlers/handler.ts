import type { WireTree } from '../../../wire/tree.js'
import type { SandboxStore } from '../store.js'
import type { RequestTree } from '../read-request.js'

/** What a handler answers: a status code and, on success, the content beside `status`. */
export interface HandlerReply {
  code: number
  body?: WireTree
  /** The status message, where the provider words this code differently from its table (401 for API access off). */
  message?: string
  /** Extra response headers (`Retry-After` on a 429). */
  headers?: Readonly<Record<string, string>>
}

/** One endpoint's behaviour in the sandbox, the same for both formats. */
export type Handler = (request: RequestTree, store: SandboxStore) => HandlerReply

export const ok = (body: WireTree = {}): HandlerReply => ({ code: 200, body })
export const fail = (code: number): HandlerReply => ({ code })
