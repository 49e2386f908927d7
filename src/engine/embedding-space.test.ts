import { describe, expect, it } from 'vitest';
import { embeddingSpaceId } from './embedding-space.ts';

describe('embeddingSpaceId', () => {
  const raw = Float32Array.from({ length: 20_000 }, (_, i) => Math.sin(i));

  it('is the same for the same embeddings, wherever the array lives', () => {
    const copy = new Float32Array(raw.length + 4);
    copy.set(raw, 4);
    expect(embeddingSpaceId(copy.subarray(4), 4)).toBe(embeddingSpaceId(raw, 4));
    expect(embeddingSpaceId(raw, 4)).toMatch(/^4d-[0-9a-f]{8}$/);
  });

  it('changes when the embeddings change (a retrained encoder) or their shape does', () => {
    const retrained = raw.map((v) => v * 1.001);
    expect(embeddingSpaceId(retrained, 4)).not.toBe(embeddingSpaceId(raw, 4));
    expect(embeddingSpaceId(raw, 8)).not.toBe(embeddingSpaceId(raw, 4));
  });
});
