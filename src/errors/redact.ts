const placeholder = '[redacted]'

/** Cuts every credential out of a text meant for an error or a log. */
export function redact(text: string, secrets: readonly string[]): string {
  let result = text
  for (const secret of secrets) if (secret !== '') result = result.replaceAll(secret, placeholder)
  return result
}

/** At most `length` characters of a body, with no credential in it, whole or cut off at the end. */
export function snippet(text: string, secrets: readonly string[], length = 200): string {
  let result = redact(text, secrets).slice(0, length)
  for (const secret of secrets) {
    for (let size = Math.min(secret.length - 1, result.length); size >= 4; size--) {
      if (result.endsWith(secret.slice(0, size))) {
        result = result.slice(0, -size)
        break
      }
    }
  }
  return result
}

function mentions(error: unknown, secrets: readonly string[], depth = 0): boolean {
  if (depth > 4 || typeof error !== 'object' || error === null) return false
  const parts = [String((error as Error).message), String((error as Error).stack)]
  try {
    parts.push(JSON.stringify(error))
  } catch {
    // A cycle: message and stack are what is left to look at.
  }
  const text = parts.join('\n')
  if (secrets.some((secret) => secret !== '' && text.includes(secret))) return true
  return mentions((error as Error).cause, secrets, depth + 1)
}

/**
 * The underlying error as `cause`, unless it carries a credential anywhere
 * (some fetch mocks echo the request body): then a copy with its name and
 * redacted message only.
 */
export function safeCause(error: unknown, secrets: readonly string[]): unknown {
  if (!mentions(error, secrets)) return error
  const copy = new Error(redact(error instanceof Error ? error.message : String(error), secrets))
  copy.name = error instanceof Error ? error.name : 'Error'
  return copy
}
