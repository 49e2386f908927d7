// Chromium measurements, driven by Playwright: latency through the bench page's worker, and
// page open → first generated image, long tasks and regeneration in the real app.
import { chromium, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { findChromium, INSTALL_HINT } from '../find-chromium.mjs';
import { type MainThreadTask, traceMainThread } from '../main-thread-trace.ts';
import type { PageLoadResult, PageRunResult } from './page/bench-page.ts';
import { SETTLE_MAX_RUNS, summarize, type Summary } from './stats.ts';

const BASE_ARGS = ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

/** Chromium as the e2e tests launch it; `webgpu` adds the flag that exposes the SwiftShader adapter (or a real GPU). */
export async function launchChromium(webgpu: boolean): Promise<Browser> {
  const found = findChromium();
  if (!found) throw new Error(INSTALL_HINT);
  return chromium.launch({ executablePath: found.path, args: webgpu ? [...BASE_ARGS, '--enable-unsafe-webgpu'] : BASE_ARGS });
}

export interface LongTask {
  start: number;
  duration: number;
}

export interface PageLatency {
  label: string;
  backend: string;
  adapter?: string;
  threads: number;
  crossOriginIsolated: boolean;
  loadMs: number;
  /** Per batch size: main-thread round trip (request → items back), once times have settled. */
  generate: Record<string, Summary>;
  /** Per batch size: the same for the first batches after load (one untimed before them). */
  early: Record<string, Summary>;
  /** Per batch size: untimed batches it took for the times to settle. */
  settleRuns: Record<string, number>;
  /** Per batch size: the worker's own time. */
  worker: Record<string, Summary>;
  longTasks: LongTask[];
  /** Batch sizes not run, and why. */
  skipped?: string;
  error?: string;
}

export interface PageConfig {
  label: string;
  backend: 'wasm' | 'webgpu';
  threads: number;
}

type BenchWindow = {
  bench: {
    load(backend: string, threads: number, warmUpCount: number): Promise<PageLoadResult>;
    run(count: number, repeats: number, warmUp: number): Promise<PageRunResult>;
    settle(count: number, maxRuns: number): Promise<number>;
  };
};

/** Per batch size on the bench page: SwiftShader WebGPU can take minutes for 32 items; past this it is reported, not waited on. */
const CONFIG_TIMEOUT_MS = 6 * 60_000;
/**
 * The largest batch timed on SwiftShader's WebGPU: a CPU rasteriser says nothing about a GPU, and
 * with the 512-d models its 32-item batch ran past CONFIG_TIMEOUT_MS (2026-12-07; 8 items took 18 s).
 */
const SWIFTSHADER_MAX_COUNT = 8;

function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(message)), ms)));
  return Promise.race([promise, expired]).finally(() => clearTimeout(timer));
}

/** Loads the models on the bench page once per config and times generate for each batch size. */
export async function pageLatency(browser: Browser, origin: string, config: PageConfig, counts: number[], repeats: number): Promise<PageLatency> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const result: PageLatency = { ...config, backend: config.backend, crossOriginIsolated: false, loadMs: NaN, generate: {}, early: {}, settleRuns: {}, worker: {}, longTasks: [] };
  try {
    await page.goto(`${origin}/`);
    await page.waitForFunction(() => 'bench' in window);
    const loaded = await withTimeout(
      page.evaluate(([b, t]) => (window as unknown as BenchWindow).bench.load(b, t, 1), [config.backend, config.threads] as const),
      CONFIG_TIMEOUT_MS,
      `loading took over ${CONFIG_TIMEOUT_MS / 60_000} min`,
    );
    result.backend = loaded.backend.name;
    result.adapter = loaded.backend.adapter ? [loaded.backend.adapter.vendor, loaded.backend.adapter.architecture, loaded.backend.adapter.description].filter(Boolean).join(' / ') : undefined;
    result.crossOriginIsolated = loaded.crossOriginIsolated;
    result.loadMs = loaded.loadMs;
    const software = result.backend === 'webgpu' && /swiftshader/i.test(result.adapter ?? '');
    const skipped = software ? counts.filter((c) => c > SWIFTSHADER_MAX_COUNT) : [];
    if (skipped.length > 0) result.skipped = `${skipped.join(', ')} items not run on SwiftShader (a CPU rasteriser; 32 items ran past ${CONFIG_TIMEOUT_MS / 60_000} min)`;
    for (const count of counts.filter((c) => !skipped.includes(c))) {
      const limit = `${count} items took over ${CONFIG_TIMEOUT_MS / 60_000} min`;
      // The first batches after load, one untimed before them (WebGPU compiles shaders per shape):
      // what a fresh page draws while V8 is still optimising the WebAssembly (stats.ts, hasSettled).
      const early = await withTimeout(page.evaluate(([c, r]) => (window as unknown as BenchWindow).bench.run(c, r, 1), [count, repeats] as const), CONFIG_TIMEOUT_MS, limit);
      result.settleRuns[count] = await withTimeout(page.evaluate(([c, max]) => (window as unknown as BenchWindow).bench.settle(c, max), [count, SETTLE_MAX_RUNS] as const), CONFIG_TIMEOUT_MS, limit);
      const run = await withTimeout(page.evaluate(([c, r]) => (window as unknown as BenchWindow).bench.run(c, r, 0), [count, repeats] as const), CONFIG_TIMEOUT_MS, limit);
      result.early[count] = summarize(early.roundTripMs);
      result.generate[count] = summarize(run.roundTripMs);
      result.worker[count] = summarize(run.workerMs);
      result.longTasks.push(...early.longTasks, ...run.longTasks);
    }
  } catch (e) {
    result.error = e instanceof Error ? e.message.split('\n')[0] : String(e);
  } finally {
    await context.close();
  }
  return result;
}

export interface FirstImageRun {
  /** Navigation start → the first generated image painted, ms. */
  firstImageMs: number;
  /** Navigation start → all 8 images of the first batch painted (the app draws a WASM batch in two parts). */
  fullBatchMs: number;
  /** Navigation start → the app shell ready (stored data and catalog loaded). */
  appReadyMs: number;
  backend: string;
  /** When each model-loading stage was first shown (download, compile, index, warm-up, ready), ms from navigation. */
  stages: Record<string, number>;
  /** Long tasks from navigation to the first image. */
  longTasks: LongTask[];
  /** When "For you" was tapped, ms from navigation (at shell ready, or TAP_DELAY_MS after it in the late-tap runs). */
  tapMs: number;
}

export interface AppResult {
  backend: string;
  cold: FirstImageRun[];
  warm: FirstImageRun[];
  /**
   * Warm reloads where the visitor taps "For you" TAP_DELAY_MS after the shell is ready, as a
   * person does: what the worker did in the meantime (a returning visitor's `prepare`) no longer
   * shows in page open → first image, so these runs are read as tap → first image.
   */
  lateTap: FirstImageRun[];
  /** TAP_DELAY_MS, as run. */
  lateTapDelayMs: number;
  /** Regenerate click → new batch painted, ms. */
  regenerate: number[];
  /** Long tasks during those regenerations. */
  regenerateLongTasks: LongTask[];
  /**
   * Every main-thread task of as many further regenerations, each run under a Chromium trace:
   * wall time and the main thread's own CPU time (scripts/main-thread-trace.ts). Separate runs,
   * so tracing's overhead stays out of the timed ones.
   */
  tracedRegenerateTasks: MainThreadTask[];
  tracedRegenerations: number;
  error?: string;
}

/**
 * Records, from the first script on, long tasks, when each model-loading stage is first shown
 * (the progress bar's data-stage; "ready" when it gives way to models-ready), and when the first
 * generated image is painted.
 */
const FIRST_IMAGE_PROBE = () => {
  type Probe = { firstImage: number | null; fullBatch: number | null; stages: Record<string, number>; longTasks: { start: number; duration: number }[] };
  const probe: Probe = ((window as unknown as { __benchProbe: Probe }).__benchProbe = { firstImage: null, fullBatch: null, stages: {}, longTasks: [] });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) probe.longTasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });
  const observer = new MutationObserver(() => {
    const stage = document.querySelector('[data-testid="models-loading"]')?.getAttribute('data-stage')
      ?? (document.querySelector('[data-testid="models-ready"]') ? 'ready' : null);
    if (stage && !(stage in probe.stages)) probe.stages[stage] = performance.now();
    const canvases = document.querySelectorAll('[data-testid="generated-canvas"]').length;
    // The canvas is drawn in an effect right after it is inserted; the next frame has painted it.
    if (canvases > 0 && !('image' in probe.stages)) {
      probe.stages.image = performance.now();
      requestAnimationFrame(() => (probe.firstImage = performance.now()));
    }
    // The app draws a WASM batch in two parts (generation-slice.ts): the whole batch is 8 canvases, no progress.
    if (canvases >= 8 && !document.querySelector('[data-testid="generate-progress"]')) {
      observer.disconnect();
      requestAnimationFrame(() => (probe.fullBatch = performance.now()));
    }
  });
  observer.observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ['data-stage', 'data-testid'] });
};

type ProbeWindow = { __benchProbe: { firstImage: number | null; fullBatch: number | null; stages: Record<string, number>; longTasks: LongTask[] } };

const TIMEOUT = 180_000;

/** How long after the shell is ready the late-tap runs tap "For you". */
export const TAP_DELAY_MS = 2500;

async function openToFirstImage(page: Page, load: () => Promise<unknown>, tapDelayMs = 0): Promise<FirstImageRun> {
  await load();
  await page.getByTestId('app-ready').waitFor({ timeout: TIMEOUT });
  const appReadyMs = await page.evaluate(() => performance.now());
  if (tapDelayMs > 0) await page.waitForTimeout(tapDelayMs);
  const tapMs = await page.evaluate(() => performance.now());
  await page.getByTestId('tab-for-you').click();
  await page.waitForFunction(() => (window as unknown as ProbeWindow).__benchProbe.fullBatch !== null, undefined, { timeout: TIMEOUT });
  const probe = await page.evaluate(() => (window as unknown as ProbeWindow).__benchProbe);
  const backend = (await page.getByTestId('generated-batch').getAttribute('data-backend')) ?? '?';
  return { firstImageMs: probe.firstImage!, fullBatchMs: probe.fullBatch!, appReadyMs, tapMs, backend, stages: probe.stages, longTasks: probe.longTasks.filter((t) => t.start <= probe.fullBatch!) };
}

/** Clicks "new seed" and waits for the new batch: [click, new batch painted], page clock, ms. */
async function regenerate(page: Page): Promise<[number, number]> {
  const seed = await page.getByTestId('generated-batch').getAttribute('data-seed');
  const start = await page.evaluate(() => performance.now());
  await page.getByTestId('regenerate-button').click();
  await page.waitForFunction(
    (prev) => {
      const batch = document.querySelector('[data-testid="generated-batch"]');
      return !!batch && batch.getAttribute('data-seed') !== prev && !document.querySelector('[data-testid="generate-progress"]');
    },
    seed,
    { timeout: TIMEOUT },
  );
  // The new batch's canvases are drawn in effects; a frame later they are painted.
  return [start, await page.evaluate(() => new Promise<number>((resolve) => requestAnimationFrame(() => resolve(performance.now()))))];
}

/** A visitor with 5 likes and 2 dislikes stored (so "For you" generates at once), as storage state. */
async function ratedVisitor(browser: Browser, origin: string): Promise<Awaited<ReturnType<BrowserContext['storageState']>>> {
  const context = await browser.newContext({ serviceWorkers: 'block' });
  const page = await context.newPage();
  await page.goto(`${origin}/`);
  await page.getByTestId('app-ready').waitFor({ timeout: TIMEOUT });
  await page.getByTestId('tab-deck').click();
  const card = page.getByTestId('deck-card');
  for (let i = 0; i < RATED; i++) {
    const id = await card.getAttribute('data-item-id');
    await page.keyboard.press(i % 3 === 2 ? 'ArrowLeft' : 'ArrowRight');
    await page.waitForFunction((prev) => document.querySelector('[data-testid="deck-card"]')?.getAttribute('data-item-id') !== prev, id);
  }
  // The deck shows the next card before its IndexedDB write lands: a state captured at once held
  // 6 of the 7 ratings (4 likes), so "For you" waited for a fifth like and the cold run timed out.
  const deadline = Date.now() + 10_000;
  for (;;) {
    const state = await context.storageState({ indexedDB: true });
    const stored = storedRatings(state);
    if (stored >= RATED) {
      await context.close();
      return state;
    }
    if (Date.now() > deadline) throw new Error(`only ${stored} of ${RATED} ratings reached IndexedDB`);
    await page.waitForTimeout(100);
  }
}

const RATED = 7;

/** Ratings in a storage state's IndexedDB (the app keeps a profile's list under v1/ratings/<id>). */
function storedRatings(state: Awaited<ReturnType<BrowserContext['storageState']>>): number {
  let n = 0;
  // Playwright fills `indexedDB` when asked ({ indexedDB: true }) but does not type it.
  type Stored = { indexedDB?: { stores: { records: { key?: unknown; value?: unknown }[] }[] }[] };
  for (const origin of state.origins as Stored[]) {
    for (const db of origin.indexedDB ?? []) {
      for (const store of db.stores) {
        for (const record of store.records) {
          if (typeof record.key === 'string' && record.key.startsWith('v1/ratings/') && Array.isArray(record.value)) n += record.value.length;
        }
      }
    }
  }
  return n;
}

/**
 * Page open → first generated image in the built app, as a returning visitor with ratings:
 * cold = a new browser context (empty HTTP cache, no service worker); warm = a reload of that
 * context once its service worker has precached the demo. Then `regenerations` clicks on
 * "new seed", timed, with the main thread watched for long tasks, and as many again under a trace
 * (the main thread's own CPU per task).
 */
export async function appFirstImage(browser: Browser, origin: string, backend: string, coldRuns: number, warmRuns: number, regenerations: number): Promise<AppResult> {
  const result: AppResult = { backend, cold: [], warm: [], lateTap: [], lateTapDelayMs: TAP_DELAY_MS, regenerate: [], regenerateLongTasks: [], tracedRegenerateTasks: [], tracedRegenerations: 0 };
  try {
    const storageState = await ratedVisitor(browser, origin);
    const url = `${origin}/?backend=${backend}`;
    for (let i = 0; i < coldRuns; i++) {
      const context = await browser.newContext({ storageState, serviceWorkers: 'allow' });
      await context.addInitScript(FIRST_IMAGE_PROBE);
      const page = await context.newPage();
      result.cold.push(await openToFirstImage(page, () => page.goto(url)));
      const last = i === coldRuns - 1;
      if (last && warmRuns + regenerations > 0) {
        // Warm runs: the same context after its service worker took control (what a return visit gets).
        await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
        for (let w = 0; w < warmRuns; w++) result.warm.push(await openToFirstImage(page, () => page.reload()));
        for (let w = 0; w < warmRuns; w++) result.lateTap.push(await openToFirstImage(page, () => page.reload(), TAP_DELAY_MS));
        for (let r = 0; r < regenerations; r++) {
          const [start, end] = await regenerate(page);
          result.regenerate.push(end - start);
          const tasks = await page.evaluate(() => (window as unknown as ProbeWindow).__benchProbe.longTasks);
          result.regenerateLongTasks.push(...tasks.filter((t) => t.start >= start && t.start <= end));
        }
        for (let r = 0; r < regenerations; r++) {
          result.tracedRegenerateTasks.push(...(await traceMainThread(browser, page, () => regenerate(page))));
          result.tracedRegenerations++;
        }
      }
      await context.close();
    }
  } catch (e) {
    result.error = e instanceof Error ? e.message.split('\n')[0] : String(e);
  }
  return result;
}
