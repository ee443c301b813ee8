// Side-by-side timing: both contenders run in alternating rounds in one
// process, after warm-up, so a noisy machine slows both alike.

export interface Timing {
  /** Median milliseconds per operation. */
  medianMs: number
}

export interface Comparison {
  a: Timing
  b: Timing
  /** a's median divided by b's. */
  ratio: number
}

function median(values: number[]): number {
  const sorted = [...values].sort((x, y) => x - y)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2
}

async function timeBatch(run: () => unknown, batch: number): Promise<number> {
  const start = performance.now()
  for (let index = 0; index < batch; index++) await run()
  return (performance.now() - start) / batch
}

/** Times `a` and `b` in alternating batches and compares their medians. */
export async function compare(
  a: () => unknown,
  b: () => unknown,
  { warmup = 20, rounds = 15, batch = 10 }: { warmup?: number; rounds?: number; batch?: number } = {},
): Promise<Comparison> {
  for (let index = 0; index < warmup; index++) {
    await a()
    await b()
  }
  const timesA: number[] = []
  const timesB: number[] = []
  for (let round = 0; round < rounds; round++) {
    // Alternating who goes first cancels out order effects (GC debt, caches).
    if (round % 2 === 0) {
      timesA.push(await timeBatch(a, batch))
      timesB.push(await timeBatch(b, batch))
    } else {
      timesB.push(await timeBatch(b, batch))
      timesA.push(await timeBatch(a, batch))
    }
  }
  const medianA = median(timesA)
  const medianB = median(timesB)
  return { a: { medianMs: medianA }, b: { medianMs: medianB }, ratio: medianA / medianB }
}

export { median }
