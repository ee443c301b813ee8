import { redact } from '../errors/redact.js'
import { ApiError, IletiMerkeziError, NetworkError, ValidationError } from '../index.js'
import { UsageError } from './usage-error.js'

// What lies under a network failure ("fetch failed"): the socket's code (ECONNREFUSED) or its message.
function underlying(error: NetworkError): string {
  let cause: unknown = error.cause
  let detail = ''
  for (let depth = 0; depth < 4 && cause instanceof Error; depth++, cause = cause.cause) {
    const code = (cause as NodeJS.ErrnoException).code
    detail = typeof code === 'string' ? code : cause.message
  }
  return detail === '' || error.message.includes(detail) ? '' : `: ${detail}`
}

function where(error: IletiMerkeziError): string {
  return error.operation ? ` (${error.operation}, ${error.format})` : ''
}

function describe(error: unknown): string {
  if (error instanceof UsageError) {
    const help = ['iletimerkezi', ...error.command, '--help'].join(' ')
    return `${error.message} (see '${help}')`
  }
  if (error instanceof ValidationError) return `invalid input: ${error.message}${error.code === undefined ? '' : ` (code ${error.code})`}`
  if (error instanceof ApiError) return `${error.name} ${error.code}: ${error.message}${where(error)}`
  if (error instanceof NetworkError) return `${error.name}: ${error.message}${underlying(error)}${where(error)}`
  if (error instanceof IletiMerkeziError) return `${error.name}: ${error.message}${where(error)}`
  return `unexpected error: ${error instanceof Error ? error.message : String(error)}`
}

/**
 * An error as one line for stderr: what went wrong and where, never a stack
 * trace, never a credential (`secrets` are cut out whatever the error says).
 */
export function errorLine(error: unknown, secrets: readonly string[]): string {
  return `iletimerkezi: ${redact(describe(error), secrets).replace(/\s*[\r\n]+\s*/g, ' ')}`
}
