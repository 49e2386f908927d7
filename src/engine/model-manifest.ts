/**
 * The models manifest written by models/export_*.py (public/models/manifest.json). The page,
 * the worker and the CLI read tensor names, shapes, normalisation and the diffusion schedule
 * from here, so Python and TypeScript never disagree about them.
 */
export interface ModelManifest {
  format: 'beyond-catalog.models';
  version: 1;
  autoencoder: {
    embeddingDim: number;
    /** [channels, height, width] of one decoded image: NCHW premultiplied RGBA in [0, 1]. */
    imageShape: [number, number, number];
    decoder: { file: string; input: string; output: string };
    /** medianNearestDistance: novelty's yardstick (normalised space), computed at export. */
    catalogEmbeddings: { file: string; dtype: 'float16'; count: number; medianNearestDistance: number };
    /** The prior works on (e - mean) / std. */
    normalization: { mean: number[]; std: number[] };
  };
  prior: {
    /** Inputs in order: embeddings (1, N, D) normalised, ratings (1, N). */
    userEncoder: { file: string; inputs: [string, string]; output: string; ratingValues: { like: number; dislike: number; padding: number } };
    /** Inputs in order: x_t (B, D), t (B,), user_tokens (B, K, W), rating (B,) int64. */
    denoiser: { file: string; inputs: [string, string, string, string]; output: string; ratingTokens: { null: number; like: number; dislike: number } };
    userTokens: number;
    width: number;
    maxRatings: number;
    schedule: DiffusionSchedule;
    taste: TasteSettings;
  };
}

/**
 * How the sampler leans along the user's taste direction (taste-direction.ts; models/
 * taste_direction.py writes these): the logistic model's L2 weight, its constant feature (the
 * bias's stand-in), its Newton steps, and the distance added along the unit direction to every
 * step's x0 (0: no lean).
 */
export interface TasteSettings {
  l2: number;
  biasFeature: number;
  newtonSteps: number;
  shift: number;
}

export interface DiffusionSchedule {
  name: string;
  prediction: 'x0';
  trainSteps: number;
  /** float64 cumulative alphas, one per training timestep. */
  alphasCumprod: number[];
  defaultSteps: number;
  defaultGuidance: number;
  sampler: 'ddim-eta0';
}

/** The networks generation runs, named as the runtime knows them. */
export type ModelName = 'user-encoder' | 'denoiser' | 'decoder';

/** File of each network, relative to the manifest. */
export function modelFiles(manifest: ModelManifest): Record<ModelName, string> {
  return {
    'user-encoder': manifest.prior.userEncoder.file,
    denoiser: manifest.prior.denoiser.file,
    decoder: manifest.autoencoder.decoder.file,
  };
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Walks the manifest collecting every problem instead of stopping at the first. */
class Checker {
  readonly problems: string[] = [];

  object(parent: unknown, path: string): Json | undefined {
    const v = this.get(parent, path);
    if (v === undefined) return undefined;
    if (!isObject(v)) return this.fail(`${path} must be an object`);
    return v;
  }

  string(parent: unknown, path: string): void {
    const v = this.get(parent, path);
    if (v !== undefined && (typeof v !== 'string' || v === '')) this.fail(`${path} must be a non-empty string`);
  }

  number(parent: unknown, path: string, integer = false): number | undefined {
    const v = this.get(parent, path);
    if (v === undefined) return undefined;
    if (typeof v !== 'number' || !Number.isFinite(v) || (integer && (!Number.isInteger(v) || v <= 0))) {
      return this.fail(`${path} must be a ${integer ? 'positive integer' : 'finite number'}`);
    }
    return v;
  }

  positive(parent: unknown, path: string): void {
    const v = this.number(parent, path);
    if (v !== undefined && v <= 0) this.fail(`${path} must be positive`);
  }

  numbers(parent: unknown, path: string, length: number | undefined, ok: (x: number) => boolean = Number.isFinite): void {
    const v = this.get(parent, path);
    if (v === undefined) return;
    if (!Array.isArray(v)) return void this.fail(`${path} must be an array of numbers`);
    if (length !== undefined && v.length !== length) this.fail(`${path} has ${v.length} values, expected ${length}`);
    if (!v.every((x) => typeof x === 'number' && ok(x))) this.fail(`${path} holds a value out of range`);
  }

  strings(parent: unknown, path: string, length: number): void {
    const v = this.get(parent, path);
    if (v === undefined) return;
    if (!Array.isArray(v) || v.length !== length || !v.every((x) => typeof x === 'string' && x !== '')) {
      this.fail(`${path} must list ${length} input names`);
    }
  }

  equals(parent: unknown, path: string, expected: unknown): void {
    const v = this.get(parent, path);
    if (v !== undefined && v !== expected) this.fail(`${path} is ${JSON.stringify(v)}, this app supports ${JSON.stringify(expected)}`);
  }

  private get(parent: unknown, path: string): unknown {
    if (!isObject(parent)) return undefined; // the parent's own problem is already listed
    const key = path.slice(path.lastIndexOf('.') + 1);
    if (!(key in parent)) {
      this.problems.push(`${path} is missing`);
      return undefined;
    }
    return parent[key];
  }

  private fail(message: string): undefined {
    this.problems.push(message);
    return undefined;
  }
}

/**
 * Checks a parsed manifest.json at the edge. Throws one Error listing every missing or malformed
 * field, so a stale or partial export fails with a message instead of a shape error mid-run.
 */
export function parseModelManifest(value: unknown): ModelManifest {
  if (!isObject(value)) throw new Error('models manifest: top level is not an object');
  const c = new Checker();
  c.equals(value, 'format', 'beyond-catalog.models');
  c.equals(value, 'version', 1);

  const ae = c.object(value, 'autoencoder');
  const dim = c.number(ae, 'autoencoder.embeddingDim', true);
  c.numbers(ae, 'autoencoder.imageShape', 3, (x) => Number.isInteger(x) && x > 0);
  if (ae && Array.isArray(ae.imageShape) && ae.imageShape[0] !== 4) c.problems.push('autoencoder.imageShape must have 4 channels (RGBA)');
  const dec = c.object(ae, 'autoencoder.decoder');
  for (const k of ['file', 'input', 'output']) c.string(dec, `autoencoder.decoder.${k}`);
  const emb = c.object(ae, 'autoencoder.catalogEmbeddings');
  c.string(emb, 'autoencoder.catalogEmbeddings.file');
  c.equals(emb, 'autoencoder.catalogEmbeddings.dtype', 'float16');
  c.number(emb, 'autoencoder.catalogEmbeddings.count', true);
  c.positive(emb, 'autoencoder.catalogEmbeddings.medianNearestDistance');
  const norm = c.object(ae, 'autoencoder.normalization');
  c.numbers(norm, 'autoencoder.normalization.mean', dim);
  c.numbers(norm, 'autoencoder.normalization.std', dim, (x) => Number.isFinite(x) && x > 0);

  const prior = c.object(value, 'prior');
  const ue = c.object(prior, 'prior.userEncoder');
  c.string(ue, 'prior.userEncoder.file');
  c.strings(ue, 'prior.userEncoder.inputs', 2);
  c.string(ue, 'prior.userEncoder.output');
  const values = c.object(ue, 'prior.userEncoder.ratingValues');
  for (const k of ['like', 'dislike', 'padding']) c.number(values, `prior.userEncoder.ratingValues.${k}`);
  const de = c.object(prior, 'prior.denoiser');
  c.string(de, 'prior.denoiser.file');
  c.strings(de, 'prior.denoiser.inputs', 4);
  c.string(de, 'prior.denoiser.output');
  const tokens = c.object(de, 'prior.denoiser.ratingTokens');
  for (const k of ['null', 'like', 'dislike']) c.number(tokens, `prior.denoiser.ratingTokens.${k}`);
  for (const k of ['userTokens', 'width', 'maxRatings']) c.number(prior, `prior.${k}`, true);

  const s = c.object(prior, 'prior.schedule');
  c.string(s, 'prior.schedule.name');
  c.equals(s, 'prior.schedule.prediction', 'x0');
  c.equals(s, 'prior.schedule.sampler', 'ddim-eta0');
  const trainSteps = c.number(s, 'prior.schedule.trainSteps', true);
  c.numbers(s, 'prior.schedule.alphasCumprod', trainSteps, (x) => x > 0 && x <= 1);
  c.number(s, 'prior.schedule.defaultSteps', true);
  c.number(s, 'prior.schedule.defaultGuidance');
  const taste = c.object(prior, 'prior.taste');
  c.number(taste, 'prior.taste.l2');
  c.number(taste, 'prior.taste.biasFeature');
  c.number(taste, 'prior.taste.newtonSteps', true);
  c.number(taste, 'prior.taste.shift');

  if (c.problems.length > 0) throw new Error(`models manifest: ${c.problems.join('; ')}`);
  return value as unknown as ModelManifest;
}
