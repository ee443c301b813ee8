const placeholder = '[redacted]'

/**
 * Credentials shorter than this are not searched for. A real one is longer
 * (the hash is 64 characters); a test value (`'test'`, `'s'`) would have
 * ordinary text cut to pieces ("Test mesajı", `ECONNREFUSED`) while
 * protecting nothing.
 */
const shortestCredential = 8

/** A run this long taken from the hash is cut wherever it stands, even when the rest of the hash is gone. */
const shortestFragment = 8

/**
 * The shape of a credential that is looked for in pieces: long hexadecimal
 * text, as the hash (64 characters) and the panel's API keys (32) are.
 * The hash is what a request carries, so it is what a server or a proxy
 * can quote cut off ("the first 100 bytes of your request"); the secret
 * never leaves the process and can only turn up whole. Pieces are looked
 * for in hex-shaped credentials only: a piece of a secret made of words
 * (`transport-secret`) would match ordinary text.
 */
const hashShape = /^[0-9a-f]{32,}$/i

/** A cut-off credential's first characters at the very end of a snippet are trimmed from this many on. */
const shortestTail = 4

function searched(secrets: readonly string[]): string[] {
  return secrets.filter((secret) => secret.length >= shortestCredential)
}

function pattern(secret: string): RegExp {
  return new RegExp(secret.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'gi')
}

/** Every run of {@link shortestFragment} characters in the hash-shaped credentials, in lower case. */
function piecesOf(secrets: readonly string[]): Set<string> {
  const pieces = new Set<string>()
  for (const secret of secrets.filter((candidate) => hashShape.test(candidate))) {
    const folded = secret.toLowerCase()
    for (let start = 0; start + shortestFragment <= folded.length; start++) pieces.add(folded.slice(start, start + shortestFragment))
  }
  return pieces
}

function pieceAt(text: string, start: number, pieces: ReadonlySet<string>): boolean {
  return pieces.has(text.slice(start, start + shortestFragment).toLowerCase())
}

/**
 * Which characters of `text` belong to a credential: every copy of one,
 * case ignored (a server that echoes the hash in upper case leaks it too),
 * and every run of {@link shortestFragment} or more characters taken from a
 * hash-shaped one, wherever it stands. The one finder behind error
 * messages, logs and recordings (the recorder of `iletimerkezi/testing`
 * writes nothing it marks). Credentials under {@link shortestCredential}
 * characters are not looked for.
 */
export function credentialMarks(text: string, secrets: readonly string[]): Uint8Array {
  const real = searched(secrets)
  const marks = new Uint8Array(text.length)
  for (const secret of real) {
    for (const found of text.matchAll(pattern(secret))) marks.fill(1, found.index, found.index + found[0].length)
  }
  const pieces = piecesOf(real)
  if (pieces.size > 0) {
    for (let start = 0; start + shortestFragment <= text.length; start++) {
      if (pieceAt(text, start, pieces)) marks.fill(1, start, start + shortestFragment)
    }
  }
  return marks
}

/**
 * Cuts every credential, and every piece of a hash-shaped one, out of a
 * text meant for an error, a log or a file: each run {@link credentialMarks}
 * marks becomes one `replacement` (`[redacted]` unless given).
 */
export function redact(text: string, secrets: readonly string[], replacement = placeholder): string {
  const marks = credentialMarks(text, secrets)
  if (!marks.includes(1)) return text
  let result = ''
  for (let index = 0; index < text.length; index++) {
    if (marks[index] === 0) result += text[index]
    else if (index === 0 || marks[index - 1] === 0) result += replacement
  }
  return result
}

/** `text` without a credential's first characters at its end (what a cut through a credential leaves). */
function trimTail(text: string, secrets: readonly string[]): string {
  let result = text
  for (const secret of secrets) {
    const folded = secret.toLowerCase()
    for (let size = Math.min(secret.length - 1, result.length); size >= shortestTail; size--) {
      if (result.slice(-size).toLowerCase() === folded.slice(0, size)) {
        result = result.slice(0, -size)
        break
      }
    }
  }
  return result
}

/**
 * At most `length` characters of a text taken from outside (a body, a
 * parser's or a server's message), with no credential in it: redacted
 * first (whole copies and pieces), then cut, then cleared of a
 * credential's first characters left at the end. Nothing is to be
 * appended to the result: the end of a cut is only safe as the end.
 */
export function snippet(text: string, secrets: readonly string[], length = 200): string {
  const real = searched(secrets)
  return trimTail(redact(text, real).slice(0, length), real)
}

// More than any fetch error holds (undici's: an error, its cause, a socket summary).
const visitLimit = 500
// Longer texts (a whole body in an error) are not searched: they count as holding a credential.
const longestSearchedText = 65_536

/** Whether `text` holds a credential, or a piece of the hash. */
function holdsCredential(text: string, secrets: readonly string[], pieces: ReadonlySet<string>): boolean {
  if (text.length > longestSearchedText) return true
  const folded = text.toLowerCase()
  if (secrets.some((secret) => folded.includes(secret.toLowerCase()))) return true
  for (let start = 0; start + shortestFragment <= text.length; start++) if (pieceAt(text, start, pieces)) return true
  return false
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

let engineStackGetters: ReadonlySet<unknown> | undefined

/**
 * The getters of the engine's own `stack` accessors. From Node 22 (and in
 * other V8 runtimes) an error's `stack` is an own accessor, where Node 20 has
 * a data property: reading it formats the captured frames under the error's
 * name and message, or gives back what was assigned to `stack`, and computes
 * nothing of its own. Taken from probes of this realm, so an engine with a
 * data `stack` yields none; `Error.captureStackTrace` on a plain object
 * installs another pair.
 */
function stackGetters(): ReadonlySet<unknown> {
  if (engineStackGetters !== undefined) return engineStackGetters
  const probes: object[] = [new Error('probe')]
  const capture = (Error as { captureStackTrace?: unknown }).captureStackTrace
  if (typeof capture === 'function') {
    const plain = {}
    capture(plain)
    probes.push(plain)
  }
  const getters = new Set<unknown>()
  for (const probe of probes) {
    const getter = Object.getOwnPropertyDescriptor(probe, 'stack')?.get
    if (getter !== undefined) getters.add(getter)
  }
  engineStackGetters = getters
  return getters
}

/**
 * The values `value` holds in its own properties (enumerable or not, symbols
 * too), or `undefined` when one is an accessor the engine did not install:
 * a getter could compute anything, so it is not called. The engine's `stack`
 * getter is called only once every other property is known to be data, as
 * it reads the error's name and message.
 */
function ownValues(value: object): unknown[] | undefined {
  const values: unknown[] = []
  const stacks: Array<() => unknown> = []
  for (const name of Reflect.ownKeys(value)) {
    const descriptor = Object.getOwnPropertyDescriptor(value, name)
    if (descriptor === undefined) continue
    if ('value' in descriptor) values.push(descriptor.value)
    else if (name === 'stack' && stackGetters().has(descriptor.get)) stacks.push(descriptor.get!)
    else return undefined
  }
  for (const getter of stacks) values.push(getter.call(value))
  return values
}

/**
 * Whether a credential, or a piece of the hash, could be reached from `error`: every own property
 * (enumerable or not, symbols too) of everything it holds, causes and
 * `errors` included, and the stack whichever way the engine keeps it.
 * Opaque things, getters, throwing proxies and graphs too large to walk
 * count as holding one: they are not passed on unread.
 */
function mentions(error: unknown, secrets: readonly string[]): boolean {
  const pieces = piecesOf(secrets)
  const seen = new Set<object>()
  const queue: unknown[] = [error]
  try {
    while (queue.length > 0) {
      const value = queue.pop()
      if (typeof value === 'string') {
        if (holdsCredential(value, secrets, pieces)) return true
        continue
      }
      if (value === null || (typeof value !== 'object' && typeof value !== 'function')) continue
      if (seen.has(value)) continue
      if (isOpaque(value) || seen.size >= visitLimit) return true
      seen.add(value)
      const values = ownValues(value)
      if (values === undefined) return true
      for (const held of values) queue.push(held)
    }
    return false
  } catch {
    // A proxy or a stack formatter that throws: whatever it hides is not passed on.
    return true
  }
}

const copiedMessageLength = 500

/**
 * The underlying error as `cause`, unless a credential could be reached
 * from it (some fetch mocks echo the request body, some errors hold the
 * Request): then a copy with its name, redacted message and system `code`
 * (`ECONNRESET`) only.
 */
export function safeCause(error: unknown, secrets: readonly string[]): unknown {
  if (!mentions(error, searched(secrets))) return error
  let message = 'unreadable error'
  let name = 'Error'
  let code: unknown
  try {
    message = String(error instanceof Error ? error.message : error)
    name = error instanceof Error ? String(error.name) : 'Error'
    code = error instanceof Error ? ((error as { code?: unknown }).code ?? (error.cause as { code?: unknown } | undefined)?.code) : undefined
  } catch {
    // Keeps the placeholders above.
  }
  const copy: Error & { code?: string } = new Error(snippet(message, secrets, copiedMessageLength))
  copy.name = snippet(name, secrets, copiedMessageLength)
  if (typeof code === 'string' && /^[A-Z0-9_]{1,40}$/.test(code)) copy.code = code
  return copy
}
