import { describe, expect, it } from 'vitest';
import { modelFiles, parseModelManifest } from './model-manifest.ts';
import { testManifest } from './test-manifest.ts';

const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v));

describe('parseModelManifest', () => {
  it('accepts a well-formed manifest and names its files', () => {
    const m = parseModelManifest(clone(testManifest()));
    expect(modelFiles(m)).toEqual({ 'user-encoder': 'user-encoder.onnx', denoiser: 'denoiser.onnx', decoder: 'decoder.onnx' });
  });

  it('lists every missing section and field in one message', () => {
    const m = clone(testManifest()) as unknown as Record<string, Record<string, unknown>>;
    delete m.prior.schedule;
    delete (m.autoencoder.decoder as Record<string, unknown>).output;
    delete m.autoencoder.normalization;
    expect(() => parseModelManifest(m)).toThrow(
      'models manifest: autoencoder.decoder.output is missing; autoencoder.normalization is missing; prior.schedule is missing',
    );
    expect(() => parseModelManifest({ format: 'beyond-catalog.models', version: 1 })).toThrow(
      /autoencoder is missing; prior is missing/,
    );
    expect(() => parseModelManifest(null)).toThrow(/not an object/);
  });

  it('refuses shapes that disagree and samplers this code does not implement', () => {
    const m = clone(testManifest());
    m.autoencoder.normalization.std = [1, 1, 0, 1];
    m.autoencoder.normalization.mean = [0, 0];
    m.autoencoder.catalogEmbeddings.medianNearestDistance = 0;
    m.prior.schedule.alphasCumprod.pop();
    (m.prior.schedule as { sampler: string }).sampler = 'dpm-solver++';
    (m.prior.denoiser as { inputs: string[] }).inputs = ['x_t'];
    const message = (() => {
      try {
        parseModelManifest(m);
        return '';
      } catch (e) {
        return (e as Error).message;
      }
    })();
    expect(message).toContain('autoencoder.normalization.mean has 2 values, expected 4');
    expect(message).toContain('autoencoder.normalization.std holds a value out of range');
    expect(message).toContain('autoencoder.catalogEmbeddings.medianNearestDistance must be positive');
    expect(message).toContain('prior.denoiser.inputs must list 4 input names');
    expect(message).toContain('prior.schedule.sampler is "dpm-solver++", this app supports "ddim-eta0"');
    expect(message).toContain('prior.schedule.alphasCumprod has 9 values, expected 10');
  });
});
