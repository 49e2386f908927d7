import { describe, expect, it } from 'vitest';
import { ddimSample, ddimTimesteps, roundHalfEven } from './ddim-sampler.ts';

describe('ddimTimesteps', () => {
  it('matches round(np.linspace(999, 0, K)) from Python, halves to even', () => {
    // Printed by: [int(round(v)) for v in np.linspace(999, 0, K)]
    expect(ddimTimesteps(1, 1000)).toEqual([999]);
    expect(ddimTimesteps(2, 1000)).toEqual([999, 0]);
    expect(ddimTimesteps(3, 1000)).toEqual([999, 500, 0]);
    expect(ddimTimesteps(7, 1000)).toEqual([999, 832, 666, 500, 333, 166, 0]);
    expect(ddimTimesteps(10, 1000)).toEqual([999, 888, 777, 666, 555, 444, 333, 222, 111, 0]);
    expect(ddimTimesteps(13, 1000)).toEqual([999, 916, 832, 749, 666, 583, 500, 416, 333, 250, 166, 83, 0]);
  });

  it('refuses impossible step counts', () => {
    expect(() => ddimTimesteps(0, 1000)).toThrow(/from 1 to 1000/);
    expect(() => ddimTimesteps(1001, 1000)).toThrow();
    expect(() => ddimTimesteps(2.5, 1000)).toThrow();
  });

  it('rounds halves to even like Python', () => {
    expect([0.5, 1.5, 2.5, 832.5, 2.4, 2.6].map(roundHalfEven)).toEqual([0, 2, 2, 832, 2, 3]);
  });
});

describe('ddimSample', () => {
  it('reproduces a hand-computed two-step run with guidance', async () => {
    // T = 3, K = 2 -> timesteps [2, 0]. Fake network: x0_cond = x, x0_uncond = x / 2, so with
    // g = 2 the guided x0 is 1.5 x. Step 1 (a_t = 0.2, a_next = 0.9), x = 0.5:
    //   x0 = 0.75, eps = (0.5 - sqrt(.2) 0.75) / sqrt(.8) = 0.184017, x = sqrt(.9) 0.75 + sqrt(.1) eps = 0.769704
    // Step 2 (last) returns x0 = 1.5 * float32(0.769704) = 1.154556.
    const calls: { x: number[]; t: number[] }[] = [];
    const out = await ddimSample({
      noise: Float64Array.from([0.5, -1]),
      batch: 2,
      alphasCumprod: [0.9, 0.5, 0.2],
      steps: 2,
      guidance: 2,
      denoise: async (x, t) => {
        calls.push({ x: Array.from(x), t: Array.from(t) });
        return Float32Array.from([x[0], x[1], x[2] / 2, x[3] / 2]);
      },
    });
    expect(calls.map((c) => c.t)).toEqual([[2, 2, 2, 2], [0, 0, 0, 0]]);
    expect(calls[0].x).toEqual([0.5, -1, 0.5, -1]); // [x; x]
    expect(calls[1].x[0]).toBeCloseTo(0.7697037565782079, 6);
    expect(calls[1].x[1]).toBeCloseTo(-1.5394075131564158, 6);
    expect(out[0]).toBeCloseTo(1.1545556348673118, 6);
    expect(out[1]).toBeCloseTo(-2.3091112697346237, 6);
  });

  it('with guidance 1 is the conditional prediction alone', async () => {
    const out = await ddimSample({
      noise: Float64Array.from([0.3]),
      batch: 1,
      alphasCumprod: [0.9, 0.5, 0.2],
      steps: 1,
      guidance: 1,
      denoise: async () => Float32Array.from([0.25, 7]),
    });
    expect(Array.from(out)).toEqual([0.25]);
  });

  it('adds x0Shift to every step\'s guided x0', async () => {
    // The same fake network and run as the hand-computed test, x0 shifted by +0.1 at each step:
    //   step 1: x0 = 0.75 + 0.1 = 0.85, eps = (0.5 - sqrt(.2) 0.85) / sqrt(.8) = 0.134017,
    //           x = sqrt(.9) 0.85 + sqrt(.1) eps = 0.848773; step 2 returns 1.5 float32(x) + 0.1.
    const seen: number[] = [];
    const out = await ddimSample({
      noise: Float64Array.from([0.5]),
      batch: 1,
      alphasCumprod: [0.9, 0.5, 0.2],
      steps: 2,
      guidance: 2,
      x0Shift: Float64Array.from([0.1]),
      denoise: async (x) => {
        seen.push(x[0]);
        return Float32Array.from([x[0], x[1] / 2]);
      },
    });
    const eps = (0.5 - Math.sqrt(0.2) * 0.85) / Math.sqrt(0.8);
    const x1 = Math.sqrt(0.9) * 0.85 + Math.sqrt(0.1) * eps;
    expect(seen[1]).toBeCloseTo(x1, 6);
    expect(out[0]).toBeCloseTo(1.5 * Math.fround(x1) + 0.1, 6);
    await expect(ddimSample({
      noise: new Float64Array(2), batch: 1, alphasCumprod: [0.9, 0.5, 0.2], steps: 2, guidance: 3, x0Shift: new Float64Array(3),
      denoise: async (x) => new Float32Array(x.length),
    })).rejects.toThrow(/x0Shift holds 3 values, expected 2/);
  });

  it('reports each step and checks the network output size', async () => {
    const seen: number[] = [];
    await ddimSample({
      noise: new Float64Array(2), batch: 1, alphasCumprod: [0.9, 0.5, 0.2], steps: 3, guidance: 3,
      denoise: async (x) => new Float32Array(x.length), onStep: (done) => seen.push(done),
    });
    expect(seen).toEqual([1, 2, 3]);
    await expect(ddimSample({
      noise: new Float64Array(2), batch: 1, alphasCumprod: [0.9, 0.5, 0.2], steps: 2, guidance: 3,
      denoise: async () => new Float32Array(1),
    })).rejects.toThrow(/returned 1 values, expected 4/);
  });
});
