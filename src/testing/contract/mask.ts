import { createHmac } from 'node:crypto'
import { statusMessages } from '../../status/status-codes.js'
import { isRecord } from '../../wire/tree.js'

/**
 * Personal data in a decoded request or answer, and the stand-ins that
 * replace it in a recording (KVKK: a recording is committed, so it must not
 * hold anyone's number, name, e-mail or message).
 *
 * Mask by default, keep by exception: every text and number leaf is
 * replaced unless its field is one known to carry no personal data
 * (status codes, ids, counts, prices, dates, the provider's enums and its
 * fixed status messages) AND its value has that field's shape (an "id"
 * holding a phone number is masked). A list of a recording's own safe
 * fields may be added (`mask: { keep }`).
 *
 * Stand-ins keep a value's shape (a phone number stays a phone number in
 * its spelling, a JSON number stays a number), so the recording still
 * decodes and replays. Without a masking key the n-th distinct value of a
 * family becomes the n-th stand-in (`05990000001`, `Name1`); the mapping
 * lives in memory and is never written. With a key, a stand-in is derived
 * from the value by HMAC-SHA256: re-recording the same data writes the
 * same files, and a replay that has the key can check that a request holds
 * the recorded value. Without the key nothing can be reversed: phone
 * numbers are a small space, which is why an unkeyed hash is never used.
 */

/** How a masked value is written: its family and, for text, what the field holds. */
export type StandInKind = 'phone' | 'email' | 'number' | 'name' | 'surname' | 'text'

/** Stand-ins are unique within a family: values of one family never share a stand-in. */
type Family = 'phone' | 'email' | 'number' | 'text'

/** What a recording masks and how. */
export interface MaskSettings {
  /** The masking key (`ILETIMERKEZI_MASK_KEY`): stand-ins derived by HMAC. */
  key?: string | undefined
  /** Dotted paths (or their last names) of fields to keep as they are: `order.sender`, `sender`. */
  keep?: readonly string[] | undefined
}

// ---- digits, in any script

const zeroOf = new Map<string, number>()

// The value of one Unicode decimal digit: digits come in runs of ten from zero (Nd's rule).
function digitValue(digit: string): number {
  const code = digit.codePointAt(0)!
  if (code <= 0x39) return code - 0x30
  let zero = zeroOf.get(digit)
  if (zero === undefined) {
    let start = code
    while (start > 0 && /\p{Nd}/u.test(String.fromCodePoint(start - 1))) start--
    zero = start + Math.floor((code - start) / 10) * 10
    zeroOf.set(digit, zero)
  }
  return code - zero
}

/** Text with every decimal digit, in any script (`０`, `١`, `৫`), written as an ASCII digit. */
export function asciiDigits(text: string): string {
  return text.replace(/\p{Nd}/gu, (digit) => String(digitValue(digit)))
}

const nationalDigits = 10

/** A phone number's identity: its last ten digits, however it is spelled (`0532…`, `+90532…`, `٠٥٣٢…`). */
export function phoneIdentity(value: string | number): string {
  const digits = asciiDigits(String(value)).replace(/\D/g, '')
  return digits.length > nationalDigits ? digits.slice(-nationalDigits) : digits
}

// Ten digits or more, with a phone number's punctuation only: a number is masked as one.
function looksLikePhone(text: string): boolean {
  const ascii = asciiDigits(text)
  return /^\s*\+?[\d\s().\-/]{10,}$/.test(ascii) && ascii.replace(/\D/g, '').length >= nationalDigits
}

function looksLikeEmail(text: string): boolean {
  return /^[^@\s]+@[^@\s]+$/.test(text)
}

// A Turkish TC identity number: 11 digits, the first not 0, two check digits.
function isIdentityNumber(digits: string): boolean {
  if (!/^[1-9]\d{10}$/.test(digits)) return false
  const d = [...digits].map(Number)
  const odd = d[0]! + d[2]! + d[4]! + d[6]! + d[8]!
  const even = d[1]! + d[3]! + d[5]! + d[7]!
  return (((odd * 7 - even) % 10) + 10) % 10 === d[9] && (odd + even + d[9]!) % 10 === d[10]
}

// Digits that could be a person's: a Turkish phone number (any trunk or country prefix) or a TC number.
function personalDigits(digits: string): boolean {
  return /^(0|90|0090)?[2-5]\d{9}$/.test(digits) || isIdentityNumber(digits)
}

// ---- the exceptions: fields known to carry no personal data, with the shape their values must have

const count = (value: string) => /^\d{1,15}$/.test(value) && !personalDigits(value)
const amount = (value: string) => /^\d{1,15}([.,]\d{1,8})?$/.test(value) && !personalDigits(value.split(/[.,]/)[0]!)
const date = (value: string) => /^\d{4}-\d{2}-\d{2}([ T]\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?)?(Z|[+-]\d{2}:?\d{2})?$/.test(value)
const oneOf = (...values: string[]) => (value: string) => values.includes(value)
const providerMessages = new Set(Object.values(statusMessages))

/** By field name: whether a value there is kept. `parent` is the name of the field holding it. */
const keptFields: Readonly<Record<string, (value: string, parent: string | undefined) => boolean>> = {
  code: (value, parent) => parent === 'status' && /^\d{3}$/.test(value),
  // The provider's own wording (its status table); any other message may quote a person.
  message: (value, parent) => parent === 'status' && providerMessages.has(value),
  id: count,
  parent: count,
  groups: count,
  count,
  total: count,
  delivered: count,
  undelivered: count,
  waiting: count,
  page: count,
  rowCount: count,
  sms: count,
  brandCode: count,
  amount,
  price: amount,
  submitAt: date,
  sendAt: date,
  sendDateTime: date,
  start: date,
  end: date,
  consentDate: date,
  status: (value) => /^\d{1,3}$/.test(value) || value === 'ONAY' || value === 'RET',
  iys: oneOf('0', '1'),
  iysList: oneOf('BIREYSEL', 'TACIR'),
  recipientType: oneOf('BIREYSEL', 'TACIR'),
  type: oneOf('MESAJ', 'EPOSTA', 'ARAMA'),
  source: (value) => /^HS_[A-Z_]{2,30}$/.test(value),
}

/** Whether a leaf is kept as it is: a known field with a value of its shape, or a path the caller keeps. */
export function isKept(names: readonly string[], value: string, keep: readonly string[] = []): boolean {
  if (value.trim() === '') return true
  const path = names.join('.')
  if (keep.some((kept) => path === kept || path.endsWith(`.${kept}`))) return true
  const field = names[names.length - 1] ?? ''
  return Object.hasOwn(keptFields, field) && keptFields[field]!(value, names[names.length - 2])
}

// ---- stand-ins

function familyOf(kind: StandInKind): Family {
  return kind === 'name' || kind === 'surname' ? 'text' : kind
}

/** The kind of stand-in a masked value gets: by what it looks like, then by its field. */
export function standInKind(names: readonly string[], value: string | number): StandInKind {
  const text = String(value)
  if (looksLikePhone(text)) return 'phone'
  if (typeof value === 'number' || /^[\p{Nd}\s.,+-]*\p{Nd}[\p{Nd}\s.,+-]*$/u.test(text)) return 'number'
  if (looksLikeEmail(text)) return 'email'
  const field = names[names.length - 1]
  return field === 'name' ? 'name' : field === 'surname' ? 'surname' : 'text'
}

/** What two spellings of one value share: phone numbers by their last ten digits, e-mails case-blind. */
export function identityOf(kind: StandInKind, value: string | number): string {
  const family = familyOf(kind)
  const text = String(value)
  if (family === 'phone') return `phone:${phoneIdentity(text)}`
  if (family === 'number') return `number:${asciiDigits(text).replace(/\D/g, '')}`
  if (family === 'email') return `email:${text.toLowerCase()}`
  return `text:${text.normalize('NFC')}`
}

const tagAlphabet = 'abcdefghijklmnopqrstuvwxyz234567'

/** The keyed tag of a value: digits for numbers, base-32 letters for text. */
function keyedTag(key: string, family: Family, identity: string, attempt: number, digits: number): string {
  const mac = createHmac('sha256', key).update(`${attempt}\u0000${identity}`).digest()
  if (family === 'phone' || family === 'number') {
    let tag = ''
    for (let index = 0; tag.length < digits; index++) tag += String(mac[index % mac.length]! % 10)
    return tag
  }
  let tag = '-'
  for (let index = 0; index < 8; index++) tag += tagAlphabet[mac[index]! % 32]
  return tag
}

// The prefix a phone stand-in keeps: the trunk 0 or the country code, nothing else of the original.
function phonePrefix(original: string, size: number): string {
  const prefix = original.slice(0, size)
  return /^(0|90|090|0090)$/.test(prefix) || prefix === '' ? prefix : '9'.repeat(size)
}

function render(kind: StandInKind, original: string | number, tag: string): string | number {
  const text = String(original)
  const digitCount = asciiDigits(text).replace(/\D/g, '').length
  switch (kind) {
    case 'phone': {
      const national = `599${tag.padStart(7, '0')}`.slice(-Math.min(nationalDigits, digitCount))
      const prefix = phonePrefix(asciiDigits(text).replace(/\D/g, ''), digitCount - national.length)
      const digits = [...(prefix + national)]
      const spelled = text.replace(/\p{Nd}/gu, () => digits.shift() ?? '')
      return typeof original === 'number' ? Number(spelled) : spelled
    }
    case 'number': {
      // Under ten digits, so that it never reads as a phone number.
      const digits = `9${tag.padStart(Math.min(8, Math.max(1, digitCount - 1)), '0')}`
      return typeof original === 'number' ? Number(digits) : digits
    }
    case 'email':
      return `person${tag}@example.com`
    case 'name':
      return `Name${tag}`
    case 'surname':
      return `Surname${tag}`
    case 'text':
      return `Masked text ${tag}`
  }
}

const standInShapes: readonly [Family, RegExp][] = [
  ['email', /^person(\d+|-[a-z2-7]{8})@example\.com$/],
  ['text', /^(?:Name|Surname|Masked text )(\d+|-[a-z2-7]{8})$/],
  ['number', /^9(\d+)$/],
]

/**
 * The stand-in a text is, as `family:tag`, or undefined for a real value.
 * A phone stand-in is known by its national part (`599` and seven digits),
 * whatever its spelling.
 */
export function standInKey(value: string | number): string | undefined {
  const text = String(value)
  if (looksLikePhone(text)) {
    const identity = phoneIdentity(text)
    return /^599\d{7}$/.test(identity) ? `phone:${identity.slice(3)}` : undefined
  }
  for (const [family, shape] of standInShapes) {
    const found = shape.exec(text)
    if (found) return keyFor(family, found[1]!)
  }
  return undefined
}

// A stand-in's name: its family and tag, the tag as parsed back from the written value.
function keyFor(family: Family, tag: string): string {
  if (family === 'phone') return `phone:${tag.padStart(7, '0')}`
  return `${family}:${family === 'number' ? tag.replace(/^0+(?=\d)/, '') : tag}`
}

/** The key's name in a case (`maskKey` in case.json): which key made a recording's stand-ins, not the key. */
export function maskKeyId(key: string): string {
  return createHmac('sha256', key).update('iletimerkezi mask key id').digest('hex').slice(0, 8)
}

/**
 * One recording's (or one replay's) mapping from values to stand-ins,
 * kept in memory only.
 */
export class Masker {
  /** The masking key's id, when there is a key. */
  readonly keyId: string | undefined
  private readonly key: string | undefined
  private readonly keep: readonly string[]
  // A value's identity → its stand-in's `family:tag`; the reverse; tags a recording already holds.
  private readonly keyOf = new Map<string, string>()
  private readonly owners = new Map<string, string>()
  private readonly taken = new Set<string>()
  private readonly lastSerial = new Map<Family, number>()

  constructor(settings: MaskSettings = {}) {
    this.key = settings.key === undefined || settings.key === '' ? undefined : settings.key
    this.keyId = this.key === undefined ? undefined : maskKeyId(this.key)
    this.keep = settings.keep ?? []
  }

  /** The kind of stand-in a value at `names` gets; undefined when it is kept as it is. */
  kindAt(names: readonly string[], value: unknown): StandInKind | undefined {
    if (typeof value !== 'string' && typeof value !== 'number') return undefined
    if (isKept(names, String(value), this.keep)) return undefined
    return standInKind(names, value)
  }

  /** Marks a stand-in found in a recording as taken, so that no new value is given it (`update` mode). */
  reserve(standIn: string): void {
    this.taken.add(standIn)
  }

  /** Binds a live value to the recorded stand-in it matched (a replay without the key). */
  bind(identity: string, standIn: string): void {
    this.keyOf.set(identity, standIn)
    this.owners.set(standIn, identity)
  }

  /** The recorded stand-in a live value was bound to, if any. */
  boundTo(identity: string): string | undefined {
    return this.keyOf.get(identity)
  }

  /** The live value bound to a stand-in, if any. */
  ownerOf(standIn: string): string | undefined {
    return this.owners.get(standIn)
  }

  /**
   * The stand-ins the key could have given a value (the first unless two
   * values met in one recording): what a replay with the key checks a
   * recorded stand-in against.
   */
  keyedCandidates(kind: StandInKind, value: string | number): string[] {
    if (this.key === undefined) return []
    const family = familyOf(kind)
    const identity = identityOf(kind, value)
    const candidates: string[] = []
    for (let attempt = 0; attempt < 8; attempt++) candidates.push(keyFor(family, keyedTag(this.key, family, identity, attempt, this.tagDigits(kind))))
    return candidates
  }

  private tagDigits(kind: StandInKind): number {
    return kind === 'phone' ? 7 : 8
  }

  /** The stand-in for one value of a kind: the same one each time the value is met. */
  standIn(kind: StandInKind, value: string | number): string | number {
    const family = familyOf(kind)
    const identity = identityOf(kind, value)
    const known = this.keyOf.get(identity)
    if (known !== undefined && known.startsWith(`${family}:`)) return render(kind, value, known.slice(family.length + 1))
    for (let attempt = 0; ; attempt++) {
      const tag = this.key === undefined ? String(this.nextSerial(family)) : keyedTag(this.key, family, identity, attempt, this.tagDigits(kind))
      const standIn = keyFor(family, tag)
      if (this.owners.has(standIn) || this.taken.has(standIn)) continue
      this.bind(identity, standIn)
      return render(kind, value, tag)
    }
  }

  private nextSerial(family: Family): number {
    const serial = (this.lastSerial.get(family) ?? 0) + 1
    this.lastSerial.set(family, serial)
    return serial
  }

  /** A copy of a decoded tree with every leaf not known to be safe replaced by its stand-in. */
  maskTree<T>(tree: T, names: readonly string[] = []): T {
    if (Array.isArray(tree)) return tree.map((item) => this.maskTree(item, names)) as T
    if (isRecord(tree)) {
      return Object.fromEntries(Object.entries(tree).map(([name, child]) => [name, this.maskTree(child, [...names, name])])) as T
    }
    const kind = this.kindAt(names, tree)
    return kind === undefined ? tree : (this.standIn(kind, tree as string | number) as T)
  }
}

/** Every stand-in in a decoded tree, as `family:tag`: what a recording already uses. */
export function standInsIn(tree: unknown, found: Set<string> = new Set()): Set<string> {
  if (Array.isArray(tree)) for (const item of tree) standInsIn(item, found)
  else if (isRecord(tree)) for (const child of Object.values(tree)) standInsIn(child, found)
  else if (typeof tree === 'string' || typeof tree === 'number') {
    const standIn = standInKey(tree)
    if (standIn !== undefined) found.add(standIn)
  }
  return found
}

/** A copy of a decoded tree with `rewrite` applied to every text leaf. */
export function mapTexts<T>(tree: T, rewrite: (text: string) => string): T {
  if (Array.isArray(tree)) return tree.map((item) => mapTexts(item, rewrite)) as T
  if (isRecord(tree)) return Object.fromEntries(Object.entries(tree).map(([name, child]) => [name, mapTexts(child, rewrite)])) as T
  if (typeof tree === 'string') return rewrite(tree) as T
  return tree
}

// Words an unreadable answer keeps: markup and the API's own names, none of them anyone's data.
const markupWords = new Set(
  (
    'html head body title meta charset content http equiv doctype public xhtml dtd en tr lang h1 h2 h3 h4 p div span pre center hr br a href ' +
    'style table tr td th ul li b i em strong class text xml version encoding utf amp lt gt quot apos nbsp cdata ' +
    'response request status code message error errors bad gateway service unavailable temporarily not found internal server forbidden ' +
    'unauthorized too many requests timeout time out nginx apache cloudflare proxy upstream the of is was and or ' +
    'authentication key hash contacts contact id name surname email gsm groups group custom_fields custom_field value senders sender ' +
    'order orders report reports balance amount sms blacklist number count page rowcount total delivered undelivered waiting ' +
    'submitat sendat price children parent search filter start end iys iyslist receipents sendDateTime consent consents brandcode ' +
    'recipient recipienttype type source consentdate true false null'
  )
    .toLowerCase()
    .split(/\s+/),
)

/**
 * An answer no codec can read (an HTML page, a cut-off body) with every
 * word that is not markup or one of the API's names written as `x`s and
 * every digit (in any script) as `0`: same length, same markup, cut at the
 * same place, nobody's name, number or message left.
 */
export function scrubUnreadable(text: string): string {
  return text.replace(/[\p{L}\p{M}\p{N}_]+/gu, (word) => (markupWords.has(word.toLowerCase()) ? word : word.replace(/\p{N}/gu, '0').replace(/[\p{L}\p{M}_]/gu, 'x')))
}
