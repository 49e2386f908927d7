import { createCatalogIndex, novelty, type CatalogIndex, type Neighbour } from './catalog-index.ts';
import { ddimSample } from './ddim-sampler.ts';
import { gaussianNoise } from './gaussian-noise.ts';
import { premultipliedToRgba, type RgbaImage } from './image-pixels.ts';
import type { ModelManifest } from './model-manifest.ts';
import { floatOutput, type ModelRunner } from './model-runner.ts';
import { nearestItemsBatch } from './nearest-items.ts';
import { denormalize, normalize } from './normalization.ts';
import type { RatedEmbedding } from './rated-embeddings.ts';
import type { RatingValue } from './ratings-file.ts';
import { tasteDirection } from './taste-direction.ts';

/** Everything generation needs, loaded once: manifest, a runner over its networks, the catalog. */
export interface GenerationModels {
  manifest: ModelManifest;
  runner: ModelRunner;
  catalog: CatalogIndex;
}

export interface GenerateRequest {
  /** Oldest first; only the most recent manifest.prior.maxRatings are used. */
  ratings: readonly RatedEmbedding[];
  count: number;
  /** Unsigned 32-bit integer; the same seed, ratings and settings give the same items. */
  seed: number;
  /**
   * Items `offset` .. `offset + count - 1` of the seed's batch (default 0): each item's noise is
   * its own slice of the seed's stream, so a batch drawn in parts is the batch drawn at once.
   */
  offset?: number;
  /** DDIM steps; default manifest.prior.schedule.defaultSteps. */
  steps?: number;
  /** Classifier-free guidance scale; default manifest.prior.schedule.defaultGuidance. */
  guidance?: number;
  /** The rating token to condition on: 'like' (default) or 'dislike' ("what I would dislike"). */
  target?: RatingValue;
  /** Catalog neighbours reported per item; default 5. */
  neighbours?: number;
}

export interface GeneratedItem {
  /** Raw embedding (decoder space): what a rating of this item stores. */
  embedding: Float32Array;
  image: RgbaImage;
  nearest: Neighbour[];
  novelty: number;
}

export interface GeneratedBatch {
  seed: number;
  steps: number;
  guidance: number;
  target: RatingValue;
  ratingsUsed: number;
  items: GeneratedItem[];
}

export type GenerateProgress =
  | { stage: 'user' }
  | { stage: 'denoise'; step: number; steps: number }
  | { stage: 'decode' };

/** Largest batch one generate() call accepts: 2 x 64 denoiser rows is already heavy on WASM. */
export const MAX_BATCH = 64;

/** Builds the catalog index from decoded catalog embeddings and the manifest's normalisation. */
export function catalogIndexFor(manifest: ModelManifest, raw: Float32Array, ids: readonly string[]): CatalogIndex {
  return createCatalogIndex(raw, ids, manifest.autoencoder.normalization, manifest.autoencoder.catalogEmbeddings.medianNearestDistance);
}

/**
 * Samples `count` new items for a rating set: user encoder once (conditional and empty set),
 * DDIM with one batched denoiser call per step, decoder once, then nearest catalog items and
 * novelty. Pure apart from `models.runner`, so the page, the worker and the CLI share it.
 */
export async function generate(
  models: GenerationModels,
  request: GenerateRequest,
  onProgress?: (p: GenerateProgress) => void,
): Promise<GeneratedBatch> {
  const { manifest, runner, catalog } = models;
  const { prior, autoencoder } = manifest;
  const schedule = prior.schedule;
  const steps = request.steps ?? schedule.defaultSteps;
  const guidance = request.guidance ?? schedule.defaultGuidance;
  const target = request.target ?? 'like';
  checkRequest(request, guidance);
  const dim = autoencoder.embeddingDim;
  const count = request.count;
  const offset = request.offset ?? 0;
  const ratings = request.ratings.slice(-prior.maxRatings);

  onProgress?.({ stage: 'user' });
  const rated = normalizeRatings(manifest, ratings);
  const { tokens, ratingToken } = await denoiserConditioning(models, rated, count, target);
  const x0Shift = tasteShift(manifest, rated, count, target);

  const [xName, tName, tokensName, ratingName] = prior.denoiser.inputs;
  const z = await ddimSample({
    noise: gaussianNoise(request.seed, (offset + count) * dim).subarray(offset * dim),
    batch: count,
    alphasCumprod: schedule.alphasCumprod,
    steps,
    guidance,
    x0Shift,
    denoise: async (x, t) => {
      const out = await runner.run('denoiser', {
        [xName]: { data: x, dims: [2 * count, dim] },
        [tName]: { data: t, dims: [2 * count] },
        [tokensName]: { data: tokens, dims: [2 * count, prior.userTokens, prior.width] },
        [ratingName]: { data: ratingToken, dims: [2 * count] },
      });
      return floatOutput(out, prior.denoiser.output, 2 * count * dim);
    },
    onStep: (step, total) => onProgress?.({ stage: 'denoise', step, steps: total }),
  });

  onProgress?.({ stage: 'decode' });
  const raw = Float32Array.from(denormalize(z, autoencoder.normalization));
  const [channels, height, width] = autoencoder.imageShape;
  const decoded = await runner.run('decoder', { [autoencoder.decoder.input]: { data: raw, dims: [count, dim] } });
  const images = floatOutput(decoded, autoencoder.decoder.output, count * channels * height * width);

  const neighbours = nearestItemsBatch(catalog, z, count, request.neighbours ?? 5);
  const items = Array.from({ length: count }, (_, b): GeneratedItem => {
    const nearest = neighbours[b];
    return {
      embedding: raw.slice(b * dim, (b + 1) * dim),
      image: premultipliedToRgba(images, b, height, width),
      nearest,
      novelty: novelty(catalog, nearest[0]?.distance ?? Infinity),
    };
  });
  return { seed: request.seed, steps, guidance, target, ratingsUsed: ratings.length, items };
}

/**
 * A rating set as the networks read it: each embedding normalised (float32, rows in rating
 * order) and its rating. Built once per generate(): the user encoder and the taste direction
 * read the same rows.
 */
export interface NormalizedRatings {
  rows: Float32Array;
  ratings: RatingValue[];
}

export function normalizeRatings(manifest: ModelManifest, ratings: readonly RatedEmbedding[]): NormalizedRatings {
  const { embeddingDim: dim, normalization } = manifest.autoencoder;
  const rows = new Float32Array(ratings.length * dim);
  ratings.forEach((r, i) => {
    if (r.embedding.length !== dim) throw new Error(`rating ${i} has an embedding of ${r.embedding.length} values, expected ${dim}`);
    rows.set(normalize(r.embedding, normalization), i * dim);
  });
  return { rows, ratings: ratings.map((r) => r.rating) };
}

/**
 * The lean every step's x0 gets (B rows of D): manifest.prior.taste.shift along the unit taste
 * direction of this rating set, toward it for "like", away from it for "dislike". The direction
 * is fitted on the float32 normalised embeddings the user encoder reads, as the Python does.
 */
export function tasteShift(manifest: ModelManifest, rated: NormalizedRatings, count: number, target: RatingValue): Float64Array | undefined {
  const { taste } = manifest.prior;
  if (taste.shift === 0 || rated.ratings.length === 0) return undefined;
  const dim = manifest.autoencoder.embeddingDim;
  const direction = tasteDirection(rated.rows, rated.ratings.map((r) => (r === 'like' ? 1 : -1)), dim, taste);
  const amount = target === 'like' ? taste.shift : -taste.shift;
  const out = new Float64Array(count * dim);
  for (let b = 0; b < count; b++) for (let j = 0; j < dim; j++) out[b * dim + j] = amount * direction[j];
  return out;
}

/** The denoiser's user tokens (2B, K, W) and rating tokens (2B,) for one batch. */
export interface DenoiserConditioning {
  tokens: Float32Array;
  ratingToken: BigInt64Array;
}

/**
 * Runs the user encoder (on the rating set and on the empty set) and lays its tokens out for a
 * batch of `count`: rows 0..B-1 conditional, B..2B-1 unconditional, the layout ddimSample expects
 * back. Exported for scripts/bench/sampler-graph.ts, which feeds the same rows to a one-graph
 * sampler.
 */
export async function denoiserConditioning(
  models: GenerationModels,
  rated: NormalizedRatings,
  count: number,
  target: RatingValue,
): Promise<DenoiserConditioning> {
  const ratingTokens = models.manifest.prior.denoiser.ratingTokens;
  const uncond = await userTokens(models, { rows: new Float32Array(0), ratings: [] });
  const cond = rated.ratings.length > 0 ? await userTokens(models, rated) : uncond;
  const tokenSize = cond.length;
  const tokens = new Float32Array(2 * count * tokenSize);
  for (let b = 0; b < count; b++) {
    tokens.set(cond, b * tokenSize);
    tokens.set(uncond, (count + b) * tokenSize);
  }
  const ratingToken = new BigInt64Array(2 * count);
  ratingToken.fill(BigInt(ratingTokens[target]), 0, count);
  ratingToken.fill(BigInt(ratingTokens.null), count);
  return { tokens, ratingToken };
}

/**
 * User tokens (1, K, W) for a rating set. The empty set is one padding entry, which the encoder
 * masks out — the same tokens the prior was trained to read as "no user".
 */
async function userTokens(models: GenerationModels, rated: NormalizedRatings): Promise<Float32Array> {
  const { prior, autoencoder } = models.manifest;
  const dim = autoencoder.embeddingDim;
  const values = prior.userEncoder.ratingValues;
  const n = Math.max(rated.ratings.length, 1);
  const embeddings = new Float32Array(n * dim);
  embeddings.set(rated.rows);
  const ratingValues = new Float32Array(n).fill(values.padding);
  rated.ratings.forEach((r, i) => (ratingValues[i] = values[r]));
  const [embName, ratingName] = prior.userEncoder.inputs;
  const out = await models.runner.run('user-encoder', {
    [embName]: { data: embeddings, dims: [1, n, dim] },
    [ratingName]: { data: ratingValues, dims: [1, n] },
  });
  return floatOutput(out, prior.userEncoder.output, prior.userTokens * prior.width);
}

function checkRequest(r: GenerateRequest, guidance: number): void {
  const problems: string[] = [];
  if (!Number.isInteger(r.count) || r.count < 1 || r.count > MAX_BATCH) problems.push(`count must be an integer from 1 to ${MAX_BATCH}`);
  if (!Number.isInteger(r.seed) || r.seed < 0 || r.seed > 0xffffffff) problems.push('seed must be an integer from 0 to 4294967295');
  if (r.offset !== undefined && (!Number.isInteger(r.offset) || r.offset < 0 || r.offset > MAX_BATCH)) problems.push(`offset must be an integer from 0 to ${MAX_BATCH}`);
  if (!Number.isFinite(guidance)) problems.push('guidance must be a finite number');
  if (r.target !== undefined && r.target !== 'like' && r.target !== 'dislike') problems.push('target must be "like" or "dislike"');
  if (r.neighbours !== undefined && (!Number.isInteger(r.neighbours) || r.neighbours < 1)) problems.push('neighbours must be a positive integer');
  if (problems.length > 0) throw new Error(`generate: ${problems.join('; ')}`);
}
