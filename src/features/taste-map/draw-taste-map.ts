import type { Catalog } from '../../engine/catalog.ts';
import type { CatalogMap } from '../../worker/protocol.ts';
import { fitToBox, type Mark } from './map-points.ts';

const COLORS = { google: '#9aa5b8', twitter: '#c9b99a', like: '#1f8a4c', dislike: '#c0392b', generated: '#3b5bdb' } as const;

/** Draws the catalog as small dots (one tone per vendor) and the marks over it. */
export function drawTasteMap(canvas: HTMLCanvasElement, map: CatalogMap, catalog: Catalog, marks: readonly Mark[]): void {
  const ratio = window.devicePixelRatio || 1;
  const width = canvas.clientWidth || 640;
  const height = canvas.clientHeight || 480;
  canvas.width = Math.round(width * ratio);
  canvas.height = Math.round(height * ratio);
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  ctx.clearRect(0, 0, width, height);
  const to = fitToBox(map.coords, width, height, 14);

  for (let row = 0; row < catalog.items.length; row++) {
    const [x, y] = to(map.coords[2 * row], map.coords[2 * row + 1]);
    ctx.fillStyle = catalog.items[row].vendor === 'twitter' ? COLORS.twitter : COLORS.google;
    ctx.fillRect(x - 1, y - 1, 2.5, 2.5);
  }
  // Generated items last, so they stay visible on top of the ratings they came from.
  const order = { like: 0, dislike: 1, generated: 2 } as const;
  for (const m of [...marks].sort((a, b) => order[a.kind] - order[b.kind])) {
    const [x, y] = to(m.x, m.y);
    ctx.beginPath();
    if (m.kind === 'generated') {
      ctx.moveTo(x, y - 7); ctx.lineTo(x + 7, y); ctx.lineTo(x, y + 7); ctx.lineTo(x - 7, y); ctx.closePath(); // a diamond
    } else {
      ctx.arc(x, y, 5, 0, 2 * Math.PI);
    }
    ctx.fillStyle = COLORS[m.kind];
    ctx.strokeStyle = '#fff';
    ctx.lineWidth = 1.5;
    if (m.fromGenerator && m.kind !== 'generated') {
      // A rated generated item: a ring in the rating's colour.
      ctx.strokeStyle = COLORS[m.kind];
      ctx.lineWidth = 3;
      ctx.stroke();
    } else {
      ctx.fill();
      ctx.stroke();
    }
  }
}
