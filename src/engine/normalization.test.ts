import { describe, expect, it } from 'vitest';
import { denormalize, normalize, normalizeToFloat32 } from './normalization.ts';

const n = { mean: [1, -2], std: [0.5, 4] };

describe('normalization', () => {
  it('maps raw to (e - mean) / std row by row, and back', () => {
    const z = normalize([2, 2, 1, -2], n);
    expect(Array.from(z)).toEqual([2, 1, 0, 0]);
    expect(Array.from(denormalize(z, n))).toEqual([2, 2, 1, -2]);
  });

  it('refuses a length that is not whole rows', () => {
    expect(() => normalize([1, 2, 3], n)).toThrow(/not a multiple of 2/);
    expect(() => normalizeToFloat32([1, 2, 3], n)).toThrow(/not a multiple of 2/);
  });

  it('normalizeToFloat32 gives exactly the float32 rounding of normalize', () => {
    // Values whose float64 quotients are not float32 numbers, so a wrong rounding path shows.
    const wide = { mean: [0.1, -0.7, 3.3], std: [0.3, 1.7, 0.07] };
    const raw = Float32Array.from({ length: 3 * 50 }, (_, i) => Math.sin(i * 12.9898) * 4.1);
    expect(Array.from(normalizeToFloat32(raw, wide))).toEqual(Array.from(Float32Array.from(normalize(raw, wide))));
  });
});
