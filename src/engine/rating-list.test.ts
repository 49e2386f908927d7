import { describe, expect, it } from 'vitest';
import { countRatings, ratingIndex, withoutItem, withoutLast, withRating } from './rating-list.ts';

const t = (n: number) => `2026-11-30T17:00:0${n}Z`;

describe('rating list', () => {
  it('appends, re-rates to the end, and ignores a repeat', () => {
    let list = withRating([], 'a', 'like', t(1));
    list = withRating(list, 'b', 'dislike', t(2));
    expect(withRating(list, 'a', 'like', t(3))).toEqual(list);
    list = withRating(list, 'a', 'dislike', t(4));
    expect(list).toEqual([
      { item: 'b', rating: 'dislike', at: t(2) },
      { item: 'a', rating: 'dislike', at: t(4) },
    ]);
  });

  it('removes exactly the last rating, or one item', () => {
    const list = withRating(withRating(withRating([], 'a', 'like', t(1)), 'b', 'like', t(2)), 'c', 'dislike', t(3));
    expect(withoutLast(list).map((r) => r.item)).toEqual(['a', 'b']);
    expect(withoutItem(list, 'b').map((r) => r.item)).toEqual(['a', 'c']);
    expect(withoutLast([])).toEqual([]);
  });

  it('keeps the embedding of a generated item, as a copy', () => {
    const embedding = [0.5, -1];
    const list = withRating([], 'generated:1-0-abcd0123', 'like', t(1), { embedding, space: '2d-0000abcd' });
    embedding[0] = 9;
    expect(list).toEqual([{ item: 'generated:1-0-abcd0123', rating: 'like', at: t(1), embedding: [0.5, -1], space: '2d-0000abcd' }]);
    expect(withRating(list, 'generated:1-0-abcd0123', 'dislike', t(2), { embedding: [0.5, -1], space: '2d-0000abcd' })[0]).toMatchObject({ rating: 'dislike', embedding: [0.5, -1], space: '2d-0000abcd' });
  });

  it('counts and indexes', () => {
    const list = withRating(withRating([], 'a', 'like', t(1)), 'b', 'dislike', t(2));
    expect(countRatings(list)).toEqual({ like: 1, dislike: 1 });
    expect(ratingIndex(list).get('b')).toBe('dislike');
  });
});
