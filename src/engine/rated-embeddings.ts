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

/**
 * Looks up catalog items' embeddings; generated items bring their own. Ratings that do not fit
 * these models are left out, each with the reason: a generated item from another embedding
 * space (retrained models: its point means something else now, or has another size) or a catalog
 * item these models were not exported with. A profile kept across a model update then still
 * generates, from the ratings that apply.
 */
export function resolveRatings(catalog: CatalogIndex, ratings: readonly RatingInput[]): ResolvedRatings {
  const out: RatedEmbedding[] = [];
  const leftOut: string[] = [];
  ratings.forEach((r, i) => {
    if (r.embedding !== undefined) {
      if (r.embedding.length !== catalog.dim) leftOut.push(`rating ${i} has an embedding of ${r.embedding.length} values, the models use ${catalog.dim}`);
      else if (r.space !== undefined && r.space !== catalog.space) leftOut.push(`rating ${i} is of an item drawn by other models (space ${r.space}, these are ${catalog.space})`);
      else out.push({ embedding: r.embedding, rating: r.rating });
      return;
    }
    const row = r.item === undefined ? undefined : catalog.rowOf.get(r.item);
    if (row === undefined) leftOut.push(`rating ${i}: item "${r.item}" is not in the catalog these models were exported with`);
    else out.push({ embedding: catalog.raw.subarray(row * catalog.dim, (row + 1) * catalog.dim), rating: r.rating });
  });
  return { ratings: out, leftOut };
}
