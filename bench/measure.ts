// Side-by-side timing: both contenders run in alternating rounds in one
// process, after warm-up, so a noisy machine slows both alike.
//
// Two things keep the comparison fair. Each round times one batch of each,
// in turns (a b, b a, a b, …) over an even number of rounds, so neither
// always goes first: the batch after a switch often pays for the other's
// garbage, and with an odd count the median of whoever started would land
// on such a batch (`compare(f, f)` used to give 1.18). And the ratio is the
// median of each round's own a/b, so a machine that speeds up or slows down
// during the run (a server process still warming up, another job starting)
// moves both halves of a pair alike.

export interface Timing {
  /** Median milliseconds per operation. */
  medianMs: number
}

export interface Comparison {
  a: Timing
  b: Timing
  /** The median over rounds of a's time divided by b's in the same round. */
  ratio: number
  /** The first and third quartiles of those per-round ratios: how much the rounds agree. */
  ratioQuartiles: [number, number]
}

export interface CompareOptions {
  /** Warm-up runs of each, at least. */
  warmup?: number
  /** Warm-up lasts at least this long, in milliseconds (JIT in this process and in a server's). */
  warmupMs?: number
  /** Timed rounds (made even). */
  rounds?: number
  /** Operations per timed batch. */
  batch?: number
}

function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((x, y) => x - y)
  const position = (sorted.length - 1) * q
  const below = Math.floor(position)
  return sorted[below]! + (sorted[Math.ceil(position)]! - sorted[below]!) * (position - below)
}

function median(values: number[]): number {
  return quantile(values, 0.5)
}

async function timeBatch(run: () => unknown, batch: number): Promise<number> {
  const start = performance.now()
  for (let index = 0; index < batch; index++) await run()
  return (performance.now() - start) / batch
}

/** Times `a` and `b` in alternating batches; medians of each and the median of per-round ratios. */
export async function compare(a: () => unknown, b: () => unknown, { warmup = 20, warmupMs = 500, rounds = 16, batch = 10 }: CompareOptions = {}): Promise<Comparison> {
  const warmupStart = performance.now()
  for (let index = 0; index < warmup || performance.now() - warmupStart < warmupMs; index++) {
    await a()
    await b()
  }
  const timesA: number[] = []
  const timesB: number[] = []
  const ratios: number[] = []
  const evenRounds = rounds + (rounds % 2)
  for (let round = 0; round < evenRounds; round++) {
    let timeA: number
    let timeB: number
    if (round % 2 === 0) {
      timeA = await timeBatch(a, batch)
      timeB = await timeBatch(b, batch)
    } else {
      timeB = await timeBatch(b, batch)
      timeA = await timeBatch(a, batch)
    }
    timesA.push(timeA)
    timesB.push(timeB)
    ratios.push(timeA / timeB)
  }
  return {
    a: { medianMs: median(timesA) },
    b: { medianMs: median(timesB) },
    ratio: median(ratios),
    ratioQuartiles: [quantile(ratios, 0.25), quantile(ratios, 0.75)],
  }
}

export { median }
