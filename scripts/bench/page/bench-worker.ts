// The bench page's worker: the app's generation service and runtime door, with one addition —
// a first message sets the WASM thread count, which the app leaves to onnxruntime-web's default.
// Built only by scripts/bench/vite.bench.config.ts, never into the shipped app.
import { createOnnxRuntime } from '../../../src/runtime/onnx-runtime.ts';
import { ortWasmUrls } from '../../../src/runtime/ort-wasm-paths.ts';
import { createGenerationService } from '../../../src/worker/generation-service.ts';
import type { WorkerEvent, WorkerRequest } from '../../../src/worker/protocol.ts';

/** The one message the bench adds to the app's protocol; sent before `load`. */
export interface BenchThreadsMessage {
  type: 'bench-threads';
  threads: number;
}

const scope = self as unknown as {
  postMessage(event: WorkerEvent, transfer: Transferable[]): void;
  addEventListener(type: 'message', listener: (e: MessageEvent<WorkerRequest | BenchThreadsMessage>) => void): void;
};

let threads = 1;
const service = createGenerationService({
  post: (event, transfer = []) => scope.postMessage(event, transfer),
  fetch: (input, init) => fetch(input, init),
  createRuntime: (models, backend) => createOnnxRuntime(models, { backend, wasmUrls: ortWasmUrls, numThreads: threads }),
});

scope.addEventListener('message', (e) => {
  if (e.data.type === 'bench-threads') threads = e.data.threads;
  else void service.handle(e.data);
});
