import { describe, expect, it } from 'vitest';
import { onRawEmbeddings, principalPlane, projectPoint, projectRows } from './principal-plane.ts';
import { mulberry32 } from './prng.ts';

/** Points spread mostly along `a` (std 5), less along `b` (std 2), a little elsewhere (std 0.1). */
function cloud(count: number, a: number[], b: number[], offset: number[], seed = 1): Float64Array {
  const rand = mulberry32(seed);
  const dim = a.length;
  const gauss = () => Math.sqrt(-2 * Math.log(rand() + 1e-12)) * Math.cos(2 * Math.PI * rand());
  const rows = new Float64Array(count * dim);
  for (let r = 0; r < count; r++) {
    const s = 5 * gauss(), t = 2 * gauss();
    for (let d = 0; d < dim; d++) rows[r * dim + d] = offset[d] + s * a[d] + t * b[d] + 0.1 * gauss();
  }
  return rows;
}

const unit = (v: number[]) => v.map((x) => x / Math.hypot(...v));

describe('principalPlane', () => {
  const a = unit([1, 2, 0, -1, 0, 1]);
  const b = unit([2, -1, 1, 0, 0, 0]); // orthogonal to a
  const offset = [10, -3, 0, 4, 1, 2];
  const rows = cloud(2000, a, b, offset);

  it('finds the two directions of largest variance, largest first, and the mean', () => {
    const p = principalPlane(rows, 6);
    const x = Array.from(p.axes.slice(0, 6)), y = Array.from(p.axes.slice(6));
    const dot = (u: number[], v: number[]) => u.reduce((s, ui, i) => s + ui * v[i], 0);
    expect(Math.abs(dot(x, a))).toBeGreaterThan(0.999);
    expect(Math.abs(dot(y, b))).toBeGreaterThan(0.999);
    expect(dot(x, y)).toBeCloseTo(0, 9);
    p.center.forEach((c, d) => expect(c).toBeCloseTo(offset[d], 0));
  });

  it('is deterministic and signs each axis so its largest component is positive', () => {
    const p1 = principalPlane(rows, 6), p2 = principalPlane(rows, 6);
    expect(Array.from(p1.axes)).toEqual(Array.from(p2.axes));
    for (const k of [0, 1]) {
      const axis = Array.from(p1.axes.slice(k * 6, k * 6 + 6));
      const biggest = axis.reduce((m, v) => (Math.abs(v) > Math.abs(m) ? v : m), 0);
      expect(biggest).toBeGreaterThan(0);
    }
  });

  it('projects rows and single points alike; the centre maps to the origin', () => {
    const p = principalPlane(rows, 6);
    const coords = projectRows(p, rows.subarray(0, 12));
    const [x1, y1] = projectPoint(p, rows.subarray(6, 12));
    expect(coords[2]).toBeCloseTo(x1, 4);
    expect(coords[3]).toBeCloseTo(y1, 4);
    const [cx, cy] = projectPoint(p, p.center);
    expect(cx).toBeCloseTo(0, 9);
    expect(cy).toBeCloseTo(0, 9);
  });

  it('a projection found on normalised rows gives the same picture for raw rows', () => {
    const norm = { mean: offset, std: [2, 1, 0.5, 3, 1, 4] };
    const normalized = rows.map((v, i) => (v - norm.mean[i % 6]) / norm.std[i % 6]);
    const pz = principalPlane(normalized, 6);
    const raw = onRawEmbeddings(pz, norm);
    for (const r of [0, 7, 99]) {
      const fromZ = projectPoint(pz, normalized.subarray(r * 6, r * 6 + 6));
      const fromRaw = projectPoint(raw, rows.subarray(r * 6, r * 6 + 6));
      expect(fromRaw[0]).toBeCloseTo(fromZ[0], 9);
      expect(fromRaw[1]).toBeCloseTo(fromZ[1], 9);
    }
  });

  it('rejects shapes it cannot use', () => {
    expect(() => principalPlane(new Float64Array(3), 3)).toThrow(/at least 2 rows/);
    expect(() => principalPlane(new Float64Array(10), 1)).toThrow(/at least 2 dimensions/);
    expect(() => projectPoint(principalPlane(rows, 6), [1, 2])).toThrow(/expects 6/);
  });
});
