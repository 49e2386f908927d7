// Worker entry: wires the global scope to the generation service. Everything that can be
// tested without a browser lives in generation-service.ts.
import { createOnnxRuntime, prepareOnnxRuntime } from '../runtime/onnx-runtime.ts';
import { ortWasmUrls } from '../runtime/ort-wasm-paths.ts';
import { createGenerationService } from './generation-service.ts';
import type { WorkerEvent, WorkerRequest } from './protocol.ts';

// The app is type-checked with the DOM lib, where `self` is a Window; this is its worker shape.
const scope = self as unknown as {
  postMessage(event: WorkerEvent, transfer: Transferable[]): void;
  addEventListener(type: 'message', listener: (e: MessageEvent<WorkerRequest>) => void): void;
  addEventListener(type: 'unhandledrejection', listener: (e: PromiseRejectionEvent) => void): void;
  addEventListener(type: 'error', listener: (e: ErrorEvent) => void): void;
};

// When the GPU device is lost, onnxruntime's WebGPU backend leaves buffer mappings pending that
// then reject with nobody listening. The loss itself reaches the page through the failed run
// (and its WASM fallback); these echoes are dropped instead of surfacing as uncaught errors.
const DEVICE_LOST = /device (was )?lost/i;
scope.addEventListener('unhandledrejection', (e) => {
  const reason: unknown = e.reason;
  if (DEVICE_LOST.test(reason instanceof Error ? reason.message : String(reason))) e.preventDefault();
});
scope.addEventListener('error', (e) => {
  if (DEVICE_LOST.test(e.message)) e.preventDefault();
});

const service = createGenerationService({
  post: (event, transfer = []) => scope.postMessage(event, transfer),
  fetch: (input, init) => fetch(input, init),
  createRuntime: (models, backend, faults) =>
    createOnnxRuntime(models, { backend, wasmUrls: ortWasmUrls, loseDeviceAfterRuns: faults?.loseGpuDeviceAfterRuns }),
  prepareRuntime: async (backend) => void (await prepareOnnxRuntime({ backend, wasmUrls: ortWasmUrls })),
});

scope.addEventListener('message', (e) => void service.handle(e.data));
