// Parity fixtures (written by the PyTorch exports into models/fixtures): inputs and PyTorch's
// outputs for one network. Shared by the Node parity test (WASM) and the browser parity page
// (WebGPU), so both compare the same way. Uses atob, not Buffer: it runs in both.
import type { TensorMap } from '../../src/engine/model-runner.ts';

export interface ParityFixture {
  model: string;
  feeds: Record<string, { dims: number[]; data: string }>;
  expected: Record<string, { dims: number[]; data: string }>;
  int64Feeds?: Record<string, { dims: number[]; data: number[] }>;
}

/**
 * The tolerance of every parity check, WebGPU in the browser included: the bound on
 * |ONNX − PyTorch|. WebGPU once needed 2e-4 for the denoiser: GPU sin/cos in its timestep
 * embedding (now multiplies and adds, models/prior.py timestep_embedding).
 */
export const PARITY_TOLERANCE = 1e-4;

function float32(b64: string): Float32Array {
  const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
  return new Float32Array(bytes.buffer);
}

/** The fixture's inputs as the runtime's feeds (int64 ones as BigInt64Array). */
export function fixtureFeeds(fx: ParityFixture): TensorMap {
  const feeds: TensorMap = {};
  for (const [name, t] of Object.entries(fx.feeds)) feeds[name] = { data: float32(t.data), dims: t.dims };
  for (const [name, t] of Object.entries(fx.int64Feeds ?? {})) feeds[name] = { data: BigInt64Array.from(t.data, BigInt), dims: t.dims };
  return feeds;
}

export interface OutputComparison {
  name: string;
  dims: number[];
  expectedDims: number[];
  /** max |runtime − PyTorch| over the output; Infinity when the shapes differ. */
  maxDiff: number;
}

/** Each expected output against what the runtime returned. */
export function compareOutputs(fx: ParityFixture, out: TensorMap): OutputComparison[] {
  return Object.entries(fx.expected).map(([name, t]) => {
    const want = float32(t.data);
    const got = out[name];
    const dims = got ? [...got.dims] : [];
    if (!got || dims.join() !== t.dims.join()) return { name, dims, expectedDims: t.dims, maxDiff: Infinity };
    let maxDiff = 0;
    for (let i = 0; i < want.length; i++) maxDiff = Math.max(maxDiff, Math.abs((got.data[i] as number) - want[i]));
    // Math.max carries a NaN through; a NaN output is a failure, never a match.
    if (Number.isNaN(maxDiff)) maxDiff = Infinity;
    return { name, dims, expectedDims: t.dims, maxDiff };
  });
}
