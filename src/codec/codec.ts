import type { Format } from '../errors/index.js'
import type { DecodedResponse, WireTree } from '../wire/tree.js'

/** Why a body could not be decoded; the caller turns it into a typed error. */
export class DecodeFailure extends Error {
  override name = 'DecodeFailure'
}

/**
 * Why a tree could not be written: it holds text the format cannot carry.
 * Input schemas refuse such text first; this is the last line of defence,
 * so that a broken document is never sent.
 */
export class EncodeFailure extends Error {
  override name = 'EncodeFailure'
}

/**
 * Everything that knows a wire format exists. The client, the transport
 * and the normalizer only ever see {@link WireTree}s and plain objects.
 */
export interface Codec {
  readonly format: Format
  /** The `Content-Type` of a request body. */
  readonly contentType: string
  /** The path of an endpoint under the base URL: `get-sender/json` or `get-sender`. */
  pathFor(operation: string): string
  /** The reverse of {@link pathFor}: the endpoint a path names in this format, if any. */
  operationFromPath(path: string): string | undefined
  /** A whole request document: `{"request": …}` or `<request>…</request>`. Throws {@link EncodeFailure}. */
  encodeRequest(tree: WireTree): string
  /** Reads a request document back (the sandbox's side of the wire). Throws {@link DecodeFailure}. */
  decodeRequest(body: string, lists: readonly string[]): Record<string, unknown>
  /** A whole response document (the sandbox's side of the wire). */
  encodeResponse(tree: WireTree): string
  /**
   * Reads a response document. `lists` names the elements that repeat
   * (dotted paths under `response`), so one XML element still reads as a
   * list. Throws {@link DecodeFailure}.
   */
  decodeResponse(body: string, lists: readonly string[]): DecodedResponse
}
