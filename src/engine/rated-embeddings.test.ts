import { describe, expect, it } from 'vitest';
import { createCatalogIndex } from './catalog-index.ts';
import { resolveRatings, whyLeftOut } from './rated-embeddings.ts';

const index = createCatalogIndex(Float32Array.from([1, 2, 3, 4]), ['a:1', 'a:2'], { mean: [0, 0], std: [1, 1] }, 1);

describe('resolveRatings', () => {
  it('takes catalog embeddings by id and generated ones as given, from this space or of no recorded space', () => {
    const { ratings, leftOut } = resolveRatings(index, [
      { item: 'a:2', rating: 'like' },
      { item: 'generated:x', embedding: [9, 9], space: index.space, rating: 'dislike' },
      { item: 'generated:y', embedding: [7, 7], rating: 'like' },
    ]);
    expect(Array.from(ratings[0].embedding)).toEqual([3, 4]);
    expect(ratings.slice(1)).toEqual([{ embedding: [9, 9], rating: 'dislike' }, { embedding: [7, 7], rating: 'like' }]);
    expect(leftOut).toEqual([]);
  });

  it('leaves out, naming each, unknown items and generated items of other models: another size or another space', () => {
    const { ratings, leftOut } = resolveRatings(index, [
      { item: 'b:1', rating: 'like' },
      { embedding: [1], rating: 'like' },
      { embedding: [5, 6], space: '2d-00000000', rating: 'like' },
      { item: 'a:1', rating: 'dislike' },
    ]);
    expect(ratings).toHaveLength(1);
    expect(Array.from(ratings[0].embedding)).toEqual([1, 2]);
    expect(leftOut).toEqual([
      'rating 0 item "b:1" is not in the catalog these models were exported with',
      'rating 1 has an embedding of 1 values, the models use 2',
      `rating 2 is of an item drawn by other models (space 2d-00000000, these are ${index.space})`,
    ]);
  });

  it('says why one rating does not fit, whatever holds the models (the page has no catalog index)', () => {
    const fit = { dim: 2, space: '2d-12345678', hasItem: (id: string) => id === 'a:1' };
    expect(whyLeftOut({ item: 'a:1', rating: 'like' }, fit)).toBeNull();
    expect(whyLeftOut({ item: 'generated:x', embedding: [1, 2], space: '2d-12345678', rating: 'like' }, fit)).toBeNull();
    expect(whyLeftOut({ item: 'generated:x', embedding: [1, 2], rating: 'like' }, fit)).toBeNull(); // stored before spaces were recorded
    expect(whyLeftOut({ item: 'a:9', rating: 'like' }, fit)).toMatch(/not in the catalog/);
    expect(whyLeftOut({ item: 'generated:x', embedding: [1, 2], space: '2d-00000000', rating: 'like' }, fit)).toMatch(/other models/);
    expect(whyLeftOut({ item: 'generated:x', embedding: [1, 2, 3], space: '2d-12345678', rating: 'like' }, fit)).toMatch(/3 values/);
  });
});
