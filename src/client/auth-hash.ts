/**
 * The provider's `hash`: lowercase hex HMAC-SHA256 with the secret as the
 * HMAC key and the API key as the message. Web Crypto, so it runs on every
 * runtime with `crypto.subtle`.
 */
export async function computeHash(key: string, secret: string): Promise<string> {
  const encoder = new TextEncoder()
  const hmacKey = await crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign'])
  const signature = new Uint8Array(await crypto.subtle.sign('HMAC', hmacKey, encoder.encode(key)))
  let hex = ''
  for (const byte of signature) hex += byte.toString(16).padStart(2, '0')
  return hex
}
