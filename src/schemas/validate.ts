import * as v from 'valibot'
import { ValidationError, type ErrorContext } from '../errors/index.js'

function issuePath(issue: v.BaseIssue<unknown>): string {
  return (issue.path ?? []).map((item) => String(item.key)).join('.')
}

/**
 * Checks a value against a schema, synchronously. Failures become one
 * {@link ValidationError} listing every issue; `codes` gives the
 * provider's code for a mistake at a path (`{ key: 471 }`).
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
  const code = issues.map((issue) => codes[issue.path]).find((candidate) => candidate !== undefined)
  throw new ValidationError(issues, { ...context, code })
}
