// The one door to onnxruntime-web (conventions: one file imports it). In a browser or worker the
// package's "import" entry is the bundled build (WebGPU + WASM); under Node its "node" entry
// runs the WASM backend from node_modules, so the CLI and tests go through this same file.
import * as ort from 'onnxruntime-web';
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
  /** Same-origin URLs of the ORT .wasm (and .mjs) files in a browser; unset under Node. */
  wasmPaths?: ort.Env.WasmPrefixOrFilePaths;
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

/**
 * Creates one inference session per network on WebGPU or WASM and returns a ModelRunner over
 * them. With 'auto', a WebGPU failure at session creation falls back to WASM and the reason is
 * kept in `backend.reason`; a forced backend that fails throws.
 */
export async function createOnnxRuntime<N extends string = ModelName>(
  models: Record<N, Uint8Array>,
  options: OnnxRuntimeOptions = {},
): Promise<OnnxRuntime<N>> {
  if (options.wasmPaths !== undefined) ort.env.wasm.wasmPaths = options.wasmPaths;
  if (options.numThreads !== undefined) ort.env.wasm.numThreads = options.numThreads;
  // ORT warns at every session that shape ops stay on the CPU: expected, and noise in the console.
  ort.env.logLevel = 'error';
  const preference = options.backend ?? 'auto';

  let reason: string | undefined;
  if (preference !== 'wasm') {
    const probe = await probeWebGpu();
    if (probe.available) {
      try {
        const sessions = await createSessions(models, 'webgpu');
        const device = (await ort.env.webgpu.device) as unknown as GpuDeviceLike;
        return new SessionRunner(sessions, { name: 'webgpu', adapter: probe.adapter }, device, options.loseDeviceAfterRuns);
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
  return new SessionRunner(await createSessions(models, 'wasm'), { name: 'wasm', reason });
}

async function createSessions<N extends string>(models: Record<N, Uint8Array>, provider: 'webgpu' | 'wasm'): Promise<Map<N, ort.InferenceSession>> {
  const sessions = new Map<N, ort.InferenceSession>();
  try {
    // One at a time: creating sessions in parallel gains nothing on one device and peaks memory.
    for (const [name, bytes] of Object.entries(models) as [N, Uint8Array][]) {
      try {
        sessions.set(name, await ort.InferenceSession.create(bytes, { executionProviders: [provider] }));
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
    private readonly sessions: Map<N, ort.InferenceSession>,
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
    const inputs: Record<string, ort.Tensor> = {};
    for (const [name, t] of Object.entries(feeds)) {
      inputs[name] = t.data instanceof BigInt64Array ? new ort.Tensor('int64', t.data, t.dims) : new ort.Tensor('float32', t.data, t.dims);
    }
    let outputs: ort.InferenceSession.ReturnType;
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

  private session(model: N): ort.InferenceSession {
    const s = this.sessions.get(model);
    if (!s) throw new Error(`no session for model "${model}"`);
    return s;
  }
}

function toTensorData(name: string, tensor: ort.Tensor): TensorData {
  // getData would be needed for GPU-located outputs; outputs default to the CPU, so .data is set.
  if (tensor.type === 'float32') return { data: (tensor.data as Float32Array).slice(), dims: [...tensor.dims] };
  if (tensor.type === 'int64') return { data: (tensor.data as BigInt64Array).slice(), dims: [...tensor.dims] };
  throw new Error(`output "${name}" has type ${tensor.type}; the engine reads float32 and int64 only`);
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
