import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readManifest } from '../../scripts/load-models.ts';
import { fixturesDir, hasManifest, modelsDir, skipReason } from '../../scripts/models-location.ts';
import type { ModelManifest } from '../engine/model-manifest.ts';
import type { TensorMap } from '../engine/model-runner.ts';
import { createOnnxRuntime, probeWebGpu } from './onnx-runtime.ts';

interface Fixture {
  model: string;
  feeds: Record<string, { dims: number[]; data: string }>;
  expected: Record<string, { dims: number[]; data: string }>;
  int64Feeds?: Record<string, { dims: number[]; data: number[] }>;
}

const TOLERANCE = 1e-4;
const dir = modelsDir();
const present = hasManifest(dir);

function float32(b64: string): Float32Array {
  const bytes = Buffer.from(b64, 'base64');
  return new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
}

/** Input and output names each ONNX file should have, as the manifest states them. */
function declaredNames(m: ModelManifest): Record<string, { inputs: string[]; outputs: string[] }> {
  const ae = m.autoencoder as ModelManifest['autoencoder'] & { encoder?: { file: string; input: string; output: string } };
  const names: Record<string, { inputs: string[]; outputs: string[] }> = {
    [ae.decoder.file]: { inputs: [ae.decoder.input], outputs: [ae.decoder.output] },
    [m.prior.userEncoder.file]: { inputs: [...m.prior.userEncoder.inputs], outputs: [m.prior.userEncoder.output] },
    [m.prior.denoiser.file]: { inputs: [...m.prior.denoiser.inputs], outputs: [m.prior.denoiser.output] },
  };
  if (ae.encoder) names[ae.encoder.file] = { inputs: [ae.encoder.input], outputs: [ae.encoder.output] };
  return names;
}

describe('probeWebGpu', () => {
  it('says why WebGPU is unavailable outside a browser', async () => {
    const probe = await probeWebGpu();
    expect(probe.available).toBe(false);
    if (!probe.available) expect(probe.reason).toMatch(/navigator/);
  });
});

describe.skipIf(!present)(present ? `ONNX parity with PyTorch (${dir})` : `ONNX parity — skipped: ${skipReason(dir)}`, () => {
  const fixtures = present ? readdirSync(fixturesDir(dir)).filter((f) => f.endsWith('.json')) : [];

  it('has a parity fixture for every network', () => {
    expect(fixtures.sort()).toEqual(expect.arrayContaining(['decoder.json', 'denoiser.json', 'user-encoder.json']));
  });

  it.each(fixtures)('%s: names match the manifest, outputs within 1e-4 of PyTorch', async (file) => {
    const fx = JSON.parse(readFileSync(join(fixturesDir(dir), file), 'utf8')) as Fixture;
    const manifest = await readManifest(dir);
    // The encoder lives beside its fixture (the page never loads it); the rest are served models.
    const served = join(dir, fx.model);
    const modelPath = existsSync(served) ? served : join(fixturesDir(dir), fx.model);
    const runtime = await createOnnxRuntime({ net: new Uint8Array(readFileSync(modelPath)) }, { backend: 'wasm', numThreads: 1 });
    try {
      expect(runtime.backend.name).toBe('wasm');
      const declared = declaredNames(manifest)[fx.model];
      expect(declared, `${fx.model} is not described by the manifest`).toBeDefined();
      expect([...runtime.inputNames('net')]).toEqual(declared.inputs);
      expect([...runtime.outputNames('net')]).toEqual(declared.outputs);
      const feeds: TensorMap = {};
      for (const [name, t] of Object.entries(fx.feeds)) feeds[name] = { data: float32(t.data), dims: t.dims };
      for (const [name, t] of Object.entries(fx.int64Feeds ?? {})) feeds[name] = { data: BigInt64Array.from(t.data, BigInt), dims: t.dims };
      expect(Object.keys(feeds).sort()).toEqual([...declared.inputs].sort());
      const out = await runtime.run('net', feeds);
      for (const [name, t] of Object.entries(fx.expected)) {
        const want = float32(t.data);
        const got = out[name];
        expect(got.dims).toEqual(t.dims);
        let maxDiff = 0;
        for (let i = 0; i < want.length; i++) maxDiff = Math.max(maxDiff, Math.abs(got.data[i] as number - want[i]));
        expect(maxDiff, `${fx.model} ${name}: max |ONNX - PyTorch|`).toBeLessThanOrEqual(TOLERANCE);
      }
    } finally {
      await runtime.release();
    }
  });

  it('serialises runs: concurrent calls all complete and a failing one does not block the rest', async () => {
    const manifest = await readManifest(dir);
    const dec = manifest.autoencoder.decoder;
    const dim = manifest.autoencoder.embeddingDim;
    const runtime = await createOnnxRuntime({ decoder: new Uint8Array(readFileSync(join(dir, dec.file))) }, { backend: 'wasm', numThreads: 1 });
    try {
      const feeds = (b: number): TensorMap => ({ [dec.input]: { data: new Float32Array(b * dim).fill(0.1), dims: [b, dim] } });
      const bad: TensorMap = { [dec.input]: { data: new Float32Array(3), dims: [1, 3] } };
      const results = await Promise.allSettled([runtime.run('decoder', feeds(1)), runtime.run('decoder', bad), runtime.run('decoder', feeds(2))]);
      expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
      const [a, , b] = results as PromiseFulfilledResult<TensorMap>[];
      expect(a.value[dec.output].dims[0]).toBe(1);
      expect(b.value[dec.output].dims[0]).toBe(2);
    } finally {
      await runtime.release();
    }
  });

  it('a forced WebGPU backend fails loudly where there is none', async () => {
    const manifest = await readManifest(dir);
    const bytes = new Uint8Array(readFileSync(join(dir, manifest.autoencoder.decoder.file)));
    await expect(createOnnxRuntime({ decoder: bytes }, { backend: 'webgpu' })).rejects.toThrow(/WebGPU was requested but cannot be used: no navigator/);
  });
});
