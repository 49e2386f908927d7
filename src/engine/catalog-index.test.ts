import { describe, expect, it } from 'vitest';
import { createCatalogIndex, labelRows, novelty } from './catalog-index.ts';
import { medianNearestDistance, nearestItems } from './nearest-items.ts';

// Five 2-D items; identity normalisation except a shift, so distances are easy to check by hand.
const norm = { mean: [1, 0], std: [1, 1] };
const points = [[0, 0], [1, 0], [3, 0], [0, 2], [10, 10]];
const raw = Float32Array.from(points.flatMap(([x, y]) => [x + 1, y]));
const ids = ['a', 'b', 'c', 'd', 'e'];

describe('catalog index', () => {
  it('computes the median nearest-neighbour distance (what the export writes)', () => {
    // nearest: a 1 (b), b 1 (a), c 2 (b), d 2 (a), e ≈ 10.63 (d) -> median 2
    const index = createCatalogIndex(raw, ids, norm, 2);
    expect(medianNearestDistance(index)).toBe(2);
    expect(medianNearestDistance(createCatalogIndex(raw.subarray(0, 8), ids.slice(0, 4), norm, 1.5))).toBe(1.5); // a b c d: 1 1 2 2
    // Two items with one embedding are each other's nearest, at 0: an item is told from itself by id.
    const twins = createCatalogIndex(Float32Array.from([1, 0, 1, 0, 4, 0]), ['x', 'y', 'z'], norm, 0);
    expect(medianNearestDistance(twins)).toBe(0); // x 0, y 0, z 3
    expect(index.rowOf.get('c')).toBe(2);
  });

  it('keeps each normalised row\'s squared norm for the search', () => {
    const index = createCatalogIndex(raw, ids, norm, 2);
    expect(Array.from(index.squaredNorms)).toEqual(points.map(([x, y]) => x * x + y * y));
  });

  it('novelty is nearest distance over the catalog median', () => {
    const index = createCatalogIndex(raw, ids, norm, 2);
    expect(novelty(index, 1)).toBe(0.5);
    expect(novelty(index, 4)).toBe(2);
  });

  it('refuses embeddings that do not match the catalog', () => {
    expect(() => createCatalogIndex(raw, ids.slice(0, 4), norm, 2)).toThrow(/5 rows, but the catalog lists 4/);
  });

  it('names rows built before the ids were known, and refuses a list of another length', () => {
    const unnamed = createCatalogIndex(raw, ['0', '1', '2', '3', '4'], norm, 2);
    const named = labelRows(unnamed, ids);
    expect(named.rowOf.get('d')).toBe(3);
    expect(nearestItems(named, [2.9, 0.1], 1)[0].item).toBe('c');
    expect(named.normalized).toBe(unnamed.normalized); // shared, not recomputed
    expect(() => labelRows(unnamed, ids.slice(0, 4))).toThrow(/5 rows, but the catalog lists 4/);
  });
});
