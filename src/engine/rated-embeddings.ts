import type { CatalogIndex } from './catalog-index.ts';
import type { RatingValue } from './ratings-file.ts';

/** A rating as the prior sees it: a raw embedding (catalog or generated item) and like/dislike. */
export interface RatedEmbedding {
  embedding: ArrayLike<number>;
  rating: RatingValue;
}

/**
 * A rating of a catalog item (by `item` id) or of a generated item (by its raw `embedding`,
 * which wins when both are given — generated ids have no catalog row).
 */
export interface RatingInput {
  item?: string;
  embedding?: ArrayLike<number>;
  rating: RatingValue;
}

/**
 * Looks up catalog items' embeddings; generated items bring their own. Throws naming every
 * unknown item or wrong-sized embedding, so a stale profile is not silently half-used.
 */
export function resolveRatings(catalog: CatalogIndex, ratings: readonly RatingInput[]): RatedEmbedding[] {
  const problems: string[] = [];
  const out = ratings.map((r, i): RatedEmbedding => {
    if (r.embedding !== undefined) {
      if (r.embedding.length !== catalog.dim) problems.push(`rating ${i} has an embedding of ${r.embedding.length} values, the models use ${catalog.dim}`);
      return { embedding: r.embedding, rating: r.rating };
    }
    const row = r.item === undefined ? undefined : catalog.rowOf.get(r.item);
    if (row === undefined) {
      problems.push(`rating ${i}: item "${r.item}" is not in the catalog these models were exported with`);
      return { embedding: [], rating: r.rating };
    }
    return { embedding: catalog.raw.subarray(row * catalog.dim, (row + 1) * catalog.dim), rating: r.rating };
  });
  if (problems.length > 0) throw new Error(problems.slice(0, 10).join('; ') + (problems.length > 10 ? `; …and ${problems.length - 10} more` : ''));
  return out;
}
