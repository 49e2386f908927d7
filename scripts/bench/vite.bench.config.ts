// Builds the bench page (scripts/bench/page) on its own, apart from the app: it is never part of
// `npm run build` or the shipped dist/. It serves public/ (models, catalog) like the app does,
// with the same headers as `vite preview` of the app, COOP/COEP included (WASM threads).
import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import { ROOT } from '../models-location.ts';
import { PREVIEW_HEADERS } from '../security-headers.ts';

export const BENCH_PAGE_OUT = resolve(ROOT, 'dist-bench/page');

export default defineConfig({
  root: resolve(ROOT, 'scripts/bench/page'),
  publicDir: resolve(ROOT, 'public'),
  logLevel: 'warn',
  build: { outDir: BENCH_PAGE_OUT, emptyOutDir: true },
  worker: { format: 'es' },
  preview: { host: '127.0.0.1', strictPort: true, headers: PREVIEW_HEADERS },
});
