import { describe, expect, it } from 'vitest';
import { createCatalogIndex } from './catalog-index.ts';
import { resolveRatings } from './rated-embeddings.ts';

const index = createCatalogIndex(Float32Array.from([1, 2, 3, 4]), ['a:1', 'a:2'], { mean: [0, 0], std: [1, 1] }, 1);

describe('resolveRatings', () => {
  it('takes catalog embeddings by id and generated ones as given', () => {
    const out = resolveRatings(index, [{ item: 'a:2', rating: 'like' }, { item: 'generated:x', embedding: [9, 9], rating: 'dislike' }]);
    expect(Array.from(out[0].embedding)).toEqual([3, 4]);
    expect(out[1]).toEqual({ embedding: [9, 9], rating: 'dislike' });
  });

  it('names every unknown item and wrong-sized embedding', () => {
    expect(() => resolveRatings(index, [{ item: 'b:1', rating: 'like' }, { embedding: [1], rating: 'like' }])).toThrow(
      'rating 0: item "b:1" is not in the catalog these models were exported with; rating 1 has an embedding of 1 values, the models use 2',
    );
  });
});
