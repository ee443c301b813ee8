import type { RequestTree } from './read-request.js'

/** The one GET endpoint's path under `/v1/`; it answers in XML. */
export const getVariantPath = 'send-sms/get'

/**
 * `GET /v1/send-sms/get/?key&hash&text&receipents&sender&iys&iysList` as the
 * request tree a POST to send-sms would give: one message, the recipients
 * comma-separated. The handler then treats both alike.
 */
export function getVariantTree(query: URLSearchParams): RequestTree {
  const text = (name: string) => query.get(name) ?? ''
  const numbers = text('receipents')
    .split(',')
    .map((number) => number.trim())
    .filter((number) => number !== '')
  return {
    authentication: { key: text('key'), hash: text('hash') },
    order: {
      sender: text('sender'),
      sendDateTime: text('sendDateTime'),
      iys: text('iys'),
      iysList: text('iysList'),
      message: { text: text('text'), receipents: { number: numbers } },
    },
  }
}
