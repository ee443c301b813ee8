// The provider's SDK names a `types` file it does not ship; this is the part the benchmark calls.
declare module '@iletimerkezi/iletimerkezi-node' {
  export class IletiMerkeziClient {
    constructor(apiKey: string, apiHash: string, defaultSender?: string)
    senders(): { list(): Promise<{ getSenders(): string[] }> }
  }
}
