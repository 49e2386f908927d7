import { describe, expect, it } from 'vitest';
import { denormalize, normalize } from './normalization.ts';

const n = { mean: [1, -2], std: [0.5, 4] };

describe('normalization', () => {
  it('maps raw to (e - mean) / std row by row, and back', () => {
    const z = normalize([2, 2, 1, -2], n);
    expect(Array.from(z)).toEqual([2, 1, 0, 0]);
    expect(Array.from(denormalize(z, n))).toEqual([2, 2, 1, -2]);
  });

  it('refuses a length that is not whole rows', () => {
    expect(() => normalize([1, 2, 3], n)).toThrow(/not a multiple of 2/);
  });
});
