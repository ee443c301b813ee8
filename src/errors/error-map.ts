import { ApiError, AuthenticationError, InsufficientBalanceError, NotFoundError, RateLimitError } from './api-error.js'
import type { ErrorContext } from './iletimerkezi-error.js'

const classByCode: Readonly<Record<number, typeof ApiError>> = {
  401: AuthenticationError,
  402: InsufficientBalanceError,
  429: RateLimitError,
  455: NotFoundError,
  463: NotFoundError,
  465: NotFoundError,
}

/** The one place that turns a provider status code into an error class. */
export function apiErrorFor(message: string, context: ErrorContext & { code: number }): ApiError {
  const ErrorClass = classByCode[context.code] ?? ApiError
  return new ErrorClass(message, context)
}
