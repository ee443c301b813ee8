/**
 * A `Retry-After` header in milliseconds from now: delta-seconds (`120`,
 * `1.5`) or an HTTP-date (`Wed, 21 Oct 2025 07:28:00 GMT`). A date in the
 * past is 0; anything else (empty, negative, unreadable) is undefined, so
 * the caller falls back to its own backoff.
 */
export function parseRetryAfter(header: string | null, now = Date.now()): number | undefined {
  const text = header?.trim() ?? ''
  if (/^\d+(?:\.\d+)?$/.test(text)) return Number(text) * 1000
  // Only a date with letters in it (an empty header has none): `Date.parse('-5')` or `Date.parse('12')` would read a year.
  if (!/[a-z]/i.test(text)) return undefined
  const date = Date.parse(text)
  return Number.isNaN(date) ? undefined : Math.max(0, date - now)
}
