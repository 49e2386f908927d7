import { labelRows, type CatalogIndex } from '../engine/catalog-index.ts';
import { decodeFloat16 } from '../engine/float16.ts';
import { catalogIndexFor, generate, type GenerationModels } from '../engine/generate.ts';
import { modelFiles, parseModelManifest, type ModelManifest, type ModelName } from '../engine/model-manifest.ts';
import { onRawEmbeddings, principalPlane, projectRows } from '../engine/principal-plane.ts';
import { resolveRatings } from '../engine/rated-embeddings.ts';
import type { BackendPreference, OnnxRuntime } from '../runtime/onnx-runtime.ts';
import { fetchAllWithProgress } from './fetch-progress.ts';
import type { CatalogMap, InjectedFaults, LoadStage, ModelsSummary, WorkerEvent, WorkerRequest } from './protocol.ts';

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

/** What a pipeline tells whoever follows it: a stage reached, or the download's progress (stage 'download'). */
interface StageEvent {
  stage: LoadStage;
  loaded?: number;
  total?: number | null;
}

/**
 * A load's whole work — download (with the runtime's start-up beside it), catalog index,
 * sessions, warm-up — begun by `load`, or ahead of it by `prepare`. The index's rows are labelled
 * by row number until a load names them with catalog.json's ids (labelRows), so none of this
 * waits for catalog.json.
 */
interface Pipeline {
  modelsUrl: string;
  backend: BackendPreference;
  warmUpCount: number | undefined;
  /** What happened so far (the download's latest progress, then each stage), replayed to a load that takes the pipeline over. */
  history: StageEvent[];
  listeners: Set<(e: StageEvent) => void>;
  result: Promise<Loaded>;
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
  /** Begun by `prepare`, taken over by the next `load` of the same models, backend and warm-up. */
  let prefetch: Pipeline | undefined;

  function startPipeline(modelsUrl: string, backend: BackendPreference, warmUpCount: number | undefined, faults?: InjectedFaults): Pipeline {
    const base = modelsUrl.endsWith('/') ? modelsUrl : `${modelsUrl}/`;
    const p: Pipeline = { modelsUrl, backend, warmUpCount, history: [], listeners: new Set(), result: Promise.resolve() as never };
    const tell = (e: StageEvent) => {
      // Only the latest download progress is worth replaying.
      if (e.stage === 'download' && p.history.at(-1)?.stage === 'download') p.history.pop();
      p.history.push(e);
      for (const listener of p.listeners) listener(e);
    };
    p.result = (async () => {
      // The runtime's start-up overlaps the download; a failure in it shows in createRuntime.
      const runtime = (deps.prepareRuntime?.(backend) ?? Promise.resolve()).catch(() => undefined);
      const [manifestBytes] = await fetchAllWithProgress(deps.fetch, [new URL('manifest.json', base).href]);
      const manifest: ModelManifest = parseModelManifest(JSON.parse(new TextDecoder().decode(manifestBytes)));
      const files = modelFiles(manifest);
      const names = Object.keys(files) as ModelName[];
      const urls = [...names.map((n) => files[n]), manifest.autoencoder.catalogEmbeddings.file].map((u) => new URL(u, base).href);
      const bytes = await fetchAllWithProgress(deps.fetch, urls, (loadedBytes, total) => tell({ stage: 'download', loaded: loadedBytes, total }));

      // The index before the sessions: on a cold page the runtime's start-up is still running
      // when the download ends (its .wasm is the larger fetch, then its initialisation), and the
      // index fills that wait instead of following the sessions (measured: npm run bench,
      // "Where the time goes").
      tell({ stage: 'index' });
      const raw = decodeFloat16(bytes[names.length]);
      const rows = Math.ceil(raw.length / manifest.autoencoder.embeddingDim);
      const catalog = catalogIndexFor(manifest, raw, Array.from({ length: rows }, (_, i) => `row ${i}`));

      tell({ stage: 'compile' });
      const models = Object.fromEntries(names.map((n, i) => [n, bytes[i]])) as Record<ModelName, Uint8Array>;
      await runtime;
      const runner = await deps.createRuntime(models, backend, faults);
      try {
        // One tiny generation compiles every kernel now, so the first real one is not slow. WebGPU
        // compiles per shape, so it warms up at the batch size asked for; WASM has no per-shape
        // compile, and one item runs every kernel (measured: npm run bench, "warm-up" phase).
        tell({ stage: 'warm-up' });
        const next: Loaded = { manifest, runner, catalog };
        await generate(next, { ratings: [], count: runner.backend.name === 'webgpu' ? (warmUpCount ?? 1) : 1, seed: 0, steps: 1 });
        return next;
      } catch (e) {
        await runner.release();
        throw e;
      }
    })();
    p.result.catch(() => undefined); // whoever takes the pipeline over meets the failure
    return p;
  }

  /** A prepared pipeline no load took (another backend, injected faults): its sessions are let go once made. */
  function abandon(p: Pipeline): void {
    p.result.then((m) => m.runner.release(), () => undefined).catch(() => undefined);
  }

  function prepare(r: Extract<WorkerRequest, { type: 'prepare' }>): void {
    if (loaded || prefetch) {
      // Loaded already (or being prepared): nothing to start, and no second set of sessions.
      deps.post({ type: 'prepared', id: r.id });
      return;
    }
    const p = (prefetch = startPipeline(r.modelsUrl, r.backend, r.warmUpCount));
    // Not awaited: the queue moves on, so the `load` that follows takes this pipeline over at once.
    p.result.then(
      () => deps.post({ type: 'prepared', id: r.id }),
      (e: unknown) => deps.post({ type: 'error', id: r.id, message: e instanceof Error ? e.message : String(e) }),
    );
  }

  async function load(r: Extract<WorkerRequest, { type: 'load' }>): Promise<void> {
    const prepared = prefetch;
    prefetch = undefined; // used once: a later load (a retry, another backend) starts afresh
    const fits = prepared?.modelsUrl === r.modelsUrl && prepared.backend === r.backend && prepared.warmUpCount === r.warmUpCount && !r.faults;
    if (prepared && !fits) abandon(prepared);
    const taken = fits ? prepared : undefined;
    if (!taken && loaded) {
      // A reload replaces the previous sessions; free them before new ones are made.
      await loaded.runner.release();
      loaded = undefined;
      map = undefined;
    }
    const p = taken ?? startPipeline(r.modelsUrl, r.backend, r.warmUpCount, r.faults);
    const forward = (e: StageEvent) => deps.post({ type: 'load-progress', id: r.id, ...e });
    for (const e of p.history) forward(e);
    p.listeners.add(forward);
    const models = await p.result.finally(() => p.listeners.delete(forward));
    let catalog: CatalogIndex;
    try {
      catalog = labelRows(models.catalog, r.catalogIds);
    } catch (e) {
      await models.runner.release();
      throw e;
    }
    loaded = { ...models, catalog };
    deps.post({ type: 'ready', id: r.id, backend: models.runner.backend, models: summary(models.manifest, catalog) });
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
