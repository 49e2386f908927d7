// One Node measurement, run as its own process by bench.ts: onnxruntime-web fixes its WASM
// thread count when the module first starts, so each thread count needs a fresh process.
//   tsx scripts/bench/node-latency.ts --runtime web|native --threads N --counts 1,8,32 --repeats R [--models DIR]
// Prints one line "BENCH-RESULT {json}".
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { parseCatalog } from '../../src/engine/catalog.ts';
import { decodeFloat16 } from '../../src/engine/float16.ts';
import { catalogIndexFor, generate, type GenerationModels } from '../../src/engine/generate.ts';
import { modelFiles, type ModelName } from '../../src/engine/model-manifest.ts';
import type { ModelRunner } from '../../src/engine/model-runner.ts';
import { resolveRatings } from '../../src/engine/rated-embeddings.ts';
import { createOnnxRuntime } from '../../src/runtime/onnx-runtime.ts';
import { readManifest } from '../load-models.ts';
import { modelsDir, ROOT } from '../models-location.ts';
import { benchRatings } from './bench-ratings.ts';
import { settle, SETTLE_MAX_RUNS, summarize, timeRuns, type Summary } from './stats.ts';

export interface NodeLatencyResult {
  runtime: 'web' | 'native';
  threads: number;
  /** onnxruntime-node's version for native; the web version is read by bench.ts. */
  version?: string;
  loadMs: number;
  steps: number;
  /** Whole generate() per batch size: prior (user encoder + denoiser steps) + decoder + neighbours, settled. */
  generate: Record<string, Summary>;
  /** The same for the first runs after load (one untimed before them). */
  early: Record<string, Summary>;
  /** Untimed runs it took for the times to settle. */
  settleRuns: Record<string, number>;
  /** The decoder alone on 8 embeddings. */
  decoder8: Summary;
  /**
   * Where a settled 8-item generate() spends its time: each network's calls (summed per run),
   * and the rest — the JS around them (taste fit, DDIM arithmetic, nearest items, pixels).
   */
  split8?: Record<ModelName | 'rest', Summary>;
}

/** Wraps a runner so that each call's wall time is added to `spent[model]`. */
function timedRunner(runner: ModelRunner, spent: Partial<Record<ModelName, number>>): ModelRunner {
  return {
    async run(model, feeds) {
      const start = performance.now();
      try {
        return await runner.run(model, feeds);
      } finally {
        spent[model] = (spent[model] ?? 0) + performance.now() - start;
      }
    },
  };
}

async function measure(runtime: 'web' | 'native', threads: number, counts: number[], repeats: number, dir: string): Promise<NodeLatencyResult> {
  const started = performance.now();
  const manifest = await readManifest(dir);
  const files = modelFiles(manifest);
  const bytes = {} as Record<ModelName, Uint8Array>;
  for (const [name, file] of Object.entries(files) as [ModelName, string][]) bytes[name] = new Uint8Array(await readFile(join(dir, file)));
  const catalogFile = parseCatalog(JSON.parse(await readFile(join(ROOT, 'public/catalog/catalog.json'), 'utf8')));
  const ids = catalogFile.items.map((i) => i.id);
  const catalog = catalogIndexFor(manifest, decodeFloat16(new Uint8Array(await readFile(join(dir, manifest.autoencoder.catalogEmbeddings.file)))), ids);
  let runner: ModelRunner & { release(): Promise<void> };
  let version: string | undefined;
  if (runtime === 'native') {
    const { createNativeRunner } = await import('./native-runner.ts');
    const native = await createNativeRunner(bytes, threads);
    runner = native;
    version = native.version;
  } else {
    runner = await createOnnxRuntime(bytes, { backend: 'wasm', numThreads: threads });
  }
  const loadMs = performance.now() - started;
  const models: GenerationModels = { manifest, runner, catalog };
  const ratings = resolveRatings(catalog, benchRatings(ids)).ratings;
  const steps = manifest.prior.schedule.defaultSteps;
  const generateTimes: Record<string, Summary> = {};
  const early: Record<string, Summary> = {};
  const settleRuns: Record<string, number> = {};
  let seed = 0;
  // Every run goes through the timing wrapper (a clock read per network call), so the split of
  // 8 items comes from the same settled runs as the 8-item figure, not from extra ones.
  const splits: Record<string, number>[] = [];
  let split8: NodeLatencyResult['split8'];
  for (const count of counts) {
    const once = async () => {
      const spent: Partial<Record<ModelName, number>> = {};
      const start = performance.now();
      await generate({ ...models, runner: timedRunner(runner, spent) }, { ratings, count, seed: seed++, steps });
      const total = performance.now() - start;
      splits.push({ ...spent, rest: total - Object.values(spent).reduce((a, b) => a + b, 0) });
    };
    early[count] = await timeRuns(once, repeats);
    settleRuns[count] = await settle(once, SETTLE_MAX_RUNS);
    generateTimes[count] = await timeRuns(once, repeats, 0);
    if (count === 8) {
      const timed = splits.slice(-repeats);
      split8 = Object.fromEntries(Object.keys(timed[0]).map((name) => [name, summarize(timed.map((t) => t[name]))])) as NodeLatencyResult['split8'];
    }
  }
  const dim = manifest.autoencoder.embeddingDim;
  const embeddings = catalog.raw.slice(0, 8 * dim);
  const { input } = manifest.autoencoder.decoder;
  const decode = () => runner.run('decoder', { [input]: { data: embeddings, dims: [8, dim] } });
  await settle(decode, SETTLE_MAX_RUNS);
  const decoder8 = await timeRuns(decode, repeats, 0);
  await runner.release();
  return { runtime, threads, version, loadMs, steps, generate: generateTimes, early, settleRuns, decoder8, split8 };
}

const { values } = parseArgs({
  options: { runtime: { type: 'string' }, threads: { type: 'string' }, counts: { type: 'string' }, repeats: { type: 'string' }, models: { type: 'string' } },
});
const runtime = values.runtime === 'native' ? 'native' : 'web';
const result = await measure(
  runtime,
  Number(values.threads ?? 1),
  (values.counts ?? '1,8,32').split(',').map(Number),
  Number(values.repeats ?? 5),
  values.models ?? modelsDir(),
);
console.log(`BENCH-RESULT ${JSON.stringify(result)}`);
// onnxruntime-web's pthread workers keep Node alive after the last run.
process.exit(0);
