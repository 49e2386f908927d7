/**
 * A name for the embedding space a set of models works in, taken from the catalog's embeddings:
 * a rating of a generated item is only a point in that space, and a retrained encoder moves
 * every point, so such a rating stored under older models must be left out, not read as if it
 * were a point of the new space. Retraining changes every catalog embedding, so hashing an evenly
 * spaced sample of their values (with the shape) tells spaces apart without reading all ~1M.
 */
export function embeddingSpaceId(raw: Float32Array, dim: number): string {
  const SAMPLES = 4096;
  const bits = new Uint32Array(raw.buffer, raw.byteOffset, raw.length);
  const stride = Math.max(1, Math.floor(raw.length / SAMPLES));
  let h = 0x811c9dc5; // FNV-1a, 32 bits, over the sampled values' bit patterns
  const mix = (v: number) => {
    for (let s = 0; s < 32; s += 8) h = Math.imul(h ^ ((v >>> s) & 0xff), 0x01000193);
  };
  mix(dim);
  mix(raw.length);
  for (let i = 0; i < raw.length; i += stride) mix(bits[i]);
  return `${dim}d-${(h >>> 0).toString(16).padStart(8, '0')}`;
}
