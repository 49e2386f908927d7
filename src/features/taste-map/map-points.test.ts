import { describe, expect, it } from 'vitest';
import type { CatalogMap } from '../../worker/protocol.ts';
import { fitToBox, markPoints } from './map-points.ts';

const map: CatalogMap = { coords: new Float32Array([0, 0, 10, 5, -10, -5]), center: new Float64Array([1, 1]), axes: new Float64Array([1, 0, 0, 2]), dim: 2, space: '2d-0000abcd' };
const rowOf = new Map([['a', 0], ['b', 1], ['c', 2]]);
const at = '2026-11-30T17:00:00Z';

describe('markPoints', () => {
  it('puts catalog ratings on their catalog point and generated ones of these models on their projection', () => {
    const marks = markPoints(map, rowOf, [
      { item: 'b', rating: 'like', at },
      { item: 'generated:1-0-00000000', rating: 'dislike', at, embedding: [3, 2] },
      { item: 'unknown', rating: 'like', at },
      { item: 'generated:1-1-00000000', rating: 'like', at, embedding: [1, 2, 3] },
      { item: 'generated:1-2-00000000', rating: 'like', at, embedding: [3, 2], space: '2d-older000' },
      { item: 'generated:1-3-00000000', rating: 'like', at, embedding: [3, 2], space: '2d-0000abcd' },
    ], [{ embedding: [1, 1] }]);
    expect(marks).toEqual([
      { x: 10, y: 5, kind: 'like', fromGenerator: false },
      { x: 2, y: 2, kind: 'dislike', fromGenerator: true },
      { x: 2, y: 2, kind: 'like', fromGenerator: true },
      { x: 0, y: 0, kind: 'generated', fromGenerator: true },
    ]);
  });
});

describe('fitToBox', () => {
  it('fits the extent into the box with the margin, y up', () => {
    const to = fitToBox(map.coords, 120, 70, 10);
    expect(to(-10, -5)).toEqual([10, 60]);
    expect(to(10, 5)).toEqual([110, 10]);
  });
});
