/** Timing shared by the in-process benchmarks: warm-up runs (a long-lived extension host is warm), then the median. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** Median wall-clock milliseconds of `runs` calls of `fn`, after `warmup` unmeasured calls. */
export function medianMs(fn: () => unknown, runs: number, warmup: number): number {
  for (let i = 0; i < warmup; i++) fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    fn();
    samples.push(performance.now() - started);
  }
  return median(samples);
}

/**
 * Medians of two functions measured in alternation (a, b, a, b, …) after warm-up, so a change in the machine's load
 * during the run weighs on both alike: for budgets stated as one's ratio to the other.
 */
export function pairedMedianMs(a: () => unknown, b: () => unknown, runs: number, warmup: number): [number, number] {
  const { a: ma, b: mb } = pairedRuns(a, b, runs, warmup);
  return [ma, mb];
}

/**
 * As pairedMedianMs, plus the median of b's time over a's within each pair: a load that changes between pairs
 * moves both of a pair alike, so this ratio is steadier than the ratio of the two medians on a busy machine.
 */
export function pairedRuns(a: () => unknown, b: () => unknown, runs: number, warmup: number): { a: number; b: number; ratio: number } {
  for (let i = 0; i < warmup; i++) {
    a();
    b();
  }
  const sa: number[] = [];
  const sb: number[] = [];
  for (let i = 0; i < runs; i++) {
    let started = performance.now();
    a();
    sa.push(performance.now() - started);
    started = performance.now();
    b();
    sb.push(performance.now() - started);
  }
  return { a: median(sa), b: median(sb), ratio: median(sb.map((t, i) => t / sa[i]!)) };
}
