import { readdirSync, readFileSync, statSync } from 'node:fs';
import { get } from 'node:http';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';

export type AssetGroup = 'models' | 'runtime' | 'catalog' | 'app';

export interface AssetBytes {
  /** Path in the build, e.g. models/decoder.onnx. */
  path: string;
  group: AssetGroup;
  raw: number;
  /** gzip -9: what a static host that compresses would send. */
  gzip: number;
  /** What `vite preview` sent for it (body bytes, with Accept-Encoding: gzip, deflate, br). */
  served: number | null;
  /** Whether the page itself requests it when generating (false: only the service worker's precache). */
  usedByPage: boolean;
  /** Whether the service worker precaches it (so a first visit downloads it anyway). */
  precached: boolean;
}

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

function groupOf(path: string): AssetGroup | null {
  // The .gz twins are another encoding of a listed file (scripts/precompressed-assets.ts), not a file of their own.
  if (path.endsWith('.gz')) return null;
  if (path.startsWith('models/')) return 'models';
  if (/ort-wasm.*\.(wasm|mjs)$/.test(path)) return 'runtime';
  if (path.startsWith('catalog/')) return 'catalog';
  if (/\.(js|css|html|webmanifest|svg)$/.test(path)) return 'app';
  return null;
}

/** URLs in the Workbox precache list of the built service worker. */
function precacheList(out: string): Set<string> {
  const sw = join(out, 'sw.js');
  const text = statSync(sw, { throwIfNoEntry: false }) ? readFileSync(sw, 'utf8') : '';
  return new Set([...text.matchAll(/url:"([^"]+)"/g)].map((m) => m[1].replace(/^\//, '')));
}

/** Body bytes the server sends for a path, as a browser asks for it (one retry: a loaded machine drops the odd connection). */
async function servedBytes(origin: string, path: string): Promise<number> {
  try {
    return await fetchBytes(origin, path);
  } catch {
    return fetchBytes(origin, path);
  }
}

function fetchBytes(origin: string, path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    // A fresh connection each time: a kept-alive one may be closed by the server mid-reuse.
    get(`${origin}/${path}`, { agent: false, headers: { 'accept-encoding': 'gzip, deflate, br' } }, (res) => {
      let n = 0;
      res.on('data', (chunk: Buffer) => (n += chunk.length));
      res.on('end', () => (res.statusCode === 200 ? resolve(n) : reject(new Error(`${path}: HTTP ${res.statusCode}`))));
    }).on('error', reject);
  });
}

/**
 * Whether the page fetches an onnxruntime-web file when running on `backend`: the JSEP build
 * (its .wasm and its JS chunk, `ort.bundle`) for WebGPU, the plain one (`ort.wasm.bundle`) for WASM.
 */
function ortFileUsed(path: string, backend: 'wasm' | 'webgpu'): boolean {
  if (/ort-wasm.*\.wasm$/.test(path)) return path.includes('.jsep') === (backend === 'webgpu');
  if (/(^|\/)ort\.wasm\.bundle/.test(path)) return backend === 'wasm';
  if (/(^|\/)ort\.bundle/.test(path)) return backend === 'webgpu';
  return true;
}

/**
 * Every file of the built app that a visitor can download, grouped, with raw, gzip and served
 * sizes. `modelFiles` are the files the worker fetches (manifest.json included); `backend` picks
 * which onnxruntime-web build counts as fetched.
 */
export async function assetBytes(out: string, origin: string | null, modelFiles: readonly string[], backend: 'wasm' | 'webgpu'): Promise<AssetBytes[]> {
  const precached = precacheList(out);
  const used = new Set(modelFiles.map((f) => `models/${f}`));
  const assets: AssetBytes[] = [];
  for (const file of files(out).sort()) {
    const path = relative(out, file).split('\\').join('/');
    const group = groupOf(path);
    if (!group) continue;
    const data = readFileSync(file);
    assets.push({
      path,
      group,
      raw: data.length,
      gzip: gzipSync(data, { level: 9 }).length,
      served: origin ? await servedBytes(origin, path) : null,
      usedByPage: group === 'models' ? used.has(path) : !path.endsWith('.map') && ortFileUsed(path, backend),
      precached: precached.has(path),
    });
  }
  return assets;
}
