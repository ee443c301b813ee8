/**
 * `promise`, or a rejection with the signal's reason as soon as the signal
 * aborts, whichever comes first. A `fetch` (or a test double) that ignores
 * its signal cannot keep a timed-out or aborted call waiting.
 */
export function untilAborted<Value>(promise: Promise<Value>, signal: AbortSignal): Promise<Value> {
  // The loser of the race must not surface later as an unhandled rejection.
  promise.catch(() => {})
  if (signal.aborted) return Promise.reject(signal.reason)
  return new Promise<Value>((resolve, reject) => {
    const onAbort = () => reject(signal.reason)
    signal.addEventListener('abort', onAbort, { once: true })
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort)
        resolve(value)
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort)
        reject(error)
      },
    )
  })
}
