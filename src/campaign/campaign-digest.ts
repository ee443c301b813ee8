// Web Crypto has no incremental SHA-256, and a campaign's input is a stream: the digest is a
// chain instead. The campaign's own settings are hashed first; each order's digest is the hash of
// the previous digest and that order's messages. So the last order's digest covers everything
// sent, each order can be checked on its own against a journal, and no more than one order's text
// is ever hashed at once.

const encoder = new TextEncoder()

/** SHA-256 of a text, in hex. */

export async function sha256Hex(text: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', encoder.encode(text)))
  let hex = ''
  for (const byte of digest) hex += byte.toString(16).padStart(2, '0')
  return hex
}

/** What identifies a campaign besides its recipients. */
export interface CampaignIdentity {
  sender: string
  text: string | undefined
  template: string | undefined
  column: string
  perOrder: number
  iys: string
  iysList: string
}

/** The start of the chain: the campaign's settings. */
export function campaignDigest(identity: CampaignIdentity): Promise<string> {
  const { sender, text, template, column, perOrder, iys, iysList } = identity
  return sha256Hex(JSON.stringify(['iletimerkezi-campaign/1', sender, text ?? null, template ?? null, column, perOrder, iys, iysList]))
}

/**
 * Who an order went to, whatever the spelling: SHA-256 of its recipients' keys (see
 * `readRecipientNumber`), sorted. Found again from the numbers the provider's report lists.
 */
export function recipientsDigest(keys: readonly number[]): Promise<string> {
  return sha256Hex([...keys].sort((a, b) => a - b).join(','))
}

/** The next link: the previous digest and one order's messages. */
export function orderDigest(previous: string, messages: readonly { text: string; recipients: readonly string[] }[]): Promise<string> {
  return sha256Hex(`${previous}\n${JSON.stringify(messages)}`)
}
