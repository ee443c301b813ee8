import { ok, type Handler } from './handler.js'

// JSON keeps the `sender` wrapper around its array, so a plain nested list serves both formats.
export const getSender: Handler = (_request, store) => ok({ senders: { sender: [...store.senders] } })
