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

// More than any fetch error holds (undici's: an error, its cause, a socket summary).
const visitLimit = 500

function holdsSecret(text: string, secrets: readonly string[]): boolean {
  const folded = text.toLowerCase()
  return secrets.some((secret) => secret !== '' && folded.includes(secret.toLowerCase()))
}

// Things whose content cannot be read synchronously (a Request's body) or is bytes: a body may hide in them.
function isOpaque(value: object): boolean {
  return (
    value instanceof Request ||
    value instanceof Response ||
    value instanceof ReadableStream ||
    value instanceof Blob ||
    value instanceof ArrayBuffer ||
    ArrayBuffer.isView(value) ||
    typeof value === 'function'
  )
}

/**
 * Whether a credential could be reached from `error`: every own property
 * (enumerable or not, symbols too) of everything it holds, causes and
 * `errors` included. Opaque things, throwing getters and graphs too large
 * to walk count as holding one: they are not passed on unread.
 */
function mentions(error: unknown, secrets: readonly string[]): boolean {
  const seen = new Set<object>()
  const queue: unknown[] = [error]
  try {
    while (queue.length > 0) {
      const value = queue.pop()
      if (typeof value === 'string') {
        if (holdsSecret(value, secrets)) return true
        continue
      }
      if (value === null || (typeof value !== 'object' && typeof value !== 'function')) continue
      if (seen.has(value)) continue
      if (isOpaque(value) || seen.size >= visitLimit) return true
      seen.add(value)
      for (const name of Reflect.ownKeys(value)) {
        const descriptor = Object.getOwnPropertyDescriptor(value, name)
        if (descriptor === undefined) continue
        // An own getter could compute anything; an error's own properties are data.
        if (!('value' in descriptor)) return true
        queue.push(descriptor.value)
      }
    }
    return false
  } catch {
    // A proxy that throws: whatever it hides is not passed on.
    return true
  }
}

/**
 * The underlying error as `cause`, unless a credential could be reached
 * from it (some fetch mocks echo the request body, some errors hold the
 * Request): then a copy with its name, redacted message and system `code`
 * (`ECONNRESET`) only.
 */
export function safeCause(error: unknown, secrets: readonly string[]): unknown {
  if (!mentions(error, secrets)) return error
  let message = 'unreadable error'
  let name = 'Error'
  let code: unknown
  try {
    message = error instanceof Error ? error.message : String(error)
    name = error instanceof Error ? String(error.name) : 'Error'
    code = error instanceof Error ? ((error as { code?: unknown }).code ?? (error.cause as { code?: unknown } | undefined)?.code) : undefined
  } catch {
    // Keeps the placeholders above.
  }
  const copy: Error & { code?: string } = new Error(redact(message, secrets))
  copy.name = redact(name, secrets)
  if (typeof code === 'string' && /^[A-Z0-9_]{1,40}$/.test(code)) copy.code = code
  return copy
}
