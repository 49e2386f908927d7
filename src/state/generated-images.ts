import type { RgbaImage } from '../engine/image-pixels.ts';

// Pixels of the current generated batch, kept out of the store (conventions: large blobs never
// live in store state). The store holds each item's id; views read its pixels here.
const images = new Map<string, RgbaImage>();

/** Replaces the held pixels with a new batch's: only one batch is on screen at a time. */
export function replaceGeneratedImages(entries: Iterable<[string, RgbaImage]>): void {
  images.clear();
  for (const [id, image] of entries) images.set(id, image);
}

/** Adds the pixels of the batch's later items (a batch drawn in parts). */
export function addGeneratedImages(entries: Iterable<[string, RgbaImage]>): void {
  for (const [id, image] of entries) images.set(id, image);
}

/** The pixels of a generated item of the current batch, if held. */
export function generatedImage(id: string): RgbaImage | undefined {
  return images.get(id);
}

/** Drops every held image (the next visitor must not find the previous one's). */
export function clearGeneratedImages(): void {
  images.clear();
}
