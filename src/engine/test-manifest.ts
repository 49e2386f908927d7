import type { ModelManifest } from './model-manifest.ts';

/**
 * A tiny, valid manifest for unit tests: D-dimensional embeddings, a short schedule.
 * Real numbers come from models/export_*.py; these only need to be well formed.
 */
export function testManifest(dim = 4, trainSteps = 10): ModelManifest {
  return {
    format: 'beyond-catalog.models',
    version: 1,
    autoencoder: {
      embeddingDim: dim,
      imageShape: [4, 2, 2],
      decoder: { file: 'decoder.onnx', input: 'embedding', output: 'image' },
      catalogEmbeddings: { file: 'catalog-embeddings.bin', dtype: 'float16', count: 3, medianNearestDistance: 1 },
      normalization: { mean: Array.from({ length: dim }, (_, i) => i / 10), std: Array.from({ length: dim }, () => 0.5) },
    },
    prior: {
      userEncoder: { file: 'user-encoder.onnx', inputs: ['embeddings', 'ratings'], output: 'user_tokens', ratingValues: { like: 1, dislike: -1, padding: 0 } },
      denoiser: { file: 'denoiser.onnx', inputs: ['x_t', 't', 'user_tokens', 'rating'], output: 'x0', ratingTokens: { null: 0, like: 1, dislike: 2 } },
      userTokens: 2,
      width: 3,
      maxRatings: 5,
      schedule: {
        name: 'test-linear',
        prediction: 'x0',
        trainSteps,
        alphasCumprod: Array.from({ length: trainSteps }, (_, i) => 1 - (i + 1) / (trainSteps + 1)),
        defaultSteps: 3,
        defaultGuidance: 2,
        sampler: 'ddim-eta0',
      },
      // No lean by default, so the fake runners' expected outputs stay simple; tests that need one set it.
      taste: { l2: 1, biasFeature: 2, newtonSteps: 5, shift: 0 },
    },
  };
}
