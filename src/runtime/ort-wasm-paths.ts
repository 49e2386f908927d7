// Vite copies ORT's WebAssembly binary into the build and returns its URL on the app's own
// origin, so no request leaves the site (no CDN). The browser build of onnxruntime-web is the
// bundled one (its JS glue is inlined), so the .wasm is the only file it fetches.
// Kept apart from onnx-runtime.ts because Node (CLI, tests) cannot import a `?url` module.
import jsepWasmUrl from 'onnxruntime-web/ort-wasm-simd-threaded.jsep.wasm?url';

export const ortWasmPaths = { wasm: jsepWasmUrl };
