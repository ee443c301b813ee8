import { isIP } from 'node:net'
import { ValidationError, type ValidationIssue } from '../../errors/index.js'

/** Which of the provider's backends the sandbox answers as: today's shapes, or those before October 2024. */
export type SandboxBackend = 'current' | 'legacy'

/**
 * The account settings and production behaviours the sandbox imitates,
 * switchable while it runs: `sandbox.store.settings.apiAccess = false`.
 */
export interface SandboxSettings {
  /**
   * `'legacy'`: answer in the pre-October-2024 shapes (JSON lists in their
   * XML-style wrappers, `groups.group[].id` on contacts, numbers as text).
   * Default `'current'`.
   */
  backend: SandboxBackend
  /** 451 for an order with the same text to the same recipients as one placed in the last 10 minutes. Default on, as in production. */
  duplicateOrders: boolean
  /** Requests a second the account may make (the provider's is 100 messages a second); over it, 429 with `Retry-After`. Default off (`undefined`). */
  rateLimit: number | undefined
  /** gzip or deflate answers when the request's `Accept-Encoding` allows, as the provider's servers send. Default on. */
  compression: boolean
  /** The panel's "Allow API access"; off, every call is 401 "API erişim izniniz yok". Default on. */
  apiAccess: boolean
  /** The panel's IP allowlist; a call from any other address is 401. Default `undefined`: any address. */
  allowedIps: readonly string[] | undefined
  /**
   * Whether the account has its İYS brand code set; without one, an order
   * asking for İYS checks (`iys: 1`) is 470 and the consent endpoints answer
   * 403 "Aktif abonelik bulunamadı". Default on.
   */
  iysConfigured: boolean
  /**
   * For an order with `iys: 1`, deliver only to recipients with an ONAY
   * record for SMS (MESAJ) on the order's list (`iysList`) under one of the
   * account's brands (`store.consents`); the others get message status 112.
   * The sandbox's reading: the provider documents no per-recipient outcome.
   * Default on.
   */
  iysConsentCheck: boolean
}

const backends: readonly SandboxBackend[] = ['current', 'legacy']

export const defaultSettings: Readonly<SandboxSettings> = {
  backend: 'current',
  duplicateOrders: true,
  rateLimit: undefined,
  compression: true,
  apiAccess: true,
  allowedIps: undefined,
  iysConfigured: true,
  iysConsentCheck: true,
}

const describe = (value: unknown) => (typeof value === 'string' ? JSON.stringify(value) : Array.isArray(value) ? 'an array' : String(value))

type SettingsInput = Partial<Record<keyof SandboxSettings, unknown>>

// Every wrong switch, not only the first: `rateLimit: must be … (got 0)`.
function issuesOf(options: SettingsInput): ValidationIssue[] {
  const issues: ValidationIssue[] = []
  const refuse = (path: string, expected: string, value: unknown) => issues.push({ path, message: `must be ${expected} (got ${describe(value)})` })
  const { backend, rateLimit, allowedIps } = options
  if (backend !== undefined && !backends.includes(backend as SandboxBackend)) refuse('backend', `one of ${backends.map((name) => `'${name}'`).join(', ')}`, backend)
  for (const name of ['duplicateOrders', 'compression', 'apiAccess', 'iysConfigured', 'iysConsentCheck'] as const) {
    if (options[name] !== undefined && typeof options[name] !== 'boolean') refuse(name, 'true or false', options[name])
  }
  if (rateLimit !== undefined && !(typeof rateLimit === 'number' && Number.isInteger(rateLimit) && rateLimit >= 1)) {
    refuse('rateLimit', 'a whole number of requests a second, 1 or more', rateLimit)
  }
  if (allowedIps !== undefined && !Array.isArray(allowedIps)) refuse('allowedIps', 'an array of IP addresses', allowedIps)
  else if (allowedIps !== undefined) {
    const wrong = (allowedIps as unknown[]).find((address) => typeof address !== 'string' || isIP(address) === 0)
    if (wrong !== undefined) refuse('allowedIps', 'an array of IP addresses (like "127.0.0.1" or "::1")', wrong)
  }
  return issues
}

/** The settings `startSandbox` was given, each checked: wrong values are a `ValidationError` naming each option. */
export function readSettings(options: SettingsInput): SandboxSettings {
  const issues = issuesOf(options)
  if (issues.length > 0) throw new ValidationError(issues)
  const pick = <Name extends keyof SandboxSettings>(name: Name) => (options[name] === undefined ? defaultSettings[name] : (options[name] as SandboxSettings[Name]))
  return {
    backend: pick('backend'),
    duplicateOrders: pick('duplicateOrders'),
    rateLimit: pick('rateLimit'),
    compression: pick('compression'),
    apiAccess: pick('apiAccess'),
    allowedIps: options.allowedIps === undefined ? undefined : [...(options.allowedIps as string[])],
    iysConfigured: pick('iysConfigured'),
    iysConsentCheck: pick('iysConsentCheck'),
  }
}
