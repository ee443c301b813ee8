// Where the examples connect. Not part of the library: your app calls createClient with its own settings.
import type { ClientOptions, Format } from 'iletimerkezi'
import { startSandbox } from 'iletimerkezi/testing'

export interface Connection {
  /** What to give `createClient`. */
  options: ClientOptions
  /** `true`: your account, real messages, real charges. `false`: a sandbox on this machine. */
  live: boolean
  close(): Promise<void>
}

/**
 * Your account when `ILETIMERKEZI_KEY` and `ILETIMERKEZI_SECRET` are set;
 * else a sandbox on 127.0.0.1 (`iletimerkezi/testing`), so every example
 * runs with no account and no network.
 */
export async function connect(format?: Format): Promise<Connection> {
  const { ILETIMERKEZI_KEY: key, ILETIMERKEZI_SECRET: secret } = process.env
  if (key && secret) return { options: { key, secret, format }, live: true, close: async () => {} }
  const sandbox = await startSandbox()
  return {
    options: { baseUrl: sandbox.url, key: sandbox.key, secret: sandbox.secret, format },
    live: false,
    close: () => sandbox.close(),
  }
}
