import { GENERATED_PREFIX } from './ratings-file.ts';

/**
 * The rating id of a generated item: `generated:<seed>-<index>-<hash>`. Seed and index say where
 * it came from; the hash of its embedding keeps two different items from one seed (other
 * ratings, guidance or target) from sharing an id, so rating one never overwrites the other.
 */
export function generatedItemId(seed: number, index: number, embedding: ArrayLike<number>): string {
  return `${GENERATED_PREFIX}${seed}-${index}-${embeddingHash(embedding)}`;
}

/** FNV-1a over the float32 bytes of an embedding, as 8 hex digits. */
export function embeddingHash(embedding: ArrayLike<number>): string {
  const bytes = new Uint8Array(Float32Array.from(embedding).buffer);
  let h = 0x811c9dc5;
  for (const b of bytes) h = Math.imul(h ^ b, 0x01000193);
  return (h >>> 0).toString(16).padStart(8, '0');
}

/** File name for saving a generated item as PNG, e.g. `generated-42-3.png`. */
export function generatedFileName(seed: number, index: number): string {
  return `generated-${seed}-${index + 1}.png`;
}
