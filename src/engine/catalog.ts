/** One atlas image: tiles laid out row-major, `columns` wide. */
export interface AtlasInfo {
  file: string;
  vendor: string;
  columns: number;
  rows: number;
  tile: number;
}

/** One catalog image; `id` is `<vendor>:<unified>` per the design contract. */
export interface CatalogItem {
  id: string;
  name: string;
  vendor: string;
  category: string;
  subcategory: string;
  shortNames: string[];
  keywords: string[];
  atlas: number;
  index: number;
}

export interface Catalog {
  format: 'beyond-catalog.catalog';
  version: 1;
  source: Record<string, string>;
  atlases: AtlasInfo[];
  items: CatalogItem[];
}

/** Where a tile sits in its atlas, in tile units. */
export interface TilePosition {
  column: number;
  row: number;
  columns: number;
  rows: number;
}

/** Column and row of an item's tile: tile i sits at column i % columns, row floor(i / columns). */
export function tilePosition(atlas: AtlasInfo, index: number): TilePosition {
  return {
    column: index % atlas.columns,
    row: Math.floor(index / atlas.columns),
    columns: atlas.columns,
    rows: atlas.rows,
  };
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Checks catalog.json at the edge. Throws one Error whose message lists every problem found,
 * so a broken or stale catalog fails loudly instead of rendering blank tiles.
 */
export function parseCatalog(value: unknown): Catalog {
  const problems: string[] = [];
  if (!isObject(value)) throw new Error('catalog: top level is not an object');
  if (value.format !== 'beyond-catalog.catalog') problems.push('format is not "beyond-catalog.catalog"');
  if (value.version !== 1) problems.push(`unsupported version ${String(value.version)}`);
  if (!Array.isArray(value.atlases) || value.atlases.length === 0) problems.push('atlases missing');
  if (!Array.isArray(value.items) || value.items.length === 0) problems.push('items missing');
  if (problems.length === 0) {
    const atlases = value.atlases as unknown[];
    atlases.forEach((a, i) => {
      if (!isObject(a) || typeof a.file !== 'string' || typeof a.columns !== 'number' || typeof a.rows !== 'number')
        problems.push(`atlases[${i}] malformed`);
    });
    const seen = new Set<string>();
    (value.items as unknown[]).forEach((it, i) => {
      if (problems.length > 20) return;
      if (!isObject(it) || typeof it.id !== 'string' || typeof it.name !== 'string' || typeof it.category !== 'string'
        || typeof it.vendor !== 'string' || typeof it.atlas !== 'number' || typeof it.index !== 'number') {
        problems.push(`items[${i}] malformed`);
        return;
      }
      if (seen.has(it.id)) problems.push(`items[${i}] duplicate id ${it.id}`);
      seen.add(it.id);
      if (!atlases[it.atlas]) problems.push(`items[${i}] refers to missing atlas ${it.atlas}`);
    });
  }
  if (problems.length > 0) throw new Error(`catalog: ${problems.join('; ')}`);
  return value as unknown as Catalog;
}
