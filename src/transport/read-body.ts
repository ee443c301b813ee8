import { untilAborted } from './until-aborted.js'

/** A body read up to a size cap: the whole text, or the head of one that went past the cap. */
export type CappedBody = { complete: true; text: string } | { complete: false; head: string; reason: string }

const decoder = new TextDecoder('utf-8')

/** The chunks of a body read piece by piece, as one array of `size` bytes (also the webhook handler's). */
export function joined(chunks: readonly Uint8Array[], size: number): Uint8Array {
  const bytes = new Uint8Array(size)
  let offset = 0
  for (const chunk of chunks) {
    bytes.set(chunk, offset)
    offset += chunk.byteLength
  }
  return bytes
}

/**
 * Reads a response body as UTF-8 text (as `Response.text()` would), chunk
 * by chunk, and stops as soon as it has more than `maxBytes`: a hostile or
 * broken server cannot make the client buffer an endless body. Bytes are
 * counted after decompression, so a small gzip bomb is caught too.
 */
export async function readCappedBody(response: Response, maxBytes: number, signal: AbortSignal): Promise<CappedBody> {
  const declared = Number(response.headers.get('content-length') ?? Number.NaN)
  if (Number.isFinite(declared) && declared > maxBytes) {
    response.body?.cancel().catch(() => {})
    return { complete: false, head: '', reason: `Content-Length ${declared}` }
  }
  if (response.body === null) return { complete: true, text: '' }

  const reader = response.body.getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  try {
    for (;;) {
      const { done, value } = await untilAborted(reader.read(), signal)
      if (done) return { complete: true, text: decoder.decode(chunks.length === 1 ? chunks[0] : joined(chunks, size)) }
      size += value.byteLength
      chunks.push(value)
      if (size > maxBytes) {
        const head = decoder.decode(joined(chunks, size).subarray(0, 1024))
        return { complete: false, head, reason: `more than ${maxBytes} bytes` }
      }
    }
  } finally {
    // Done, over the cap or abandoned: either way the rest of the body is not wanted.
    reader.cancel().catch(() => {})
  }
}
