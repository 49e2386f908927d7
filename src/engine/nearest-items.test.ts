import { describe, expect, it } from 'vitest';
import { createCatalogIndex } from './catalog-index.ts';
import { nearestItems, nearestItemsBatch } from './nearest-items.ts';

// Five 2-D items; identity normalisation except a shift, so distances are easy to check by hand.
const norm = { mean: [1, 0], std: [1, 1] };
const points = [[0, 0], [1, 0], [3, 0], [0, 2], [10, 10]];
const raw = Float32Array.from(points.flatMap(([x, y]) => [x + 1, y]));
const ids = ['a', 'b', 'c', 'd', 'e'];

function randomSource(seed: number): () => number {
  let s = seed;
  return () => ((s = (s * 16807) % 2147483647) / 2147483647) * 2 - 1;
}

/** The k nearest by sorting every distance: what the search must agree with. */
function bruteForce(data: Float32Array, dim: number, q: ArrayLike<number>, k: number): { item: string; distance: number }[] {
  const count = data.length / dim;
  return Array.from({ length: count }, (_, r) => {
    let d2 = 0;
    for (let d = 0; d < dim; d++) d2 += (data[r * dim + d] - q[d]) ** 2;
    return { item: `i${r}`, distance: Math.sqrt(d2) };
  }).sort((a, b) => a.distance - b.distance).slice(0, k);
}

describe('nearest catalog items', () => {
  it('finds the k nearest in the normalised space, closest first', () => {
    const index = createCatalogIndex(raw, ids, norm, 2);
    const near = nearestItems(index, [2.9, 0.1], 3);
    expect(near.map((n) => n.item)).toEqual(['c', 'b', 'a']);
    expect(near[0].distance).toBeCloseTo(Math.hypot(0.1, 0.1), 12);
    expect(near[2].distance).toBeCloseTo(Math.hypot(2.9, 0.1), 12);
    expect(nearestItems(index, [0, 0], 10)).toHaveLength(5);
  });

  it('answers each query of a batch as it would alone, and as a brute-force search does', () => {
    // 9 queries: two groups of four and one left over; 201 rows: an odd one after the pairs.
    const rand = randomSource(1);
    const dim = 40, count = 201, k = 4;
    const data = Float32Array.from({ length: dim * count }, rand);
    const index = createCatalogIndex(data, Array.from({ length: count }, (_, i) => `i${i}`), { mean: new Array(dim).fill(0), std: new Array(dim).fill(1) }, 1);
    const queries = Float64Array.from({ length: 9 * dim }, () => 3 * rand());
    const batch = nearestItemsBatch(index, queries, 9, k);
    expect(batch).toHaveLength(9);
    batch.forEach((found, b) => {
      const q = queries.subarray(b * dim, (b + 1) * dim);
      const brute = bruteForce(data, dim, q, k);
      expect(found.map((n) => n.item)).toEqual(brute.map((n) => n.item));
      found.forEach((n, i) => expect(n.distance).toBeCloseTo(brute[i].distance, 9));
      expect(nearestItems(index, q, k)).toEqual(found);
    });
  });

  it('refuses queries of the wrong size', () => {
    const index = createCatalogIndex(raw, ids, norm, 2);
    expect(() => nearestItems(index, [1, 2, 3], 1)).toThrow(/3 values, expected 2/);
    expect(() => nearestItemsBatch(index, [1, 2, 3], 2, 1)).toThrow(/3 values, expected 2 x 2/);
  });
});
