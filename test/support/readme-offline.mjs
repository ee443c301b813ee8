// Preloaded (`node --import`) into every README block test/readme.test.ts runs: calls to the
// provider's default base URL go to the sandbox in ILETIMERKEZI_BASE_URL, so a sample written as a
// user writes it (createClient({ key, secret }), no baseUrl) runs against the sandbox; any other
// address that is not this machine is refused, so no sample can reach the network.
const provider = 'https://api.iletimerkezi.com/v1'
const sandbox = process.env.ILETIMERKEZI_BASE_URL
const loopback = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])$/i
const realFetch = globalThis.fetch

globalThis.fetch = (input, init) => {
  const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url
  const sent = sandbox !== undefined && (url === provider || url.startsWith(`${provider}/`)) ? sandbox + url.slice(provider.length) : url
  if (!loopback.test(new URL(sent).hostname)) return Promise.reject(new Error(`README blocks run offline: refused a call to ${sent}`))
  return realFetch(input instanceof Request ? new Request(sent, input) : sent, init)
}
