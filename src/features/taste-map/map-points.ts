import type { Rating } from '../../engine/ratings-file.ts';
import { projectPoint } from '../../engine/principal-plane.ts';
import type { CatalogMap } from '../../worker/protocol.ts';

export type MarkKind = 'like' | 'dislike' | 'generated';

/** A marked point on the map. `generated` marks rated items that were generated (drawn as rings). */
export interface Mark {
  x: number;
  y: number;
  kind: MarkKind;
  fromGenerator: boolean;
}

/**
 * Marks for the visitor's ratings (catalog items at their catalog point, generated ones at their
 * embedding's projection) and for the batch on screen.
 */
export function markPoints(map: CatalogMap, rowOf: ReadonlyMap<string, number>, ratings: readonly Rating[], batch: readonly { embedding: ArrayLike<number> }[]): Mark[] {
  const marks: Mark[] = [];
  for (const r of ratings) {
    if (r.embedding) {
      // From other models (another size or space, as generation leaves them out): nowhere to put it.
      if (r.embedding.length !== map.dim || (r.space !== undefined && r.space !== map.space)) continue;
      const [x, y] = projectPoint(map, r.embedding);
      marks.push({ x, y, kind: r.rating, fromGenerator: true });
      continue;
    }
    const row = rowOf.get(r.item);
    if (row !== undefined) marks.push({ x: map.coords[2 * row], y: map.coords[2 * row + 1], kind: r.rating, fromGenerator: false });
  }
  for (const item of batch) {
    const [x, y] = projectPoint(map, item.embedding);
    marks.push({ x, y, kind: 'generated', fromGenerator: true });
  }
  return marks;
}

/** Maps plane coordinates into a width × height box with a margin, keeping the aspect ratio. */
export function fitToBox(coords: Float32Array, width: number, height: number, margin: number): (x: number, y: number) => [number, number] {
  let minX = Infinity, maxX = -Infinity, minY = Infinity, maxY = -Infinity;
  for (let i = 0; i < coords.length; i += 2) {
    minX = Math.min(minX, coords[i]); maxX = Math.max(maxX, coords[i]);
    minY = Math.min(minY, coords[i + 1]); maxY = Math.max(maxY, coords[i + 1]);
  }
  const spanX = maxX - minX || 1, spanY = maxY - minY || 1;
  const scale = Math.min((width - 2 * margin) / spanX, (height - 2 * margin) / spanY);
  const offX = (width - scale * spanX) / 2, offY = (height - scale * spanY) / 2;
  // y grows upwards on the plane, downwards on the canvas.
  return (x, y) => [offX + (x - minX) * scale, height - (offY + (y - minY) * scale)];
}
