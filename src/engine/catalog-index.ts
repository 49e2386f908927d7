import { embeddingSpaceId } from './embedding-space.ts';
import { normalizeToFloat32, type Normalization } from './normalization.ts';

/**
 * The catalog's embeddings ready for search: normalised rows in catalog.json item order, and
 * the median distance from an item to its nearest other item — the yardstick for novelty.
 */
export interface CatalogIndex {
  ids: readonly string[];
  dim: number;
  /** Raw embeddings, count x dim: what a rating of a catalog item feeds the prior. */
  raw: Float32Array;
  /**
   * (raw - mean) / std, count x dim, rounded to float32 as the networks read it and held as
   * float64: nearest-neighbour search happens here (nearest-items.ts), and float64 spares its
   * inner loop a conversion per load.
   */
  normalized: Float64Array;
  /** |row|² of each normalised row: the search ranks by |r|² − 2 r·q. */
  squaredNorms: Float64Array;
  medianNearestDistance: number;
  rowOf: ReadonlyMap<string, number>;
  /** The embedding space these models work in (embedding-space.ts): stored with ratings of generated items. */
  space: string;
}

/** A catalog item near a query, with its Euclidean distance in the normalised space. */
export interface Neighbour {
  item: string;
  distance: number;
}

/**
 * Builds the index once per loaded model set. `medianNearest` comes from the manifest (the
 * export computes it): the all-pairs pass took the page's worker 6–10 s at every model load.
 */
export function createCatalogIndex(raw: Float32Array, ids: readonly string[], norm: Normalization, medianNearest: number): CatalogIndex {
  const dim = norm.mean.length;
  if (raw.length !== ids.length * dim) {
    throw new Error(`catalog embeddings hold ${raw.length / dim} rows, but the catalog lists ${ids.length} items`);
  }
  const normalized = Float64Array.from(normalizeToFloat32(raw, norm));
  const squaredNorms = new Float64Array(ids.length);
  for (let row = 0; row < ids.length; row++) {
    let sum = 0;
    for (let d = row * dim; d < (row + 1) * dim; d++) sum += normalized[d] * normalized[d];
    squaredNorms[row] = sum;
  }
  const rowOf = new Map(ids.map((id, i) => [id, i]));
  return { ids, dim, raw, normalized, squaredNorms, medianNearestDistance: medianNearest, rowOf, space: embeddingSpaceId(raw, dim) };
}

/**
 * The index with its rows named by catalog.json's ids (row i is ids[i]). The worker builds the
 * index before catalog.json has arrived, rows named by number, and names them once a load
 * brings the ids: the normalised rows, the slow part, are shared.
 */
export function labelRows(index: CatalogIndex, ids: readonly string[]): CatalogIndex {
  if (ids.length !== index.ids.length) {
    throw new Error(`catalog embeddings hold ${index.ids.length} rows, but the catalog lists ${ids.length} items`);
  }
  return { ...index, ids, rowOf: new Map(ids.map((id, i) => [id, i])) };
}

/**
 * The median distance from a row to its nearest other row: what the export writes as
 * medianNearestDistance, kept here so tests check the manifest's value against the data.
 * O(count² · dim); partial sums stop as soon as they exceed the best so far.
 */
export function medianNearestDistance(normalized: Float32Array | Float64Array, dim: number): number {
  const count = normalized.length / dim;
  const nearest = new Float64Array(count);
  for (let i = 0; i < count; i++) nearest[i] = Math.sqrt(nearestSquared(normalized, dim, normalized.subarray(i * dim, (i + 1) * dim), i));
  return median(nearest);
}

/**
 * How far a generated item is from everything in the catalog, relative to how far catalog items
 * are from each other: ≈ 1 is "as novel as a catalog item", < 1 a near copy, > 1 new ground.
 */
export function novelty(index: CatalogIndex, nearestDistance: number): number {
  return index.medianNearestDistance > 0 ? nearestDistance / index.medianNearestDistance : Infinity;
}

/** Squared distance from `query` to its nearest row, skipping row `skip` (the query itself). */
function nearestSquared(rows: Float32Array | Float64Array, dim: number, query: ArrayLike<number>, skip: number): number {
  const count = rows.length / dim;
  // Catalog order keeps similar emoji together: a neighbour row's distance is a tight first
  // bound, so most of the full scan below is abandoned after a few dimensions.
  let best = Infinity;
  for (const row of [skip - 1, skip + 1]) {
    if (row >= 0 && row < count) best = Math.min(best, squaredDistance(rows, row * dim, query, dim, Infinity));
  }
  for (let row = 0; row < count; row++) {
    if (row === skip) continue;
    const d2 = squaredDistance(rows, row * dim, query, dim, best);
    if (d2 < best) best = d2;
  }
  return best;
}

/** Squared distance, abandoned (returning a value ≥ bound) once the partial sum reaches bound. */
function squaredDistance(rows: Float32Array | Float64Array, offset: number, query: ArrayLike<number>, dim: number, bound: number): number {
  let sum = 0;
  for (let d = 0; d < dim; d++) {
    const diff = rows[offset + d] - query[d];
    sum += diff * diff;
    if ((d & 7) === 7 && sum >= bound) return sum;
  }
  return sum;
}

function median(values: Float64Array): number {
  const sorted = Float64Array.from(values).sort();
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
