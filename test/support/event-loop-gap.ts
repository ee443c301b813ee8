/**
 * The longest the event loop was held while `work` ran, in ms, and what it gave: the longest gap
 * between ticks of a 5 ms interval, a gap being as long as the loop was held. (perf_hooks'
 * monitorEventLoopDelay saw none of a 1.3 s stall in a vitest worker.)
 */
export async function longestStallDuring<T>(work: () => Promise<T>): Promise<{ ms: number; outcome: T }> {
  let last = performance.now()
  let longest = 0
  const ticks = setInterval(() => {
    const now = performance.now()
    longest = Math.max(longest, now - last)
    last = now
  }, 5)
  const outcome = await work()
  // The gap ends at the next tick: let it come.
  await new Promise((resolve) => setTimeout(resolve, 20))
  clearInterval(ticks)
  return { ms: longest, outcome }
}
