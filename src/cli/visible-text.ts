import type { CliIo } from './run-cli.js'

// Characters a terminal acts on instead of showing: C0 controls (ESC starts the sequences that retitle
// a window, clear the screen or move the cursor; CR overwrites a line), DEL, C1 controls (U+009B is a
// one-character CSI to some terminals), and the marks and overrides that reorder how text reads
// (bidi embeddings, overrides and isolates, the Arabic letter mark, LRM/RLM) or break lines where no
// newline is (U+2028, U+2029). Tab and newline are layout, kept in blocks of output.
const acted = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/g
// A status line is redrawn in place: a newline or tab in it would break the redrawing.
const actedInLine = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/g

// `\u001b`: visible, and the very escape JSON uses, so that text that is JSON stays JSON (JSON.stringify
// escapes every C0 control already: what is left of these in its output stands inside strings).
const escaped = (character: string) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`

/** `text` with every character a terminal would act on written as its `\uXXXX` escape; tab and newline kept. */
export function visible(text: string): string {
  return text.replace(acted, escaped)
}

/** {@link visible} for one line: tab and newline escaped too. */
export function visibleLine(text: string): string {
  return text.replace(actedInLine, escaped)
}

/**
 * The tool's output, made safe once for every command: whatever a server
 * sent (a contact's name, an error message, a field name) reaches the
 * terminal as text, never as a control sequence. JSON output stays the
 * same JSON: each escape is JSON's own, inside a string.
 */
export function visibleIo(io: CliIo): CliIo {
  const { status } = io
  return {
    ...io,
    out: (text) => io.out(visible(text)),
    err: (text) => io.err(visible(text)),
    ...(status === undefined ? {} : { status: (text: string) => status.call(io, visibleLine(text)) }),
  }
}
