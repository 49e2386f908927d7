import { describe, expect, it } from 'vitest';
import { premultipliedToRgba } from './image-pixels.ts';

describe('premultipliedToRgba', () => {
  it('un-premultiplies, clamps and interleaves NCHW planes', () => {
    // Batch of 2 images of 1x2 pixels; image 1: pixel 0 half-transparent red, pixel 1 transparent.
    const planes = [
      [9, 9], [9, 9], [9, 9], [9, 9], // image 0, ignored
      [0.5, 0.3], [0, 0.2], [-0.1, 0.1], [0.5, 0], // image 1: R, G, B, A planes
    ].flat();
    const img = premultipliedToRgba(Float32Array.from(planes), 1, 1, 2);
    expect(img.width).toBe(2);
    expect(Array.from(img.data)).toEqual([255, 0, 0, 128, 0, 0, 0, 0]);
  });

  it('keeps opaque colour and clamps colour above alpha', () => {
    const img = premultipliedToRgba(Float32Array.from([0.2, 1.3, 0.6, 1.2]), 0, 1, 1);
    expect(Array.from(img.data)).toEqual([51, 255, 153, 255]);
  });

  it('refuses an index past the batch', () => {
    expect(() => premultipliedToRgba(new Float32Array(16), 1, 2, 2)).toThrow(/outside a batch/);
  });
});
