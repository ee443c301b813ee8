// parseDeliveryReport: the webhook body the provider POSTs for each message.
import { describe, expect, test } from 'vitest'
import { parseDeliveryReport, ValidationError, type DeliveryReport } from '../src/index.js'

// The webhook page's sample, verbatim.
const docsSample = `{
  "report": {
    "id": 1599558518,
    "packet_id": 104525848,
    "status": "accepted",
    "to": "+90505702xxxx",
    "body": "Webhook test message"
  }
}`

const docsReport: DeliveryReport = { id: 1599558518, orderId: '104525848', status: 'accepted', to: '+90505702xxxx', body: 'Webhook test message' }

function refusal(body: unknown): ValidationError {
  try {
    parseDeliveryReport(body as string)
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError)
    return error as ValidationError
  }
  throw new Error('expected a ValidationError')
}

describe('parseDeliveryReport reads the body in every form a server hands it over', () => {
  test('the docs sample as text', () => {
    expect(parseDeliveryReport(docsSample)).toEqual(docsReport)
  })

  test('as bytes (a Uint8Array or a Buffer), decoded as UTF-8', () => {
    expect(parseDeliveryReport(new TextEncoder().encode(docsSample))).toEqual(docsReport)
    expect(parseDeliveryReport(Buffer.from(docsSample, 'utf8'))).toEqual(docsReport)
  })

  test('as an object a framework already parsed', () => {
    expect(parseDeliveryReport(JSON.parse(docsSample))).toEqual(docsReport)
  })

  test('a UTF-8 byte order mark before the JSON is no problem', () => {
    expect(parseDeliveryReport(new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(docsSample)]))).toEqual(docsReport)
  })
})

describe('values are normalized as everywhere else', () => {
  const report = (fields: Record<string, unknown>) => ({ report: { id: 1, packet_id: '2', status: 'delivered', to: '905301234567', body: 'x', ...fields } })

  test.each(['accepted', 'delivered', 'undelivered'] as const)('status %s', (status) => {
    expect(parseDeliveryReport(report({ status })).status).toBe(status)
  })

  test('a status in other letter case or with spaces is read', () => {
    expect(parseDeliveryReport(report({ status: ' Delivered ' })).status).toBe('delivered')
  })

  test('the order id stays text with its leading zeros; a numeric one becomes text', () => {
    expect(parseDeliveryReport(report({ packet_id: '000104525848' })).orderId).toBe('000104525848')
    expect(parseDeliveryReport(report({ packet_id: 104525848 })).orderId).toBe('104525848')
  })

  test('the message id as numeric text becomes a number', () => {
    expect(parseDeliveryReport(report({ id: '1599558518' })).id).toBe(1599558518)
  })

  test('the recipient stays text; a JSON number becomes its text', () => {
    expect(parseDeliveryReport(report({ to: '+905057023100' })).to).toBe('+905057023100')
    expect(parseDeliveryReport(report({ to: 5057023100 })).to).toBe('5057023100')
  })

  test('Turkish text and any Unicode survive; an empty body is ""', () => {
    expect(parseDeliveryReport(report({ body: 'Şükrü & Oğul <İndirim> 🎉' })).body).toBe('Şükrü & Oğul <İndirim> 🎉')
    expect(parseDeliveryReport(report({ body: undefined })).body).toBe('')
  })

  test('unknown fields beside and inside report are ignored; the result holds only its own', () => {
    const parsed = parseDeliveryReport({ ...report({ operator: 'Turkcell', timestamp: '2024-12-02 15:13:55' }), signature: 'x' })
    expect(parsed).toEqual({ id: 1, orderId: '2', status: 'delivered', to: '905301234567', body: 'x' })
    expect(Object.getPrototypeOf(parsed)).toBe(Object.prototype)
  })
})

describe('anything else is a ValidationError that says what is wrong', () => {
  test('text that is not JSON', () => {
    expect(refusal('report=1&status=delivered').message).toMatch(/not JSON/)
  })

  test('bytes that are not UTF-8', () => {
    expect(refusal(new Uint8Array([0x7b, 0xff, 0xfe, 0x7d])).message).toMatch(/UTF-8/)
  })

  test('no report envelope (the node SDK model: orderId/number/status at the top)', () => {
    expect(refusal({ orderId: '1', number: '905301234567', status: 'delivered' }).issues[0]?.path).toBe('report')
  })

  test('an unknown status', () => {
    const error = refusal({ report: { id: 1, packet_id: '2', status: 'failed', to: '1', body: '' } })
    expect(error.issues).toEqual([{ path: 'report.status', message: expect.stringMatching(/accepted, delivered or undelivered/) }])
  })

  test('a message id that is not a number, an order id that is not digits', () => {
    const error = refusal({ report: { id: 'abc', packet_id: 'x-1', status: 'accepted', to: '1', body: '' } })
    expect(error.issues.map((issue) => issue.path)).toEqual(['report.id', 'report.packet_id'])
  })

  test('a missing order id', () => {
    expect(refusal({ report: { id: 1, status: 'accepted', to: '1', body: '' } }).issues.map((issue) => issue.path)).toEqual(['report.packet_id'])
  })

  test('JSON that is not an object, and null', () => {
    refusal('[]')
    refusal('null')
    refusal(null)
  })

  test('the error names no operation: no request was made', () => {
    expect(refusal('{}').operation).toBeUndefined()
  })
})
