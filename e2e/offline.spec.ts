import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, expectCounts, openApp, rateWithKeys, test, waitForOffline } from './fixtures.ts';
import { waitForBatch } from './generation-helpers.ts';

test.use({ serviceWorkers: 'allow' });

// The build the server serves (E2E_DIST when a suite runs against a build elsewhere).
const DIST = process.env.E2E_DIST ?? new URL('../dist/', import.meta.url).pathname;

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [relative(DIST, path)];
  });
}

test('the service worker precaches every file the build ships', async ({ request }) => {
  const sw = await (await request.get('/sw.js')).text();
  const precached = new Set([...sw.matchAll(/url:"([^"]+)"/g)].map((m) => m[1]));
  // The worker itself, its Workbox runtime and source maps are not app files.
  // .gz twins are the same files, gzipped for the preview server (scripts/precompressed-assets.ts).
  const shipped = filesUnder(DIST).filter((f) => !/^(sw\.js|workbox-[\w-]+\.js)$/.test(f) && !f.endsWith('.map') && !f.endsWith('.gz'));
  expect(shipped).toContain('catalog/atlas-google.png');
  expect(shipped.filter((f) => !precached.has(f)), 'shipped but not precached').toEqual([]);
  // Models and onnxruntime-web files, whenever the build has them, are among those files.
  const heavy = shipped.filter((f) => /^models\/|\.(wasm|onnx|bin)$|ort[\w.-]*\.mjs$/.test(f));
  expect(heavy.filter((f) => !precached.has(f))).toEqual([]);
});

test('after one visit the demo works with the network off: rating and generating', async ({ page, context }) => {
  test.setTimeout(300_000);
  await openApp(page);
  await waitForOffline(page);
  await rateWithKeys(page, 3, () => true);
  await page.getByTestId('tab-settings').click();
  await expect(page.getByTestId('offline-status')).toHaveAttribute('data-status', 'ready');

  await context.setOffline(true);
  // Really offline: a URL the service worker does not hold fails.
  expect(await page.evaluate(() => fetch('/catalog/catalog.json?not-cached').then(() => 'fetched', () => 'failed'))).toBe('failed');
  await page.reload();
  await expect(page.getByTestId('app-ready')).toBeVisible();
  await expectCounts(page, 3, 0);
  await rateWithKeys(page, 4, (i) => i % 2 === 0);
  await expectCounts(page, 5, 2);
  // The atlases come from the cache too.
  const width = await page.evaluate(async () => {
    const img = new Image();
    img.src = '/catalog/atlas-twitter.png';
    await img.decode();
    return img.naturalWidth;
  });
  expect(width).toBeGreaterThan(0);
  for (const tab of ['grid', 'profiles', 'settings', 'about']) {
    await page.getByTestId(`tab-${tab}`).click();
    await expect(page.getByTestId(`panel-${tab}`)).toBeVisible();
  }
  // Generating works offline too: models, worker and onnxruntime's wasm come from the cache
  // (5 likes now, so the first batch comes by itself).
  await page.getByTestId('tab-for-you').click();
  await waitForBatch(page);
  await expect(page.getByTestId('generate-error')).toHaveCount(0);
  // A fresh page (a new visit) opens offline too.
  const second = await context.newPage();
  await openApp(second);
  await expectCounts(second, 5, 2);
  await context.setOffline(false);
});

test('an update waits for the next visitor instead of reloading a visit in progress', async ({ page }) => {
  await openApp(page);
  await waitForOffline(page);
  await rateWithKeys(page, 2, () => true);
  await page.evaluate(() => ((window as unknown as { visitMarker: number }).visitMarker = 1));
  const firstWorker = await page.evaluate(async () => (await navigator.serviceWorker.ready).active!.scriptURL);

  // A new deployment: the served service worker changes (vite preview reads files per request).
  const swPath = join(DIST, 'sw.js');
  const original = readFileSync(swPath, 'utf8');
  writeFileSync(swPath, `${original}\n// deployment 2\n`);
  try {
    await page.evaluate(async () => (await navigator.serviceWorker.ready).update());
    await visitGoesOn(page, firstWorker);
  } finally {
    writeFileSync(swPath, original);
  }
});

/** With an update waiting: the visit goes on in the same page; the next visitor gets the update. */
async function visitGoesOn(page: Page, firstWorker: string) {
  await page.getByTestId('tab-settings').click();
  await expect(page.getByTestId('update-waiting')).toBeVisible();

  // The visit goes on undisturbed: same page, still rating.
  await page.getByTestId('tab-deck').click();
  await rateWithKeys(page, 2, () => false);
  await expectCounts(page, 2, 2);
  expect(await page.evaluate(() => (window as unknown as { visitMarker?: number }).visitMarker)).toBe(1);

  // The next visitor gets the new version (the page reloads once, between visitors).
  await Promise.all([page.waitForEvent('load'), page.getByTestId('new-visitor').click()]);
  await expect(page.getByTestId('app-ready')).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { visitMarker?: number }).visitMarker)).toBeUndefined();
  await expect(page.getByTestId('active-profile-name')).toHaveText('Visitor 2');
  await expectCounts(page, 0, 0);
  const after = await page.evaluate(async () => {
    const r = await navigator.serviceWorker.ready;
    return { waiting: r.waiting !== null, controlled: navigator.serviceWorker.controller !== null, url: r.active!.scriptURL };
  });
  expect(after).toEqual({ waiting: false, controlled: true, url: firstWorker });
  await page.getByTestId('tab-settings').click();
  await expect(page.getByTestId('update-waiting')).toHaveCount(0);
}
