import type { CatalogIndex } from './catalog-index.ts';
import type { RatingValue } from './ratings-file.ts';

/** A rating as the prior sees it: a raw embedding (catalog or generated item) and like/dislike. */
export interface RatedEmbedding {
  embedding: ArrayLike<number>;
  rating: RatingValue;
}

/**
 * A rating of a catalog item (by `item` id) or of a generated item (by its raw `embedding`,
 * which wins when both are given — generated ids have no catalog row). `space` names the
 * embedding space the generated item was drawn in (CatalogIndex.space); ratings stored before
 * it was recorded have none.
 */
export interface RatingInput {
  item?: string;
  embedding?: ArrayLike<number>;
  space?: string;
  rating: RatingValue;
}

export interface ResolvedRatings {
  ratings: RatedEmbedding[];
  /** Why each rating that was left out was: made under other models, or of an item these models lack. */
  leftOut: string[];
}

/** What a rating must match to be used: the loaded models' embedding size and space, and the catalog they were exported with. */
export interface ModelFit {
  dim: number;
  space: string;
  hasItem(id: string): boolean;
}

/**
 * Why a rating cannot be used with these models, or null when it can: a generated item from
 * another embedding space (retrained models: its point means something else now, or has another
 * size), or a catalog item these models were not exported with. The worker leaves such ratings
 * out of generation; the page offers to remove them from the profile.
 */
export function whyLeftOut(r: RatingInput, fit: ModelFit): string | null {
  if (r.embedding !== undefined) {
    if (r.embedding.length !== fit.dim) return `has an embedding of ${r.embedding.length} values, the models use ${fit.dim}`;
    if (r.space !== undefined && r.space !== fit.space) return `is of an item drawn by other models (space ${r.space}, these are ${fit.space})`;
    return null;
  }
  return r.item !== undefined && fit.hasItem(r.item) ? null : `item "${r.item}" is not in the catalog these models were exported with`;
}

/**
 * Looks up catalog items' embeddings; generated items bring their own. Ratings that do not fit
 * these models are left out, each with the reason (whyLeftOut): a profile kept across a model
 * update still generates, from the ratings that apply.
 */
export function resolveRatings(catalog: CatalogIndex, ratings: readonly RatingInput[]): ResolvedRatings {
  const fit: ModelFit = { dim: catalog.dim, space: catalog.space, hasItem: (id) => catalog.rowOf.has(id) };
  const out: RatedEmbedding[] = [];
  const leftOut: string[] = [];
  ratings.forEach((r, i) => {
    const why = whyLeftOut(r, fit);
    if (why !== null) leftOut.push(`rating ${i} ${why}`);
    else if (r.embedding !== undefined) out.push({ embedding: r.embedding, rating: r.rating });
    else {
      const row = catalog.rowOf.get(r.item!)!;
      out.push({ embedding: catalog.raw.subarray(row * catalog.dim, (row + 1) * catalog.dim), rating: r.rating });
    }
  });
  return { ratings: out, leftOut };
}
