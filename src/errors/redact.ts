const placeholder = '[redacted]'

function pattern(secret: string): RegExp {
  return new RegExp(secret.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'gi')
}

/**
 * Cuts every credential out of a text meant for an error or a log. Case
 * is ignored: a server that echoes the hash in upper case leaks it too.
 */
export function redact(text: string, secrets: readonly string[]): string {
  let result = text
  for (const secret of secrets) if (secret !== '') result = result.replace(pattern(secret), placeholder)
  return result
}

/** At most `length` characters of a body, with no credential in it, whole or cut off at the end. */
export function snippet(text: string, secrets: readonly string[], length = 200): string {
  let result = redact(text, secrets).slice(0, length)
  for (const secret of secrets) {
    const folded = secret.toLowerCase()
    for (let size = Math.min(secret.length - 1, result.length); size >= 4; size--) {
      if (result.slice(-size).toLowerCase() === folded.slice(0, size)) {
        result = result.slice(0, -size)
        break
      }
    }
  }
  return result
}

const deepestCause = 4

function holdsSecret(text: string, secrets: readonly string[]): boolean {
  const folded = text.toLowerCase()
  return secrets.some((secret) => secret !== '' && folded.includes(secret.toLowerCase()))
}

function mentions(error: unknown, secrets: readonly string[], depth = 0): boolean {
  if (error === undefined || error === null) return false
  if (typeof error !== 'object') return holdsSecret(String(error), secrets)
  // Deeper than anything a fetch produces: not worth the risk of passing on unread.
  if (depth > deepestCause) return true
  try {
    const parts = [String((error as Error).message), String((error as Error).stack)]
    try {
      parts.push(JSON.stringify(error))
    } catch {
      // A cycle: message and stack are what is left to look at.
    }
    if (holdsSecret(parts.join('\n'), secrets)) return true
    const inner = (error as AggregateError).errors
    if (Array.isArray(inner) && inner.some((item) => mentions(item, secrets, depth + 1))) return true
    return mentions((error as Error).cause, secrets, depth + 1)
  } catch {
    // A getter that throws: whatever it hides is not passed on.
    return true
  }
}

/**
 * The underlying error as `cause`, unless it carries a credential anywhere
 * (some fetch mocks echo the request body): then a copy with its name and
 * redacted message only.
 */
export function safeCause(error: unknown, secrets: readonly string[]): unknown {
  if (!mentions(error, secrets)) return error
  let message = 'unreadable error'
  let name = 'Error'
  try {
    message = error instanceof Error ? error.message : String(error)
    name = error instanceof Error ? String(error.name) : 'Error'
  } catch {
    // Keeps the placeholders above.
  }
  const copy = new Error(redact(message, secrets))
  copy.name = redact(name, secrets)
  return copy
}
