// The bench page: loads the models in a worker through the app's GenerationClient and times
// generate requests from the main thread (postMessage round trip, transfers included).
// Playwright calls window.bench; see scripts/bench/browser-bench.ts.
import { GenerationClient } from '../../../src/worker/generation-client.ts';
import type { BackendInfo, BackendPreference } from '../../../src/worker/protocol.ts';
import { benchRatings } from '../bench-ratings.ts';
import { settle as settleRuns } from '../stats.ts';
import type { BenchThreadsMessage } from './bench-worker.ts';

export interface PageLoadResult {
  backend: BackendInfo;
  loadMs: number;
  crossOriginIsolated: boolean;
  hardwareConcurrency: number;
}

export interface PageRunResult {
  /** Main-thread round trip per timed request, ms. */
  roundTripMs: number[];
  /** The worker's own time per request (protocol's elapsedMs). */
  workerMs: number[];
  /** Main-thread long tasks (> 50 ms) while the timed requests ran. */
  longTasks: { start: number; duration: number }[];
}

const longTasks: { start: number; duration: number }[] = [];
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) longTasks.push({ start: e.startTime, duration: e.duration });
}).observe({ type: 'longtask', buffered: true });

let client: GenerationClient | undefined;
let ids: string[] = [];

async function load(backend: BackendPreference, threads: number, warmUpCount: number): Promise<PageLoadResult> {
  client?.terminate();
  if (ids.length === 0) ids = ((await (await fetch('/catalog/catalog.json')).json()) as { items: { id: string }[] }).items.map((i) => i.id);
  const worker = new Worker(new URL('./bench-worker.ts', import.meta.url), { type: 'module' });
  worker.postMessage({ type: 'bench-threads', threads } satisfies BenchThreadsMessage);
  client = new GenerationClient(worker);
  const start = performance.now();
  const ready = await client.load({ modelsUrl: '/models/', catalogIds: ids, backend, warmUpCount });
  return { backend: ready.backend, loadMs: performance.now() - start, crossOriginIsolated, hardwareConcurrency: navigator.hardwareConcurrency };
}

async function run(count: number, repeats: number, warmUp: number, steps?: number): Promise<PageRunResult> {
  if (!client) throw new Error('bench: load first');
  const ratings = benchRatings(ids);
  const result: PageRunResult = { roundTripMs: [], workerMs: [], longTasks: [] };
  let since = 0;
  for (let i = 0; i < warmUp + repeats; i++) {
    if (i === warmUp) since = performance.now();
    const start = performance.now();
    const batch = await client.generate({ ratings, count, seed: i, steps });
    if (i < warmUp) continue;
    result.roundTripMs.push(performance.now() - start);
    result.workerMs.push(batch.elapsedMs);
  }
  result.longTasks = longTasks.filter((t) => t.start >= since);
  return result;
}

/** Untimed batches until their times settle (stats.ts, hasSettled); returns how many it took. */
async function settle(count: number, maxRuns: number): Promise<number> {
  if (!client) throw new Error('bench: load first');
  const ratings = benchRatings(ids);
  let seed = 1000;
  return settleRuns(() => client!.generate({ ratings, count, seed: seed++ }), maxRuns);
}

(window as unknown as { bench: unknown }).bench = { load, run, settle };
