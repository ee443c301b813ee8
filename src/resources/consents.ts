import type { CallOperation } from '../client/call-operation.js'
import type { CallOptions } from '../client/client-options.js'
import type { ConsentRecipientType, ConsentRecord, ConsentType, StoredConsent } from '../schemas/consent.js'

// Each operation is loaded on its first call: an app's bundle holds only the endpoints it uses.
const consentCreateModule = () => import('../operations/consent-create.js')
const consentShow = () => import('../operations/consent-show.js').then((module) => module.consentShow)

/** Consents to register with İYS under one brand. */
export interface NewConsents {
  /** İYS's brand code (the panel shows it): a number or its digits. */
  brandCode: number | string
  /** The records, at least one; more than 5 000 go as consecutive requests of 5 000. */
  consents: ConsentRecord[]
}

/** Whose consent to look up. */
export interface ConsentQuery {
  /** İYS's brand code: a number or its digits. */
  brandCode: number | string
  /** A phone number (`+905…`) for `MESAJ` and `ARAMA`, an e-mail address for `EPOSTA`. */
  recipient: string
  /** Default `'BIREYSEL'`. */
  recipientType?: ConsentRecipientType
  /** Default `'MESAJ'`. */
  type?: ConsentType
}

/** What `consents.add` did. Records go in order, 5 000 a request; `consents[0]` up to `consents[accepted - 1]` were accepted. */
export interface ConsentAddResult {
  /** How many records, from the first, the provider accepted. */
  accepted: number
  /** How many requests were sent (each sent once). */
  requests: number
  /** `true` when every record was accepted. */
  complete: boolean
  /**
   * When not complete: the index of the first record not accepted (the
   * start of the request that failed; nothing after it was sent), and why
   * that request failed. A request that timed out or lost its connection
   * may still have reached İYS: look its records up with `consents.get`.
   */
  stopped?: {
    /** The first record not accepted, counted from 0. */
    index: number
    /** Why that request failed. */
    error: {
      /** The error's class name (`ApiError`, `TimeoutError`, …). */
      name: string
      /** The provider's status code, when it answered with one. */
      code: number | undefined
      /** The error's message. */
      message: string
    }
  }
}

/** İYS consents (the national registry every commercial SMS in Turkey needs). JSON only. */
export interface ConsentsApi {
  /**
   * Registers consent records with İYS (`consent/create`). Every record is
   * checked before the first request is sent (`ValidationError` naming
   * each bad one: enums, phone or e-mail per type, a `consentDate` from
   * 2015-05-01 up to now, `source` and `consentDate` present for BIREYSEL).
   * More than 5 000 records go as consecutive requests of 5 000, each sent
   * once. If the first request fails, the call rejects with its error; if a
   * later one fails, it resolves with `complete: false` and where it stopped.
   * 403: the account has no İYS subscription.
   */
  add(consents: NewConsents, options?: CallOptions): Promise<ConsentAddResult>
  /**
   * One recipient's record on one channel (`consent/show`), or `null` when
   * İYS has none (the provider's 422, or 200 with `consent: []`).
   */
  get(query: ConsentQuery, options?: CallOptions): Promise<StoredConsent | null>
}

export function consentsApi(call: CallOperation): ConsentsApi {
  return {
    // The batching lives beside the operation, loaded on the first call: an app that never files consents carries none of it.
    add: (consents, options) => consentCreateModule().then((module) => module.addConsents(call, consents, options)),
    get: (query, options) => call(consentShow, query, options),
  }
}
