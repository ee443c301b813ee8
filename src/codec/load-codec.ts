import type { Format } from '../errors/index.js'
import type { Codec } from './codec.js'
import { jsonCodec } from './json/json-codec.js'

// The XML codec pulls in fast-xml-parser and xmlbuilder2: JSON users never load them.
const loaders: Readonly<Record<Format, () => Promise<Codec>>> = {
  json: () => Promise.resolve(jsonCodec),
  xml: () => import('./xml/xml-codec.js').then((module) => module.xmlCodec),
}

/** The formats a client accepts, in the order the docs name them. */
export const formats = Object.keys(loaders) as Format[]

export function loadCodec(format: Format): Promise<Codec> {
  return loaders[format]()
}
