// Gzip the build's compressible files once, at build time, and let `vite preview` (so `npm start`,
// the trade-show server) send those instead of compressing each response again.
//
// Why: vite preview gzips on the fly, per request. onnxruntime-web's 14 MB .wasm took the server
// 0.37–0.43 s to send gzipped against 0.05–0.10 s as stored (curl on localhost, this 2-core
// machine), and that CPU is taken from the browser in the very seconds a cold visitor waits for
// the first image: the .wasm must arrive before onnxruntime can start. Level 9 once also sends
// fewer bytes than level 6 every time.
import { createReadStream, existsSync, readdirSync, statSync } from 'node:fs';
import { writeFile, readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type { Plugin } from 'vite';

/** What is worth compressing; the PNG atlases are compressed already. */
const CONTENT_TYPES: Record<string, string> = {
  '.wasm': 'application/wasm',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml',
  '.onnx': 'application/octet-stream',
  '.bin': 'application/octet-stream',
};

/** Smaller files gain nothing worth a second file. */
const MIN_BYTES = 1024;

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/** Writes `<file>.gz` (level 9) beside every compressible file of `dir`; returns how many. */
export async function precompress(dir: string): Promise<number> {
  const targets = filesUnder(dir).filter((f) => extname(f) in CONTENT_TYPES && statSync(f).size >= MIN_BYTES);
  const zip = promisify(gzip);
  // zlib works on the thread pool: the large .wasm files compress side by side.
  await Promise.all(targets.map(async (f) => writeFile(`${f}.gz`, await zip(await readFile(f), { level: 9 }))));
  return targets.length;
}

/**
 * A connect middleware that answers a request for a file of `dir` with its `.gz` twin when the
 * client accepts gzip, and passes everything else on (to vite's own compressing server). A twin
 * older than its file is stale (the file was replaced after the build, as a deployment of one
 * file does) and is passed over too.
 * `headers` are the ones the preview server sends with every response.
 */
export function servePrecompressed(dir: string, headers: Record<string, string> = {}) {
  const root = normalize(dir + sep);
  return (req: IncomingMessage, res: ServerResponse, next: () => void): void => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || !/\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''))) return next();
    let path: string;
    try {
      path = normalize(join(root, decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)));
    } catch {
      return next();
    }
    const type = CONTENT_TYPES[extname(path)];
    if (!type || !path.startsWith(root) || !existsSync(`${path}.gz`) || !existsSync(path)) return next();
    const gz = statSync(`${path}.gz`);
    if (gz.mtimeMs < statSync(path).mtimeMs) return next();
    const etag = `W/"${gz.size}-${gz.mtimeMs.toFixed(0)}"`;
    for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
    res.setHeader('Vary', 'Accept-Encoding');
    res.setHeader('ETag', etag);
    if (req.headers['if-none-match'] === etag) {
      res.statusCode = 304;
      return void res.end();
    }
    res.setHeader('Content-Type', type);
    res.setHeader('Content-Encoding', 'gzip');
    res.setHeader('Content-Length', gz.size);
    res.statusCode = 200;
    if (req.method === 'HEAD') return void res.end();
    createReadStream(`${path}.gz`).pipe(res);
  };
}

/** The Vite plugin: precompress after the build is written, serve the results in preview. */
export function precompressedAssets(): Plugin {
  let outDir = 'dist';
  let previewHeaders: Record<string, string> = {};
  return {
    name: 'precompressed-assets',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
      previewHeaders = Object.fromEntries(Object.entries(config.preview.headers ?? {}).map(([k, v]) => [k, String(v)]));
    },
    // After the service worker's own closeBundle: its precache list names the files, never their .gz twins.
    closeBundle: { order: 'post', sequential: true, handler: () => precompress(outDir).then(() => undefined) },
    configurePreviewServer(server) {
      // Added here, before vite's compression middleware, which then never sees these requests.
      server.middlewares.use(servePrecompressed(outDir, previewHeaders));
    },
  };
}
