/**
 * Deterministic DDIM (eta = 0) with classifier-free guidance on the x0 prediction — the
 * TypeScript twin of models/diffusion.py `ddim_sample`. Both read alphasCumprod from the
 * manifest; keep the arithmetic here step for step the same as there.
 */

/**
 * One batched network call: `x` is [x; x] (2B rows of D), `t` the float timestep per row.
 * Returns the x0 prediction for 2B rows: the first B conditional, the last B unconditional.
 */
export type GuidedDenoise = (x: Float32Array, t: Float32Array) => Promise<Float32Array>;

export interface DdimOptions {
  /** x_T, B rows of D, in the normalised space. */
  noise: Float64Array;
  batch: number;
  alphasCumprod: readonly number[];
  steps: number;
  guidance: number;
  denoise: GuidedDenoise;
  /**
   * Added to every step's guided x0 (B rows of D, float64): the lean along the user's taste
   * direction (taste-direction.ts), as models/diffusion.py `ddim_sample(x0_shift=…)` adds it.
   */
  x0Shift?: Float64Array;
  /** Called after each network call with (done, total). */
  onStep?: (done: number, total: number) => void;
}

/** Python's round(): halves go to the even neighbour (round(832.5) == 832). */
export function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/**
 * Timesteps of a K-step DDIM run: round(np.linspace(T - 1, 0, K)), descending, ending at 0.
 * numpy's linspace computes start + i * step with the last value pinned to stop; doing the same
 * float64 operations here gives the same halves, which then round to even as in Python.
 */
export function ddimTimesteps(steps: number, trainSteps: number): number[] {
  if (!Number.isInteger(steps) || steps < 1 || steps > trainSteps) {
    throw new Error(`steps must be an integer from 1 to ${trainSteps}, not ${steps}`);
  }
  if (steps === 1) return [trainSteps - 1];
  const start = trainSteps - 1;
  const step = (0 - start) / (steps - 1);
  return Array.from({ length: steps }, (_, i) => (i === steps - 1 ? 0 : roundHalfEven(i * step + start)));
}

/**
 * Runs the sampler and returns x_0 (B rows of D, normalised space). State is float64 like the
 * Python; the network sees float32, and the guidance mix is rounded to float32 as torch does.
 */
export async function ddimSample(o: DdimOptions): Promise<Float64Array> {
  const n = o.noise.length;
  const dim = n / o.batch;
  if (!Number.isInteger(dim) || dim < 1) throw new Error(`noise length ${n} is not ${o.batch} rows`);
  const ac = o.alphasCumprod;
  const timesteps = ddimTimesteps(o.steps, ac.length);
  const g = Math.fround(o.guidance);
  const shift = o.x0Shift;
  if (shift && shift.length !== n) throw new Error(`x0Shift holds ${shift.length} values, expected ${n}`);
  let x = Float64Array.from(o.noise);
  for (let i = 0; i < timesteps.length; i++) {
    const step = timesteps[i];
    // Fresh buffers each step: a runner may keep or transfer what it is given.
    const input = new Float32Array(2 * n);
    input.set(x); // Float32Array.set rounds each value, as x.float() does
    input.set(input.subarray(0, n), n);
    const t = new Float32Array(2 * o.batch).fill(step);
    const out = await o.denoise(input, t);
    if (out.length !== 2 * n) throw new Error(`denoiser returned ${out.length} values, expected ${2 * n}`);
    const x0 = new Float64Array(n);
    for (let j = 0; j < n; j++) {
      const cond = out[j], uncond = out[n + j];
      x0[j] = Math.fround(uncond + Math.fround(g * Math.fround(cond - uncond)));
    }
    if (shift) for (let j = 0; j < n; j++) x0[j] += shift[j];
    o.onStep?.(i + 1, timesteps.length);
    if (i + 1 === timesteps.length) return x0;
    const aT = ac[step], aNext = ac[timesteps[i + 1]];
    const sqrtAT = Math.sqrt(aT), sqrtOneMinusAT = Math.sqrt(1 - aT);
    const sqrtANext = Math.sqrt(aNext), sqrtOneMinusANext = Math.sqrt(1 - aNext);
    const next = new Float64Array(n);
    for (let j = 0; j < n; j++) {
      const eps = (x[j] - sqrtAT * x0[j]) / sqrtOneMinusAT;
      next[j] = sqrtANext * x0[j] + sqrtOneMinusANext * eps;
    }
    x = next;
  }
  throw new Error('unreachable: the last step returns');
}
