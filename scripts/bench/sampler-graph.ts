// What the whole sampler in one graph buys over the page's loop (issue #7 asks, "if you try
// them"). Node, onnxruntime-web WASM, the shipped denoiser against
// models/bench/sampler-graph.onnx (the same denoiser with the default DDIM steps and guidance unrolled around
// it: models/export_sampler_graph.py). Prior only — the user encoder runs once, outside the
// timing, and feeds both; decoding is the same for both and is left out.
//   npx tsx scripts/bench/sampler-graph.ts [--threads N] [--counts 1,8,32] [--repeats R]
// Loop and graph alternate within each repeat, so host-speed drift falls on both alike. Fails if
// the two disagree by more than 1e-4 (graph state is float32, the loop's float64).
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { parseCatalog } from '../../src/engine/catalog.ts';
import { ddimSample } from '../../src/engine/ddim-sampler.ts';
import { decodeFloat16 } from '../../src/engine/float16.ts';
import { gaussianNoise } from '../../src/engine/gaussian-noise.ts';
import { catalogIndexFor, denoiserConditioning, normalizeRatings, type GenerationModels } from '../../src/engine/generate.ts';
import { floatOutput } from '../../src/engine/model-runner.ts';
import { resolveRatings } from '../../src/engine/rated-embeddings.ts';
import { createOnnxRuntime } from '../../src/runtime/onnx-runtime.ts';
import { readManifest } from '../load-models.ts';
import { modelsDir, ROOT } from '../models-location.ts';
import { benchRatings } from './bench-ratings.ts';
import { formatMs, summarize } from './stats.ts';

interface GraphInfo {
  model: string;
  steps: number;
  inputs: [string, string, string, string];
  output: string;
}

const { values } = parseArgs({ options: { threads: { type: 'string' }, counts: { type: 'string' }, repeats: { type: 'string' } } });
const threads = Number(values.threads ?? 1);
const counts = (values.counts ?? '1,8,32').split(',').map(Number);
const repeats = Number(values.repeats ?? 7);

const dir = modelsDir();
const benchDir = join(ROOT, 'models/bench');
const manifest = await readManifest(dir);
const info = JSON.parse(await readFile(join(benchDir, 'sampler-graph.json'), 'utf8')) as GraphInfo;
const steps = manifest.prior.schedule.defaultSteps;
if (info.steps !== steps) throw new Error(`sampler-graph.onnx bakes in ${info.steps} steps, the manifest's default is ${steps}: rerun models/export_sampler_graph.py`);
const guidance = manifest.prior.schedule.defaultGuidance;
const read = async (path: string) => new Uint8Array(await readFile(path));
const runner = await createOnnxRuntime(
  {
    'user-encoder': await read(join(dir, manifest.prior.userEncoder.file)),
    denoiser: await read(join(dir, manifest.prior.denoiser.file)),
    decoder: await read(join(dir, manifest.autoencoder.decoder.file)), // unused; makes the runner a ModelRunner
    graph: await read(join(benchDir, info.model)),
  },
  { backend: 'wasm', numThreads: threads },
);
const catalogFile = parseCatalog(JSON.parse(await readFile(join(ROOT, 'public/catalog/catalog.json'), 'utf8')));
const ids = catalogFile.items.map((i) => i.id);
const catalog = catalogIndexFor(manifest, decodeFloat16(await read(join(dir, manifest.autoencoder.catalogEmbeddings.file))), ids);
const models: GenerationModels = { manifest, runner, catalog };
const ratings = resolveRatings(catalog, benchRatings(ids)).ratings;
const { prior } = manifest;
const dim = manifest.autoencoder.embeddingDim;
const [xName, tName, tokensName, ratingName] = prior.denoiser.inputs;

console.log(`onnxruntime-web WASM, ${threads} thread(s); DDIM ${steps} steps, guidance ${guidance}; ${repeats} repeats after a warm-up, loop and graph alternating`);
console.log('| items | plain loop (one run per step) | one graph (one run) | max abs difference |');
console.log('|---|---|---|---|');
for (const count of counts) {
  const { tokens, ratingToken } = await denoiserConditioning(models, normalizeRatings(manifest, ratings), count, 'like');
  const noise = gaussianNoise(count, count * dim);
  const loop = async () =>
    ddimSample({
      noise,
      batch: count,
      alphasCumprod: prior.schedule.alphasCumprod,
      steps,
      guidance,
      denoise: async (x, t) =>
        floatOutput(
          await runner.run('denoiser', {
            [xName]: { data: x, dims: [2 * count, dim] },
            [tName]: { data: t, dims: [2 * count] },
            [tokensName]: { data: tokens, dims: [2 * count, prior.userTokens, prior.width] },
            [ratingName]: { data: ratingToken, dims: [2 * count] },
          }),
          prior.denoiser.output,
          2 * count * dim,
        ),
    });
  const [gx, gTokens, gRating, gGuidance] = info.inputs;
  const graph = async () =>
    floatOutput(
      await runner.run('graph', {
        [gx]: { data: Float32Array.from(noise), dims: [count, dim] },
        [gTokens]: { data: tokens, dims: [2 * count, prior.userTokens, prior.width] },
        [gRating]: { data: ratingToken, dims: [2 * count] },
        [gGuidance]: { data: Float32Array.of(guidance), dims: [1] },
      }),
      info.output,
      count * dim,
    );
  const a = await loop();
  const b = await graph();
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff = Math.max(diff, Math.abs(a[i] - b[i]));
  if (!(diff <= 1e-4)) throw new Error(`one graph and the loop disagree by ${diff} at ${count} items`);
  const loopMs: number[] = [];
  const graphMs: number[] = [];
  for (let r = 0; r < repeats; r++) {
    for (const [fn, into] of r % 2 ? ([[graph, graphMs], [loop, loopMs]] as const) : ([[loop, loopMs], [graph, graphMs]] as const)) {
      const start = performance.now();
      await fn();
      into.push(performance.now() - start);
    }
  }
  console.log(`| ${count} | ${formatMs(summarize(loopMs))} | ${formatMs(summarize(graphMs))} | ${diff.toExponential(1)} |`);
}
await runner.release();
// onnxruntime-web's pthread workers keep Node alive after the last run.
process.exit(0);
