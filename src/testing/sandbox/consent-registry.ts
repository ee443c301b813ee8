import { formatDateTime, parseTurkeyDateTime, turkeyInstant, type TurkeyClock } from '../../schemas/turkey-time.js'
import { isPhoneNumber } from './handlers/phone-number.js'
import { canonicalNumber } from './messaging-store.js'

/** A consent as the sandbox's İYS keeps it; the dates as the wire writes them (`yyyy-MM-dd HH:mm:ss`, Turkey time). */
export interface SandboxConsent {
  /** The brand code the record is under. */
  brandCode: string
  /** The phone number or e-mail address. */
  recipient: string
  /** `BIREYSEL` (a person) or `TACIR` (a business). */
  recipientType: 'BIREYSEL' | 'TACIR'
  /** The channel. */
  type: 'MESAJ' | 'EPOSTA' | 'ARAMA'
  /** `ONAY` (consent given) or `RET` (refused). */
  status: 'ONAY' | 'RET'
  /** `''` for a TACIR record given without one. */
  source: string
  /** `''` for a TACIR record given without one. */
  consentDate: string
}

/** Why İYS refused one record of a request: where (its index in the list) and why, in İYS's `errors` form. */
export interface ConsentRefusal {
  /** The record's place in the request, counted from 0. */
  index: number
  /** The field at fault. */
  field: string
  /** What is wrong with it. */
  message: string
}

const recipientTypes = ['BIREYSEL', 'TACIR']
const types = ['MESAJ', 'EPOSTA', 'ARAMA']
const statuses = ['ONAY', 'RET']
const earliest: TurkeyClock = { year: 2015, month: 5, day: 1, hour: 0, minute: 0, second: 0 }
const email = /^[^\s@]+@[^\s@.]+(?:\.[^\s@.]+)+$/

const text = (value: unknown) => (typeof value === 'string' || typeof value === 'number' ? String(value).trim() : '')

/** The recipient İYS files a record under: a phone number in `+90…` form, an e-mail address in lower case. */
function filedRecipient(type: string, recipient: string): string {
  return type === 'EPOSTA' ? recipient.toLowerCase() : canonicalNumber(recipient)
}

const keyOf = (record: Pick<SandboxConsent, 'recipient' | 'recipientType' | 'type'>) => `${record.recipientType}\u0000${record.type}\u0000${record.recipient}`

/**
 * The sandbox's İYS: consent records per brand code, with İYS's rules (a
 * recipient's first record cannot be RET; a consent date from 2015-05-01 up
 * to now, Turkey time; a BIREYSEL record needs its source and date). A
 * request is taken whole or refused whole.
 */
export class ConsentRegistry {
  /** The brand codes the account has on İYS; consent/show for any other answers `consent: []`. */
  readonly brands: Set<string>
  private readonly records = new Map<string, Map<string, SandboxConsent>>()

  constructor(brands: Iterable<string>, seed: Iterable<SandboxConsent> = []) {
    this.brands = new Set(brands)
    for (const record of seed) this.file(record)
  }

  /** Every record, brand by brand. */
  all(): SandboxConsent[] {
    return [...this.records.values()].flatMap((records) => [...records.values()])
  }

  /** The record for one recipient on one channel and list, if İYS has one. */
  find(brandCode: string, recipient: string, type: string, recipientType: string): SandboxConsent | undefined {
    return this.records.get(brandCode)?.get(keyOf({ recipient: filedRecipient(type, recipient), type: type as SandboxConsent['type'], recipientType: recipientType as SandboxConsent['recipientType'] }))
  }

  /** Whether a number may get a commercial SMS on `list`: an ONAY for MESAJ under any of the account's brands. */
  allowsSms(number: string, list: 'BIREYSEL' | 'TACIR'): boolean {
    for (const brand of this.brands) if (this.find(brand, number, 'MESAJ', list)?.status === 'ONAY') return true
    return false
  }

  /** Files a request's records, all or none: the refusals when any record breaks a rule. */
  add(brandCode: string, list: readonly unknown[], now: number): ConsentRefusal[] {
    const refusals: ConsentRefusal[] = []
    const checked: SandboxConsent[] = []
    // A recipient's first record cannot be RET, whether it comes before this request or earlier in it.
    const known = new Set<string>()
    list.forEach((item, index) => {
      const record = this.read(brandCode, item, index, now, refusals)
      if (record === undefined) return
      const key = keyOf(record)
      if (record.status === 'RET' && !known.has(key) && this.records.get(brandCode)?.has(key) !== true) {
        refusals.push({ index, field: 'status', message: 'the first record for a recipient cannot be RET' })
        return
      }
      known.add(key)
      checked.push(record)
    })
    if (refusals.length === 0) for (const record of checked) this.file(record)
    return refusals
  }

  private file(record: SandboxConsent): void {
    let records = this.records.get(record.brandCode)
    if (records === undefined) this.records.set(record.brandCode, (records = new Map()))
    const filed = { ...record, recipient: filedRecipient(record.type, record.recipient) }
    records.set(keyOf(filed), filed)
  }

  private read(brandCode: string, item: unknown, index: number, now: number, refusals: ConsentRefusal[]): SandboxConsent | undefined {
    const field = (name: string) => text((item as Record<string, unknown> | undefined)?.[name])
    const refuse = (name: string, message: string) => {
      refusals.push({ index, field: name, message })
      return undefined
    }
    const [recipient, recipientType, type, status, source, consentDate] = ['recipient', 'recipientType', 'type', 'status', 'source', 'consentDate'].map(field) as string[]
    if (!recipientTypes.includes(recipientType!)) return refuse('recipientType', 'must be BIREYSEL or TACIR')
    if (!types.includes(type!)) return refuse('type', 'must be MESAJ, EPOSTA or ARAMA')
    if (!statuses.includes(status!)) return refuse('status', 'must be ONAY or RET')
    if (!(type === 'EPOSTA' ? email.test(recipient!) : isPhoneNumber(recipient!))) return refuse('recipient', `not a valid recipient for ${type}`)
    if (recipientType === 'BIREYSEL' && (source === '' || consentDate === '')) return refuse(source === '' ? 'source' : 'consentDate', 'required for BIREYSEL')
    if (source !== '' && !/^HS_[A-Z_]+$/.test(source!)) return refuse('source', 'not an İYS source code')
    if (consentDate !== '') {
      const clock = parseTurkeyDateTime(consentDate!)
      if (clock === undefined) return refuse('consentDate', 'must be yyyy-MM-dd HH:mm:ss')
      if (turkeyInstant(clock) < turkeyInstant(earliest)) return refuse('consentDate', 'may not be before 2015-05-01')
      if (turkeyInstant(clock) > now) return refuse('consentDate', 'may not be in the future')
    }
    return {
      brandCode,
      recipient: recipient!,
      recipientType: recipientType as SandboxConsent['recipientType'],
      type: type as SandboxConsent['type'],
      status: status as SandboxConsent['status'],
      source: source!,
      consentDate: consentDate === '' ? '' : formatDateTime(parseTurkeyDateTime(consentDate!)!),
    }
  }
}
