/**
 * The provider's codes for input mistakes, where some paths run through a
 * list: `{ 'messages.*.text': 454 }` also answers for `messages.3.text`.
 * An operation's `inputCodes` is looked up by the exact dotted path of each
 * issue; this record reads every list index in that path as `*`.
 */
export function codesWithIndexes(codes: Readonly<Record<string, number>>): Readonly<Record<string, number>> {
  return new Proxy(codes, {
    get: (target, path) => (typeof path === 'string' ? target[path.replace(/(^|\.)\d+(?=\.|$)/g, '$1*')] : undefined),
  })
}
