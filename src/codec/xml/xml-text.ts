import { EncodeFailure } from '../codec.js'

// Characters XML 1.0 cannot carry. xmlbuilder2 writes them raw, which would send a broken document.
const notXmlCharacter = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u

/** `text`, or an `EncodeFailure` when it holds a character XML cannot carry. */
export function carried(text: string, name: string): string {
  if (notXmlCharacter.test(text)) throw new EncodeFailure(`<${name}> holds a character XML cannot carry`)
  return text
}
