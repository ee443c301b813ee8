/** Every string reachable from a value: own properties (enumerable or not), getters, causes, arrays. */
export function reachableText(start: unknown): { texts: string[]; opaque: string[] } {
  const texts: string[] = []
  const opaque: string[] = []
  const seen = new Set<unknown>()
  const queue: unknown[] = [start]
  while (queue.length > 0 && seen.size < 10_000) {
    const value = queue.shift()
    if (typeof value === 'string') texts.push(value)
    else if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') texts.push(String(value))
    if (value === null || typeof value !== 'object' || seen.has(value)) continue
    seen.add(value)
    // Bodies inside these cannot be read synchronously, so an error must not hold one at all.
    if (value instanceof Request || value instanceof Response || value instanceof ReadableStream) opaque.push(value.constructor.name)
    for (const name of Reflect.ownKeys(value)) {
      const descriptor = Object.getOwnPropertyDescriptor(value, name)!
      if ('value' in descriptor) queue.push(descriptor.value)
      else if (descriptor.get) {
        try {
          queue.push(descriptor.get.call(value))
        } catch {
          // A throwing getter holds nothing it can hand out.
        }
      }
    }
  }
  return { texts, opaque }
}
