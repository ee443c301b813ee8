import { IletiMerkeziError, type ErrorContext } from './iletimerkezi-error.js'

/** One reason an input was refused: where (`path`, dotted) and why. */
export interface ValidationIssue {
  /** Where, dotted (`'messages.0.recipients.1'`); `''` for the input as a whole. */
  path: string
  /** Why, in English. */
  message: string
}

/**
 * The input (or a client option) was refused before anything was sent.
 * `code` is the provider's code for the same mistake where it has one
 * (471 for a search key under 3 characters, 461 for an empty group name).
 */
export class ValidationError extends IletiMerkeziError {
  /** Always `'ValidationError'`: the class's name survives minifiers and shows in logs. */
  override name = 'ValidationError'
  /** Every problem found, not only the first. */
  readonly issues: readonly ValidationIssue[]

  constructor(issues: readonly ValidationIssue[], context: ErrorContext = {}) {
    super(describeIssues(issues), context)
    this.issues = issues
  }
}

function describeIssues(issues: readonly ValidationIssue[]): string {
  return issues.map((issue) => (issue.path ? `${issue.path}: ${issue.message}` : issue.message)).join('; ')
}
