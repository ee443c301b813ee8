import { ValidationError } from '../errors/index.js'
import { parseDeliveryReport, type DeliveryReport } from './parse-delivery-report.js'
import { joined } from '../transport/read-body.js'

/** What {@link deliveryReportHandler} does with each report. */
export interface DeliveryReportHandlerOptions {
  /**
   * Called once for each report, after it was read. Throw (or reject) when
   * it could not be handled: the answer is then a 500, so the provider
   * sends it again. Reports of one message can come again after a retry:
   * make handling one twice harmless (its `id` and `status` say which it is).
   */
  onReport(report: DeliveryReport): void | Promise<void>
  /** The largest body read, in bytes; a larger one is a 413. Default 64 KiB (a report is a few hundred bytes). */
  maxBodyBytes?: number
}

/** The parts of Node's `IncomingMessage` (or Express's `req`) the Node form reads. */
export interface NodeReportRequest {
  /** The request's HTTP method. */
  method?: string | undefined
  /** The request's headers, names in lower case as Node gives them. */
  headers: Readonly<Record<string, string | string[] | undefined>>
  /** A body a framework already read (`express.json()`, `express.text()`, `express.raw()`). */
  body?: unknown
  /** Node's: the stream was read to its end already (by a body parser). */
  readableEnded?: boolean
  /** A chunk of the body arrived. */
  on(event: 'data', listener: (chunk: Uint8Array | string) => void): unknown
  /** The body was read to its end. */
  on(event: 'end', listener: () => void): unknown
  /** Reading the body failed. */
  on(event: 'error', listener: (error: unknown) => void): unknown
}

/** The parts of Node's `ServerResponse` (or Express's `res`) the Node form writes. */
export interface NodeReportResponse {
  /** Writes the status and headers. */
  writeHead(status: number, headers: Record<string, string>): unknown
  /** Writes the body and ends the response. */
  end(body: string): unknown
}

/**
 * A webhook endpoint for delivery reports: a web-standard handler
 * (`Request` in, `Response` out) for Workers, Deno, Bun, Hono or Next.js,
 * with `.node` for Node's `http` and Express.
 */
export interface DeliveryReportHandler {
  (request: Request): Promise<Response>
  /** The same, as `(req, res)` for Node's `http` server and Express. Resolves once the answer is written. */
  node(request: NodeReportRequest, response: NodeReportResponse): Promise<void>
}

interface Answer {
  status: number
  text: string
  headers?: Record<string, string>
}

const defaultMaxBodyBytes = 64 * 1024
const handled: Answer = { status: 200, text: 'ok' }
const tooLarge = (limit: number): Answer => ({ status: 413, text: `the body is larger than ${limit} bytes: not a delivery report` })
const notPost: Answer = { status: 405, text: 'delivery reports are POSTed', headers: { allow: 'POST' } }

class BodyTooLarge extends Error {}

// Read, checked, handed over: every outcome is an answer, nothing escapes as an exception.
async function answerFor(body: () => Promise<string | Uint8Array | object>, options: DeliveryReportHandlerOptions, limit: number): Promise<Answer> {
  let report: DeliveryReport
  try {
    report = parseDeliveryReport(await body())
  } catch (error) {
    if (error instanceof BodyTooLarge) return tooLarge(limit)
    const reason = error instanceof ValidationError ? error.message : 'the body could not be read'
    return { status: 400, text: `not a delivery report: ${reason}` }
  }
  try {
    await options.onReport(report)
  } catch {
    // The app's own error stays in the app: its message may hold anything.
    return { status: 500, text: 'the report could not be handled; send it again' }
  }
  return handled
}

function declaredTooLarge(length: string | null | undefined, limit: number): boolean {
  return length !== null && length !== undefined && /^\d+$/.test(length) && Number(length) > limit
}

async function webBody(request: Request, limit: number): Promise<Uint8Array> {
  if (declaredTooLarge(request.headers.get('content-length'), limit)) throw new BodyTooLarge()
  if (request.body === null) return new Uint8Array()
  const chunks: Uint8Array[] = []
  let size = 0
  const reader = request.body.getReader()
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    size += value.byteLength
    if (size > limit) {
      await reader.cancel().catch(() => {})
      throw new BodyTooLarge()
    }
    chunks.push(value)
  }
  return joined(chunks, size)
}

function nodeBody(request: NodeReportRequest, limit: number): Promise<string | Uint8Array | object> {
  // A framework that read the body already left it here; an empty object is body-parser's "nothing parsed".
  const parsed = request.body
  if (typeof parsed === 'string' || parsed instanceof Uint8Array) return Promise.resolve(parsed)
  if (typeof parsed === 'object' && parsed !== null && (Object.keys(parsed).length > 0 || request.readableEnded === true)) return Promise.resolve(parsed)
  // Read already, and nothing left beside it: an empty body.
  if (request.readableEnded === true) return Promise.resolve(new Uint8Array())
  const length = request.headers['content-length']
  if (declaredTooLarge(typeof length === 'string' ? length : undefined, limit)) return Promise.reject(new BodyTooLarge())
  return new Promise((resolve, reject) => {
    const encoder = new TextEncoder()
    const chunks: Uint8Array[] = []
    let size = 0
    request.on('data', (chunk) => {
      const bytes = typeof chunk === 'string' ? encoder.encode(chunk) : chunk
      size += bytes.byteLength
      if (size <= limit) chunks.push(bytes)
    })
    request.on('end', () => {
      if (size > limit) return reject(new BodyTooLarge())
      const bytes = new Uint8Array(size)
      let offset = 0
      for (const chunk of chunks) {
        bytes.set(chunk, offset)
        offset += chunk.byteLength
      }
      resolve(bytes)
    })
    request.on('error', reject)
  })
}

const textHeaders = (answer: Answer) => ({ 'content-type': 'text/plain; charset=utf-8', ...answer.headers })

/**
 * The receiving side of the provider's delivery-report webhook: reads each
 * POSTed report (`{"report": {id, packet_id, status, to, body}}`) with
 * {@link parseDeliveryReport} and hands it to `onReport`. Answers 200 once
 * `onReport` is done; 400 with the reason for a body that is not a report;
 * 413 for one over `maxBodyBytes`; 405 for other methods; 500 when
 * `onReport` throws, so the sender tries again. It never throws itself. No
 * framework needed: a web `Request`, or Node's `(req, res)` via `.node`.
 *
 * The provider documents no signature on these requests: check where they
 * come from some other way (a secret path, an allowlist).
 *
 * @example
 * const handleReport = deliveryReportHandler({ onReport: (report) => orders.markDelivery(report) })
 * export default { fetch: handleReport }                         // Workers, Deno, Bun
 * app.post('/iletimerkezi/reports', (req, res) => handleReport.node(req, res)) // Express
 */
export function deliveryReportHandler(options: DeliveryReportHandlerOptions): DeliveryReportHandler {
  const limit = options.maxBodyBytes ?? defaultMaxBodyBytes
  const handler = async (request: Request): Promise<Response> => {
    const answer = request.method.toUpperCase() === 'POST' ? await answerFor(() => webBody(request, limit), options, limit) : notPost
    return new Response(answer.text, { status: answer.status, headers: textHeaders(answer) })
  }
  return Object.assign(handler, {
    async node(request: NodeReportRequest, response: NodeReportResponse): Promise<void> {
      const method = (request.method ?? 'POST').toUpperCase()
      const answer = method === 'POST' ? await answerFor(() => nodeBody(request, limit), options, limit) : notPost
      try {
        response.writeHead(answer.status, { ...textHeaders(answer), 'content-length': String(new TextEncoder().encode(answer.text).byteLength) })
        response.end(answer.text)
      } catch {
        // The connection went away: nothing left to tell anyone.
      }
    },
  })
}
