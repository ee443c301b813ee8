import type { CallOptions } from '../client/client-options.js'
import type { SentOrder } from '../operations/send-sms.js'
import type { SmsOrder } from '../schemas/sms-order.js'
import type { DateInput } from '../schemas/date-inputs.js'

/** One recipient: the number as text, or a row of named columns (a CSV line) that holds it. */
export type CampaignRow = string | Readonly<Record<string, string>>

/** Sends one order: `client.sms.send`. */
export type SendOrder = (order: SmsOrder, options: CallOptions) => Promise<SentOrder>

/** How fast orders go out, across every order in flight. Give either or both. */
export interface CampaignRate {
  /** Orders begun per second at most. */
  ordersPerSecond?: number
  /** Recipients (messages) per second at most: an order of n waits for n of these. */
  messagesPerSecond?: number
}

/** What a campaign sends, to whom, and how. */
export interface CampaignOptions {
  /** An approved sender name, as for `sms.send`. */
  sender: string
  /** One text for everyone; or `template`. */
  text?: string
  /**
   * A text with `{column}` placeholders filled from each row (`'Merhaba {name}'`);
   * `{{` and `}}` write a brace. Rows become the provider's several-messages-per-order form.
   * A column the first row lacks is refused before anything is sent.
   */
  template?: string
  /** The numbers, or rows that hold them: an array, an iterable or an async iterable, read as a stream. */
  recipients: Iterable<CampaignRow> | AsyncIterable<CampaignRow>
  /** The column of a row that holds the number; default `'gsm'`. A text row is that column alone. */
  column?: string
  /** A row's position as reports give it (a line number, say); default its index in `recipients`, from 1. */
  positionOf?(row: CampaignRow, index: number): number
  /**
   * Why a row cannot be sent, as whoever read it found it (a CSV line with
   * more or fewer fields than its header); `undefined` for a good row. Such
   * a row is listed in `invalid` with its position and this reason.
   */
  rejectRow?(row: CampaignRow, index: number): string | undefined
  /** Send a row whose template placeholder is empty (`'Merhaba , …'`); by default such a row is invalid. */
  allowEmpty?: boolean
  /** How many recipients the input holds, when known beforehand (for progress); an array's length is used. */
  total?: number
  /**
   * Recipients per order, 1 to 50,000 (the provider's most, and the default). With
   * `rate.messagesPerSecond`, an order holds at most one second of the rate.
   */
  perOrder?: number
  /** Orders in flight at once, 1 to 16; default 1. */
  concurrency?: number
  /** How fast to send; unlimited when left out. A 429 answer pauses every order for its `Retry-After`. */
  rate?: CampaignRate
  /** Where each order's state is kept, so a stopped campaign can resume without sending anything twice. */
  journal?: CampaignJournal
  /**
   * Continue the campaign the journal holds: sent orders are skipped. Without it, a journal
   * that holds one is refused; with it, a journal that holds nothing is refused (a lost store
   * would otherwise send to everyone again).
   */
  resume?: boolean
  /**
   * Take the journal's lease even though another run holds it: only when that run is
   * certainly gone (a crashed machine). Two runs on one journal can text people twice.
   */
  takeOver?: boolean
  /**
   * Send again the orders whose outcome is unknown (the request went out, no answer came):
   * only when you have checked they did not arrive, or accept that some may get the text twice.
   */
  resendUnknown?: boolean
  /** Called after each order is settled (and for each order a resume skips); what it throws is ignored. */
  onProgress?(progress: CampaignProgress): void
  /** Stops the campaign: no order starts after it aborts; orders in flight are waited for. */
  signal?: AbortSignal
  /** Milliseconds per request (the client's `timeout` otherwise); no answer in time makes the order `unknown`. */
  timeout?: number
  /** As for `sms.send`. */
  sendAt?: DateInput
  /** As for `sms.send`. */
  iys?: 0 | 1
  /** As for `sms.send`. */
  iysList?: 'BIREYSEL' | 'TACIR'
}

/**
 * Where an order stands. `planned`: about to be sent (found so in a journal, the process stopped
 * while it was being sent: treated as `unknown`); `sent`: the provider took it, `orderId` says
 * which (`duplicate: true` when it answered 451: it had already taken this very order);
 * `failed`: nothing went out (the provider refused it, or the connection was refused before the
 * request left); `unknown`: the request went out and no usable answer came back, so it may or may
 * not have been sent.
 */
export type CampaignOrderState = 'planned' | 'sent' | 'failed' | 'unknown'

/** One order of a campaign. */
export interface CampaignOrder {
  /** From 1, in input order. */
  index: number
  /** Recipients in it. */
  recipients: number
  /** The position of its first recipient in the input. */
  first: number
  /** The position of its last recipient in the input. */
  last: number
  /** Chained digest of the campaign up to and including this order (hex SHA-256). */
  digest: string
  /** Where it stands: planned, sent, failed or unknown. */
  state: CampaignOrderState
  /** The provider's order id, once `sent` (none for a `duplicate`, nor for one settled by hand). */
  orderId?: string
  /** Sent, as the provider's 451 said: the same text to the same recipients within 10 minutes, taken before. */
  duplicate?: true
  /** SHA-256 of its recipients' numbers (every spelling alike): how `campaign status --reconcile` knows it in the provider's reports. */
  recipientsDigest?: string
  /** When its send began (ISO 8601): the time window `campaign status --reconcile` searches. */
  at?: string
  /** How an `unknown` order was settled later: from the provider's reports, or by hand. */
  settled?: 'reconciled' | 'by hand'
  /** Why it `failed` or is `unknown`. */
  error?: {
    /** The error's class name (`ApiError`, `NetworkError`, …). */
    name: string
    /** The provider's code, where there was one. */
    code?: number
    /** The error's message. */
    message: string
  }
}

/** A recipient that was not sent to, and why. */
export interface InvalidRecipient {
  /** The row's position in the input (from 1, or as the caller's `positionOf` says: a line number). */
  position: number
  /** The number as written (cut to 40 characters). */
  number: string
  /** Why it was not sent (no valid number, a missing column, an empty text). */
  reason: string
}

/** After each order. */
export interface CampaignProgress {
  /** The order just settled (or passed over on a resume). */
  order: CampaignOrder
  /** Orders settled so far (sent, failed, unknown), this run and before. */
  ordersDone: number
  /** Recipients in sent orders so far. */
  recipientsSent: number
  /** Recipients in settled orders so far. */
  recipientsDone: number
  /** Recipients in `failed` orders so far (nothing went out to them). */
  recipientsFailed: number
  /** Recipients in `unknown` orders so far. */
  recipientsUnknown: number
  /** Rows of the input read up to this order's last one (recipients, duplicates and invalid rows): compare with `total`. */
  rowsDone: number
  /** Rows in the input, when known. */
  total: number | undefined
  /** The order was settled by an earlier run: a resume is passing over it as the journal says. */
  fromJournal: boolean
}

/** What a campaign did. */
export interface CampaignSummary {
  /** Every order planned, in order, with its state and id. */
  orders: CampaignOrder[]
  /** Recipients in sent orders. */
  sent: number
  /** Rows dropped because an earlier row had the same number (in any spelling). */
  duplicates: number
  /** Rows not sent to: no valid number, or an empty text. */
  invalid: InvalidRecipient[]
  /** How many rows were invalid (`invalid` lists the first 10,000). */
  invalidCount: number
  /** Orders that failed (the provider refused them). */
  failed: CampaignOrder[]
  /** Orders whose outcome is unknown: never resent unless `resendUnknown`. */
  unknown: CampaignOrder[]
  /** The input was read to its end and every order was sent: nothing failed, nothing unknown, nothing left. */
  complete: boolean
  /** The campaign stopped early: the signal aborted, or an error that every order would meet (401, 402, 450). */
  stopped: boolean
  /** Rows read. */
  rows: number
  /**
   * What stopped the campaign after some orders had gone out: an input that could not be read
   * further, or a journal that could not be saved (each order's id is still in `orders`). Before
   * any order went out, the same error is thrown instead.
   */
  error?: {
    /** The error's class name. */
    name: string
    /** Its message. */
    message: string
    /** What failed: the input (the rows could not be read further) or the journal. */
    source: 'input' | 'journal'
  }
}

/** The state a journal keeps: plain JSON. */
export interface CampaignJournalState {
  /** The journal's layout; a journal of another version is refused. */
  version: 2
  /** Digest of the campaign's sender, text or template, column, perOrder and İYS settings. */
  campaign: string
  /** The sender name the campaign sends with. */
  sender: string
  /** The one text, for a campaign with a `text`. */
  text?: string
  /** The template, for a campaign with a `template`. */
  template?: string
  /** Recipients per order. */
  perOrder: number
  /** Every order planned so far, with its state. */
  orders: CampaignOrder[]
  /** Once the input was read to its end. */
  input?: {
    /** Rows read. */
    rows: number
    /** Rows dropped as another spelling of a number already read. */
    duplicates: number
    /** Rows with no valid number. */
    invalid: number
    /** The digest of the whole campaign, its last order's. */
    digest: string
  }
  /** When it was last saved (ISO 8601). */
  updatedAt: string
  /** Saves so far, from 1: a journal cannot go back to an older save unnoticed. */
  sequence: number
  /** The `seal` of the save before this one (`''` for the first). */
  previous: string
  /**
   * SHA-256 (hex) of `previous` and everything else in this state: an entry removed, changed or
   * moved by hand breaks it, and the journal is refused.
   */
  seal: string
}

/**
 * Keeps a campaign's state between runs. `save` must be all or nothing
 * (a file written beside and renamed, a database transaction): the
 * campaign saves before and after each send and trusts what `load` gives.
 * One run at a time: `lease` is taken before anything is loaded or sent.
 */
export interface CampaignJournal {
  /**
   * Takes the journal for one run: rejects (with an error naming the owner: host, process,
   * since when) while another run holds it, unless `takeOver` is set. Must be atomic (an
   * exclusive file, a conditional update): two runs asking at once may not both get it.
   */
  lease(request: { takeOver: boolean }): Promise<JournalLease>
  /** The saved state, or `undefined` when nothing is saved yet. */
  load(): Promise<CampaignJournalState | undefined>
  /** Replaces the saved state. */
  save(state: CampaignJournalState): Promise<void>
}

/** A run's hold on its journal. */
export interface JournalLease {
  /** Called before each save: rejects when the lease was lost (another run took it over), and nothing more is saved or sent. */
  renew(): Promise<void>
  /** Called once at the end, whatever happened. */
  release(): Promise<void>
}
