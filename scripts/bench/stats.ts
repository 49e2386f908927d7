/** Median, min and max of repeated measurements, in the unit they were taken in (ms or bytes). */
export interface Summary {
  median: number;
  min: number;
  max: number;
  n: number;
}

/** Summarises samples; throws on an empty list, since a figure without runs is a bug. */
export function summarize(samples: readonly number[]): Summary {
  if (samples.length === 0) throw new Error('summarize: no samples');
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return { median, min: sorted[0], max: sorted[sorted.length - 1], n: sorted.length };
}

/**
 * Times `fn` `repeats` times after `warmUp` untimed calls (the first run compiles kernels and
 * allocates arenas; that cost belongs to model loading, which is measured separately).
 */
export async function timeRuns(fn: () => Promise<unknown>, repeats: number, warmUp = 1): Promise<Summary> {
  for (let i = 0; i < warmUp; i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const start = performance.now();
    await fn();
    samples.push(performance.now() - start);
  }
  return summarize(samples);
}

/** "123 ms (110–140, n=5)": median with the range, as every figure in BENCHMARKS.md is given. */
export function formatMs(s: Summary): string {
  const f = (v: number) => (v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2));
  return `${f(s.median)} ms (${f(s.min)}–${f(s.max)}, n=${s.n})`;
}

/** Bytes as kB/MB with decimal units (what "10 MB on the wire" means). */
export function formatBytes(bytes: number): string {
  if (bytes >= 1e6) return `${(bytes / 1e6).toFixed(2)} MB`;
  if (bytes >= 1e3) return `${(bytes / 1e3).toFixed(1)} kB`;
  return `${bytes} B`;
}
