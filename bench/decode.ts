import { XMLParser } from 'fast-xml-parser'
import { loadCodec } from '../src/codec/load-codec.js'
import { readAnswer } from '../src/normalize/read-answer.js'
import { searchContacts } from '../src/operations/index.js'
import { contactTree } from '../src/testing/sandbox/handlers/contact-tree.js'
import { statusMessages } from '../src/status/status-codes.js'
import { wireList } from '../src/wire/tree.js'
import { makeContacts } from './bodies.js'
import { compare, type Comparison } from './measure.js'

export interface DecodeResults {
  xmlVsJson: Comparison
  jsonVsParse: Comparison
  /** The JSON codec's decode (its one pass: nesting, size, numbers to spell; then JSON.parse) against JSON.parse alone. */
  jsonCodecVsParse: Comparison
  xmlVsFxpDefault: Comparison
  bodyBytes: { json: number; xml: number }
}

/** Decode + normalize of a 1000-contact search-contacts page, JSON against XML and against bare parsers. */
export async function benchDecode(): Promise<DecodeResults> {
  const [json, xml] = await Promise.all([loadCodec('json'), loadCodec('xml')])
  const tree = { status: { code: 200, message: statusMessages[200]! }, contacts: wireList('contact', makeContacts(1000).map(contactTree)) }
  const jsonBody = json.encodeResponse(tree)
  const xmlBody = xml.encodeResponse(tree)
  const input = { key: 'örnek', page: 1, rowCount: 1000 }
  const context = { operation: searchContacts.name, secrets: [] }
  const decode = (codec: typeof json, text: string) => () =>
    readAnswer(searchContacts, input, codec, { status: 200, statusText: '', text, retryAfterMs: undefined }, { ...context, format: codec.format })

  const jsonPath = decode(json, jsonBody)
  const xmlPath = decode(xml, xmlBody)
  const sameResult = JSON.stringify(jsonPath()) === JSON.stringify(xmlPath())
  if (!sameResult) throw new Error('the JSON and XML paths disagree: the benchmark would compare different work')

  const fxpDefault = new XMLParser()
  const options = { warmup: 20, warmupMs: 1000, rounds: 20, batch: 5 }
  return {
    xmlVsJson: await compare(xmlPath, jsonPath, options),
    jsonVsParse: await compare(jsonPath, () => JSON.parse(jsonBody), options),
    jsonCodecVsParse: await compare(() => json.decodeResponse(jsonBody, searchContacts.lists), () => JSON.parse(jsonBody), options),
    xmlVsFxpDefault: await compare(xmlPath, () => fxpDefault.parse(xmlBody), options),
    bodyBytes: { json: Buffer.byteLength(jsonBody), xml: Buffer.byteLength(xmlBody) },
  }
}
