// Worker entry: wires the global scope to the generation service. Everything that can be
// tested without a browser lives in generation-service.ts.
import { createOnnxRuntime } from '../runtime/onnx-runtime.ts';
import { ortWasmPaths } from '../runtime/ort-wasm-paths.ts';
import { createGenerationService } from './generation-service.ts';
import type { WorkerEvent, WorkerRequest } from './protocol.ts';

// The app is type-checked with the DOM lib, where `self` is a Window; this is its worker shape.
const scope = self as unknown as {
  postMessage(event: WorkerEvent, transfer: Transferable[]): void;
  addEventListener(type: 'message', listener: (e: MessageEvent<WorkerRequest>) => void): void;
};

const service = createGenerationService({
  post: (event, transfer = []) => scope.postMessage(event, transfer),
  fetch: (input, init) => fetch(input, init),
  createRuntime: (models, backend, faults) =>
    createOnnxRuntime(models, { backend, wasmPaths: ortWasmPaths, loseDeviceAfterRuns: faults?.loseGpuDeviceAfterRuns }),
});

scope.addEventListener('message', (e) => void service.handle(e.data));
