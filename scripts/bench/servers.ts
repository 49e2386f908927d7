import { resolve } from 'node:path';
import { build, preview, type PreviewServer } from 'vite';
import { ROOT } from '../models-location.ts';
import { BENCH_PAGE_OUT } from './vite.bench.config.ts';

/** The app as `npm run build` makes it, built into its own folder so a running e2e's dist/ is untouched. */
export const APP_OUT = resolve(ROOT, 'dist-bench/app');
// Ports apart from e2e's 4173, so a test run elsewhere on the machine neither collides nor reuses ours.
export const APP_PORT = 4183;
export const PAGE_PORT = 4184;

const APP_CONFIG = resolve(ROOT, 'vite.config.ts');
const PAGE_CONFIG = resolve(ROOT, 'scripts/bench/vite.bench.config.ts');

/** Builds the app (vite build with the app's config; `tsc -b` is skipped: it changes no output). */
export async function buildApp(): Promise<void> {
  await build({ configFile: APP_CONFIG, root: ROOT, logLevel: 'warn', build: { outDir: APP_OUT, emptyOutDir: true } });
}

export async function buildBenchPage(): Promise<void> {
  await build({ configFile: PAGE_CONFIG });
}

/** `vite preview` of the built app, with the app's headers (COOP/COEP, CSP). */
export function serveApp(): Promise<PreviewServer> {
  return preview({ configFile: APP_CONFIG, root: ROOT, logLevel: 'warn', build: { outDir: APP_OUT }, preview: { port: APP_PORT } });
}

export function serveBenchPage(): Promise<PreviewServer> {
  return preview({ configFile: PAGE_CONFIG, build: { outDir: BENCH_PAGE_OUT }, preview: { port: PAGE_PORT } });
}
