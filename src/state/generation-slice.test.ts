import { describe, expect, it } from 'vitest';
import type { LoadOptions, LoadProgress, ReadyInfo } from '../worker/generation-client.ts';
import type { CatalogMap, GenerateProgress, RequestBody, WireGeneratedBatch } from '../worker/protocol.ts';
import { createMemoryStorage } from './async-storage.ts';
import { createAppStore } from './create-app-store.ts';
import { generatedImage } from './generated-images.ts';
import { DEVICE_LOSS_AFTER_RUNS, parseGenerationQuery } from './generation-query.ts';
import { BATCH_SIZE, effectiveGuidance, FIRST_PART, PROGRESS_INTERVAL_MS, selectCurrentBatch, type GenerationPort } from './generation-slice.ts';
import { createPersistence } from './persistence.ts';
import { createSerialQueue } from './serial-queue.ts';
import { testCatalog } from './test-store.ts';

const summary = { embeddingDim: 2, catalogCount: 4, maxRatings: 64, defaultSteps: 3, defaultGuidance: 4, trainSteps: 10, schedule: 's' };

/** A worker stand-in: records what it was asked, answers per `behaviour`. */
function fakeWorker(behaviour: { backend?: 'webgpu' | 'wasm'; failLoad?: string; failGenerate?: string; progress?: (p: GenerateProgress) => void } = {}) {
  const calls: { prepare: { modelsUrl: string; backend?: string }[]; load: LoadOptions[]; generate: RequestBody<'generate'>[]; terminated: boolean } = {
    prepare: [], load: [], generate: [], terminated: false,
  };
  const port: GenerationPort = {
    async prepare(options) {
      calls.prepare.push(options);
    },
    async load(options: LoadOptions, onProgress?: (p: LoadProgress) => void): Promise<ReadyInfo> {
      calls.load.push(options);
      onProgress?.({ stage: 'download', loaded: 10, total: 20 });
      onProgress?.({ stage: 'compile' });
      if (behaviour.failLoad) throw new Error(behaviour.failLoad);
      const name = options.backend === 'wasm' ? 'wasm' : (behaviour.backend ?? 'wasm');
      return { backend: name === 'webgpu' ? { name, adapter: { vendor: 'v', architecture: 'a', device: '', description: 'd', features: [] } } : { name, reason: 'test' }, models: summary };
    },
    async generate(body: RequestBody<'generate'>, onProgress?: (p: GenerateProgress) => void): Promise<WireGeneratedBatch> {
      calls.generate.push(body);
      if (behaviour.progress) {
        // Each step's progress goes to the store and to the test, which moves the clock.
        for (const p of [{ stage: 'user' }, ...[1, 2, 3, 4].map((step) => ({ stage: 'denoise', step, steps: 4 })), { stage: 'decode' }] as GenerateProgress[]) {
          onProgress?.(p);
          behaviour.progress(p);
        }
      } else onProgress?.({ stage: 'denoise', step: 1, steps: 3 });
      if (behaviour.failGenerate) throw new Error(behaviour.failGenerate);
      return {
        seed: body.seed, steps: 3, guidance: body.guidance ?? 4, target: body.target ?? 'like', ratingsUsed: body.ratings.length, ratingsLeftOut: 0, space: '2d-test', elapsedMs: 5,
        items: Array.from({ length: body.count }, (_, i) => ({
          embedding: new Float32Array([(body.offset ?? 0) + i, body.seed]), rgba: new Uint8ClampedArray(4).fill((body.offset ?? 0) + i), width: 1, height: 1,
          nearest: [{ item: 'google:1f600', distance: 1 }], novelty: 1.5,
        })),
      };
    },
    async catalogMap(): Promise<CatalogMap> {
      return { coords: new Float32Array(8), center: new Float64Array(2), axes: new Float64Array([1, 0, 0, 1]), dim: 2, space: '2d-test' };
    },
    terminate: () => void (calls.terminated = true),
  };
  return { port, calls };
}

/** A store over memory storage whose workers come from `workers`, one per createClient call. */
async function storeWith(workers: ReturnType<typeof fakeWorker>[], query = '', now = () => new Date(Date.UTC(2026, 10, 30, 17))) {
  let seed = 100;
  let next = 0;
  const store = createAppStore(
    {
      persistence: createPersistence(createMemoryStorage()),
      queue: createSerialQueue(),
      now,
      newId: () => `p${++seed}`,
      newSeed: () => ++seed,
      announce: () => {},
    },
    { createClient: () => workers[next++].port, modelsUrl: '/models/', query },
  );
  store.getState().setCatalog(testCatalog);
  await store.getState().hydrate('en');
  return store;
}

describe('generation slice', () => {
  it('loads with progress, reports the backend, and takes the default guidance from the models', async () => {
    const w = fakeWorker();
    const store = await storeWith([w]);
    const seen: string[] = [];
    store.subscribe((s) => seen.push(s.generation.models.state === 'loading' ? s.generation.models.progress.stage : s.generation.models.state));
    await store.getState().ensureModels();
    expect([...new Set(seen)]).toEqual(['download', 'compile', 'ready']);
    expect(w.calls.load[0]).toMatchObject({ modelsUrl: '/models/', backend: 'auto', warmUpCount: BATCH_SIZE, catalogIds: testCatalog.items.map((i) => i.id) });
    expect(w.calls.load[0].faults).toBeUndefined();
    expect(store.getState().generation.backend).toEqual({ name: 'wasm', reason: 'test' });
    expect(effectiveGuidance(store.getState().generation)).toBe(4);
    await store.getState().ensureModels();
    expect(w.calls.load).toHaveLength(1);
  });

  it('prepares the models once, on the worker the load then uses, and not once they are loading or loaded', async () => {
    const w = fakeWorker();
    const store = await storeWith([w, fakeWorker()], '?backend=wasm');
    store.getState().prepareModels();
    store.getState().prepareModels();
    expect(w.calls.prepare).toEqual([{ modelsUrl: '/models/', backend: 'wasm', warmUpCount: BATCH_SIZE }]);
    await store.getState().ensureModels();
    expect(w.calls.load).toHaveLength(1); // the same worker: it takes the prepared download over
    store.getState().prepareModels();
    expect(w.calls.prepare).toHaveLength(1);
  });

  it('generates from catalog and generated ratings; pixels stay out of the store', async () => {
    const w = fakeWorker();
    const store = await storeWith([w]);
    await store.getState().rate('google:1f600', 'like');
    await store.getState().ensureModels();
    store.getState().setGenerationSettings({ seed: 7, guidance: 2.5, target: 'dislike' });
    // On WASM the batch comes in two parts, and the first is on screen while the second is drawn.
    const shown: { items: number; running: boolean }[] = [];
    store.subscribe((s) => s.generation.batch && shown.push({ items: s.generation.batch.items.length, running: s.generation.job.state === 'running' }));
    await store.getState().generateBatch();
    const body = { ratings: [{ item: 'google:1f600', rating: 'like' }], seed: 7, guidance: 2.5, target: 'dislike' };
    expect(w.calls.generate).toMatchObject([
      { ...body, count: FIRST_PART, offset: 0 },
      { ...body, count: BATCH_SIZE - FIRST_PART, offset: FIRST_PART },
    ]);
    expect(shown[0]).toEqual({ items: FIRST_PART, running: true });
    expect(shown.at(-1)).toEqual({ items: BATCH_SIZE, running: false });
    const batch = selectCurrentBatch(store.getState())!;
    expect(batch.items.map((i) => i.index)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(generatedImage(batch.items[0].id)?.data).toEqual(new Uint8ClampedArray(4).fill(0)); // the first part's pixels stay
    expect(generatedImage(batch.items[7].id)?.data).toEqual(new Uint8ClampedArray(4).fill(7));
    expect(batch.items).toHaveLength(BATCH_SIZE);
    expect(batch.items[2].id).toMatch(/^generated:7-2-[0-9a-f]{8}$/);
    expect(generatedImage(batch.items[2].id)?.data).toEqual(new Uint8ClampedArray(4).fill(2));
    const holdsPixels = (v: unknown): boolean =>
      v instanceof Uint8ClampedArray || (typeof v === 'object' && v !== null && !ArrayBuffer.isView(v) && Object.values(v).some(holdsPixels));
    expect(holdsPixels(store.getState().generation)).toBe(false);

    // Rated, it joins the profile with its embedding, and the next batch sends that embedding.
    await store.getState().rateGenerated(batch.items[2].id, 'like');
    // The rating keeps the embedding space the item was drawn in, so other models can leave it out.
    expect(store.getState().ratings.at(-1)).toMatchObject({ item: batch.items[2].id, rating: 'like', embedding: [2, 7], space: '2d-test' });
    expect(store.getState().exportActive().ratings.at(-1)).toMatchObject({ embedding: [2, 7], space: '2d-test' });
    await store.getState().generateBatch({ newSeed: true });
    expect(w.calls.generate[2].ratings.at(-1)).toEqual({ rating: 'like', embedding: [2, 7], space: '2d-test' });
    expect(w.calls.generate[2].seed).not.toBe(7);
    expect(store.getState().generation.settings.seed).toBe(w.calls.generate[2].seed);
    expect(generatedImage(batch.items[0].id)).toBeUndefined(); // a new batch replaces the held pixels
  });

  it('shows a batch\'s progress at most every PROGRESS_INTERVAL_MS: each shown change is a frame', async () => {
    let clock = Date.UTC(2026, 10, 30, 17);
    // 6 progress events per part, 90 ms apart: shown at 0, 270 (≥ 200 after 0) of each part.
    const w = fakeWorker({ progress: () => void (clock += 90) });
    const store = await storeWith([w], '', () => new Date(clock));
    for (const id of ['google:1f600', 'google:1f601']) await store.getState().rate(id, 'like');
    await store.getState().ensureModels();
    const shown: string[] = [];
    store.subscribe((s, before) => {
      const p = s.generation.job.state === 'running' ? s.generation.job.progress : null;
      if (p && p !== (before.generation.job.state === 'running' ? before.generation.job.progress : null)) {
        shown.push(`${s.generation.job.state === 'running' ? s.generation.job.part?.offset : ''}:${p.stage}${p.stage === 'denoise' ? p.step : ''}`);
      }
    });
    await store.getState().generateBatch();
    expect(PROGRESS_INTERVAL_MS).toBe(200);
    expect(shown).toEqual(['0:user', '0:denoise3', '2:user', '2:denoise3']);
  });

  it('a batch belongs to its visitor: a new visitor does not see it', async () => {
    const store = await storeWith([fakeWorker()]);
    await store.getState().ensureModels();
    await store.getState().generateBatch();
    expect(selectCurrentBatch(store.getState())).not.toBeNull();
    await store.getState().newVisitor();
    expect(selectCurrentBatch(store.getState())).toBeNull();
  });

  it('a model that cannot be loaded is an error the view can show; rating still works', async () => {
    const w = fakeWorker({ failLoad: 'HTTP 404 for /models/decoder.onnx' });
    const store = await storeWith([w, fakeWorker()]);
    await store.getState().ensureModels();
    expect(store.getState().generation.models).toEqual({ state: 'failed', message: 'HTTP 404 for /models/decoder.onnx' });
    await store.getState().generateBatch();
    await store.getState().rate('google:1f601', 'dislike');
    expect(store.getState().ratings.map((r) => r.item)).toEqual(['google:1f601']);
    await store.getState().reloadModels();
    expect(store.getState().generation.models.state).toBe('ready');
  });

  it('a WebGPU failure during generation moves to a fresh worker on WASM, retries, and says so', async () => {
    const gpu = fakeWorker({ backend: 'webgpu', failGenerate: 'the WebGPU device was lost (destroyed)' });
    const wasm = fakeWorker();
    const store = await storeWith([gpu, wasm], '?fault=gpu-device-loss');
    await store.getState().ensureModels();
    expect(gpu.calls.load[0].faults).toEqual({ loseGpuDeviceAfterRuns: DEVICE_LOSS_AFTER_RUNS });
    expect(store.getState().generation.backend?.name).toBe('webgpu');
    await store.getState().generateBatch();
    expect(gpu.calls.terminated).toBe(true);
    expect(wasm.calls.load[0]).toMatchObject({ backend: 'wasm', faults: undefined });
    expect(store.getState().generation.notice).toEqual({ kind: 'gpu-failed', detail: 'the WebGPU device was lost (destroyed)' });
    expect(store.getState().generation.backend?.name).toBe('wasm');
    expect(selectCurrentBatch(store.getState())?.backend).toBe('wasm');
    expect(store.getState().generation.job).toEqual({ state: 'idle' });
    // WebGPU draws the batch in one call (it compiles per batch shape); so does its WASM retry.
    expect(gpu.calls.generate.map((b) => b.count)).toEqual([BATCH_SIZE]);
    expect(wasm.calls.generate.map((b) => b.count)).toEqual([BATCH_SIZE]);
  });

  it('forced WebGPU that cannot run falls back to WASM and says so; a WASM failure is just an error', async () => {
    const refused = fakeWorker({ failLoad: 'WebGPU was requested but cannot be used: no adapter' });
    const store = await storeWith([refused, fakeWorker()], '?backend=webgpu');
    expect(store.getState().generation.urlBackend).toBe('webgpu');
    await store.getState().ensureModels();
    expect(store.getState().generation.notice?.kind).toBe('webgpu-refused');
    expect(store.getState().generation.backend?.name).toBe('wasm');

    const broken = fakeWorker({ failGenerate: 'out of memory' });
    const s2 = await storeWith([broken, fakeWorker()]);
    await s2.getState().ensureModels();
    await s2.getState().generateBatch();
    expect(s2.getState().generation.job).toEqual({ state: 'failed', message: 'out of memory' });
    expect(broken.calls.terminated).toBe(false);
  });

  it('changing the backend reloads on a fresh worker', async () => {
    const first = fakeWorker(), second = fakeWorker();
    const store = await storeWith([first, second]);
    await store.getState().ensureModels();
    store.getState().setGenerationSettings({ backend: 'wasm' });
    await new Promise((r) => setTimeout(r, 0));
    await store.getState().ensureModels();
    expect(first.calls.terminated).toBe(true);
    expect(second.calls.load[0].backend).toBe('wasm');
  });

  it('loads the catalog map once', async () => {
    const store = await storeWith([fakeWorker()]);
    await store.getState().loadCatalogMap();
    expect(store.getState().generation.map?.dim).toBe(2);
  });
});

describe('parseGenerationQuery', () => {
  it('reads the backend and the e2e fault flag, ignoring anything else', () => {
    expect(parseGenerationQuery('?backend=wasm')).toEqual({ backend: 'wasm', faults: undefined });
    expect(parseGenerationQuery('?backend=webgpu&fault=gpu-device-loss')).toEqual({ backend: 'webgpu', faults: { loseGpuDeviceAfterRuns: DEVICE_LOSS_AFTER_RUNS } });
    expect(parseGenerationQuery('?backend=cuda&fault=meltdown')).toEqual({ backend: null, faults: undefined });
    expect(parseGenerationQuery('')).toEqual({ backend: null, faults: undefined });
  });
});
