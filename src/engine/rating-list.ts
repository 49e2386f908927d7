import type { Rating, RatingValue } from './ratings-file.ts';

/**
 * Records a rating: a new item is appended; re-rating an item moves it to the end with the new
 * value and time, so the list stays in the order the visitor acted (undo takes the last).
 * Rating an item again with the same value returns the list unchanged. A generated item brings
 * its `embedding` (it has no catalog entry); a catalog item has none.
 */
export function withRating(
  list: readonly Rating[],
  item: string,
  rating: RatingValue,
  at: string,
  generated?: { embedding: readonly number[]; space: string },
): Rating[] {
  const existing = list.find((r) => r.item === item);
  if (existing && existing.rating === rating) return [...list];
  const entry: Rating = generated ? { item, rating, at, embedding: [...generated.embedding], space: generated.space } : { item, rating, at };
  return [...list.filter((r) => r.item !== item), entry];
}

/** Removes one item's rating (no-op when it has none). */
export function withoutItem(list: readonly Rating[], item: string): Rating[] {
  return list.filter((r) => r.item !== item);
}

/** Removes exactly the most recent rating. */
export function withoutLast(list: readonly Rating[]): Rating[] {
  return list.slice(0, -1);
}

/** Like and dislike counts. */
export function countRatings(list: readonly Rating[]): { like: number; dislike: number } {
  let like = 0;
  for (const r of list) if (r.rating === 'like') like++;
  return { like, dislike: list.length - like };
}

/** item id → value, for fast lookups in lists and grids. */
export function ratingIndex(list: readonly Rating[]): Map<string, RatingValue> {
  return new Map(list.map((r) => [r.item, r.rating]));
}
