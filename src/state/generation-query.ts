import type { BackendPreference, InjectedFaults } from '../worker/protocol.ts';

/** What the page's URL says about generation. */
export interface GenerationQuery {
  /** `?backend=wasm|webgpu|auto` forces the backend for this visit. */
  backend: BackendPreference | null;
  /**
   * `?fault=gpu-device-loss` (e2e only): the worker destroys its WebGPU device in the middle of
   * the first generation, so the fallback to WASM is exercised on a real device loss.
   */
  faults: InjectedFaults | undefined;
}

const BACKENDS: readonly BackendPreference[] = ['auto', 'webgpu', 'wasm'];

/**
 * Warm-up runs 3 networks (user encoder once, one denoiser step, decoder); the first real
 * generation then runs the user encoder twice: run 8 is in the middle of its denoising.
 */
export const DEVICE_LOSS_AFTER_RUNS = 8;

/** Reads the query string; unknown values are ignored (the URL is typed by hand at a stand). */
export function parseGenerationQuery(search: string): GenerationQuery {
  const params = new URLSearchParams(search);
  const backend = params.get('backend');
  const fault = params.get('fault');
  return {
    backend: BACKENDS.includes(backend as BackendPreference) ? (backend as BackendPreference) : null,
    faults: fault === 'gpu-device-loss' ? { loseGpuDeviceAfterRuns: DEVICE_LOSS_AFTER_RUNS } : undefined,
  };
}
