import { OrderStatus } from '../../status/status-codes.js'
import type { StoredOrder } from './messaging-store.js'

/** How long the provider remembers an order's text and recipients: 10 minutes. */
export const duplicateWindowMs = 10 * 60 * 1000

// The last order placed with each fingerprint, per store: one lookup a send, however many orders there are.
const lastOrders = new WeakMap<object, Map<string, StoredOrder>>()

/** An order's texts and recipients, whatever their order in the request. */
export function orderFingerprint(messages: readonly { text: string; numbers: readonly string[] }[]): string {
  return messages
    .map(({ text, numbers }) => `${text}\u0000${[...new Set(numbers)].sort().join(',')}`)
    .sort()
    .join('\u0001')
}

/**
 * Whether an order with this fingerprint was placed through send-sms in the
 * last 10 minutes (by the store's clock) and still stands: one since
 * cancelled, or removed from `store.orders`, does not count.
 */
export function isDuplicate(store: { orders: Map<string, StoredOrder> }, fingerprint: string, now: number): boolean {
  const last = lastOrders.get(store)?.get(fingerprint)
  return last !== undefined && store.orders.get(last.id) === last && last.status !== OrderStatus.Failed && now - last.submitAt < duplicateWindowMs
}

/** Remembers a placed order for {@link isDuplicate}. */
export function rememberOrder(store: { orders: Map<string, StoredOrder> }, fingerprint: string, order: StoredOrder): void {
  let orders = lastOrders.get(store)
  if (orders === undefined) lastOrders.set(store, (orders = new Map()))
  orders.set(fingerprint, order)
}
