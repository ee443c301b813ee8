// The provider writes its Turkish reason phrase ('İşlem başarılı') in the status line as raw UTF-8.
// An HTTP status line is bytes: fetch hands them over one character per byte (Latin-1), and a
// Response or Node's writeHead takes them the same way. One rule, both directions: the transport
// reads, the sandbox and the recorder write.

/** A status line's reason phrase as fetch gives it, read as the UTF-8 it was written in (left as it is if it is not UTF-8). */
export function readReasonPhrase(statusText: string): string {
  if (!/[\u0080-\u00ff]/.test(statusText) || /[^\u0000-\u00ff]/.test(statusText)) return statusText
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(statusText, (char) => char.charCodeAt(0)))
  } catch {
    return statusText
  }
}

/** `text` as a reason phrase goes on the wire: its UTF-8 bytes, one character per byte. */
export function writeReasonPhrase(text: string): string {
  return Array.from(new TextEncoder().encode(text), (byte) => String.fromCharCode(byte)).join('')
}
