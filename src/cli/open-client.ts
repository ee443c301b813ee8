import { computeHash } from '../client/auth-hash.js'
import { createClient, type IletiMerkeziClient } from '../index.js'
import type { GlobalValues } from './global-options.js'
import { UsageError } from './usage-error.js'

/** The environment variables the tool reads. */
export type Environment = Readonly<Record<string, string | undefined>>

/** A client ready for one command, and what to do when it is done. */
export interface OpenClient {
  client: IletiMerkeziClient
  close(): Promise<void>
}

function setting(env: Environment, name: string): string | undefined {
  const value = env[name]
  return value === undefined || value === '' ? undefined : value
}

/** The credentials in the environment, hash derived too: what no output may ever show. */
export async function credentialsToHide(env: Environment): Promise<string[]> {
  const key = setting(env, 'ILETIMERKEZI_KEY')
  const secret = setting(env, 'ILETIMERKEZI_SECRET')
  const hash = setting(env, 'ILETIMERKEZI_HASH')
  const derived = key !== undefined && secret !== undefined ? await computeHash(key, secret) : undefined
  return [secret, hash, derived].filter((value): value is string => value !== undefined)
}

/**
 * A client for the command line's settings: a fresh embedded sandbox with
 * `--sandbox`, else the credentials and base URL from the environment.
 */
export async function openClient(globals: GlobalValues, env: Environment): Promise<OpenClient> {
  const common = { format: globals.format, ...(globals.timeout === undefined ? {} : { timeout: globals.timeout }) }
  if (globals.sandbox) {
    if (globals.baseUrl !== undefined) throw new UsageError('--sandbox and --base-url cannot be used together')
    // Loaded only here: a real call never pulls the sandbox in.
    const { startSandbox } = await import('../testing/sandbox/start-sandbox.js')
    const sandbox = await startSandbox()
    const client = createClient({ ...common, baseUrl: sandbox.url, key: sandbox.key, secret: sandbox.secret })
    return { client, close: () => sandbox.close() }
  }
  const key = setting(env, 'ILETIMERKEZI_KEY')
  const secret = setting(env, 'ILETIMERKEZI_SECRET')
  const hash = setting(env, 'ILETIMERKEZI_HASH')
  if (key === undefined) throw new UsageError('ILETIMERKEZI_KEY is not set: set it and ILETIMERKEZI_SECRET (or ILETIMERKEZI_HASH), or use --sandbox to try the tool without an account')
  if (secret === undefined && hash === undefined) throw new UsageError('ILETIMERKEZI_SECRET is not set: set it (or ILETIMERKEZI_HASH), or use --sandbox')
  if (secret !== undefined && hash !== undefined) throw new UsageError('ILETIMERKEZI_SECRET and ILETIMERKEZI_HASH are both set: set one of them')
  const baseUrl = globals.baseUrl ?? setting(env, 'ILETIMERKEZI_BASE_URL')
  const credential = secret === undefined ? { hash: hash! } : { secret }
  const client = createClient({ ...common, key, ...credential, ...(baseUrl === undefined ? {} : { baseUrl }) })
  return { client, close: async () => {} }
}
