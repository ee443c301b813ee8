import { redact } from '../errors/redact.js'
import { IletiMerkeziError, NetworkError } from '../index.js'
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

// One shape for every error: `Class[ code]: message[ (operation, format)]`, the class and code as --json gives them.
function describe(error: unknown): string {
  if (error instanceof UsageError) {
    const help = ['iletimerkezi', ...error.command, '--help'].join(' ')
    return `${error.name}: ${error.message} (see '${help}')`
  }
  if (!(error instanceof IletiMerkeziError)) return `unexpected error: ${error instanceof Error ? error.message : String(error)}`
  const code = error.code === undefined ? '' : ` ${error.code}`
  const detail = error instanceof NetworkError ? underlying(error) : ''
  return `${error.name}${code}: ${error.message}${detail}${where(error)}`
}

const oneLine = (text: string) => text.replace(/\s*[\r\n]+\s*/g, ' ')

/**
 * An error as one JSON object for stderr, with `--json`: `{ "error": {
 * "class", "code", "message" } }`; `code` is the provider's (or the
 * client's, for input it refuses), `null` when there is none. The message
 * is the error's own, credentials cut out.
 */
export function errorJson(error: unknown, secrets: readonly string[]): string {
  const known = error instanceof IletiMerkeziError || error instanceof UsageError
  const message = error instanceof Error ? error.message : String(error)
  return JSON.stringify({
    error: {
      class: known ? error.name : 'Error',
      code: error instanceof IletiMerkeziError ? (error.code ?? null) : null,
      message: oneLine(redact(known ? message : `unexpected error: ${message}`, secrets)),
    },
  })
}

/**
 * An error as one line for stderr: what went wrong and where, never a stack
 * trace, never a credential (`secrets` are cut out whatever the error says).
 */
export function errorLine(error: unknown, secrets: readonly string[]): string {
  return `iletimerkezi: ${oneLine(redact(describe(error), secrets))}`
}
