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

/**
 * Whether the last `window` samples lie within `tolerance` (relative) of their median. V8 runs
 * WebAssembly first from a quick baseline compile and swaps in optimised code per hot function,
 * in the background: in Chromium, 8 items took 300–600 ms for the first ~12 batches after load,
 * then about 190 ms (2026-12-04). A figure taken before that says little about the steady state.
 */
export function hasSettled(samples: readonly number[], window = 3, tolerance = 0.1): boolean {
  if (samples.length < window) return false;
  const last = samples.slice(-window);
  const { median, min, max } = summarize(last);
  return max - min <= tolerance * median;
}

/** Untimed runs at most before settled figures are taken (SwiftShader WebGPU is slow enough to need a cap). */
export const SETTLE_MAX_RUNS = 30;

/**
 * Untimed runs at least, before times may count as settled: three alike in a row also happen on
 * the slow plateau before V8's optimised code is in. Measured 2026-12-05 (Chromium, WASM, 2
 * threads, 8 items, the bench page; four configs): settled after 4 and 8 runs at 272 and 312 ms,
 * after 14–17 runs at 128–133 ms.
 */
export const SETTLE_MIN_RUNS = 12;

/**
 * Runs `fn` (untimed for the figures) until its times have settled (after minRuns at least) or
 * `maxRuns` ran; returns the runs it took. `clock` is for tests: on a loaded machine real timers
 * jitter past the 10% that "settled" allows, and the test of this logic failed in CI.
 */
export async function settle(
  fn: () => Promise<unknown>,
  maxRuns = SETTLE_MAX_RUNS,
  minRuns = SETTLE_MIN_RUNS,
  clock: () => number = () => performance.now(),
): Promise<number> {
  const samples: number[] = [];
  while (samples.length < maxRuns && (samples.length < minRuns || !hasSettled(samples))) {
    const start = clock();
    await fn();
    samples.push(clock() - start);
  }
  return samples.length;
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
