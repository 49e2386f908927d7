// The browser half of the parity tests: every fixture's network through the app's runtime door
// on the backend asked for, its outputs compared with PyTorch's. The Node test covers WASM in
// Node; this is the only check of each network on WebGPU (which has computed wrong answers
// that WASM did not: an int64 Equal, models/README.md).
import { createOnnxRuntime, type BackendInfo } from '../../../src/runtime/onnx-runtime.ts';
import { ortWasmUrls } from '../../../src/runtime/ort-wasm-paths.ts';
import { compareOutputs, fixtureFeeds, type OutputComparison, type ParityFixture } from '../fixture.ts';

export interface ParityResult {
  fixture: string;
  model: string;
  backend: BackendInfo;
  inputNames: string[];
  outputNames: string[];
  outputs: OutputComparison[];
}

async function fetchOk(url: string): Promise<Response> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return response;
}

async function parity(backend: 'webgpu' | 'wasm'): Promise<ParityResult[]> {
  const files = (await (await fetchOk('/parity/index.json')).json()) as string[];
  const results: ParityResult[] = [];
  for (const fixture of files) {
    const fx = (await (await fetchOk(`/parity/${fixture}`)).json()) as ParityFixture;
    const bytes = new Uint8Array(await (await fetchOk(`/parity/${fx.model}`)).arrayBuffer());
    const runtime = await createOnnxRuntime({ net: bytes }, { backend, wasmUrls: ortWasmUrls, numThreads: 1 });
    try {
      const out = await runtime.run('net', fixtureFeeds(fx));
      results.push({
        fixture,
        model: fx.model,
        backend: runtime.backend,
        inputNames: [...runtime.inputNames('net')],
        outputNames: [...runtime.outputNames('net')],
        outputs: compareOutputs(fx, out),
      });
    } finally {
      await runtime.release();
    }
  }
  return results;
}

(window as unknown as { parity: typeof parity }).parity = parity;
document.body.dataset.ready = 'true';
