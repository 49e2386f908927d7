import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { tasteDirection } from './taste-direction.ts';

const TASTE = { l2: 1, biasFeature: 16, newtonSteps: 12, shift: 6 };
const DIM = 8;

/** Deterministic pseudo-random rows (a sine hash), so the Python twin can be fed the same numbers. */
function rows(n: number, dim = DIM, salt = 0): Float32Array {
  return Float32Array.from({ length: n * dim }, (_, i) => Math.sin((i + salt) * 12.9898) * 2.5);
}

const dot = (a: ArrayLike<number>, b: ArrayLike<number>) => Array.from(a).reduce((s, v, i) => s + v * b[i], 0);

describe('tasteDirection', () => {
  it('is a unit vector that converged and separates the likes from the dislikes', () => {
    const x = rows(10);
    const signs = [1, -1, -1, 1, -1, -1, -1, 1, -1, -1];
    const u = tasteDirection(x, signs, DIM, TASTE);
    expect(Math.sqrt(dot(u, u))).toBeCloseTo(1, 12);
    // The likes score higher along it than the dislikes, on average, by a wide margin.
    const score = (i: number) => dot(u, x.subarray(i * DIM, (i + 1) * DIM));
    const mean = (want: number) => signs.map((s, i) => [s, score(i)]).filter(([s]) => s === want).reduce((a, [, v], _, all) => a + v / all.length, 0);
    expect(mean(1) - mean(-1)).toBeGreaterThan(1);
    // More Newton steps change nothing: 12 have converged.
    const more = tasteDirection(x, signs, DIM, { ...TASTE, newtonSteps: 40 });
    expect(Math.max(...u.map((v, i) => Math.abs(v - more[i])))).toBeLessThan(1e-12);
  });

  it('leans toward what was liked when there are only likes, and says nothing without ratings', () => {
    const liked = rows(6).map((v, i) => v + (i % DIM === 3 ? 6 : 0)); // all far out along axis 3
    const u = tasteDirection(liked, [1, 1, 1, 1, 1, 1], DIM, TASTE);
    expect(u[3]).toBeGreaterThan(0.8);
    expect(Array.from(tasteDirection(rows(2), [0, 0], DIM, TASTE))).toEqual(new Array(DIM).fill(0));
    expect(() => tasteDirection(rows(2), [1], DIM, TASTE)).toThrow(/are not 1 rows of 8/);
  });

  it('leaves out padding (sign 0) as if it were not there', () => {
    const x = rows(5);
    const signs = [1, -1, 1, -1, -1];
    const padded = new Float32Array(7 * DIM);
    padded.set(x);
    padded.set(rows(2, DIM, 99), 5 * DIM);
    const a = tasteDirection(x, signs, DIM, TASTE);
    const b = tasteDirection(padded, [...signs, 0, 0], DIM, TASTE);
    expect(Array.from(b)).toEqual(Array.from(a));
  });

  it('matches models/taste_direction.py on the same numbers', (ctx) => {
    const probe = spawnSync('/usr/bin/python3', ['-c', 'import numpy'], { stdio: 'pipe' });
    if (probe.status !== 0) return ctx.skip('/usr/bin/python3 cannot import numpy');
    const n = 30;
    const x = rows(n, 16, 7);
    const signs = Array.from({ length: n }, (_, i) => (i % 4 === 0 ? 1 : -1));
    const py = spawnSync('/usr/bin/python3', ['-c', [
      'import json, sys; sys.path.insert(0, "models")',
      'import numpy as np',
      'from taste_direction import taste_direction',
      'd = json.load(sys.stdin)',
      'x = np.array(d["x"], np.float64).reshape(-1, 16)',
      'print(json.dumps(taste_direction(x, np.array(d["signs"], np.float64), d["taste"]).tolist()))',
    ].join('\n')], { input: JSON.stringify({ x: Array.from(x), signs, taste: TASTE }), encoding: 'utf8' });
    expect(py.status, py.stderr).toBe(0);
    const want = JSON.parse(py.stdout) as number[];
    const got = tasteDirection(x, signs, 16, TASTE);
    expect(Math.max(...want.map((v, i) => Math.abs(v - got[i])))).toBeLessThan(1e-9);
  });
});
