// The one protocol between the page and the generation worker: every request and event is a
// member of one of the two unions below, tagged by `type` and matched to its request by `id`.
import type { Neighbour } from '../engine/catalog-index.ts';
import type { GenerateProgress } from '../engine/generate.ts';
import type { RatingValue } from '../engine/ratings-file.ts';
import type { BackendInfo, BackendPreference } from '../runtime/onnx-runtime.ts';

export type { BackendInfo, BackendPreference, GenerateProgress, Neighbour };

/** A rating as sent to the worker: a catalog item by id, or a generated item by raw embedding. */
export interface WireRating {
  rating: RatingValue;
  item?: string;
  embedding?: Float32Array | number[];
  /** The embedding space a generated item was drawn in, where the rating recorded it. */
  space?: string;
}

export type WorkerRequest =
  | {
      type: 'load';
      id: number;
      /** Absolute URL of the models folder (holding manifest.json), ending in '/'. */
      modelsUrl: string;
      /** catalog.json item ids in file order: row i of catalog-embeddings.bin is ids[i]. */
      catalogIds: string[];
      backend: BackendPreference;
      /** Batch size of the warm-up generation on WebGPU (default 1): the page's usual count avoids a recompile there. WASM warms up with 1. */
      warmUpCount?: number;
      /** Faults to inject, for e2e only: the page sends them only when its URL asks. */
      faults?: InjectedFaults;
    }
  | {
      type: 'generate';
      id: number;
      /** Oldest first; the worker keeps the most recent manifest.prior.maxRatings. */
      ratings: WireRating[];
      count: number;
      seed: number;
      /** Items offset .. offset + count - 1 of the seed's batch (a batch drawn in parts). */
      offset?: number;
      steps?: number;
      guidance?: number;
      target?: RatingValue;
      neighbours?: number;
    }
  | {
      /**
       * A load's whole work — model download, runtime start-up, sessions, catalog index (rows not
       * yet named), warm-up — begun before the page can send `load` (which needs catalog.json): a
       * returning visitor's first image need not wait for the catalog. Answered with `prepared`
       * once it is done; the next `load` of the same models, backend and warm-up takes it over
       * instead of starting again (a load with injected faults never does).
       */
      type: 'prepare';
      id: number;
      modelsUrl: string;
      backend: BackendPreference;
      /** As in `load`. */
      warmUpCount?: number;
    }
  | { type: 'catalog-embeddings'; id: number }
  /** The catalog drawn on its principal plane, and that plane, for the taste map. */
  | { type: 'catalog-map'; id: number };

export interface InjectedFaults {
  /** Destroy the WebGPU device after this many network runs (a real device loss, triggered). */
  loseGpuDeviceAfterRuns?: number;
}

/** The catalog's 2-D picture: `coords` count × 2 in catalog order; `center` and `axes` project any raw embedding the same way. */
export interface CatalogMap {
  coords: Float32Array;
  center: Float64Array;
  /** 2 × dim, row-major. */
  axes: Float64Array;
  dim: number;
  /** The embedding space of the models it was made from: a generated rating of another has no place on it. */
  space: string;
}

/** A load's stages, in the order they come (generation-service.ts says why the index precedes the sessions). */
export type LoadStage = 'download' | 'index' | 'compile' | 'warm-up';

/** What the page needs to know about the loaded models (defaults for its controls). */
export interface ModelsSummary {
  embeddingDim: number;
  catalogCount: number;
  maxRatings: number;
  defaultSteps: number;
  defaultGuidance: number;
  trainSteps: number;
  schedule: string;
}

/** One generated item; `embedding` and `rgba` arrive as transferred buffers. */
export interface WireGeneratedItem {
  /** Raw embedding: what a rating of this item stores. */
  embedding: Float32Array;
  /** Straight-alpha RGBA, width * height * 4 bytes. */
  rgba: Uint8ClampedArray;
  width: number;
  height: number;
  nearest: Neighbour[];
  novelty: number;
}

export interface WireGeneratedBatch {
  seed: number;
  steps: number;
  guidance: number;
  target: RatingValue;
  ratingsUsed: number;
  /** Ratings that do not fit these models (generated under older ones, or of items they lack), left out. */
  ratingsLeftOut: number;
  /** The embedding space the items were drawn in: a rating of one stores it. */
  space: string;
  items: WireGeneratedItem[];
  /** Wall time of the generate request in the worker, ms. */
  elapsedMs: number;
}

export type WorkerEvent =
  | {
      type: 'load-progress';
      id: number;
      stage: LoadStage;
      /** Bytes so far and in all (total null when the server sends no Content-Length); download only. */
      loaded?: number;
      total?: number | null;
    }
  | { type: 'prepared'; id: number }
  | { type: 'ready'; id: number; backend: BackendInfo; models: ModelsSummary }
  | { type: 'generate-progress'; id: number; progress: GenerateProgress }
  | { type: 'generated'; id: number; batch: WireGeneratedBatch }
  | { type: 'catalog-embeddings'; id: number; data: Float32Array; count: number; dim: number }
  | { type: 'catalog-map'; id: number; map: CatalogMap }
  | { type: 'error'; id: number; message: string };

/** Requests without their id, as the client's callers write them. */
export type RequestBody<T extends WorkerRequest['type']> = Omit<Extract<WorkerRequest, { type: T }>, 'id' | 'type'>;
