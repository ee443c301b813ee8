import { spawn, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { createInterface } from 'node:readline'

export interface RemoteSandbox {
  url: string
  key: string
  secret: string
  hash: string
  /** How long `startSandbox` took with its seed, in milliseconds. */
  seedMs: number
  /** The sandbox process's peak resident memory so far, in MB. */
  peakRssMb(): Promise<number>
  stop(): void
}

/** Starts `sandbox-process.ts` with `contacts` seeded contacts (and `credits` SMS, if given) and waits for its address. */
export async function startRemoteSandbox(contacts: number, credits?: number): Promise<RemoteSandbox> {
  const args = [String(contacts), ...(credits === undefined ? [] : [String(credits)])]
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', new URL('./sandbox-process.ts', import.meta.url).pathname, ...args], {
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  })
  const lines = createInterface({ input: child.stdout! })
  const [line] = (await once(lines, 'line')) as [string]
  return {
    ...JSON.parse(line),
    peakRssMb: async () => {
      child.send('peak')
      const [answer] = (await once(child, 'message')) as [{ peakRssMb: number }]
      return answer.peakRssMb
    },
    stop: () => child.kill(),
  }
}
