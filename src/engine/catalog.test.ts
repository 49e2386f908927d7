import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCatalog, tilePosition } from './catalog.ts';

const raw = JSON.parse(readFileSync(new URL('../../public/catalog/catalog.json', import.meta.url), 'utf8'));

describe('catalog', () => {
  it('parses the committed catalog: both vendors, ids per the contract', () => {
    const catalog = parseCatalog(raw);
    expect(catalog.items.length).toBeGreaterThan(3500);
    for (const item of catalog.items) expect(item.id).toMatch(/^(google|twitter):[0-9a-f]+(-[0-9a-f]+)*$/);
    expect(catalog.items.some((i) => i.id === 'google:1f600')).toBe(true);
    expect(catalog.items.some((i) => i.id === 'twitter:1f600')).toBe(true);
  });

  it('lists every problem of a broken catalog', () => {
    expect(() => parseCatalog({ format: 'x', version: 2, atlases: [], items: [] })).toThrow(
      /format.*version.*atlases missing.*items missing/,
    );
    expect(() => parseCatalog([])).toThrow(/not an object/);
  });

  it('places tiles row-major', () => {
    const atlas = { file: 'a.png', vendor: 'google', columns: 48, rows: 40, tile: 64 };
    expect(tilePosition(atlas, 0)).toMatchObject({ column: 0, row: 0 });
    expect(tilePosition(atlas, 49)).toMatchObject({ column: 1, row: 1 });
  });
});
