import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { PNG } from 'pngjs';
import { findChromium } from '../scripts/find-chromium.mjs';
import { expect, rateWithKeys } from './fixtures.ts';

/** Chromium launch options with WebGPU (SwiftShader adapter) or without any adapter. */
export function launchWith(webgpu: boolean) {
  const args = ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
  // Without --enable-unsafe-webgpu, headless Chromium on Linux has navigator.gpu but no adapter.
  return { executablePath: findChromium()?.path, args: webgpu ? [...args, '--enable-unsafe-webgpu'] : args };
}

/** Rates deck cards until `likes` are given (every third card disliked, so dislikes count too). */
export async function likeCards(page: Page, likes: number): Promise<[string, 'like' | 'dislike'][]> {
  const n = likes + Math.floor((likes - 1) / 2);
  return rateWithKeys(page, n, (i) => i % 3 !== 2);
}

/** Opens "For you" and waits until the models are ready. */
export async function openForYou(page: Page): Promise<void> {
  await page.getByTestId('tab-for-you').click();
  await expect(page.getByTestId('models-ready')).toBeVisible({ timeout: 300_000 });
}

/** Waits for a finished batch (optionally with a given seed) with all its images drawn. */
export async function waitForBatch(page: Page, seed?: number): Promise<void> {
  const batch = seed === undefined ? page.getByTestId('generated-batch') : page.locator(`[data-testid="generated-batch"][data-seed="${seed}"]`);
  await expect(batch).toBeVisible({ timeout: 300_000 });
  await expect(page.getByTestId('generate-progress')).toHaveCount(0);
  await expect(page.getByTestId('generated-item')).toHaveCount(8);
}

/** Waits until no batch is in progress, then types `seed` into the seed field. */
async function enterSeed(page: Page, seed: number): Promise<void> {
  await expect(page.getByTestId('generate-progress')).toHaveCount(0, { timeout: 300_000 });
  await page.getByTestId('seed-input').fill(String(seed));
}

/**
 * Like generateWithSeed, but waits in the page: Playwright's own polling (locator checks run as
 * injected scripts that force style and layout on the page's main thread) would otherwise land in
 * the main thread's record — traces showed those harness tasks as the longest ones while generating.
 * Clicks Generate and resolves when the batch for `seed` has all its images. Returns the page
 * time of the click.
 */
export async function generateWithSeedQuietly(page: Page, seed: number): Promise<number> {
  await enterSeed(page, seed);
  const start = await page.evaluate(() => performance.now());
  await page.evaluate((s) => new Promise<void>((resolve) => {
    const done = () => document.querySelector(`[data-testid="generated-batch"][data-seed="${s}"]`) !== null
      && document.querySelectorAll('[data-testid="generated-item"]').length === 8
      && document.querySelector('[data-testid="generate-progress"]') === null;
    const observer = new MutationObserver(() => {
      if (done()) {
        observer.disconnect();
        resolve();
      }
    });
    observer.observe(document.body, { subtree: true, childList: true, attributes: true });
    (document.querySelector('[data-testid="generate-button"]') as HTMLButtonElement).click();
  }), seed);
  return start;
}

/** Generates with a fixed seed through the seed field and the Generate button. */
export async function generateWithSeed(page: Page, seed: number): Promise<void> {
  await enterSeed(page, seed);
  await page.getByTestId('generate-button').click();
  await waitForBatch(page, seed);
}

/** RGBA bytes of every generated image on the page, as drawn in its canvas. */
export async function pagePixels(page: Page): Promise<number[][]> {
  return page.getByTestId('generated-canvas').evaluateAll((canvases) =>
    (canvases as HTMLCanvasElement[]).map((c) => Array.from(c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data)),
  );
}

export interface CliItem {
  file: string;
  embedding: number[];
  nearest: { item: string; distance: number }[];
  novelty: number;
}

/** Runs `npm run generate` on a ratings file; returns generated.json's items and each PNG's RGBA. */
export function runGenerateCli(ratingsText: string, seed: number, count: number): { items: CliItem[]; pixels: number[][] } {
  const dir = mkdtempSync(join(tmpdir(), 'e2e-generate-'));
  const ratings = join(dir, 'ratings.json');
  writeFileSync(ratings, ratingsText);
  const out = join(dir, 'out');
  const run = spawnSync('npm', ['run', '--silent', 'generate', '--', '--ratings', ratings, '--count', String(count), '--seed', String(seed), '--out', out], {
    encoding: 'utf8',
    timeout: 600_000,
  });
  if (run.status !== 0) throw new Error(`npm run generate failed (${run.status}): ${run.stderr || run.stdout}`);
  const json = JSON.parse(readFileSync(join(out, 'generated.json'), 'utf8')) as { items: CliItem[] };
  const pixels = json.items.map((item) => Array.from(PNG.sync.read(readFileSync(join(out, item.file))).data));
  return { items: json.items, pixels };
}

/**
 * Largest difference between two RGBA images compared as premultiplied colour (what is seen:
 * a canvas stores premultiplied pixels, so a nearly transparent pixel's colour is not kept
 * exactly) and alpha, in 0–255 units.
 */
export function maxPremultipliedDifference(a: readonly number[], b: readonly number[]): number {
  if (a.length !== b.length) return Infinity;
  let max = 0;
  for (let p = 0; p < a.length; p += 4) {
    const aa = a[p + 3], ba = b[p + 3];
    max = Math.max(max, Math.abs(aa - ba));
    for (let c = 0; c < 3; c++) max = Math.max(max, Math.abs((a[p + c] * aa) / 255 - (b[p + c] * ba) / 255));
  }
  return max;
}
