import { describe, expect, it } from 'vitest';
import { gaussianNoise } from './gaussian-noise.ts';

describe('gaussianNoise', () => {
  it('is the same for a seed and differs between seeds', () => {
    expect(gaussianNoise(7, 33)).toEqual(gaussianNoise(7, 33));
    expect(gaussianNoise(7, 8)).not.toEqual(gaussianNoise(8, 8));
  });

  it('a longer draw starts with the shorter one', () => {
    expect(Array.from(gaussianNoise(3, 64)).slice(0, 5)).toEqual(Array.from(gaussianNoise(3, 5)));
  });

  it('looks standard normal', () => {
    const x = gaussianNoise(1, 20000);
    const mean = x.reduce((a, b) => a + b, 0) / x.length;
    const variance = x.reduce((a, b) => a + (b - mean) ** 2, 0) / x.length;
    expect(Math.abs(mean)).toBeLessThan(0.03);
    expect(Math.abs(variance - 1)).toBeLessThan(0.05);
    expect(x.every(Number.isFinite)).toBe(true);
  });
});
