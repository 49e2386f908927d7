import type {
  BackendInfo,
  BackendPreference,
  CatalogMap,
  GenerateProgress,
  InjectedFaults,
  LoadStage,
  ModelsSummary,
  RequestBody,
  WireGeneratedBatch,
  WorkerEvent,
  WorkerRequest,
} from './protocol.ts';

/** The part of a Worker the client uses; tests pass an in-process fake. */
export interface WorkerPort {
  postMessage(message: WorkerRequest): void;
  addEventListener(type: 'message' | 'error', listener: (event: Event) => void): void;
  terminate?(): void;
}

export interface LoadOptions {
  /** The models folder; relative URLs are resolved against the page. */
  modelsUrl: string;
  /** catalog.json item ids in file order. */
  catalogIds: string[];
  /** 'auto' (default): WebGPU when it works, WASM otherwise. */
  backend?: BackendPreference;
  /** Batch size to warm up with; pass the page's usual count. */
  warmUpCount?: number;
  /** e2e only: faults to inject (see protocol.ts). */
  faults?: InjectedFaults;
}

export interface LoadProgress {
  stage: LoadStage;
  loaded?: number;
  total?: number | null;
}

export interface ReadyInfo {
  backend: BackendInfo;
  models: ModelsSummary;
}

interface Pending {
  resolve(event: WorkerEvent): void;
  reject(error: Error): void;
  onEvent?(event: WorkerEvent): void;
}

/** Starts the generation worker as a module worker (Vite bundles it and ORT with it). */
export function createGenerationWorker(): Worker {
  return new Worker(new URL('./generation-worker.ts', import.meta.url), { type: 'module', name: 'generation' });
}

/**
 * Promise API over the worker protocol for the main thread: one promise per request, progress
 * through callbacks. All inference happens in the worker, so the page stays responsive.
 */
export class GenerationClient {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private failure: Error | undefined;

  constructor(private readonly worker: WorkerPort = createGenerationWorker()) {
    worker.addEventListener('message', (e) => this.receive((e as MessageEvent<WorkerEvent>).data));
    worker.addEventListener('error', (e) => {
      // The worker script itself failed (e.g. could not load): nothing pending will ever answer.
      const message = (e as ErrorEvent).message || 'the generation worker failed to start';
      this.failure = new Error(message);
      for (const p of this.pending.values()) p.reject(this.failure);
      this.pending.clear();
    });
  }

  /** Downloads the models, creates sessions, warms up; resolves when the worker is ready. */
  async load(options: LoadOptions, onProgress?: (p: LoadProgress) => void): Promise<ReadyInfo> {
    const modelsUrl = new URL(options.modelsUrl, globalThis.location?.href).href;
    const ready = await this.request({ type: 'load', modelsUrl, catalogIds: options.catalogIds, backend: options.backend ?? 'auto', warmUpCount: options.warmUpCount, faults: options.faults }, (e) => {
      if (e.type === 'load-progress') onProgress?.({ stage: e.stage, loaded: e.loaded, total: e.total });
    });
    if (ready.type !== 'ready') throw new Error(`unexpected answer "${ready.type}" to load`);
    return { backend: ready.backend, models: ready.models };
  }

  /**
   * Starts a load's work ahead of `load` (see protocol.ts); resolves once it is done. A failure
   * here is met again, and reported, by `load`.
   */
  async prepare(options: { modelsUrl: string; backend?: BackendPreference; warmUpCount?: number }): Promise<void> {
    const modelsUrl = new URL(options.modelsUrl, globalThis.location?.href).href;
    const done = await this.request({ type: 'prepare', modelsUrl, backend: options.backend ?? 'auto', warmUpCount: options.warmUpCount });
    if (done.type !== 'prepared') throw new Error(`unexpected answer "${done.type}" to prepare`);
  }

  /** Generates a batch; images and embeddings arrive as transferred buffers. */
  async generate(body: RequestBody<'generate'>, onProgress?: (p: GenerateProgress) => void): Promise<WireGeneratedBatch> {
    const done = await this.request({ type: 'generate', ...body }, (e) => {
      if (e.type === 'generate-progress') onProgress?.(e.progress);
    });
    if (done.type !== 'generated') throw new Error(`unexpected answer "${done.type}" to generate`);
    return done.batch;
  }

  /** The catalog's raw embeddings (count x dim, catalog.json order), e.g. for the taste map. */
  async catalogEmbeddings(): Promise<{ data: Float32Array; count: number; dim: number }> {
    const e = await this.request({ type: 'catalog-embeddings' });
    if (e.type !== 'catalog-embeddings') throw new Error(`unexpected answer "${e.type}" to catalog-embeddings`);
    return { data: e.data, count: e.count, dim: e.dim };
  }

  /** The catalog on its principal plane, with the plane itself (computed once per load, in the worker). */
  async catalogMap(): Promise<CatalogMap> {
    const e = await this.request({ type: 'catalog-map' });
    if (e.type !== 'catalog-map') throw new Error(`unexpected answer "${e.type}" to catalog-map`);
    return e.map;
  }

  terminate(): void {
    this.worker.terminate?.();
    this.failure = new Error('the generation worker was terminated');
    for (const p of this.pending.values()) p.reject(this.failure);
    this.pending.clear();
  }

  private request(body: DistributiveOmit<WorkerRequest, 'id'>, onEvent?: (e: WorkerEvent) => void): Promise<WorkerEvent> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, onEvent });
      this.worker.postMessage({ ...body, id } as WorkerRequest);
    });
  }

  private receive(event: WorkerEvent): void {
    const p = this.pending.get(event.id);
    if (!p) return; // an answer for a request that was abandoned
    switch (event.type) {
      case 'load-progress':
      case 'generate-progress':
        p.onEvent?.(event);
        return;
      case 'error':
        this.pending.delete(event.id);
        p.reject(new Error(event.message));
        return;
      case 'prepared':
      case 'ready':
      case 'generated':
      case 'catalog-embeddings':
      case 'catalog-map':
        this.pending.delete(event.id);
        p.resolve(event);
        return;
      default: {
        const unknown: never = event;
        throw new Error(`unknown worker event ${JSON.stringify(unknown)}`);
      }
    }
  }
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
