import { describe, expect, it } from 'vitest';
import { embeddingHash, generatedFileName, generatedItemId } from './generated-item.ts';

describe('generatedItemId', () => {
  it('names seed, index and a hash of the embedding', () => {
    const id = generatedItemId(42, 3, [0.5, -1, 2]);
    expect(id).toMatch(/^generated:42-3-[0-9a-f]{8}$/);
    expect(generatedItemId(42, 3, new Float32Array([0.5, -1, 2]))).toBe(id);
  });

  it('differs when the embedding differs, even for the same seed and index', () => {
    expect(generatedItemId(42, 3, [0.5, -1, 2])).not.toBe(generatedItemId(42, 3, [0.5, -1, 2.001]));
    expect(embeddingHash([0])).not.toBe(embeddingHash([-0.0000001]));
  });

  it('file names count from 1', () => {
    expect(generatedFileName(7, 0)).toBe('generated-7-1.png');
  });
});
