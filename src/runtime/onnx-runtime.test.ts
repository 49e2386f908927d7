import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readManifest } from '../../scripts/load-models.ts';
import { fixturesDir, hasManifest, modelsDir, skipReason } from '../../scripts/models-location.ts';
import type { ModelManifest } from '../engine/model-manifest.ts';
import type { TensorMap } from '../engine/model-runner.ts';
import { compareOutputs, fixtureFeeds, PARITY_TOLERANCE, type ParityFixture } from '../../scripts/parity/fixture.ts';
import { createOnnxRuntime, prepareOnnxRuntime, probeWebGpu } from './onnx-runtime.ts';

const dir = modelsDir();
const present = hasManifest(dir);

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

describe('prepareOnnxRuntime', () => {
  it('starts the WASM runtime with its built-in one-node model', async () => {
    expect(await prepareOnnxRuntime({ backend: 'wasm', numThreads: 1 })).toBe(true);
  });
});

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
    const fx = JSON.parse(readFileSync(join(fixturesDir(dir), file), 'utf8')) as ParityFixture;
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
      const feeds = fixtureFeeds(fx);
      expect(Object.keys(feeds).sort()).toEqual([...declared.inputs].sort());
      const out = await runtime.run('net', feeds);
      for (const c of compareOutputs(fx, out)) {
        expect(c.dims).toEqual(c.expectedDims);
        expect(c.maxDiff, `${fx.model} ${c.name}: max |ONNX - PyTorch|`).toBeLessThanOrEqual(PARITY_TOLERANCE);
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
