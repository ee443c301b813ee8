import { IletiMerkeziClient } from '@iletimerkezi/iletimerkezi-node'
import { createClient } from '../src/index.js'
import { compare, type Comparison } from './measure.js'
import { startRemoteSandbox } from './remote-sandbox.js'

export interface ClientCallResults {
  vsRawFetch: Comparison
  vsOfficialSdk: Comparison
}

/** `senders.list()` against the sandbox on loopback: ours, a hand-written fetch, the provider's own SDK. */
export async function benchClientCalls(): Promise<ClientCallResults> {
  const sandbox = await startRemoteSandbox(0)
  try {
    const client = createClient({ baseUrl: sandbox.url, key: sandbox.key, hash: sandbox.hash })
    const rawBody = JSON.stringify({ request: { authentication: { key: sandbox.key, hash: sandbox.hash } } })
    const rawFetch = async () => {
      const response = await fetch(`${sandbox.url}/get-sender/json`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: rawBody })
      return JSON.parse(await response.text()).response.senders.sender as string[]
    }
    const official = new IletiMerkeziClient(sandbox.key, sandbox.hash)
    // The SDK has no base-URL option; its HTTP client keeps the URL in a field.
    ;(official as unknown as { httpClient: { baseUrl: string } }).httpClient.baseUrl = `${sandbox.url}/`
    // Each contender ends with the same plain list of senders, checked once below.
    const sdkCall = async () => (await official.senders().list()).getSenders()

    const ours = await client.senders.list()
    if (JSON.stringify(ours) !== JSON.stringify(await rawFetch())) throw new Error('client and raw fetch disagree')
    if (JSON.stringify(ours) !== JSON.stringify(await sdkCall())) throw new Error('client and the official SDK disagree')
    const options = { warmup: 50, warmupMs: 2000, rounds: 30, batch: 20 }
    return {
      vsRawFetch: await compare(() => client.senders.list(), rawFetch, options),
      vsOfficialSdk: await compare(() => client.senders.list(), sdkCall, options),
    }
  } finally {
    sandbox.stop()
  }
}
