import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../scripts/generate.ts';
import { hasManifest, modelsDir, ROOT, skipReason } from '../../scripts/models-location.ts';
import type { ModelName } from '../engine/model-manifest.ts';
import type { ModelRunner, TensorMap } from '../engine/model-runner.ts';
import { testManifest } from '../engine/test-manifest.ts';
import { createOnnxRuntime, type OnnxRuntime } from '../runtime/onnx-runtime.ts';
import { GenerationClient, type WorkerPort } from './generation-client.ts';
import { createGenerationService, type GenerationServiceDeps } from './generation-service.ts';

/** Client and service joined in-process; messages are structured-cloned with their transfer lists, as postMessage would. */
function connect(deps: Omit<GenerationServiceDeps, 'post'>): GenerationClient {
  const listeners: ((e: Event) => void)[] = [];
  const service = createGenerationService({
    ...deps,
    post: (event, transfer = []) => {
      const data = structuredClone(event, { transfer });
      queueMicrotask(() => listeners.forEach((l) => l({ data } as MessageEvent)));
    },
  });
  const port: WorkerPort = {
    postMessage: (message) => queueMicrotask(() => void service.handle(structuredClone(message))),
    addEventListener: (type, listener) => {
      if (type === 'message') listeners.push(listener);
    },
  };
  return new GenerationClient(port);
}

/** A float16 file of `count` rows x `dim` (value 1.0 = 0x3c00 plus a row offset in the last dim). */
function float16Rows(count: number, dim: number): Uint8Array<ArrayBuffer> {
  const out = new Uint16Array(count * dim).fill(0x3c00);
  for (let r = 0; r < count; r++) out[r * dim] = 0x3c00 + r; // 1 + r/1024: distinct rows
  return new Uint8Array(out.buffer);
}

/** `decodes` records the batch size of every decoder run. */
function fakeDeps(backend: 'wasm' | 'webgpu' = 'wasm', decodes: number[] = []): Omit<GenerationServiceDeps, 'post'> {
  const manifest = testManifest(4, 10);
  const files: Record<string, Uint8Array<ArrayBuffer>> = {
    'manifest.json': new TextEncoder().encode(JSON.stringify(manifest)),
    'catalog-embeddings.bin': float16Rows(3, 4),
    'user-encoder.onnx': new Uint8Array(10), 'denoiser.onnx': new Uint8Array(20), 'decoder.onnx': new Uint8Array(30),
  };
  const runner: ModelRunner = {
    async run(model, feeds): Promise<TensorMap> {
      if (model === 'user-encoder') return { user_tokens: { data: new Float32Array(6).fill(0.5), dims: [1, 2, 3] } };
      if (model === 'denoiser') return { x0: { data: (feeds.x_t.data as Float32Array).map((v) => v * 0.5), dims: feeds.x_t.dims } };
      const b = feeds.embedding.dims[0];
      decodes.push(b);
      return { image: { data: new Float32Array(b * 16).fill(0.5), dims: [b, 4, 2, 2] } };
    },
  };
  return {
    fetch: (async (url: string) => {
      const path = new URL(url).pathname;
      const body = path.startsWith('/m/') ? files[path.slice(3)] : undefined;
      return body ? new Response(body, { headers: { 'content-length': String(body.byteLength) } }) : new Response('', { status: 404 });
    }) as typeof fetch,
    createRuntime: async (models) => {
      expect(Object.keys(models).sort()).toEqual(['decoder', 'denoiser', 'user-encoder']);
      return { ...runner, backend: backend === 'wasm' ? { name: 'wasm', reason: 'test' } : { name: 'webgpu' }, inputNames: () => [], outputNames: () => [], release: async () => {} } as OnnxRuntime;
    },
  };
}

describe('generation worker protocol (fake runtime)', () => {
  it('warms up at the asked batch size on WebGPU (shaders compile per shape), with one item on WASM', async () => {
    for (const [backend, expected] of [['webgpu', [8]], ['wasm', [1]]] as const) {
      const decodes: number[] = [];
      await connect(fakeDeps(backend, decodes)).load({ modelsUrl: 'http://models.test/m/', catalogIds: ['x:0', 'x:1', 'x:2'], warmUpCount: 8 }, () => {});
      expect(decodes, backend).toEqual(expected);
    }
  });

  it('loads with progress, then generates items with transferred buffers', async () => {
    const client = connect(fakeDeps());
    const stages: string[] = [];
    const ready = await client.load({ modelsUrl: 'http://models.test/m/', catalogIds: ['x:0', 'x:1', 'x:2'], warmUpCount: 2 }, (p) => stages.push(p.stage));
    expect([...new Set(stages)]).toEqual(['download', 'index', 'compile', 'warm-up']);
    expect(ready.backend).toEqual({ name: 'wasm', reason: 'test' });
    expect(ready.models).toMatchObject({ embeddingDim: 4, catalogCount: 3, defaultSteps: 3, maxRatings: 5 });

    const steps: number[] = [];
    const batch = await client.generate(
      { ratings: [{ item: 'x:1', rating: 'like' }, { embedding: new Float32Array(4), rating: 'dislike' }], count: 2, seed: 9, steps: 2 },
      (p) => { if (p.stage === 'denoise') steps.push(p.step); },
    );
    expect(steps).toEqual([1, 2]);
    expect(batch).toMatchObject({ seed: 9, steps: 2, ratingsUsed: 2, target: 'like' });
    expect(batch.items).toHaveLength(2);
    expect(batch.items[0].rgba).toBeInstanceOf(Uint8ClampedArray);
    expect(batch.items[0].rgba.length).toBe(2 * 2 * 4);
    expect(batch.items[0].embedding).toBeInstanceOf(Float32Array);
    expect(batch.items[0].nearest[0].item).toMatch(/^x:/);

    const emb = await client.catalogEmbeddings();
    expect(emb).toMatchObject({ count: 3, dim: 4 });
    expect(emb.data[4]).toBeCloseTo(1 + 1 / 1024, 6);

    const map = await client.catalogMap();
    expect(map.dim).toBe(4);
    expect(map.coords).toHaveLength(3 * 2);
    expect(map.axes).toHaveLength(2 * 4);
    // Rows differ only in their first value: the map spreads them along x, in order.
    expect(map.coords[0]).toBeLessThan(map.coords[2]);
    expect(map.coords[2]).toBeLessThan(map.coords[4]);
  });

  it('starts the runtime before the models download and creates sessions only once it is up', async () => {
    const order: string[] = [];
    const deps = fakeDeps();
    let finishPrepare = () => {};
    const client = connect({
      ...deps,
      fetch: ((url: string, init?: RequestInit) => {
        order.push(`fetch ${url.split('/').pop()}`);
        return deps.fetch(url, init);
      }) as typeof fetch,
      prepareRuntime: (backend) => {
        order.push(`prepare ${backend}`);
        return new Promise<void>((done) => (finishPrepare = () => (order.push('prepared'), done())));
      },
      createRuntime: (models, backend) => (order.push('create'), deps.createRuntime(models, backend)),
    });
    const ready = client.load({ modelsUrl: 'http://models.test/m/', catalogIds: ['x:0', 'x:1', 'x:2'], backend: 'wasm' });
    // Every download done, and still no session while the runtime is starting.
    await expect.poll(() => order.filter((o) => o.startsWith('fetch')).length).toBe(5);
    await new Promise((r) => setTimeout(r, 20));
    expect(order).not.toContain('create');
    finishPrepare();
    await ready;
    expect(order[0]).toBe('prepare wasm');
    expect(order.slice(-2)).toEqual(['prepared', 'create']);
  });

  it('a load after prepare takes its whole work over: each file fetched once, sessions made and warmed up once, progress still reaches the load', async () => {
    const fetched: string[] = [];
    const decodes: number[] = [];
    const deps = fakeDeps('wasm', decodes);
    let prepares = 0;
    let creates = 0;
    const client = connect({
      ...deps,
      fetch: ((url: string, init?: RequestInit) => (fetched.push(url.split('/').pop()!), deps.fetch(url, init))) as typeof fetch,
      prepareRuntime: async () => void prepares++,
      createRuntime: (models, backend) => (creates++, deps.createRuntime(models, backend)),
    });
    await client.prepare({ modelsUrl: 'http://models.test/m/', backend: 'wasm', warmUpCount: 8 });
    expect(fetched).toHaveLength(5);
    expect([creates, decodes.length]).toEqual([1, 1]); // sessions and warm-up done before the catalog's ids are known
    const stages: string[] = [];
    const ready = await client.load({ modelsUrl: 'http://models.test/m/', catalogIds: ['x:0', 'x:1', 'x:2'], backend: 'wasm', warmUpCount: 8 }, (p) => stages.push(p.stage));
    expect(ready.models.catalogCount).toBe(3);
    expect([fetched.length, prepares, creates, decodes.length]).toEqual([5, 1, 1, 1]);
    expect([...new Set(stages)]).toEqual(['download', 'index', 'compile', 'warm-up']);
    // The rows carry catalog.json's ids once the load has named them: a rating by id resolves.
    const batch = await client.generate({ ratings: [{ rating: 'like', item: 'x:1' }], count: 1, seed: 3 });
    expect(batch.ratingsUsed).toBe(1);
    expect(batch.items[0].nearest[0].item).toMatch(/^x:/);
    // Taken over once: a reload, or a load for another backend, starts afresh.
    await client.load({ modelsUrl: 'http://models.test/m/', catalogIds: ['x:0', 'x:1', 'x:2'], backend: 'auto' });
    expect([fetched.length, prepares, creates]).toEqual([10, 2, 2]);
  });

  it('a load that does not fit the prepared work (faults, another warm-up, too few ids) does not take it, and no sessions are left behind', async () => {
    const released: number[] = [];
    const deps = fakeDeps();
    let made = 0;
    const client = connect({
      ...deps,
      createRuntime: async (models, backend) => {
        const n = made++;
        return { ...(await deps.createRuntime(models, backend)), release: async () => void released.push(n) };
      },
    });
    await client.prepare({ modelsUrl: 'http://models.test/m/', backend: 'wasm' });
    await client.load({ modelsUrl: 'http://models.test/m/', catalogIds: ['x:0', 'x:1', 'x:2'], backend: 'wasm', faults: { loseGpuDeviceAfterRuns: 4 } });
    await expect.poll(() => released).toEqual([0]); // the prepared sessions, let go; the load made its own
    expect(made).toBe(2);
    await client.prepare({ modelsUrl: 'http://models.test/m/', backend: 'wasm' }); // loaded already: nothing starts
    expect(made).toBe(2);
    // A catalog that lists other rows than the models hold fails the load, and frees what it made.
    await expect(client.load({ modelsUrl: 'http://models.test/m/', catalogIds: ['x:0', 'x:1'], backend: 'wasm' })).rejects.toThrow(/hold 3 rows, but the catalog lists 2/);
    expect(released).toEqual([0, 1, 2]);
  });

  it('a prepare that fails answers with the failure, and the load after it meets it too', async () => {
    const client = connect(fakeDeps());
    await expect(client.prepare({ modelsUrl: 'http://models.test/nowhere/' })).rejects.toThrow(/HTTP 404/);
    await expect(client.load({ modelsUrl: 'http://models.test/nowhere/', catalogIds: [] })).rejects.toThrow(/HTTP 404/);
  });

  it('loads although the runtime start-up failed: createRuntime meets and reports any real failure', async () => {
    const client = connect({ ...fakeDeps(), prepareRuntime: () => Promise.reject(new Error('no wasm')) });
    await expect(client.load({ modelsUrl: 'http://models.test/m/', catalogIds: ['x:0', 'x:1', 'x:2'] })).resolves.toMatchObject({ backend: { name: 'wasm' } });
  });

  it('passes injected faults to the runtime only when the load asks', async () => {
    const seen: unknown[] = [];
    const deps = fakeDeps();
    const client = connect({ ...deps, createRuntime: (models, backend, faults) => (seen.push(faults), deps.createRuntime(models, backend)) });
    await client.load({ modelsUrl: 'http://models.test/m/', catalogIds: ['x:0', 'x:1', 'x:2'] });
    await client.load({ modelsUrl: 'http://models.test/m/', catalogIds: ['x:0', 'x:1', 'x:2'], faults: { loseGpuDeviceAfterRuns: 4 } });
    expect(seen).toEqual([undefined, { loseGpuDeviceAfterRuns: 4 }]);
  });

  it('leaves out, and counts, ratings that do not fit the loaded models; the batch names its space', async () => {
    const client = connect(fakeDeps());
    await client.load({ modelsUrl: 'http://models.test/m/', catalogIds: ['x:0', 'x:1', 'x:2'] });
    const first = await client.generate({ ratings: [{ item: 'x:1', rating: 'like' }], count: 1, seed: 0 });
    expect(first).toMatchObject({ ratingsUsed: 1, ratingsLeftOut: 0, space: expect.stringMatching(/^4d-/) });
    const batch = await client.generate({
      ratings: [
        { item: 'x:1', rating: 'like' },
        { item: 'gone', rating: 'like' }, // an item of an older catalog
        { embedding: new Float32Array(4), space: first.space, rating: 'dislike' },
        { embedding: new Float32Array(4), space: '4d-older000', rating: 'like' }, // drawn by other models
        { embedding: new Float32Array(8), rating: 'like' }, // another size, space not recorded
      ],
      count: 1,
      seed: 0,
    });
    expect(batch).toMatchObject({ ratingsUsed: 2, ratingsLeftOut: 3 });
  });

  it('turns failures into rejected promises with the worker message', async () => {
    const client = connect(fakeDeps());
    await expect(client.generate({ ratings: [], count: 1, seed: 0 })).rejects.toThrow(/not loaded yet/);
    await expect(client.load({ modelsUrl: 'http://models.test/nowhere/', catalogIds: [] })).rejects.toThrow(/HTTP 404 for http:\/\/models.test\/nowhere\/manifest.json/);
    await expect(client.load({ modelsUrl: 'http://models.test/m', catalogIds: ['only-one'] })).rejects.toThrow(/3 rows, but the catalog lists 1/);
    await client.load({ modelsUrl: 'http://models.test/m/', catalogIds: ['x:0', 'x:1', 'x:2'] });
    await expect(client.generate({ ratings: [], count: 0, seed: 0 })).rejects.toThrow(/count must be/);
  });
});

const dir = modelsDir();
const present = hasManifest(dir);

describe.skipIf(!present)(present ? `generation worker on real ONNX (${dir})` : `generation worker — skipped: ${skipReason(dir)}`, () => {
  it('produces exactly what the CLI writes for the same seed and ratings', { timeout: 240_000 }, async () => {
    const catalog = JSON.parse(await readFile(join(ROOT, 'public/catalog/catalog.json'), 'utf8')) as { items: { id: string }[] };
    const ids = catalog.items.map((i) => i.id);
    const client = connect({
      fetch: (async (url: string) => new Response(Uint8Array.from(await readFile(join(dir, new URL(url).pathname.split('/').pop()!))))) as typeof fetch,
      createRuntime: (models, backend) => createOnnxRuntime<ModelName>(models, { backend, numThreads: 1 }),
    });
    const ready = await client.load({ modelsUrl: 'http://models.test/m/', catalogIds: ids, backend: 'auto' });
    expect(ready.backend.name).toBe('wasm');
    expect(ready.backend.reason).toMatch(/navigator/);

    const liked = ids.slice(0, 4), disliked = ids.slice(100, 102);
    const ratings = [...liked.map((item) => ({ item, rating: 'like' as const })), ...disliked.map((item) => ({ item, rating: 'dislike' as const }))];
    const batch = await client.generate({ ratings, count: 2, seed: 42, steps: 3, guidance: 2.5 });

    const { mkdtemp, writeFile, rm } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const out = await mkdtemp(join(tmpdir(), 'worker-vs-cli-'));
    try {
      const at = '2026-11-30T17:00:00Z';
      const file = join(out, 'ratings.json');
      await writeFile(file, JSON.stringify({ format: 'beyond-catalog.ratings', version: 1, profile: 'p', ratings: ratings.map((r) => ({ ...r, at })) }));
      await runCli({ ratings: file, count: 2, out, seed: 42, steps: 3, guidance: 2.5, target: 'like', models: dir });
      const cli = JSON.parse(await readFile(join(out, 'generated.json'), 'utf8')) as { items: { embedding: number[]; nearest: unknown; novelty: number }[] };
      batch.items.forEach((item, i) => {
        expect(Array.from(item.embedding)).toEqual(cli.items[i].embedding);
        expect(item.nearest).toEqual(cli.items[i].nearest);
        expect(item.novelty).toBe(cli.items[i].novelty);
      });
    } finally {
      await rm(out, { recursive: true, force: true });
    }
  });
});
