// Run as a child process: makes one call in the format given as argv[2] and
// prints which XML modules were loaded.
import { createClient } from '../../src/index.js'

const format = process.argv[2] as 'json' | 'xml'
const body =
  format === 'json'
    ? '{"response":{"status":{"code":200,"message":"ok"},"senders":{"sender":["A"]}}}'
    : '<response><status><code>200</code></status><senders><sender>A</sender></senders></response>'
const fetch = async () => new Response(body, { status: 200 })
const senders = await createClient({ key: 'k', secret: 's', format, fetch }).senders.list()
await new Promise((resolve) => setTimeout(resolve, 50))
const loaded = (globalThis as unknown as { __loadedModules: string[] }).__loadedModules
const xmlModules = loaded.filter((url) => /fast-xml-parser|xmlbuilder2|xml-codec/.test(url))
console.log(JSON.stringify({ senders, xmlModules }))
