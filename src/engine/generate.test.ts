import { describe, expect, it } from 'vitest';
import { catalogIndexFor, generate, normalizeRatings, tasteShift, type GenerationModels } from './generate.ts';
import type { ModelName } from './model-manifest.ts';
import type { ModelRunner, TensorData, TensorMap } from './model-runner.ts';
import { testManifest } from './test-manifest.ts';

const manifest = testManifest(4, 10);
const { mean, std } = manifest.autoencoder.normalization;
const nums = (t: TensorData) => Array.from(t.data as Float32Array);
const bigs = (t: TensorData) => Array.from(t.data as BigInt64Array);
const catalogRaw = Float32Array.from([0, 0, 0, 0, 1, 1, 1, 1, -1, 2, 0, 0.5]);

/** A fake runner whose outputs depend on every input, recording each call. */
function fakeRunner(calls: { model: ModelName; feeds: TensorMap }[]): ModelRunner {
  return {
    async run(model, feeds): Promise<TensorMap> {
      calls.push({ model, feeds });
      if (model === 'user-encoder') {
        const e = feeds.embeddings.data as Float32Array, r = feeds.ratings.data as Float32Array;
        const sum = e.reduce((a, b) => a + b, 0) + r.reduce((a, b) => a + 10 * b, 0);
        return { user_tokens: { data: Float32Array.from({ length: 6 }, (_, i) => sum + i), dims: [1, 2, 3] } };
      }
      if (model === 'denoiser') {
        const x = feeds.x_t.data as Float32Array, tokens = feeds.user_tokens.data as Float32Array;
        const rating = feeds.rating.data as BigInt64Array;
        const rows = rating.length, dim = x.length / rows;
        const out = x.map((v, i) => {
          const row = Math.floor(i / dim);
          return 0.5 * v + 0.01 * tokens[row * 6] + 0.1 * Number(rating[row]);
        });
        return { x0: { data: out, dims: [rows, dim] } };
      }
      const emb = feeds.embedding.data as Float32Array;
      const b = emb.length / 4;
      return { image: { data: Float32Array.from({ length: b * 16 }, (_, i) => (i % 16 < 12 ? 0.25 : 0.5)), dims: [b, 4, 2, 2] } };
    },
  };
}

function models(calls: { model: ModelName; feeds: TensorMap }[] = []): GenerationModels {
  return { manifest, runner: fakeRunner(calls), catalog: catalogIndexFor(manifest, catalogRaw, ['x:0', 'x:1', 'x:2']) };
}

const likes = [
  { embedding: [0.1, 0.2, 0.3, 0.4], rating: 'like' as const },
  { embedding: [1, 1, 1, 1], rating: 'dislike' as const },
];

describe('generate', () => {
  it('feeds the networks what the manifest describes', async () => {
    const calls: { model: ModelName; feeds: TensorMap }[] = [];
    const batch = await generate(models(calls), { ratings: likes, count: 2, seed: 5, steps: 3, guidance: 2 });
    expect(calls.map((c) => c.model)).toEqual(['user-encoder', 'user-encoder', 'denoiser', 'denoiser', 'denoiser', 'decoder']);
    // Unconditional: one padding entry with zero embedding.
    expect(calls[0].feeds.embeddings.dims).toEqual([1, 1, 4]);
    expect(nums(calls[0].feeds.ratings)).toEqual([0]);
    expect(nums(calls[0].feeds.embeddings)).toEqual([0, 0, 0, 0]);
    // Conditional: normalised embeddings, +1 like / -1 dislike.
    expect(calls[1].feeds.embeddings.dims).toEqual([1, 2, 4]);
    expect(nums(calls[1].feeds.ratings)).toEqual([1, -1]);
    expect(calls[1].feeds.embeddings.data[1]).toBeCloseTo((0.2 - mean[1]) / std[1], 6);
    // Denoiser: batch of 2B, rating tokens [like, like, null, null], user tokens [cond x B; uncond x B].
    const d = calls[2].feeds;
    expect(d.x_t.dims).toEqual([4, 4]);
    expect(d.user_tokens.dims).toEqual([4, 2, 3]);
    expect(bigs(d.rating)).toEqual([1n, 1n, 0n, 0n]);
    expect(nums(d.t)).toEqual([9, 9, 9, 9]);
    const tokens = d.user_tokens.data as Float32Array;
    expect(tokens[0]).toBe(tokens[6]);
    expect(tokens[12]).toBe(tokens[18]);
    expect(tokens[0]).not.toBe(tokens[12]);
    // Decoder gets the raw embedding, which is what the batch reports.
    expect(nums(calls[5].feeds.embedding)).toEqual([...batch.items[0].embedding, ...batch.items[1].embedding]);
    expect(batch).toMatchObject({ seed: 5, steps: 3, guidance: 2, target: 'like', ratingsUsed: 2 });
    expect(batch.items[0].image.data.slice(0, 4)).toEqual(new Uint8ClampedArray([128, 128, 128, 128]));
    expect(batch.items[0].nearest).toHaveLength(3);
    expect(batch.items[0].novelty).toBeCloseTo(batch.items[0].nearest[0].distance / models().catalog.medianNearestDistance, 9);
  });

  it('is deterministic per seed and differs between seeds', async () => {
    const run = (seed: number) => generate(models(), { ratings: likes, count: 3, seed });
    const [a, b, c] = await Promise.all([run(1), run(1), run(2)]);
    expect(a.items.map((i) => Array.from(i.embedding))).toEqual(b.items.map((i) => Array.from(i.embedding)));
    expect(a.items[0].embedding).not.toEqual(c.items[0].embedding);
    expect(a).toMatchObject({ steps: manifest.prior.schedule.defaultSteps, guidance: manifest.prior.schedule.defaultGuidance });
  });

  it('draws a batch in parts as it draws it at once (offset)', async () => {
    const whole = await generate(models(), { ratings: likes, count: 5, seed: 7 });
    const first = await generate(models(), { ratings: likes, count: 2, seed: 7 });
    const rest = await generate(models(), { ratings: likes, count: 3, seed: 7, offset: 2 });
    const rows = (b: typeof whole) => b.items.map((i) => Array.from(i.embedding));
    expect([...rows(first), ...rows(rest)]).toEqual(rows(whole));
    expect(rows(rest)[0]).not.toEqual(rows(first)[0]);
    await expect(generate(models(), { ratings: likes, count: 1, seed: 7, offset: -1 })).rejects.toThrow(/offset must be/);
  });

  it('conditions on the dislike token when asked', async () => {
    const calls: { model: ModelName; feeds: TensorMap }[] = [];
    await generate(models(calls), { ratings: likes, count: 1, seed: 1, steps: 1, target: 'dislike' });
    expect(bigs(calls[2].feeds.rating)).toEqual([2n, 0n]);
  });

  it('keeps only the most recent maxRatings ratings', async () => {
    const calls: { model: ModelName; feeds: TensorMap }[] = [];
    const many = Array.from({ length: 8 }, (_, i) => ({ embedding: [i, i, i, i], rating: 'like' as const }));
    const batch = await generate(models(calls), { ratings: many, count: 1, seed: 1, steps: 1 });
    expect(batch.ratingsUsed).toBe(5);
    expect(calls[1].feeds.embeddings.data[0]).toBeCloseTo((3 - mean[0]) / std[0], 6);
  });

  it('with no ratings runs the user encoder once and uses the empty set for both', async () => {
    const calls: { model: ModelName; feeds: TensorMap }[] = [];
    await generate(models(calls), { ratings: [], count: 1, seed: 1, steps: 1 });
    expect(calls.filter((c) => c.model === 'user-encoder')).toHaveLength(1);
  });

  it('reports progress and rejects bad requests with every problem', async () => {
    const seen: string[] = [];
    await generate(models(), { ratings: likes, count: 1, seed: 0, steps: 2 }, (p) => seen.push(p.stage === 'denoise' ? `step ${p.step}/${p.steps}` : p.stage));
    expect(seen).toEqual(['user', 'step 1/2', 'step 2/2', 'decode']);
    await expect(generate(models(), { ratings: likes, count: 0, seed: -1, guidance: NaN })).rejects.toThrow(
      'generate: count must be an integer from 1 to 64; seed must be an integer from 0 to 4294967295; guidance must be a finite number',
    );
    await expect(generate(models(), { ratings: [{ embedding: [1], rating: 'like' }], count: 1, seed: 0 })).rejects.toThrow(/1 values, expected 4/);
  });
});

describe('tasteShift', () => {
  const leaning = { ...manifest, prior: { ...manifest.prior, taste: { ...manifest.prior.taste, shift: 2 } } };
  const ratings = normalizeRatings(manifest, [
    { embedding: [3, 1, 0, 0], rating: 'like' as const },
    { embedding: [-2, 0, 1, 0], rating: 'dislike' as const },
    { embedding: [2.5, 0, 0, 1], rating: 'like' as const },
  ]);

  it('leans every item by taste.shift along the unit direction: toward it for like, away for dislike', () => {
    const like = tasteShift(leaning, ratings, 3, 'like')!;
    const dislike = tasteShift(leaning, ratings, 3, 'dislike')!;
    expect(like).toHaveLength(12);
    const row = Array.from(like.subarray(0, 4));
    expect(Math.hypot(...row)).toBeCloseTo(2, 12);
    expect(Array.from(like.subarray(8, 12))).toEqual(row);
    expect(Array.from(dislike)).toEqual(Array.from(like).map((v) => -v));
    // The likes sit at large first coordinates (normalised: (x - 0) / 0.5), the dislike at a small one.
    expect(row[0]).toBeGreaterThan(0);
  });

  it('is no lean at all with shift 0 or without ratings', () => {
    expect(tasteShift(manifest, ratings, 2, 'like')).toBeUndefined();
    expect(tasteShift(leaning, normalizeRatings(manifest, []), 2, 'like')).toBeUndefined();
  });
});
