// Registers a resolve hook that reports every module URL the process loads,
// so a test can tell which libraries a code path pulled in.
import { register } from 'node:module'
import { MessageChannel } from 'node:worker_threads'

const { port1, port2 } = new MessageChannel()
globalThis.__loadedModules = []
port1.on('message', (url) => globalThis.__loadedModules.push(url))
port1.unref()
register(
  'data:text/javascript,' +
    encodeURIComponent(`
      let port
      export function initialize(data) { port = data.port }
      export async function resolve(specifier, context, next) {
        const result = await next(specifier, context)
        port.postMessage(result.url)
        return result
      }`),
  import.meta.url,
  { data: { port: port2 }, transferList: [port2] },
)
