// Vite copies ORT's WebAssembly binaries into the build and returns their URLs on the app's own
// origin, so no request leaves the site (no CDN). The browser builds of onnxruntime-web are the
// bundled ones (their JS glue is inlined), so each fetches only its .wasm: the JSEP one for
// WebGPU, the plain one (half the size) for WASM. A visitor fetches one of them, or both after
// a WebGPU failure.
// Kept apart from onnx-runtime.ts because Node (CLI, tests) cannot import a `?url` module.
import jsepWasmUrl from 'onnxruntime-web/ort-wasm-simd-threaded.jsep.wasm?url';
import plainWasmUrl from 'onnxruntime-web/ort-wasm-simd-threaded.wasm?url';

export const ortWasmUrls = { webgpu: jsepWasmUrl, wasm: plainWasmUrl };
