import { MessageStatus, OrderStatus } from '../../status/status-codes.js'

/** One recipient of a stored order. */
export interface StoredMessage {
  /** The message's id, as delivery reports carry it (absent on seeded orders). */
  id?: number
  /** In the provider's answer form, `+90…` for Turkish numbers. */
  number: string
  /** The message text. */
  text: string
  /** A `MessageStatus` code. */
  status: number
  /** The status it reaches once delivery is over (111 or 112); absent: 111. */
  outcome?: number
}

/** An order as the sandbox keeps it. */
export interface StoredOrder {
  /** Text, as the provider hands it out. */
  id: string
  /** The sender name it went out with. */
  sender: string
  /** An `OrderStatus` code. */
  status: number
  /** When it was submitted, epoch milliseconds. */
  submitAt: number
  /** When it goes out (or went), epoch milliseconds. */
  sendAt: number
  /** When its messages reach their outcome, epoch milliseconds; absent: at `sendAt`. */
  deliverAt?: number
  /** SMS credits it took. */
  credits: number
  /** One entry a recipient. */
  messages: StoredMessage[]
  /** The order's İYS flag: 1 when consent was to be checked on İYS, 0 when not (absent on seeded orders). */
  iys?: 0 | 1
  /** The İYS consent list checked: individual (`BIREYSEL`) or merchant (`TACIR`) recipients. */
  iysList?: 'BIREYSEL' | 'TACIR'
}

/** A blocked number: when it was blocked, and whether the account may lift the block (474 if not). */
export interface StoredBlock {
  /** The blocked number, in the provider's answer form. */
  number: string
  /** When it was blocked, epoch milliseconds. */
  addedAt: number
  /** `true`: the account may not lift this block (delete-blacklist answers 474). */
  locked?: boolean
}

/** The messaging part of a sandbox's seed; each part given replaces the default. */
export interface MessagingSeed {
  /** Orders already placed; the default seed has one delivered and one scheduled. */
  orders?: StoredOrder[]
  /** Numbers already blocked. */
  blacklist?: StoredBlock[]
  /** The balance the account starts with. */
  balance?: {
    /** Money, in Turkish lira. */
    amount: number
    /** SMS credits. */
    sms: number
  }
}

/** The messaging part of the sandbox's account: orders, blocked numbers, balance. */
export interface MessagingStore {
  /** Every order, by id. */
  orders: Map<string, StoredOrder>
  /** The blocked numbers. */
  blacklist: StoredBlock[]
  /**
   * `sms` credits go down by one a recipient a message part, and `amount`
   * by the order's price (0.0372 a credit, as its report shows); 402 when
   * either runs short. A cancelled order gives both back.
   */
  balance: {
    /** Money, in Turkish lira. */
    amount: number
    /** SMS credits. */
    sms: number
  }
  /** The next order id handed out. */
  nextOrderId: number
  /** The next message id handed out (delivery reports' `id`). */
  nextMessageId: number
  /** How sent messages move on: how long delivery takes, and which are undelivered. Set by `startSandbox`'s `webhook` option. */
  delivery: DeliverySettings
  /** Called when send-sms places an order and when cancel-order cancels one; the webhook sender listens here. */
  onOrder?: ((event: 'placed' | 'cancelled', order: StoredOrder) => void) | undefined
  /** The sandbox's clock, epoch milliseconds; tests may replace it to move time on. */
  now: () => number
}

/** A message as a delivery outcome is decided for it. */
export interface OutgoingMessage {
  /** The order it belongs to. */
  orderId: string
  /** The recipient's number. */
  number: string
  /** The message text. */
  text: string
}

/** How the sandbox's messages move from accepted to delivered or undelivered. */
export interface DeliverySettings {
  /** Milliseconds from an order going out to its messages' outcome; until then they are 110 (sending). Default 0. */
  delayMs: number
  /** Which messages end undelivered (112); default none (beyond İYS's refusals). */
  outcome?: ((message: OutgoingMessage) => 'delivered' | 'undelivered') | undefined
}

export function createMessagingStore(seed: Required<MessagingSeed>): MessagingStore {
  const orders = new Map(seed.orders.map((order) => [order.id, structuredClone(order)]))
  // A loop, not Math.max(...ids): a seed of a few hundred thousand orders would overflow the call's arguments.
  let highest = 247_155_522
  for (const id of orders.keys()) if (Number.isSafeInteger(Number(id)) && Number(id) > highest) highest = Number(id)
  return {
    orders,
    blacklist: structuredClone(seed.blacklist),
    balance: { ...seed.balance },
    nextOrderId: highest + 1,
    nextMessageId: 1,
    delivery: { delayMs: 0 },
    now: () => Date.now(),
  }
}

/**
 * Brings an order up to date: once its delivery time has come, each
 * message reaches its outcome (delivered unless decided otherwise). Called
 * before an order is read or changed.
 */
export function settleOrder(order: StoredOrder, now: number): StoredOrder {
  if (order.status === OrderStatus.Sending && (order.deliverAt ?? order.sendAt) <= now) {
    order.status = OrderStatus.Completed
    for (const message of order.messages) message.status = message.outcome ?? MessageStatus.Delivered
  }
  return order
}

/**
 * A number as the provider writes it back: `+90` and ten digits for a
 * Turkish mobile in any of its spellings (`5…`, `05…`, `905…`, `+90 5…`),
 * else `+` and its digits. Two spellings of one number compare equal.
 */
export function canonicalNumber(number: string): string {
  const digits = number.replace(/\D/g, '')
  const turkish = /^(?:90|0)?(5\d{9})$/.exec(digits)
  return turkish ? `+90${turkish[1]}` : `+${digits}`
}

const turkeyTime = (text: string) => Date.parse(`${text}+03:00`)

/** The default account's messaging side: one delivered order, one scheduled for 2099, three blocked numbers. */
export const defaultMessagingSeed: Required<MessagingSeed> = {
  orders: [
    {
      id: '247155523',
      sender: 'eMarka',
      status: OrderStatus.Completed,
      submitAt: turkeyTime('2024-12-02T15:13:55'),
      sendAt: turkeyTime('2024-12-02T15:13:55'),
      credits: 3,
      messages: [
        { number: '+905321234567', text: 'Kargonuz yola çıktı.', status: MessageStatus.Delivered },
        { number: '+905057023100', text: 'Kargonuz yola çıktı.', status: MessageStatus.Delivered },
        { number: '+905441234567', text: 'Kargonuz yola çıktı.', status: MessageStatus.Undelivered },
      ],
    },
    {
      id: '247155524',
      sender: 'APITEST',
      status: OrderStatus.Sending,
      submitAt: turkeyTime('2024-12-03T09:00:00'),
      sendAt: turkeyTime('2099-01-01T09:00:00'),
      credits: 1,
      messages: [{ number: '+905339998877', text: 'Yeni yıl kutlu olsun!', status: MessageStatus.Sending }],
    },
  ],
  blacklist: [
    { number: '+905558650220', addedAt: turkeyTime('2024-11-01T10:00:00') },
    { number: '+905050047824', addedAt: turkeyTime('2024-11-15T12:30:00') },
    { number: '+905309998877', addedAt: turkeyTime('2024-12-01T08:00:00'), locked: true },
  ],
  balance: { amount: 134.5, sms: 1000 },
}
