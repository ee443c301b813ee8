import { StatusCode } from '../../status/status-codes.js'
import type { HandlerReply } from './handlers/handler.js'
import type { SandboxSettings } from './settings.js'

// An IPv4 peer on a dual-stack socket shows as `::ffff:127.0.0.1`; an allowlist names it `127.0.0.1`.
const plainAddress = (address: string) => address.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, '').toLowerCase()

/**
 * The account settings' 401s, for a request whose key and hash are right:
 * "Allow API access" off (the wording of the provider's 2026 tests), or a
 * caller outside the IP allowlist (the docs: the same "Üyelik bilgileri
 * hatalı" as a wrong key).
 */
export function accountRefusal(settings: SandboxSettings, remoteAddress: string | undefined): HandlerReply | undefined {
  if (!settings.apiAccess) return { code: StatusCode.Unauthorized, message: 'API erişim izniniz yok' }
  const allowed = settings.allowedIps
  if (allowed !== undefined && (remoteAddress === undefined || !allowed.some((address) => plainAddress(address) === plainAddress(remoteAddress)))) {
    return { code: StatusCode.Unauthorized }
  }
  return undefined
}
