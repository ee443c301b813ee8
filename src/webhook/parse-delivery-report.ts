import * as v from 'valibot'
import { ValidationError } from '../errors/index.js'
import { wireOrderId } from '../schemas/order.js'
import { validate } from '../schemas/validate.js'
import { wireDigits, wireId, wireText } from '../schemas/wire-scalars.js'

/** One message's delivery report, as the provider POSTs it to the webhook set in the panel. */
export interface DeliveryReport {
  /** The message's id. */
  id: number
  /** The order the message belongs to (the provider's `packet_id`), as text. */
  orderId: string
  /** Where the message is: accepted by the operator, delivered to the handset, or undelivered. */
  status: 'accepted' | 'delivered' | 'undelivered'
  /** The recipient's number, as text (`+90505…`). */
  to: string
  /** The message text. */
  body: string
}

const deliveryStatus = v.pipe(
  v.string('expected the status as text'),
  v.transform((status) => status.trim().toLowerCase()),
  v.picklist(['accepted', 'delivered', 'undelivered'], 'expected accepted, delivered or undelivered'),
)

const webhookBody = v.object(
  {
    report: v.object(
      {
        id: wireId,
        packet_id: wireOrderId,
        status: deliveryStatus,
        to: v.pipe(wireDigits, v.transform((to) => to.trim())),
        body: wireText,
      },
      'expected a report object',
    ),
  },
  'expected { "report": { id, packet_id, status, to, body } }',
)

function parsedJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    throw new ValidationError([{ path: '', message: 'the delivery report is not JSON' }])
  }
}

function decodedText(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    throw new ValidationError([{ path: '', message: 'the delivery report is not UTF-8 text' }])
  }
}

/**
 * Reads the body of a delivery-report webhook request (the provider POSTs
 * one JSON report per message: `{"report": {id, packet_id, status, to,
 * body}}`). Takes the raw body as text or bytes, or a body a framework has
 * already parsed. Throws a `ValidationError` (listing what is wrong) for
 * anything else; unknown extra fields are ignored.
 *
 * The provider documents no signature for these requests: check where
 * they come from some other way (a secret path, an allowlist).
 *
 * @example
 * app.post('/iletimerkezi/report', express.text({ type: '*\/*' }), (req, res) => {
 *   const report = parseDeliveryReport(req.body) // { id, orderId, status, to, body }
 *   res.sendStatus(200)
 * })
 */
export function parseDeliveryReport(body: string | Uint8Array | object): DeliveryReport {
  const parsed = typeof body === 'string' ? parsedJson(body) : body instanceof Uint8Array ? parsedJson(decodedText(body)) : body
  const { report } = validate(webhookBody, parsed, {})
  return { id: report.id, orderId: report.packet_id, status: report.status, to: report.to, body: report.body }
}
