/**
 * The longest run of `secret` (case ignored) found anywhere in `text`: the redaction rule's own measure
 * (no 8-character piece of a credential may show), checked by every test of errors, recordings and causes.
 */
export function longestPiece(text: string, secret: string): number {
  const folded = text.toLowerCase()
  const wanted = secret.toLowerCase()
  let longest = 0
  for (let start = 0; start < wanted.length; start++) {
    for (let end = wanted.length; end - start > longest; end--) {
      if (folded.includes(wanted.slice(start, end))) {
        longest = end - start
        break
      }
    }
  }
  return longest
}
