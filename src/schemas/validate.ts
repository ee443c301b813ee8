import * as v from 'valibot'
import { ValidationError, type ErrorContext, type ValidationIssue } from '../errors/index.js'

/** An issue's place in the input, dotted: `messages.0.text`; `''` for the whole input. */
export function issuePath(issue: v.BaseIssue<unknown>): string {
  return (issue.path ?? []).map((item) => String(item.key)).join('.')
}

// Messages that name a provider code, so a check can say "460" where its path alone cannot
// (the sender has two codes: 459 when empty, 460 when too long or not ASCII).
const codeByMessage = new Map<string, number>()

/**
 * A check's message that also carries the provider's code for the same
 * mistake: `v.check(isNotEmpty, coded(459, 'the sender cannot be empty'))`.
 */
export function coded(code: number, message: string): string {
  codeByMessage.set(message, code)
  return message
}

/** The code for one issue: its message's, else its path's; list indices match `*` (`messages.*.text`). */
function codeFor(issue: ValidationIssue, codes: Readonly<Record<string, number>>): number | undefined {
  return codeByMessage.get(issue.message) ?? codes[issue.path] ?? codes[issue.path.replace(/(^|\.)\d+(?=\.|$)/g, '$1*')]
}

/**
 * Checks a value against a schema, synchronously. Failures become one
 * {@link ValidationError} listing every issue. Its `code` is the first
 * issue's provider code: from a {@link coded} message, else from `codes`
 * by path (`{ key: 471 }`, `{ 'messages.*.text': 454 }`).
 */
export function validate<Output>(
  schema: v.GenericSchema<unknown, Output>,
  value: unknown,
  context: ErrorContext,
  codes: Readonly<Record<string, number>> = {},
): Output {
  const checked = v.safeParse(schema, value)
  if (checked.success) return checked.output
  const issues = checked.issues.map((issue) => ({ path: issuePath(issue), message: issue.message }))
  const code = issues.map((issue) => codeFor(issue, codes)).find((candidate) => candidate !== undefined)
  throw new ValidationError(issues, { ...context, code })
}
