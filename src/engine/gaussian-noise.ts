import { mulberry32 } from './prng.ts';

/**
 * `count` standard normal draws from a seed: mulberry32 uniforms through Box–Muller, both
 * values of each pair used. Same seed → same numbers in the page, the worker and the CLI.
 */
export function gaussianNoise(seed: number, count: number): Float64Array {
  const uniform = mulberry32(seed);
  const out = new Float64Array(count);
  for (let i = 0; i < count; i += 2) {
    // 1 - u keeps the log argument in (0, 1]: mulberry32 can return exactly 0.
    const radius = Math.sqrt(-2 * Math.log(1 - uniform()));
    const angle = 2 * Math.PI * uniform();
    out[i] = radius * Math.cos(angle);
    if (i + 1 < count) out[i + 1] = radius * Math.sin(angle);
  }
  return out;
}
