// npm run generate -- --ratings FILE --count N --out DIR [--seed S] [--guidance G] [--steps K]
//                     [--target like|dislike] [--models DIR]
// Writes N PNGs and DIR/generated.json with the page's engine and ONNX models (design.md contract).
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { PNG } from 'pngjs';
import { generate, MAX_BATCH, type GeneratedBatch } from '../src/engine/generate.ts';
import { resolveRatings } from '../src/engine/rated-embeddings.ts';
import type { RatingsFile } from '../src/engine/ratings-file.ts';
import { validateRatingsText } from '../src/engine/validate-ratings-file.ts';
import { loadModels, type NodeModels } from './load-models.ts';
import { modelsDir } from './models-location.ts';

export interface CliOptions {
  ratings: string;
  count: number;
  out: string;
  seed: number;
  guidance?: number;
  steps?: number;
  target: 'like' | 'dislike';
  models: string;
}

const USAGE = 'usage: npm run generate -- --ratings FILE --count N --out DIR [--seed S] [--guidance G] [--steps K] [--target like|dislike] [--models DIR]';

/** Parses and checks the command line; throws one message listing every problem. */
export function parseCli(argv: string[]): CliOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      ratings: { type: 'string' }, count: { type: 'string' }, out: { type: 'string' }, seed: { type: 'string' },
      guidance: { type: 'string' }, steps: { type: 'string' }, target: { type: 'string' }, models: { type: 'string' },
    },
    strict: true,
  });
  const problems: string[] = [];
  const int = (name: string, v: string | undefined, min: number, max: number): number | undefined => {
    if (v === undefined) return undefined;
    const n = Number(v);
    if (!/^\d+$/.test(v) || n < min || n > max) problems.push(`--${name} must be an integer from ${min} to ${max}, not "${v}"`);
    return n;
  };
  if (!values.ratings) problems.push('--ratings FILE is required');
  if (!values.out) problems.push('--out DIR is required');
  if (values.count === undefined) problems.push('--count N is required');
  const count = int('count', values.count, 1, MAX_BATCH);
  const seed = int('seed', values.seed, 0, 0xffffffff);
  const steps = int('steps', values.steps, 1, 1000);
  const guidance = values.guidance === undefined ? undefined : Number(values.guidance);
  if (guidance !== undefined && (values.guidance!.trim() === '' || !Number.isFinite(guidance))) problems.push(`--guidance must be a number, not "${values.guidance}"`);
  const target = values.target ?? 'like';
  if (target !== 'like' && target !== 'dislike') problems.push(`--target must be "like" or "dislike", not "${target}"`);
  if (problems.length > 0) throw new Error(`${problems.join('\n')}\n${USAGE}`);
  return {
    ratings: resolve(values.ratings!), count: count!, out: resolve(values.out!), seed: seed ?? 0, guidance, steps,
    target: target as 'like' | 'dislike', models: values.models ? resolve(values.models) : modelsDir(),
  };
}

/** Reads and validates the ratings file against the catalog; rejects it whole with every problem. */
export async function readRatingsFile(path: string, models: NodeModels): Promise<RatingsFile> {
  const text = await readFile(path, 'utf8');
  const result = validateRatingsText(text, models.catalog.rowOf);
  if (!result.ok) throw new Error(`${path} is not a valid ratings file:\n${result.errors.map((e) => `  - ${e.message}`).join('\n')}`);
  return result.file;
}

/** generated.json: per image its file, raw embedding, nearest catalog items and novelty. */
export function generatedJson(batch: GeneratedBatch, profile: string, backend: string, schedule: string, files: string[]) {
  return {
    format: 'beyond-catalog.generated',
    version: 1,
    profile,
    seed: batch.seed,
    steps: batch.steps,
    guidance: batch.guidance,
    target: batch.target,
    ratingsUsed: batch.ratingsUsed,
    backend,
    schedule,
    items: batch.items.map((item, i) => ({
      file: files[i],
      embedding: Array.from(item.embedding),
      nearest: item.nearest,
      novelty: item.novelty,
    })),
  };
}

/** Runs the CLI; returns the path of generated.json. */
export async function runCli(o: CliOptions, log: (line: string) => void = () => {}): Promise<string> {
  const models = await loadModels(o.models);
  try {
    const file = await readRatingsFile(o.ratings, models);
    const { ratings, leftOut } = resolveRatings(models.catalog, file.ratings);
    for (const why of leftOut) log(`left out: ${why}`);
    const batch = await generate(models, { ratings, count: o.count, seed: o.seed, steps: o.steps, guidance: o.guidance, target: o.target }, (p) => {
      if (p.stage === 'denoise') log(`step ${p.step}/${p.steps}`);
    });
    await mkdir(o.out, { recursive: true });
    const digits = String(o.count).length;
    const files = batch.items.map((_, i) => `generated-${String(i + 1).padStart(digits, '0')}.png`);
    for (const [i, item] of batch.items.entries()) {
      const png = new PNG({ width: item.image.width, height: item.image.height });
      png.data = Buffer.from(item.image.data.buffer, item.image.data.byteOffset, item.image.data.byteLength);
      await writeFile(join(o.out, files[i]), PNG.sync.write(png));
    }
    const json = generatedJson(batch, file.profile, models.runner.backend.name, models.manifest.prior.schedule.name, files);
    const path = join(o.out, 'generated.json');
    await writeFile(path, JSON.stringify(json, null, 1) + '\n');
    log(`wrote ${files.length} images and ${path} (seed ${batch.seed}, ${batch.steps} steps, guidance ${batch.guidance}, ${json.backend})`);
    return path;
  } finally {
    await models.runner.release();
  }
}

// Run only as a script, not when a test imports this module.
if (process.argv[1] && resolve(process.argv[1]) === resolve(new URL(import.meta.url).pathname)) {
  try {
    await runCli(parseCli(process.argv.slice(2)), (line) => console.log(line));
  } catch (e) {
    console.error(e instanceof Error ? e.message : String(e));
    process.exitCode = 1;
  }
}
