import { describe, expect, it } from 'vitest';
import { decodeFloat16, halfToFloat } from './float16.ts';

describe('float16', () => {
  it('decodes the edge cases numpy writes', () => {
    // Bit patterns from numpy: np.array([...], '<f2').view('<u2')
    expect(halfToFloat(0x3c00)).toBe(1);
    expect(halfToFloat(0xc000)).toBe(-2);
    expect(halfToFloat(0x3555)).toBeCloseTo(0.33325195, 8);
    expect(halfToFloat(0x7bff)).toBe(65504);
    expect(halfToFloat(0x0001)).toBe(2 ** -24);
    expect(halfToFloat(0x8000)).toBe(-0);
    expect(halfToFloat(0x7c00)).toBe(Infinity);
    expect(halfToFloat(0xfc00)).toBe(-Infinity);
    expect(halfToFloat(0x7e00)).toBeNaN();
  });

  it('reads little-endian pairs', () => {
    expect(Array.from(decodeFloat16(new Uint8Array([0x00, 0x3c, 0x00, 0xc0])))).toEqual([1, -2]);
  });

  it('decodes every bit pattern as halfToFloat does (the lookup table behind decodeFloat16)', () => {
    const bytes = new Uint8Array(2 * 65536);
    for (let h = 0; h < 65536; h++) {
      bytes[2 * h] = h & 0xff;
      bytes[2 * h + 1] = h >> 8;
    }
    const decoded = decodeFloat16(bytes);
    const wrong: number[] = [];
    for (let h = 0; h < 65536; h++) if (!Object.is(decoded[h], Math.fround(halfToFloat(h)))) wrong.push(h);
    expect(wrong).toEqual([]);
  });

  it('refuses an odd byte count', () => {
    expect(() => decodeFloat16(new Uint8Array(3))).toThrow(/odd byte length/);
  });
});
