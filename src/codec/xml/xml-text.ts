import { EncodeFailure } from '../codec.js'

// Characters XML 1.0 cannot carry. xmlbuilder2 writes them raw, which would send a broken document.
const notXmlCharacter = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u

/** `text`, or an `EncodeFailure` when it holds a character XML cannot carry. */
export function carried(text: string, name: string): string {
  if (notXmlCharacter.test(text)) throw new EncodeFailure(`<${name}> holds a character XML cannot carry`)
  return text
}

/** Whether `text` goes out as more than one CDATA section (see {@link cdataSections}). */
export function needsSections(text: string): boolean {
  return text.includes('\r') || text.includes(']]>')
}

/**
 * Free text as CDATA markup, in time linear in its length. A CDATA section
 * ends at the first `]]>`: such text goes out as several sections, cut
 * after the `]]` (the `>` opens the next one, so no section is empty). CDATA
 * cannot hold a CR that survives parsing either, so each CR goes out between
 * sections as `&#13;`. An empty section is not written (xmlbuilder2 does not
 * write one either).
 */
export function cdataSections(text: string): string {
  if (text === '') return ''
  // Native split and join throughout: a piece per line, not a string built a character at a time.
  const cut = text.includes(']]>') ? text.split(']]>').join(']]]]><![CDATA[>') : text
  if (!cut.includes('\r')) return `<![CDATA[${cut}]]>`
  const lines = cut.split('\r')
  // CRs side by side, or at either end, leave empty lines: those get no section. Each run of
  // non-empty lines goes out in one join; the runs and empty lines are joined by CRs.
  const pieces: string[] = []
  let run = 0
  for (let index = 0; index <= lines.length; index++) {
    if (index < lines.length && lines[index] !== '') continue
    if (index > run) pieces.push(`<![CDATA[${lines.slice(run, index).join(']]>&#13;<![CDATA[')}]]>`)
    if (index < lines.length) pieces.push('')
    run = index + 1
  }
  return pieces.join('&#13;')
}
