import { describe, expect, it } from 'vitest';
import type { PageLatency } from './browser-bench.ts';
import type { NodeLatencyResult } from './node-latency.ts';
import { taxReading, taxTarget, type NodeOutcome, type TaxPair } from './report.ts';
import { summarize } from './stats.ts';

const one = (ms: number) => summarize([ms]);
const pair = (native: number, chromium: number, nativeFirst = true): TaxPair => ({ nativeFirst, native: one(native), chromium: one(chromium), ratio: chromium / native });
const nativeRun = (ms8: number, threads = 1): NodeOutcome => ({
  label: 'onnxruntime-node (native CPU)',
  ok: true,
  result: { runtime: 'native', threads, loadMs: 0, steps: 4, generate: { '8': one(ms8) }, early: {}, settleRuns: {}, decoder8: one(1) } satisfies NodeLatencyResult,
});
const pageRun = (ms8: number, threads = 1) => ({ label: 'wasm, Chromium', backend: 'wasm', threads, generate: { '8': one(ms8) } }) as unknown as PageLatency;

describe('taxTarget', () => {
  it('reads each runtime at its fastest thread count, whichever that is on each side', () => {
    // Chromium is fastest at 2 threads (120 ms), native at 1 (50 ms; its 2 threads are slower here).
    const target = taxTarget({ node: [nativeRun(50, 1), nativeRun(80, 2)], page: [pageRun(200, 1), pageRun(120, 2)] });
    expect(target?.ratio).toBeCloseTo(2.4, 12);
    expect(target?.text).toMatch(/Chromium WASM 2 threads 120 ms .*onnxruntime-node 1 thread 50/);
  });

  it('does not read the 1-thread pairs, and is null when a side is missing', () => {
    const pairs = [pair(50, 200)];
    expect(taxTarget({ node: [nativeRun(50)], page: [pageRun(175)] })?.ratio).toBeCloseTo(3.5, 12);
    expect(taxTarget({ node: [nativeRun(50)], page: [] })).toBeNull();
    expect(taxReading({ taxPairs: pairs, node: [nativeRun(50)], page: [pageRun(175)] })?.ratio).toBeCloseTo(4, 12);
  });
});

describe('taxReading', () => {
  it('reads the median of the per-pair ratios, not the ratio of the medians', () => {
    // Ratios 2.0, 2.5 and 4.0: median 2.5. The ratio of the medians (200 / 60) would be 3.33.
    const reading = taxReading({ taxPairs: [pair(50, 100), pair(60, 150, false), pair(100, 400)], node: [], page: [] });
    expect(reading?.ratio).toBeCloseTo(2.5, 12);
    expect(reading?.text).toMatch(/^2\.50× \(2\.00–4\.00×, n=3 pairs\)/);
  });

  it('prefers the pairs to the main tables\' single figures', () => {
    const reading = taxReading({ taxPairs: [pair(50, 100)], node: [nativeRun(50)], page: [pageRun(200)] });
    expect(reading?.ratio).toBeCloseTo(2, 12);
  });

  it('falls back to the single figures without pairs, and to null without either', () => {
    expect(taxReading({ taxPairs: [], node: [nativeRun(50)], page: [pageRun(200)] })?.ratio).toBeCloseTo(4, 12);
    expect(taxReading({ node: [nativeRun(50)], page: [] })).toBeNull();
  });
});
