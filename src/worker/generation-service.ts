import type { CatalogIndex } from '../engine/catalog-index.ts';
import { decodeFloat16 } from '../engine/float16.ts';
import { catalogIndexFor, generate, type GenerationModels } from '../engine/generate.ts';
import { modelFiles, parseModelManifest, type ModelManifest, type ModelName } from '../engine/model-manifest.ts';
import { onRawEmbeddings, principalPlane, projectRows } from '../engine/principal-plane.ts';
import { resolveRatings } from '../engine/rated-embeddings.ts';
import type { BackendPreference, OnnxRuntime } from '../runtime/onnx-runtime.ts';
import { fetchAllWithProgress } from './fetch-progress.ts';
import type { CatalogMap, InjectedFaults, ModelsSummary, WorkerEvent, WorkerRequest } from './protocol.ts';

export interface GenerationServiceDeps {
  post(event: WorkerEvent, transfer?: Transferable[]): void;
  fetch: typeof fetch;
  /** Injected so this file stays free of onnxruntime-web and runs in Node tests with any runner. */
  createRuntime(models: Record<ModelName, Uint8Array>, backend: BackendPreference, faults?: InjectedFaults): Promise<OnnxRuntime>;
  /**
   * Starts the runtime's one-off start-up (onnxruntime-web's .wasm compile) for `backend`; the
   * load runs it alongside the model download and awaits it before createRuntime.
   */
  prepareRuntime?(backend: BackendPreference): Promise<void>;
}

interface Loaded extends GenerationModels {
  runner: OnnxRuntime;
  catalog: CatalogIndex;
}

/** A download of the manifest and every file it names, with the runtime's start-up beside it. */
interface Fetch {
  modelsUrl: string;
  backend: BackendPreference;
  files: Promise<{ manifest: ModelManifest; names: ModelName[]; bytes: Uint8Array[] }>;
  /** The runtime's start-up; never rejects (a failure in it shows in createRuntime). */
  runtime: Promise<void>;
  /** Download progress so far, and who hears of it next. */
  progress: { loaded: number; total: number | null } | null;
  listeners: Set<(loaded: number, total: number | null) => void>;
}

/**
 * The worker's state and request handling, apart from the worker global so Node tests can
 * drive it. Requests run one after another in arrival order: a generate sent right after a
 * load waits for it instead of failing.
 */
export function createGenerationService(deps: GenerationServiceDeps) {
  let loaded: Loaded | undefined;
  let map: CatalogMap | undefined;
  let queue: Promise<void> = Promise.resolve();
  /** Begun by `prepare`, taken over by the next `load` of the same models and backend. */
  let prefetch: Fetch | undefined;

  function startFetch(modelsUrl: string, backend: BackendPreference): Fetch {
    const base = modelsUrl.endsWith('/') ? modelsUrl : `${modelsUrl}/`;
    const f: Fetch = {
      modelsUrl,
      backend,
      // The runtime's start-up overlaps the download.
      runtime: (deps.prepareRuntime?.(backend) ?? Promise.resolve()).catch(() => undefined),
      progress: null,
      listeners: new Set(),
      files: (async () => {
        const [manifestBytes] = await fetchAllWithProgress(deps.fetch, [new URL('manifest.json', base).href]);
        const manifest: ModelManifest = parseModelManifest(JSON.parse(new TextDecoder().decode(manifestBytes)));
        const files = modelFiles(manifest);
        const names = Object.keys(files) as ModelName[];
        const urls = [...names.map((n) => files[n]), manifest.autoencoder.catalogEmbeddings.file].map((u) => new URL(u, base).href);
        const bytes = await fetchAllWithProgress(deps.fetch, urls, (loadedBytes, total) => {
          f.progress = { loaded: loadedBytes, total };
          for (const listener of f.listeners) listener(loadedBytes, total);
        });
        return { manifest, names, bytes };
      })(),
    };
    f.files.catch(() => undefined); // whoever takes the fetch over meets the failure
    return f;
  }

  function prepare(r: Extract<WorkerRequest, { type: 'prepare' }>): void {
    const f = (prefetch = startFetch(r.modelsUrl, r.backend));
    // Not awaited: the queue moves on, so the `load` that follows takes this fetch over at once.
    Promise.all([f.files, f.runtime]).then(
      () => deps.post({ type: 'prepared', id: r.id }),
      (e: unknown) => deps.post({ type: 'error', id: r.id, message: e instanceof Error ? e.message : String(e) }),
    );
  }

  async function load(r: Extract<WorkerRequest, { type: 'load' }>): Promise<void> {
    const taken = prefetch?.modelsUrl === r.modelsUrl && prefetch.backend === r.backend ? prefetch : undefined;
    prefetch = undefined; // used once: a later load (a retry, another backend) fetches afresh
    const f = taken ?? startFetch(r.modelsUrl, r.backend);
    const onProgress = (loadedBytes: number, total: number | null) =>
      deps.post({ type: 'load-progress', id: r.id, stage: 'download', loaded: loadedBytes, total });
    if (f.progress) onProgress(f.progress.loaded, f.progress.total);
    f.listeners.add(onProgress);
    const { manifest, names, bytes } = await f.files.finally(() => f.listeners.delete(onProgress));

    deps.post({ type: 'load-progress', id: r.id, stage: 'compile' });
    if (loaded) await loaded.runner.release(); // a reload replaces the previous sessions
    loaded = undefined;
    map = undefined;
    const models = Object.fromEntries(names.map((n, i) => [n, bytes[i]])) as Record<ModelName, Uint8Array>;
    await f.runtime;
    const runner = await deps.createRuntime(models, r.backend, r.faults);

    deps.post({ type: 'load-progress', id: r.id, stage: 'index' });
    const catalog = catalogIndexFor(manifest, decodeFloat16(bytes[names.length]), r.catalogIds);

    // One tiny generation compiles every kernel now, so the first real one is not slow. WebGPU
    // compiles per shape, so it warms up at the batch size asked for; WASM has no per-shape
    // compile, and one item runs every kernel (measured: npm run bench, "warm-up" phase).
    deps.post({ type: 'load-progress', id: r.id, stage: 'warm-up' });
    const next: Loaded = { manifest, runner, catalog };
    const warmUpCount = runner.backend.name === 'webgpu' ? (r.warmUpCount ?? 1) : 1;
    await generate(next, { ratings: [], count: warmUpCount, seed: 0, steps: 1 });
    loaded = next;
    deps.post({ type: 'ready', id: r.id, backend: runner.backend, models: summary(manifest, catalog) });
  }

  async function generateItems(r: Extract<WorkerRequest, { type: 'generate' }>): Promise<void> {
    if (!loaded) throw new Error('the models are not loaded yet: send "load" first');
    const started = performance.now();
    const { ratings, leftOut } = resolveRatings(loaded.catalog, r.ratings);
    const batch = await generate(
      loaded,
      { ratings, count: r.count, seed: r.seed, offset: r.offset, steps: r.steps, guidance: r.guidance, target: r.target, neighbours: r.neighbours },
      (progress) => deps.post({ type: 'generate-progress', id: r.id, progress }),
    );
    const items = batch.items.map((i) => ({
      embedding: i.embedding, rgba: i.image.data, width: i.image.width, height: i.image.height, nearest: i.nearest, novelty: i.novelty,
    }));
    const { seed, steps, guidance, target, ratingsUsed } = batch;
    deps.post(
      {
        type: 'generated',
        id: r.id,
        batch: { seed, steps, guidance, target, ratingsUsed, ratingsLeftOut: leftOut.length, space: loaded.catalog.space, items, elapsedMs: performance.now() - started },
      },
      items.flatMap((i) => [i.embedding.buffer, i.rgba.buffer]),
    );
  }

  function catalogEmbeddings(r: Extract<WorkerRequest, { type: 'catalog-embeddings' }>): void {
    if (!loaded) throw new Error('the models are not loaded yet: send "load" first');
    const data = loaded.catalog.raw.slice(); // a copy: the worker keeps its own for ratings
    deps.post({ type: 'catalog-embeddings', id: r.id, data, count: loaded.catalog.ids.length, dim: loaded.catalog.dim }, [data.buffer]);
  }

  function catalogMap(r: Extract<WorkerRequest, { type: 'catalog-map' }>): void {
    if (!loaded) throw new Error('the models are not loaded yet: send "load" first');
    if (!map) {
      // The plane is found where the prior works (normalised), then applied to raw embeddings,
      // which is what ratings and generated items carry.
      const { catalog, manifest } = loaded;
      const plane = onRawEmbeddings(principalPlane(catalog.normalized, catalog.dim), manifest.autoencoder.normalization);
      map = { coords: projectRows(plane, catalog.raw), center: plane.center, axes: plane.axes, dim: plane.dim, space: catalog.space };
    }
    // Copies: the worker keeps its own for the next request.
    const out = { coords: map.coords.slice(), center: map.center.slice(), axes: map.axes.slice(), dim: map.dim, space: map.space };
    deps.post({ type: 'catalog-map', id: r.id, map: out }, [out.coords.buffer, out.center.buffer, out.axes.buffer]);
  }

  async function dispatch(request: WorkerRequest): Promise<void> {
    switch (request.type) {
      case 'prepare':
        return prepare(request);
      case 'load':
        return load(request);
      case 'generate':
        return generateItems(request);
      case 'catalog-embeddings':
        return catalogEmbeddings(request);
      case 'catalog-map':
        return catalogMap(request);
      default: {
        const unknown: never = request;
        throw new Error(`unknown request ${JSON.stringify(unknown)}`);
      }
    }
  }

  return {
    /** Queues one request; failures become an `error` event for that request's id. */
    handle(request: WorkerRequest): Promise<void> {
      const run = queue.then(() => dispatch(request)).catch((e: unknown) => {
        deps.post({ type: 'error', id: request?.id ?? -1, message: e instanceof Error ? e.message : String(e) });
      });
      queue = run;
      return run;
    },
  };
}

function summary(m: ModelManifest, catalog: CatalogIndex): ModelsSummary {
  const s = m.prior.schedule;
  return {
    embeddingDim: m.autoencoder.embeddingDim,
    catalogCount: catalog.ids.length,
    maxRatings: m.prior.maxRatings,
    defaultSteps: s.defaultSteps,
    defaultGuidance: s.defaultGuidance,
    trainSteps: s.trainSteps,
    schedule: s.name,
  };
}
