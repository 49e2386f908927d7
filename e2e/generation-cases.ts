import { expect, exportRatings, openApp, test } from './fixtures.ts';
import {
  generateWithSeed,
  generateWithSeedQuietly,
  likeCards,
  maxPremultipliedDifference,
  openForYou,
  pagePixels,
  runGenerateCli,
  waitForBatch,
} from './generation-helpers.ts';
import { type MainThreadTask, traceMainThread } from '../scripts/main-thread-trace.ts';

const SEED = 4242;
/** Page vs CLI, in 0–255 units of premultiplied colour and alpha. */
const TOLERANCE = { wasm: 2, webgpu: 4 };

/**
 * The acceptance runs, once per backend (generation-webgpu.spec.ts, generation-wasm.spec.ts):
 * rate, generate, images appear, the backend label is right, the page's images equal the CLI's
 * for the same seed and ratings file; and the main thread's own work stays in short tasks while
 * generating.
 */
export function rateAndGenerate(backend: 'webgpu' | 'wasm'): void {
  test('rate, generate: images appear, the backend is named, and they equal the CLI\'s for the same seed and ratings', async ({ page }) => {
    test.setTimeout(900_000);
    await openApp(page);
    await likeCards(page, 5);
    await openForYou(page);
    const label = page.getByTestId('backend-label');
    await expect(label).toHaveAttribute('data-backend', backend);
    if (backend === 'webgpu') await expect(label).toContainText('Running on WebGPU');
    else await expect(label).toContainText(/Running on WASM.*no adapter/);

    await waitForBatch(page); // the first batch comes by itself after 5 likes
    await expect(page.getByTestId('generated-batch')).toHaveAttribute('data-backend', backend);
    await generateWithSeed(page, SEED);
    const pixels = await pagePixels(page);
    const nearest = await page.getByTestId('generated-item').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.nearest!.split(' ')));
    expect(pixels).toHaveLength(8);
    expect(pixels.every((p) => p.some((v) => v !== 0)), 'every canvas has pixels').toBe(true);

    const { text } = await exportRatings(page);
    const cli = runGenerateCli(text, SEED, 8);
    const diffs = pixels.map((p, i) => maxPremultipliedDifference(p, cli.pixels[i]));
    test.info().annotations.push({ type: 'page vs CLI', description: `max premultiplied difference per image: ${diffs.map((d) => d.toFixed(2)).join(', ')}` });
    for (const d of diffs) expect(d).toBeLessThanOrEqual(TOLERANCE[backend]);
    // The nearest catalog item of each image is the CLI's too.
    expect(nearest.map((n) => n[0])).toEqual(cli.items.map((i) => i.nearest[0].item));
  });

  test('while generating, no main-thread task takes more than 50 ms of the main thread\'s own CPU', async ({ page, browser }) => {
    test.setTimeout(900_000);
    await openApp(page);
    await likeCards(page, 5);
    await openForYou(page);
    await waitForBatch(page);
    const tasks = await traceMainThread(browser, page, () => generateWithSeedQuietly(page, SEED));
    const ms = (t: MainThreadTask) => `${t.cpuMs.toFixed(1)} ms CPU in ${t.wallMs.toFixed(1)} ms`;
    const longest = [...tasks].sort((a, b) => b.cpuMs - a.cpuMs).slice(0, 3);
    test.info().annotations.push({ type: 'main thread while generating', description: `${tasks.length} tasks; longest ${longest.map(ms).join(', ')}` });
    expect(tasks.length, 'the trace saw the main thread work').toBeGreaterThan(10);
    expect(tasks.filter((t) => t.cpuMs > 50).map(ms), 'main-thread tasks with over 50 ms of CPU while generating').toEqual([]);
  });
}
