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

// Codes whose wording ("Tekrar eden sipariş": repeated order) does not say what the caller did;
// the explanation follows the provider's message, which stays as sent.
const explanations: Readonly<Record<number, string>> = {
  451: 'duplicate order: the same text to the same recipients was already ordered within the last 10 minutes',
}

// The consent endpoints' 403 ("Aktif abonelik bulunamadı": no active subscription) is about İYS; elsewhere a 403
// is some proxy's, and says nothing of İYS.
const consentExplanations: Readonly<Record<number, string>> = {
  403: 'no active İYS subscription: set up the İYS brand code of the account in the panel',
}

/** The one place that turns a provider status code into an error class. */
export function apiErrorFor(message: string, context: ErrorContext & { code: number }): ApiError {
  const ErrorClass = classByCode[context.code] ?? ApiError
  const explanation = (context.operation?.startsWith('consent/') ? consentExplanations[context.code] : undefined) ?? explanations[context.code]
  return new ErrorClass(explanation === undefined ? message : `${message} (${explanation})`, context)
}
