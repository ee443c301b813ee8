import type { Format } from '../errors/index.js'
import type { Codec } from './codec.js'
import { jsonCodec } from './json/json-codec.js'

// The XML codec pulls in fast-xml-parser and xmlbuilder2: JSON users never load them. A bundler
// that cannot split chunks (wrangler) still carries it, unless told the `iletimerkezi-json-only`
// condition: then package.json's `#xml-codec` is a module that refuses format 'xml'.
const loaders: Readonly<Record<Format, () => Promise<Codec>>> = {
  json: () => Promise.resolve(jsonCodec),
  xml: () => import('#xml-codec').then((module) => module.xmlCodec),
}

/** The formats a client accepts, in the order the docs name them. */
export const formats = Object.keys(loaders) as Format[]

export function loadCodec(format: Format): Promise<Codec> {
  return loaders[format]()
}

/**
 * Which endpoint and format a request path (under the base URL) names:
 * `get-sender/json` is JSON, `get-sender` is XML. A path that names none
 * gets the XML codec (the provider's plain paths are XML) and no operation.
 */
export async function resolveEndpoint(path: string): Promise<{ operation: string | undefined; codec: Codec }> {
  for (const format of formats) {
    const codec = await loadCodec(format)
    const operation = codec.operationFromPath(path)
    if (operation !== undefined && operation !== '') return { operation, codec }
  }
  return { operation: undefined, codec: await loadCodec('xml') }
}
