// The one door to onnxruntime-web (conventions: one file imports it). Two builds, loaded on
// demand: in a browser, the package's main entry is the JSEP build (WebGPU + WASM, a 28 MB
// .wasm) and its "/wasm" entry the plain WASM build (a 14 MB .wasm). Where WebGPU is not used
// the plain one is loaded: half the bytes to fetch and compile on the path every CPU-only
// visitor takes. Under Node the main entry's "node" condition runs the WASM backend from
// node_modules (the "/wasm" entry has no Node build), so the CLI and tests use it for both.
import type * as OrtModule from 'onnxruntime-web';

type Ort = typeof OrtModule;
type Session = OrtModule.InferenceSession;
type Provider = 'webgpu' | 'wasm';

const IN_NODE = typeof (globalThis as { process?: { versions?: { node?: string } } }).process?.versions?.node === 'string';

/** The build that runs `provider`, configured. Each build is its own module with its own env. */
async function loadOrt(provider: Provider, options: OnnxRuntimeOptions): Promise<Ort> {
  const ort: Ort = provider === 'wasm' && !IN_NODE ? await import('onnxruntime-web/wasm') : await import('onnxruntime-web');
  const wasmUrl = options.wasmUrls?.[provider];
  if (wasmUrl !== undefined) ort.env.wasm.wasmPaths = { wasm: wasmUrl };
  if (options.numThreads !== undefined) ort.env.wasm.numThreads = options.numThreads;
  // ORT warns at every session that shape ops stay on the CPU: expected, and noise in the console.
  ort.env.logLevel = 'error';
  return ort;
}
import type { ModelName } from '../engine/model-manifest.ts';
import type { TensorData, TensorMap } from '../engine/model-runner.ts';

export type BackendPreference = 'auto' | 'webgpu' | 'wasm';

export interface GpuAdapterSummary {
  vendor: string;
  architecture: string;
  device: string;
  description: string;
  features: string[];
}

export type WebGpuProbe = { available: true; adapter: GpuAdapterSummary } | { available: false; reason: string };

/** The backend sessions run on; for WASM, why WebGPU is not used. */
export interface BackendInfo {
  name: 'webgpu' | 'wasm';
  adapter?: GpuAdapterSummary;
  reason?: string;
}

export interface OnnxRuntimeOptions {
  /** 'auto' uses WebGPU when an adapter is found and sessions build on it, WASM otherwise. */
  backend?: BackendPreference;
  /** Same-origin URL of each build's .wasm file in a browser; unset under Node. */
  wasmUrls?: Partial<Record<Provider, string>>;
  /** WASM threads; 1 keeps results independent of the machine and the CPU use modest. */
  numThreads?: number;
  /**
   * Test hook (the page sets it only from a URL flag): destroy the WebGPU device after this many
   * runs, so e2e can exercise a real device loss and the fallback after it.
   */
  loseDeviceAfterRuns?: number;
}

/** Sessions by name; OnnxRuntime<ModelName> is structurally the engine's ModelRunner. */
export interface OnnxRuntime<N extends string = ModelName> {
  readonly backend: BackendInfo;
  run(model: N, feeds: TensorMap): Promise<TensorMap>;
  inputNames(model: N): readonly string[];
  outputNames(model: N): readonly string[];
  release(): Promise<void>;
}

// Minimal WebGPU shapes: TypeScript's DOM lib does not declare navigator.gpu.
interface GpuDeviceLike {
  lost: Promise<{ reason?: string; message?: string }>;
  destroy(): void;
}

interface GpuAdapterLike {
  features: Iterable<string>;
  info?: Partial<Record<'vendor' | 'architecture' | 'device' | 'description', string>>;
  requestAdapterInfo?: () => Promise<Partial<Record<'vendor' | 'architecture' | 'device' | 'description', string>>>;
}
interface GpuLike {
  requestAdapter(): Promise<GpuAdapterLike | null>;
}

/** Asks for a WebGPU adapter and describes it, or says why there is none. Never throws. */
export async function probeWebGpu(): Promise<WebGpuProbe> {
  const nav = (globalThis as { navigator?: { gpu?: GpuLike } }).navigator;
  if (!nav) return { available: false, reason: 'no navigator: not running in a browser' };
  if (!nav.gpu) return { available: false, reason: 'navigator.gpu is missing: this browser has no WebGPU, or it is disabled' };
  try {
    const adapter = await nav.gpu.requestAdapter();
    if (!adapter) return { available: false, reason: 'navigator.gpu.requestAdapter() returned no adapter' };
    const info = adapter.info ?? (await adapter.requestAdapterInfo?.()) ?? {};
    return {
      available: true,
      adapter: {
        vendor: info.vendor ?? '',
        architecture: info.architecture ?? '',
        device: info.device ?? '',
        description: info.description ?? '',
        features: [...adapter.features].sort(),
      },
    };
  } catch (e) {
    return { available: false, reason: `requestAdapter() failed: ${message(e)}` };
  }
}

// A 70-byte ONNX model (Identity on one float; onnx.helper, opset 17, IR 8). Its session is the
// cheapest way to make onnxruntime-web fetch and compile its .wasm, which it otherwise does at the
// first real session — after the models have downloaded.
const WARM_MODEL = 'CAgSADo6ChAKAXgSAXkiCElkZW50aXR5EgR3YXJtWg8KAXgSCgoICAESBAoCCAFiDwoBeRIKCggIARIECgIIAUIECgAQEQ==';

/**
 * Runs onnxruntime-web's one-off start-up — fetching and compiling the .wasm of the build that
 * createOnnxRuntime will pick for these options — so that it can overlap the model download.
 * On a cold page it was most of the "compile" phase before the first image (BENCHMARKS.md).
 * Never rejects: whatever fails here fails again, and is reported, in createOnnxRuntime. Resolves
 * to whether the start-up ran.
 */
export async function prepareOnnxRuntime(options: OnnxRuntimeOptions = {}): Promise<boolean> {
  try {
    const preference = options.backend ?? 'auto';
    const provider: Provider = preference !== 'wasm' && (await probeWebGpu()).available ? 'webgpu' : 'wasm';
    const ort = await loadOrt(provider, options);
    const bytes = Uint8Array.from(atob(WARM_MODEL), (c) => c.charCodeAt(0));
    const session = await ort.InferenceSession.create(bytes, { executionProviders: ['wasm'] });
    await session.release();
    return true;
  } catch {
    // createOnnxRuntime meets the same failure and says what it was.
    return false;
  }
}

/**
 * Creates one inference session per network on WebGPU or WASM and returns a ModelRunner over
 * them. With 'auto', a WebGPU failure at session creation falls back to WASM and the reason is
 * kept in `backend.reason`; a forced backend that fails throws.
 */
export async function createOnnxRuntime<N extends string = ModelName>(
  models: Record<N, Uint8Array>,
  options: OnnxRuntimeOptions = {},
): Promise<OnnxRuntime<N>> {
  const preference = options.backend ?? 'auto';

  let reason: string | undefined;
  if (preference !== 'wasm') {
    const probe = await probeWebGpu();
    if (probe.available) {
      try {
        const ort = await loadOrt('webgpu', options);
        const sessions = await createSessions(ort, models, 'webgpu');
        const device = (await ort.env.webgpu.device) as unknown as GpuDeviceLike;
        return new SessionRunner(ort, sessions, { name: 'webgpu', adapter: probe.adapter }, device, options.loseDeviceAfterRuns);
      } catch (e) {
        reason = `WebGPU sessions failed: ${message(e)}`;
      }
    } else {
      reason = probe.reason;
    }
    if (preference === 'webgpu') throw new Error(`WebGPU was requested but cannot be used: ${reason}`);
  } else {
    reason = 'WASM was requested';
  }
  const ort = await loadOrt('wasm', options);
  return new SessionRunner(ort, await createSessions(ort, models, 'wasm'), { name: 'wasm', reason });
}

/**
 * Session options for every model. Intra-op spinning off: ORT's worker threads otherwise spin
 * between ops, and on a 2-core machine they spin on the cores the page's main thread, the
 * sampler's JS and the other ORT thread need. Measured in Node (onnxruntime-web WASM, 2 threads,
 * 8 items, DDIM 5, `scripts/bench/node-latency.ts`, two alternating runs of 5 each): 338 / 325 ms
 * spinning, 261 / 290 ms not (BENCHMARKS.md, "Tried for generation latency"). With 1 thread there
 * is no pool to spin.
 */
const SESSION_OPTIONS = { extra: { session: { intra_op: { allow_spinning: '0' } } } } as const;

async function createSessions<N extends string>(ort: Ort, models: Record<N, Uint8Array>, provider: Provider): Promise<Map<N, Session>> {
  const sessions = new Map<N, Session>();
  try {
    // One at a time: creating sessions in parallel gains nothing on one device and peaks memory.
    for (const [name, bytes] of Object.entries(models) as [N, Uint8Array][]) {
      try {
        sessions.set(name, await ort.InferenceSession.create(bytes, { ...SESSION_OPTIONS, executionProviders: [provider] }));
      } catch (e) {
        // ORT's message does not say which file it was: name it, so a broken export is findable.
        throw new Error(`the ${name} model could not be loaded on ${provider.toUpperCase()}: ${message(e)}`);
      }
    }
  } catch (e) {
    await Promise.allSettled([...sessions.values()].map((s) => s.release()));
    throw e;
  }
  return sessions;
}

class SessionRunner<N extends string> implements OnnxRuntime<N> {
  // Every run waits for the previous one: ORT sessions must not run concurrently, and a
  // failed run must not stop the ones queued after it.
  private queue: Promise<unknown> = Promise.resolve();
  private runs = 0;
  /** Set once the WebGPU device is lost: every later run fails at once, naming the cause. */
  private lost: Error | undefined;
  private readonly lostSignal: Promise<never> | undefined;

  constructor(
    private readonly ort: Ort,
    private readonly sessions: Map<N, Session>,
    readonly backend: BackendInfo,
    private readonly device?: GpuDeviceLike,
    private readonly loseDeviceAfterRuns?: number,
  ) {
    // A run on a lost device may never settle; racing it against `lost` turns that into an error.
    this.lostSignal = device?.lost.then((info) => {
      this.lost = new Error(`the WebGPU device was lost (${info.reason ?? 'unknown'}${info.message ? `: ${info.message}` : ''})`);
      throw this.lost;
    });
    this.lostSignal?.catch(() => undefined);
  }

  run(model: N, feeds: TensorMap): Promise<TensorMap> {
    const result = this.queue.then(() => this.runNow(model, feeds));
    this.queue = result.catch(() => undefined);
    return result;
  }

  inputNames(model: N): readonly string[] {
    return this.session(model).inputNames;
  }

  outputNames(model: N): readonly string[] {
    return this.session(model).outputNames;
  }

  async release(): Promise<void> {
    await this.queue;
    await Promise.all([...this.sessions.values()].map((s) => s.release()));
    this.sessions.clear();
  }

  private async runNow(model: N, feeds: TensorMap): Promise<TensorMap> {
    if (this.lost) throw this.lost;
    if (this.device && this.loseDeviceAfterRuns !== undefined && this.runs++ === this.loseDeviceAfterRuns) this.device.destroy();
    const session = this.session(model);
    const { Tensor } = this.ort;
    const inputs: Record<string, OrtModule.Tensor> = {};
    for (const [name, t] of Object.entries(feeds)) {
      inputs[name] = t.data instanceof BigInt64Array ? new Tensor('int64', t.data, t.dims) : new Tensor('float32', t.data, t.dims);
    }
    let outputs: OrtModule.InferenceSession.ReturnType;
    try {
      outputs = await (this.lostSignal ? Promise.race([session.run(inputs), this.lostSignal]) : session.run(inputs));
    } catch (e) {
      throw this.lost ?? e;
    }
    const result: TensorMap = {};
    for (const [name, tensor] of Object.entries(outputs)) {
      result[name] = toTensorData(name, tensor);
      tensor.dispose();
    }
    return result;
  }

  private session(model: N): Session {
    const s = this.sessions.get(model);
    if (!s) throw new Error(`no session for model "${model}"`);
    return s;
  }
}

function toTensorData(name: string, tensor: OrtModule.Tensor): TensorData {
  // getData would be needed for GPU-located outputs; outputs default to the CPU, so .data is set.
  if (tensor.type === 'float32') return { data: (tensor.data as Float32Array).slice(), dims: [...tensor.dims] };
  if (tensor.type === 'int64') return { data: (tensor.data as BigInt64Array).slice(), dims: [...tensor.dims] };
  throw new Error(`output "${name}" has type ${tensor.type}; the engine reads float32 and int64 only`);
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
