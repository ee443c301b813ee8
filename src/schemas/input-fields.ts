import * as v from 'valibot'

// Characters XML 1.0 cannot carry (most C0 controls, lone surrogates, U+FFFE/U+FFFF).
// Refused in both formats, so a call behaves the same whichever format is set.
const notXmlCharacter = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u

/**
 * The cap on free text the provider documents no limit for (names,
 * surnames, e-mail, custom field values, group names, the search key):
 * far above any real value, and low enough that no caller's mistake or
 * hostile input makes encoding a request slow or a body huge.
 */
export const longestText = 1_000

/**
 * Caller-typed text of at most `longest` characters (UTF-16 units, as
 * `length` counts): any Unicode an XML document can carry. The length is
 * checked first, before any other work on the text.
 */
export function boundedText(longest: number, tooLong = `may be at most ${longest} characters`) {
  return v.pipe(
    v.string('expected text'),
    v.maxLength(longest, tooLong),
    v.check((text) => !notXmlCharacter.test(text), 'holds a character XML cannot carry (a control character or a lone surrogate)'),
  )
}

/** Caller-typed free text: any Unicode an XML document can carry, at most {@link longestText} characters. */
export const textInput = boundedText(longestText)

/** An id the caller passes: a positive whole number (numeric text is accepted too). */
export const idInput = v.pipe(
  v.union([v.number(), v.pipe(v.string(), v.regex(/^\d+$/), v.transform(Number))], 'expected a positive whole number'),
  v.number(),
  v.safeInteger('expected a positive whole number'),
  v.minValue(1, 'expected a positive whole number'),
)

/** A page number, 1 or more; 1 when left out. */
export const pageInput = v.optional(
  v.pipe(v.number('expected a whole number'), v.safeInteger('expected a whole number'), v.minValue(1, 'pages start at 1')),
  1,
)

/** Items a page, 1 to 1000; 1000 (the provider's default and maximum) when left out. */
export const rowCountInput = v.optional(
  v.pipe(
    v.number('expected a whole number'),
    v.safeInteger('expected a whole number'),
    v.minValue(1, 'must be between 1 and 1000'),
    v.maxValue(1000, 'must be between 1 and 1000'),
  ),
  1000,
)
