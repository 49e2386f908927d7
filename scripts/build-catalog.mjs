// Builds the catalog from the emoji npm packages: metadata + one RGBA atlas per vendor.
// Deterministic: items are sorted by emoji.json's sort_order, PNGs are encoded with fixed
// pngjs options, and nothing depends on time or file-system order.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { PNG } from 'pngjs';

const require = createRequire(import.meta.url);
const VENDORS = ['google', 'twitter'];
const TILE = 64;
const COLUMNS = 48;
const outDir = process.argv[2] ?? 'public/catalog';

function pkgDir(vendor) {
  return path.dirname(require.resolve(`emoji-datasource-${vendor}/package.json`));
}

function keywordsOf(entry) {
  const words = new Set();
  for (const s of [entry.name ?? '', ...entry.short_names]) {
    for (const w of s.toLowerCase().split(/[^a-z0-9]+/)) if (w.length > 1) words.add(w);
  }
  return [...words].sort();
}

const emoji = JSON.parse(fs.readFileSync(path.join(pkgDir('google'), 'emoji.json'), 'utf8'));
// Base emoji that both vendors draw; "Component" holds bare skin-tone swatches and hair parts.
const base = emoji
  .filter((e) => e.has_img_google && e.has_img_twitter && e.category !== 'Component')
  .sort((a, b) => a.sort_order - b.sort_order);

fs.mkdirSync(outDir, { recursive: true });
const items = [];
const atlases = [];
for (const vendor of VENDORS) {
  const rows = Math.ceil(base.length / COLUMNS);
  const atlas = new PNG({ width: COLUMNS * TILE, height: rows * TILE });
  atlas.data.fill(0);
  const imgDir = path.join(pkgDir(vendor), 'img', vendor, '64');
  base.forEach((e, i) => {
    const tile = PNG.sync.read(fs.readFileSync(path.join(imgDir, e.image)));
    if (tile.width !== TILE || tile.height !== TILE) throw new Error(`${vendor} ${e.image}: not ${TILE}px`);
    const x0 = (i % COLUMNS) * TILE;
    const y0 = Math.floor(i / COLUMNS) * TILE;
    for (let y = 0; y < TILE; y++) {
      tile.data.copy(atlas.data, ((y0 + y) * atlas.width + x0) * 4, y * TILE * 4, (y + 1) * TILE * 4);
    }
    items.push({
      id: `${vendor}:${e.unified.toLowerCase()}`,
      name: (e.name ?? e.short_name).toLowerCase(),
      vendor,
      category: e.category,
      subcategory: e.subcategory,
      shortNames: e.short_names,
      keywords: keywordsOf(e),
      atlas: atlases.length,
      index: i,
    });
  });
  const file = `atlas-${vendor}.png`;
  fs.writeFileSync(path.join(outDir, file), PNG.sync.write(atlas, { colorType: 6, deflateLevel: 9, filterType: 4 }));
  atlases.push({ file, vendor, columns: COLUMNS, rows, tile: TILE });
}

const catalog = {
  format: 'beyond-catalog.catalog',
  version: 1,
  source: Object.fromEntries(VENDORS.map((v) => [v, require(`emoji-datasource-${v}/package.json`).version])),
  atlases,
  items,
};
fs.writeFileSync(path.join(outDir, 'catalog.json'), JSON.stringify(catalog) + '\n');
console.log(`catalog: ${items.length} items, ${atlases.length} atlases → ${outDir}`);
