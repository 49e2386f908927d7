/// <reference types="vite/client" />
import type { StateCreator } from 'zustand/vanilla';
import { generatedItemId } from '../engine/generated-item.ts';
import type { RgbaImage } from '../engine/image-pixels.ts';
import type { RatingValue } from '../engine/ratings-file.ts';
import { withRating } from '../engine/rating-list.ts';
import { GenerationClient, type LoadOptions, type LoadProgress, type ReadyInfo } from '../worker/generation-client.ts';
import type {
  BackendInfo,
  BackendPreference,
  CatalogMap,
  GenerateProgress,
  ModelsSummary,
  Neighbour,
  RequestBody,
  WireGeneratedBatch,
  WireRating,
} from '../worker/protocol.ts';
import { errorText } from './error-text.ts';
import { addGeneratedImages, replaceGeneratedImages } from './generated-images.ts';
import { parseGenerationQuery } from './generation-query.ts';
import type { AppState, StoreDeps } from './store-types.ts';

/** Likes needed before the first batch is drawn. */
export const MIN_LIKES = 5;
/** Items per batch. */
export const BATCH_SIZE = 8;
/** Items of a WASM batch drawn (and shown) before the rest; see generateBatch. */
export const FIRST_PART = 2;
/** Catalog neighbours shown beside each generated item. */
export const NEIGHBOURS = 3;
/**
 * A batch's progress is shown at most this often. Each shown change is a frame, and where the
 * browser composites in software (no GPU, as on a CPU-only kiosk) a frame of this page cost
 * 30–50 ms of CPU in a Chromium trace: shown at every denoising step, frames took about as much
 * CPU as the batch itself, from the cores the worker and the page's main thread need.
 */
export const PROGRESS_INTERVAL_MS = 200;

/** The part of GenerationClient the slice uses; tests pass a fake. */
export interface GenerationPort {
  prepare(options: { modelsUrl: string; backend?: BackendPreference; warmUpCount?: number }): Promise<void>;
  load(options: LoadOptions, onProgress?: (p: LoadProgress) => void): Promise<ReadyInfo>;
  generate(body: RequestBody<'generate'>, onProgress?: (p: GenerateProgress) => void): Promise<WireGeneratedBatch>;
  catalogMap(): Promise<CatalogMap>;
  terminate(): void;
}

export interface GenerationDeps {
  /** A fresh worker; called again after a GPU failure, since that worker's WebGPU state is spent. */
  createClient(): GenerationPort;
  /** The models folder (manifest.json and the ONNX files). */
  modelsUrl: string;
  /** The page's query string (?backend=…, ?fault=…). */
  query: string;
}

/** The page's generation deps: a module worker, public/models, the real URL. */
export function browserGenerationDeps(): GenerationDeps {
  return {
    createClient: () => new GenerationClient(),
    modelsUrl: `${import.meta.env.BASE_URL}models/`,
    query: globalThis.location?.search ?? '',
  };
}

export type ModelsStatus =
  | { state: 'idle' }
  | { state: 'loading'; progress: LoadProgress }
  | { state: 'ready' }
  | { state: 'failed'; message: string };

/** Why the backend is not the one asked for; the view says so. */
export type BackendNotice = { kind: 'gpu-failed' | 'webgpu-refused'; detail: string } | null;

/** Which items of the batch the running call draws. */
export interface JobPart {
  offset: number;
  count: number;
  total: number;
}

export type GenerationJob =
  | { state: 'idle' }
  | { state: 'running'; progress: GenerateProgress | null; part?: JobPart }
  | { state: 'failed'; message: string };

/** One generated item as the store holds it: no pixels (those are in generated-images.ts). */
export interface GeneratedCard {
  id: string;
  index: number;
  /** Raw embedding (manifest embeddingDim floats): what a rating of this item stores. */
  embedding: Float32Array;
  nearest: Neighbour[];
  novelty: number;
  width: number;
  height: number;
}

export interface GeneratedBatchInfo {
  /** Which profile and visitor it was made for: another one never sees it. */
  profileId: string;
  visitorEpoch: number;
  seed: number;
  steps: number;
  guidance: number;
  target: RatingValue;
  ratingsUsed: number;
  /** Ratings left out: made under other models, or of items these models lack. */
  ratingsLeftOut: number;
  /** The embedding space the items were drawn in, stored with a rating of one. */
  space: string;
  elapsedMs: number;
  backend: BackendInfo['name'];
  /** The items drawn so far; fewer than `count` while the rest are being drawn. */
  items: GeneratedCard[];
  count: number;
}

export interface GenerationSettings {
  backend: BackendPreference;
  /** null: the manifest's default. */
  guidance: number | null;
  /** 'dislike' draws "what I would dislike" (the prior's rating token). */
  target: RatingValue;
  seed: number;
}

export interface GenerationState {
  settings: GenerationSettings;
  /** The backend the URL forces (?backend=), if any. */
  urlBackend: BackendPreference | null;
  models: ModelsStatus;
  backend: BackendInfo | null;
  summary: ModelsSummary | null;
  notice: BackendNotice;
  job: GenerationJob;
  batch: GeneratedBatchInfo | null;
  map: CatalogMap | null;
  mapError: string | null;
}

export interface GenerationSlice {
  generation: GenerationState;
  /** Starts loading the models unless they are loading or loaded. */
  ensureModels(): Promise<void>;
  /**
   * Starts a load's work in the worker (download, runtime start-up, sessions, warm-up) for a
   * load that cannot be sent yet (the catalog is still coming); once per worker, and only while
   * the models are idle.
   */
  prepareModels(): void;
  /** Loads again (after a failure, or with another backend). */
  reloadModels(): Promise<void>;
  /** Changes a setting; a new backend reloads the models. */
  setGenerationSettings(change: Partial<GenerationSettings>): void;
  /** Draws a batch for the active profile's ratings; `newSeed` picks a fresh seed first. */
  generateBatch(options?: { newSeed?: boolean }): Promise<void>;
  /** Rates an item of the current batch: it joins the profile with its embedding. */
  rateGenerated(id: string, rating: RatingValue): Promise<void>;
  /** Loads the taste map's catalog picture (loading the models first if needed). */
  loadCatalogMap(): Promise<void>;
}

/** The batch on screen: the current one, if it belongs to the active profile and visitor. */
export function selectCurrentBatch(s: AppState): GeneratedBatchInfo | null {
  const b = s.generation.batch;
  return b && b.profileId === s.activeId && b.visitorEpoch === s.visitorEpoch ? b : null;
}

/** The guidance the next batch uses. */
export function effectiveGuidance(g: GenerationState): number | null {
  return g.settings.guidance ?? g.summary?.defaultGuidance ?? null;
}

export const createGenerationSlice =
  (deps: StoreDeps, gen: GenerationDeps = browserGenerationDeps()): StateCreator<AppState, [], [], GenerationSlice> =>
  (set, get) => {
    const query = parseGenerationQuery(gen.query);
    let client: GenerationPort | null = null;
    let loading: Promise<void> | null = null;
    /** The worker `prepare` went to: a replaced worker may be prepared again. */
    let preparedClient: GenerationPort | null = null;
    // An injected fault (e2e) applies to the first load only: the fallback after it must be clean.
    let faults = query.faults;
    const port = () => (client ??= gen.createClient());
    const patch = (change: Partial<GenerationState>) => set((s) => ({ generation: { ...s.generation, ...change } }));

    /** A fresh worker: the old one's WebGPU device (and so its ORT backend) cannot be trusted again. */
    const replaceWorker = () => {
      client?.terminate();
      client = null;
    };

    async function load(preference: BackendPreference): Promise<void> {
      const catalog = get().catalog;
      if (!catalog) return patch({ models: { state: 'failed', message: 'the catalog is not loaded' } });
      patch({ models: { state: 'loading', progress: { stage: 'download', loaded: 0, total: null } }, backend: null });
      const inject = faults;
      faults = undefined;
      try {
        const ready = await port().load(
          { modelsUrl: gen.modelsUrl, catalogIds: catalog.items.map((i) => i.id), backend: preference, warmUpCount: BATCH_SIZE, faults: inject },
          (progress) => patch({ models: { state: 'loading', progress } }),
        );
        patch({ models: { state: 'ready' }, backend: ready.backend, summary: ready.models });
      } catch (e) {
        const message = errorText(e);
        if (preference === 'webgpu' && /WebGPU was requested/.test(message)) {
          // Forced WebGPU that cannot run: a working demo on WASM beats an error; say so.
          patch({ notice: { kind: 'webgpu-refused', detail: message } });
          replaceWorker();
          return load('wasm');
        }
        replaceWorker();
        patch({ models: { state: 'failed', message } });
      }
    }

    function startLoad(preference: BackendPreference): Promise<void> {
      const run = load(preference).finally(() => {
        if (loading === run) loading = null;
      });
      loading = run;
      return run;
    }

    function wireRatings(): WireRating[] {
      return get().ratings.map((r) => (r.embedding ? { rating: r.rating, embedding: r.embedding, space: r.space } : { item: r.item, rating: r.rating }));
    }

    async function generateOnce(body: RequestBody<'generate'>, part: JobPart): Promise<WireGeneratedBatch> {
      let shownAt = -Infinity;
      return port().generate(body, (progress) => {
        const now = deps.now().getTime();
        if (now - shownAt < PROGRESS_INTERVAL_MS) return;
        shownAt = now;
        patch({ job: { state: 'running', progress, part } });
      });
    }

    /** One part of a batch; on a WebGPU failure, the same part again on WASM, once. undefined: failed (the job says why). */
    async function drawPart(body: RequestBody<'generate'>, part: JobPart): Promise<WireGeneratedBatch | undefined> {
      try {
        return await generateOnce(body, part);
      } catch (e) {
        if (get().generation.backend?.name !== 'webgpu') return void patch({ job: { state: 'failed', message: errorText(e) } });
        // WebGPU failed mid-run (device lost, out of memory): start over on WASM, once.
        patch({ notice: { kind: 'gpu-failed', detail: errorText(e) } });
        replaceWorker();
        await startLoad('wasm');
        if (get().generation.models.state !== 'ready') return void patch({ job: { state: 'failed', message: errorText(e) } });
        try {
          return await generateOnce(body, part);
        } catch (e2) {
          return void patch({ job: { state: 'failed', message: errorText(e2) } });
        }
      }
    }

    return {
      generation: {
        settings: { backend: query.backend ?? 'auto', guidance: null, target: 'like', seed: deps.newSeed() },
        urlBackend: query.backend,
        models: { state: 'idle' },
        backend: null,
        summary: null,
        notice: null,
        job: { state: 'idle' },
        batch: null,
        map: null,
        mapError: null,
      },

      ensureModels: () => {
        if (loading) return loading;
        const { models, settings } = get().generation;
        if (models.state === 'ready' || models.state === 'failed') return Promise.resolve();
        return startLoad(settings.backend);
      },

      prepareModels: () => {
        const { models, settings } = get().generation;
        if (loading || models.state !== 'idle' || (client && client === preparedClient)) return;
        preparedClient = port();
        // A failure here is met again, and shown, by the load.
        preparedClient.prepare({ modelsUrl: gen.modelsUrl, backend: settings.backend, warmUpCount: BATCH_SIZE }).catch(() => undefined);
      },

      reloadModels: async () => {
        await loading;
        replaceWorker();
        patch({ notice: null, job: { state: 'idle' } });
        return startLoad(get().generation.settings.backend);
      },

      setGenerationSettings: (change) => {
        const before = get().generation.settings;
        patch({ settings: { ...before, ...change } });
        if (change.backend !== undefined && change.backend !== before.backend && get().generation.models.state !== 'idle') {
          void get().reloadModels();
        }
      },

      generateBatch: async (options = {}) => {
        const g = get().generation;
        if (g.job.state === 'running' || g.models.state !== 'ready') return;
        const seed = options.newSeed ? deps.newSeed() : g.settings.seed;
        if (options.newSeed) patch({ settings: { ...g.settings, seed } });
        const { activeId, visitorEpoch } = get();
        const body: RequestBody<'generate'> = {
          ratings: wireRatings(),
          count: BATCH_SIZE,
          seed,
          guidance: effectiveGuidance(g) ?? undefined,
          target: g.settings.target,
          neighbours: NEIGHBOURS,
        };
        // On WASM the first FIRST_PART items are drawn and shown on their own, then the rest: the
        // visitor sees an image after about a quarter of the batch's time. Each item's noise is
        // its own slice of the seed's stream, so the parts make the same batch as one call.
        // WebGPU draws the batch at once: it compiles its kernels per batch shape.
        const parts = get().generation.backend?.name === 'webgpu' ? [BATCH_SIZE] : [FIRST_PART, BATCH_SIZE - FIRST_PART];
        const items: GeneratedCard[] = [];
        let elapsedMs = 0;
        for (const [n, count] of parts.entries()) {
          const part = { offset: items.length, count, total: BATCH_SIZE };
          patch({ job: { state: 'running', progress: null, part } });
          const batch = await drawPart({ ...body, count, offset: part.offset }, part);
          if (!batch) return;
          // The visitor moved on while it ran: the result is not theirs to see.
          if (get().activeId !== activeId || get().visitorEpoch !== visitorEpoch) return patch({ job: { state: 'idle' } });
          const cards = batch.items.map((item, i): GeneratedCard => {
            const index = part.offset + i;
            return {
              id: generatedItemId(batch.seed, index, item.embedding),
              index,
              embedding: item.embedding,
              nearest: item.nearest,
              novelty: item.novelty,
              width: item.width,
              height: item.height,
            };
          });
          const images = batch.items.map((item, i): [string, RgbaImage] => [cards[i].id, { width: item.width, height: item.height, data: item.rgba }]);
          if (n === 0) replaceGeneratedImages(images);
          else addGeneratedImages(images);
          items.push(...cards);
          elapsedMs += batch.elapsedMs;
          const { seed: s, steps, guidance, target, ratingsUsed, ratingsLeftOut, space } = batch;
          const last = n === parts.length - 1;
          patch({
            // A later part's running state is set where that part starts, with no await between.
            ...(last ? { job: { state: 'idle' } as const } : {}),
            batch: {
              profileId: activeId, visitorEpoch, seed: s, steps, guidance, target, ratingsUsed, ratingsLeftOut, space, elapsedMs,
              backend: get().generation.backend?.name ?? 'wasm', items: [...items], count: BATCH_SIZE,
            },
          });
        }
      },

      rateGenerated: (id, rating) => {
        const batch = selectCurrentBatch(get());
        const card = batch?.items.find((i) => i.id === id);
        if (!batch || !card || get().pending.includes(id)) return Promise.resolve();
        set({ pending: [...get().pending, id] });
        const generated = { embedding: Array.from(card.embedding), space: batch.space };
        // The same path as a catalog rating (ratings-slice), with the embedding stored alongside.
        return deps.queue.run(async () => {
          const { activeId } = get();
          try {
            const next = await deps.persistence.updateRatings(activeId, (list) => withRating(list, id, rating, deps.now().toISOString(), generated));
            set({ ratings: next });
            deps.announce('ratings');
          } catch (e) {
            set({ storageError: errorText(e) });
          } finally {
            set({ pending: get().pending.filter((p) => p !== id) });
          }
        });
      },

      loadCatalogMap: async () => {
        if (get().generation.map) return;
        await get().ensureModels();
        if (get().generation.models.state !== 'ready') return;
        try {
          patch({ map: await port().catalogMap(), mapError: null });
        } catch (e) {
          patch({ mapError: errorText(e) });
        }
      },
    };
  };
