import type { RatingValue } from '../../src/engine/ratings-file.ts';

/** Ratings every latency figure is taken with: the same in Node and in the bench page. */
export const BENCH_RATINGS = 30;

/**
 * A fixed rating set of BENCH_RATINGS catalog items spread over the catalog, two likes to one
 * dislike — a visitor who has rated for a minute. Pure, so Node and the page agree.
 */
export function benchRatings(catalogIds: readonly string[]): { item: string; rating: RatingValue }[] {
  if (catalogIds.length < BENCH_RATINGS) throw new Error(`benchRatings: the catalog has ${catalogIds.length} items, need ${BENCH_RATINGS}`);
  const stride = Math.floor(catalogIds.length / BENCH_RATINGS);
  return Array.from({ length: BENCH_RATINGS }, (_, i) => ({ item: catalogIds[i * stride], rating: i % 3 === 2 ? 'dislike' : 'like' }));
}
