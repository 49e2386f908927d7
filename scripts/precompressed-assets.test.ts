import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { createServer, get, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { precompress, servePrecompressed } from './precompressed-assets.ts';

const dir = mkdtempSync(join(tmpdir(), 'precompressed-'));
const wasm = Buffer.from(Array.from({ length: 4096 }, (_, i) => i % 7));
let server: Server;
let origin = '';

/** Status, headers and raw (still encoded) body of a GET. */
function fetchRaw(path: string, headers: Record<string, string>): Promise<{ status: number; headers: Record<string, unknown>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    get(`${origin}${path}`, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
    }).on('error', reject);
  });
}

beforeAll(async () => {
  mkdirSync(join(dir, 'dist/assets'), { recursive: true });
  writeFileSync(join(dir, 'dist/assets/ort.wasm'), wasm);
  writeFileSync(join(dir, 'dist/assets/tiny.js'), 'export {};');
  writeFileSync(join(dir, 'dist/atlas.png'), Buffer.alloc(4096, 1));
  writeFileSync(join(dir, 'secret.json'), JSON.stringify({ secret: 'x'.repeat(2000) }));
  writeFileSync(join(dir, 'secret.json.gz'), Buffer.alloc(10));
  await precompress(join(dir, 'dist'));
  const serve = servePrecompressed(join(dir, 'dist'), { 'X-Test': 'yes' });
  server = createServer((req, res) => serve(req, res, () => res.end('passed on')));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => {
  server.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('precompressed assets', () => {
  it('gzips compressible files of 1 KiB or more, and only those', () => {
    expect(gunzipSync(readFileSync(join(dir, 'dist/assets/ort.wasm.gz')))).toEqual(wasm);
    expect(existsSync(join(dir, 'dist/assets/tiny.js.gz'))).toBe(false);
    expect(existsSync(join(dir, 'dist/atlas.png.gz'))).toBe(false);
  });

  it('sends the .gz twin, with the type, encoding and headers of the file, to a client that accepts gzip', async () => {
    const r = await fetchRaw('/assets/ort.wasm?v=1', { 'accept-encoding': 'gzip, deflate, br' });
    expect(r.status).toBe(200);
    expect(r.headers).toMatchObject({ 'content-type': 'application/wasm', 'content-encoding': 'gzip', vary: 'Accept-Encoding', 'x-test': 'yes' });
    expect(gunzipSync(r.body)).toEqual(wasm);
    const again = await fetchRaw('/assets/ort.wasm', { 'accept-encoding': 'gzip', 'if-none-match': String(r.headers.etag) });
    expect(again.status).toBe(304);
  });

  it('passes over a twin older than its file (a file replaced after the build)', async () => {
    writeFileSync(join(dir, 'dist/assets/late.json'), JSON.stringify({ v: 1, pad: 'x'.repeat(2000) }));
    await precompress(join(dir, 'dist'));
    expect((await fetchRaw('/assets/late.json', { 'accept-encoding': 'gzip' })).headers['content-encoding']).toBe('gzip');
    const later = new Date(Date.now() + 60_000);
    utimesSync(join(dir, 'dist/assets/late.json'), later, later);
    expect((await fetchRaw('/assets/late.json', { 'accept-encoding': 'gzip' })).body.toString()).toBe('passed on');
  });

  it('passes on what it has no twin for, clients without gzip, and paths outside the folder', async () => {
    for (const [path, headers] of [
      ['/assets/ort.wasm', { 'accept-encoding': 'identity' }],
      ['/assets/tiny.js', { 'accept-encoding': 'gzip' }],
      ['/atlas.png', { 'accept-encoding': 'gzip' }],
      ['/%2e%2e/secret.json', { 'accept-encoding': 'gzip' }],
      ['/assets/..%2f..%2fsecret.json', { 'accept-encoding': 'gzip' }],
    ] as const) {
      expect((await fetchRaw(path, headers)).body.toString(), path).toBe('passed on');
    }
  });
});
