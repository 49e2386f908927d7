import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { ROOT } from '../scripts/models-location.ts';
import { expect, expectCounts, exportRatings, importText, openApp, test } from './fixtures.ts';
import { rateAndGenerate } from './generation-cases.ts';
import { generateWithSeed, launchWith, likeCards, openForYou, waitForBatch } from './generation-helpers.ts';

// Generation in the page, against the production build: the models in public/models (copied
// into the build), the worker, onnxruntime-web on WASM: WebGPU unavailable (no adapter
// without --enable-unsafe-webgpu).
// The service worker is blocked so every model request reaches the server (and can be routed
// to simulate faults).
test.use({ serviceWorkers: 'block', launchOptions: launchWith(false) });

rateAndGenerate('wasm');

test('a missing model file: a clear error in the view; rating still works', async ({ page, context }) => {
  test.setTimeout(300_000);
  await context.route('**/models/decoder.onnx', (route) => route.fulfill({ status: 404, body: 'not found' }));
  await openApp(page);
  await page.getByTestId('tab-for-you').click();
  await expect(page.getByTestId('models-error')).toContainText(/could not be loaded: HTTP 404 for .*decoder\.onnx.*Rating still works/, { timeout: 120_000 });
  await likeCards(page, 2);
  await expectCounts(page, 2, 0);
});

test('a corrupt model file: a clear error naming it; rating still works', async ({ page, context }) => {
  test.setTimeout(300_000);
  await context.route('**/models/denoiser.onnx', (route) => route.fulfill({ status: 200, body: Buffer.from('this is not an ONNX model '.repeat(40)) }));
  await openApp(page);
  await page.getByTestId('tab-for-you').click();
  await expect(page.getByTestId('models-error')).toContainText('the denoiser model could not be loaded on WASM', { timeout: 300_000 });
  await likeCards(page, 3);
  await expectCounts(page, 3, 1);
});

test('a liked generated item joins the profile with its embedding; the prior sees it; map and PNG', async ({ page }) => {
  test.setTimeout(720_000);
  await openApp(page);
  await likeCards(page, 5);
  await openForYou(page);
  await waitForBatch(page);
  await expect(page.getByTestId('generated-batch')).toHaveAttribute('data-ratings-used', '7');

  const first = page.getByTestId('generated-item').first();
  const id = (await first.getAttribute('data-item-id'))!;
  expect(id).toMatch(/^generated:\d+-0-[0-9a-f]{8}$/);
  await first.getByTestId('generated-like').click();
  await expect(first).toHaveAttribute('data-rating', 'like');
  await expectCounts(page, 6, 2);

  const [download] = await Promise.all([page.waitForEvent('download'), first.getByTestId('generated-save').click()]);
  expect(download.suggestedFilename()).toMatch(/^generated-\d+-1\.png$/);
  const chunks: Buffer[] = [];
  for await (const chunk of await download.createReadStream()) chunks.push(chunk as Buffer);
  const png = PNG.sync.read(Buffer.concat(chunks));
  expect([png.width, png.height]).toEqual([64, 64]);

  await page.getByTestId('regenerate-button').click();
  await expect(page.getByTestId('generated-batch')).toHaveAttribute('data-ratings-used', '8', { timeout: 300_000 });
  await waitForBatch(page);

  await page.getByTestId('tab-taste-map').click();
  const map = page.getByTestId('map-canvas');
  await expect(map).toBeVisible({ timeout: 300_000 });
  await expect(map).toHaveAttribute('data-catalog', '3812');
  await expect(map).toHaveAttribute('data-likes', '6');
  await expect(map).toHaveAttribute('data-dislikes', '2');
  await expect(map).toHaveAttribute('data-generated', '8');

  const { file } = await exportRatings(page);
  const rating = file.ratings.find((r: { item: string }) => r.item === id);
  expect(rating.rating).toBe('like');
  const dim = JSON.parse(readFileSync(join(ROOT, 'public/models/manifest.json'), 'utf8')).autoencoder.embeddingDim as number;
  expect(rating.embedding).toHaveLength(dim);
  expect(rating.space).toMatch(new RegExp(`^${dim}d-[0-9a-f]{8}$`));

  // The same profile as if that item had been drawn by earlier models (a model update): its
  // rating is left out, the view says so, and the rest still generate.
  rating.space = `${dim}d-00000000`;
  await importText(page, JSON.stringify(file));
  await expect(page.getByTestId('import-success')).toBeVisible();
  await openForYou(page);
  await waitForBatch(page);
  await expect(page.getByTestId('generated-batch')).toHaveAttribute('data-ratings-used', '7');
  await expect(page.getByTestId('ratings-left-out')).toContainText('1 older rating');

  // "Remove them" (a second click confirms) takes that rating out of the profile, and only it;
  // the next batch has nothing left out.
  await page.getByTestId('remove-left-out').click();
  await expect(page.getByTestId('remove-left-out-confirm')).toContainText('Remove 1 rating');
  await page.getByTestId('remove-left-out-confirm').click();
  await expect(page.getByTestId('remove-left-out')).toHaveCount(0);
  const after = (await exportRatings(page)).file;
  expect(after.ratings.map((r: { item: string }) => r.item)).toEqual(file.ratings.filter((r: { item: string }) => r.item !== id).map((r: { item: string }) => r.item));
  await openForYou(page);
  await waitForBatch(page);
  const seen = await page.getByTestId('generated-batch').getAttribute('data-seed');
  await page.getByTestId('regenerate-button').click();
  await expect(page.getByTestId('generated-batch')).not.toHaveAttribute('data-seed', seen!, { timeout: 300_000 });
  await waitForBatch(page);
  await expect(page.getByTestId('generated-batch')).toHaveAttribute('data-ratings-used', '7');
  await expect(page.getByTestId('ratings-left-out')).toHaveCount(0);
});

/**
 * A profile of 12 liked items of one category (nothing else) must get generated items whose
 * nearest catalog items are mostly of that category. `known` marks a case measured to fail with
 * the committed models (models/EVALUATION.md): it runs, and turns red the day it passes.
 */
for (const { liked, known } of [
  { liked: 'Flags', known: undefined },
  { liked: 'Animals & Nature', known: undefined },
]) {
  test(`follows the ratings: only ${liked} liked → ${liked} nearby`, async ({ page, request }) => {
    const manifest = await (await request.get('/models/manifest.json')).json();
    const trained: number = manifest.prior.trainedSteps ?? 0;
    test.skip(trained < 1000, `the prior was trained ${trained} steps (a smoke export): taste-following needs the real models (trainedSteps ≥ 1000)`);
    if (known) test.fail(true, known);
    test.setTimeout(600_000);
    const catalog = (await (await request.get('/catalog/catalog.json')).json()) as { items: { id: string; category: string }[] };
    const category = new Map(catalog.items.map((i) => [i.id, i.category]));
    await openApp(page);
    const at = '2026-11-30T17:00:00Z';
    const ratings = catalog.items.filter((i) => i.category === liked).slice(0, 12).map((i) => ({ item: i.id, rating: 'like', at }));
    await importText(page, JSON.stringify({ format: 'beyond-catalog.ratings', version: 1, profile: `only ${liked}`, ratings }));
    await expect(page.getByTestId('count-like')).toHaveText('12');
    await openForYou(page);
    await waitForBatch(page);
    await generateWithSeed(page, 3);
    const nearest = await page.getByTestId('generated-item').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.nearest!.split(' ')));
    const top = nearest.flatMap((n) => n.slice(0, 3));
    const share = top.filter((item) => category.get(item) === liked).length / top.length;
    test.info().annotations.push({ type: `share of nearest items in ${liked}`, description: String(share) });
    expect(share).toBeGreaterThan(0.5);
  });
}
