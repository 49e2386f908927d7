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
 * How far a generated item is from everything in the catalog, relative to how far catalog items
 * are from each other: ≈ 1 is "as novel as a catalog item", < 1 a near copy, > 1 new ground.
 */
export function novelty(index: CatalogIndex, nearestDistance: number): number {
  return index.medianNearestDistance > 0 ? nearestDistance / index.medianNearestDistance : Infinity;
}
