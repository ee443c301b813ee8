import { isRecord } from '../../wire/tree.js'

/**
 * Personal data in a decoded request or response, and the stand-ins that
 * replace it in a recording (KVKK: a recording is committed, so it must not
 * hold anyone's number, name, e-mail or message).
 *
 * Why stand-ins are numbered, not hashed: phone numbers are a small space
 * (some 10^9 Turkish mobiles), so any pseudonym computed from the value by
 * an unkeyed hash, or by a keyed one whose key lies beside the recording,
 * is reversed by trying every number. Here the n-th distinct value of a
 * kind met in a recording becomes the n-th stand-in (`05990000001`,
 * `Name1`, `person1@example.com`). The mapping lives in memory while the
 * recording is made and is never written: a stand-in says nothing about
 * the value it replaced. It is stable everywhere in the recording (a
 * contact created, then fetched, keeps one stand-in); at replay the mapping
 * is re-derived by binding each live value to the recorded stand-in in the
 * same place of the first case it matches (see `match-request.ts`).
 */

/** The kinds of personal data the recorder masks. */
export type PersonalKind = 'phone' | 'name' | 'surname' | 'email' | 'text'

/**
 * Which field holds personal data, by its name and the path to it. `name`
 * is a person's only under a contact (a group's name is not); `status.message`
 * is the provider's wording, not a person's, so `message` is not masked.
 */
export function personalKindAt(path: readonly string[]): PersonalKind | undefined {
  const field = path[path.length - 1]
  switch (field) {
    case 'gsm':
    case 'number':
      return 'phone'
    case 'surname':
      return 'surname'
    case 'email':
      return 'email'
    case 'text':
      return 'text'
    case 'name':
      return path.some((segment) => segment === 'contact' || segment === 'contacts') ? 'name' : undefined
    case 'key':
      // A search keyword may be a name or a number: masked as what it looks like.
      return path[path.length - 2] === 'search' ? 'text' : undefined
    default:
      return undefined
  }
}

const nationalDigits = 10

/** A phone number's identity: its last ten digits, however it is spelled (`0532…`, `+90532…`, `532…`). */
export function phoneIdentity(value: string | number): string {
  const digits = String(value).replace(/\D/g, '')
  return digits.length > nationalDigits ? digits.slice(-nationalDigits) : digits
}

function looksLikePhone(text: string): boolean {
  return /^\s*\+?[\d\s()-]{7,}$/.test(text) && phoneIdentity(text).length >= 7
}

function looksLikeEmail(text: string): boolean {
  return /^[^@\s]+@[^@\s]+$/.test(text)
}

/** The kind a search keyword (or any text) looks like: a number, an e-mail, or free text. */
function kindOfText(text: string): PersonalKind {
  if (looksLikePhone(text)) return 'phone'
  if (looksLikeEmail(text)) return 'email'
  return 'text'
}

// The stand-in's digits, in the original's spelling: same length, same punctuation, the trunk 0 or
// country code kept. National part 599 + counter: a plausible mobile number no operator assigns.
function phoneStandIn(original: string | number, serial: number): string | number {
  const text = String(original)
  const digitCount = text.replace(/\D/g, '').length
  const national = `599${String(serial).padStart(nationalDigits - 3, '0')}`.slice(-Math.min(nationalDigits, digitCount))
  const kept = text.replace(/\D/g, '').slice(0, Math.max(0, digitCount - national.length))
  const digits = (kept + national).split('')
  const spelled = text.replace(/\d/g, () => digits.shift() ?? '')
  return typeof original === 'number' ? Number(spelled) : spelled
}

function standIn(kind: PersonalKind, original: string | number, serial: number): string | number {
  switch (kind) {
    case 'phone':
      return phoneStandIn(original, serial)
    case 'name':
      return `Name${serial}`
    case 'surname':
      return `Surname${serial}`
    case 'email':
      return `person${serial}@example.com`
    case 'text':
      return `Masked text ${serial}`
  }
}

const standInPatterns: Readonly<Record<PersonalKind, RegExp>> = {
  phone: /599(\d{7})(?!\d)/g,
  name: /(?<![A-Za-z])Name(\d+)/g,
  surname: /Surname(\d+)/g,
  email: /person(\d+)@example\.com/g,
  text: /Masked text (\d+)/g,
}

/** The serial a whole value carries as a stand-in (`Name3` → 3, `05990000003` → 3); undefined for a real value. */
export function serialInStandIn(kind: PersonalKind, text: string): number | undefined {
  const candidate = kind === 'phone' ? phoneIdentity(text) : text
  const pattern = new RegExp(`^${standInPatterns[kind].source.replace('(?!\\d)', '')}$`)
  const found = pattern.exec(candidate)
  return found ? Number(found[1]) : undefined
}

/** The highest stand-in serial of each kind found anywhere in some text (a recording's files). */
export function highestSerials(text: string): Map<PersonalKind, number> {
  const highest = new Map<PersonalKind, number>()
  for (const kind of Object.keys(standInPatterns) as PersonalKind[]) {
    for (const found of text.matchAll(standInPatterns[kind])) highest.set(kind, Math.max(highest.get(kind) ?? 0, Number(found[1])))
  }
  return highest
}

/** The identity a value is mapped by: phone numbers by their digits, the rest as written. */
export function identityOf(kind: PersonalKind, value: string | number): string {
  return kind === 'phone' ? `phone:${phoneIdentity(value)}` : `${kind}:${String(value)}`
}

/**
 * One recording's (or one replay's) mapping from personal values to
 * stand-ins, assigned in order of first appearance, kept in memory only.
 */
export class Masker {
  // A value's identity → its stand-in's serial; `kind:serial` → the identity; the last serial per kind.
  private readonly serialOf = new Map<string, number>()
  private readonly owners = new Map<string, string>()
  private readonly lastSerial = new Map<PersonalKind, number>()

  /** Record that the value `identity` stands behind stand-in `serial` of `kind` (a replay's binding). */
  bind(kind: PersonalKind, identity: string, serial: number): void {
    this.serialOf.set(identity, serial)
    this.owners.set(`${kind}:${serial}`, identity)
    this.reserve(kind, serial)
  }

  /** Marks serials up to `serial` of `kind` as taken (by a recording being added to). */
  reserve(kind: PersonalKind, serial: number): void {
    if (serial > (this.lastSerial.get(kind) ?? 0)) this.lastSerial.set(kind, serial)
  }

  /** The serial a value's identity was given or bound to. */
  serialFor(identity: string): number | undefined {
    return this.serialOf.get(identity)
  }

  /** The identity behind a stand-in, if one is known. */
  valueFor(kind: PersonalKind, serial: number): string | undefined {
    return this.owners.get(`${kind}:${serial}`)
  }

  /** The stand-in for one value found at `path`; values not personal come back as they are. */
  maskValue(path: readonly string[], value: string | number): string | number {
    let kind = personalKindAt(path)
    if (kind === undefined || String(value).trim() === '') return value
    if (path[path.length - 1] === 'key') {
      // A search keyword already met as a name or a number gets that value's stand-in.
      const known = (['name', 'surname', 'email', 'phone'] as const).find((candidate) => this.serialOf.has(identityOf(candidate, value)))
      kind = known ?? kindOfText(String(value))
    }
    const identity = identityOf(kind, value)
    let serial = this.serialOf.get(identity)
    if (serial === undefined) {
      serial = (this.lastSerial.get(kind) ?? 0) + 1
      this.bind(kind, identity, serial)
    }
    // A phone number keeps its own spelling (with or without 0, +90, as a JSON number).
    return standIn(kind, value, serial)
  }

  /** A copy of a decoded tree with every personal value replaced. */
  maskTree<T>(tree: T, path: readonly string[] = []): T {
    if (Array.isArray(tree)) return tree.map((item) => this.maskTree(item, path)) as T
    if (isRecord(tree)) {
      return Object.fromEntries(Object.entries(tree).map(([name, child]) => [name, this.maskTree(child, [...path, name])])) as T
    }
    if (typeof tree === 'string' || typeof tree === 'number') return this.maskValue(path, tree) as T
    return tree
  }

  /** (original, stand-in) text pairs for the values given that have one, longest first: for bodies no codec can read. */
  replacements(originals: Iterable<string>): [string, string][] {
    const pairs: [string, string][] = []
    for (const original of originals) {
      for (const kind of ['phone', 'name', 'surname', 'email', 'text'] as const) {
        const serial = this.serialOf.get(identityOf(kind, original))
        if (serial !== undefined) pairs.push([original, String(standIn(kind, original, serial))])
      }
    }
    return pairs.sort((a, b) => b[0].length - a[0].length)
  }
}

/** Every personal value in a decoded tree, as text: what must not reach a file. */
export function personalValues(tree: unknown, path: readonly string[] = [], found: Set<string> = new Set()): Set<string> {
  if (Array.isArray(tree)) for (const item of tree) personalValues(item, path, found)
  else if (isRecord(tree)) for (const [name, child] of Object.entries(tree)) personalValues(child, [...path, name], found)
  else if ((typeof tree === 'string' || typeof tree === 'number') && String(tree).trim() !== '' && personalKindAt(path) !== undefined) found.add(String(tree))
  return found
}

/** A copy of a decoded tree with every credential (inside any text, as a server may echo it) written as its placeholder. */
export function scrubCredentials<T>(tree: T, credentials: readonly (readonly [string, string])[]): T {
  if (Array.isArray(tree)) return tree.map((item) => scrubCredentials(item, credentials)) as T
  if (isRecord(tree)) return Object.fromEntries(Object.entries(tree).map(([name, child]) => [name, scrubCredentials(child, credentials)])) as T
  if (typeof tree === 'string') return scrubText(tree, credentials) as T
  return tree
}

/** Text with every credential written as its placeholder. */
export function scrubText(text: string, credentials: readonly (readonly [string, string])[]): string {
  let scrubbed = text
  for (const [secret, placeholder] of credentials) if (secret !== '') scrubbed = scrubbed.replaceAll(secret, placeholder)
  return scrubbed
}
