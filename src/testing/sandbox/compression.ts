import { deflateSync, gzipSync, constants } from 'node:zlib'

type Encoding = 'gzip' | 'deflate'

// The encodings an `Accept-Encoding` header allows (q above 0), gzip preferred as the provider's nginx does.
function acceptedEncoding(header: string | undefined): Encoding | undefined {
  if (!header) return undefined
  const allowed = new Set<string>()
  for (const part of header.toLowerCase().split(',')) {
    const [name = '', ...parameters] = part.split(';').map((piece) => piece.trim())
    const quality = parameters.find((parameter) => parameter.startsWith('q='))
    if (quality === undefined || Number(quality.slice(2)) > 0) allowed.add(name)
  }
  if (allowed.has('gzip') || allowed.has('*')) return 'gzip'
  if (allowed.has('deflate')) return 'deflate'
  return undefined
}

/**
 * The body as it goes on the wire, and its `Content-Encoding` if any: gzip
 * or deflate when the request accepts one (fastest level: this is a test
 * server, and a million-contact walk should measure the client).
 */
export function encodeBody(body: string, acceptEncoding: string | undefined): { bytes: Buffer; encoding: Encoding | undefined } {
  const raw = Buffer.from(body, 'utf8')
  const encoding = acceptedEncoding(acceptEncoding)
  const options = { level: constants.Z_BEST_SPEED }
  if (encoding === 'gzip') return { bytes: gzipSync(raw, options), encoding }
  if (encoding === 'deflate') return { bytes: deflateSync(raw, options), encoding }
  return { bytes: raw, encoding }
}
