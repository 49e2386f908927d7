import type { Normalization } from './normalization.ts';

/**
 * A linear map from embeddings to a 2-D picture: p_k = Σ_d axes[k·dim + d] · (e_d − center_d).
 * The taste map draws the catalog, the visitor's ratings and generated items through one of these.
 */
export interface PlaneProjection {
  dim: number;
  center: Float64Array;
  /** 2 × dim, row-major: the first row is the x axis, the second the y axis. */
  axes: Float64Array;
}

/**
 * The two principal axes of `rows` (count × dim): the plane that keeps the most variance.
 * Covariance once (O(count · dim²)), then orthogonal iteration on it; deterministic, so the map
 * looks the same on every visit. Each axis is signed so its largest component is positive.
 */
export function principalPlane(rows: ArrayLike<number>, dim: number, iterations = 300): PlaneProjection {
  if (dim < 2) throw new Error(`principalPlane needs at least 2 dimensions, got ${dim}`);
  const count = rows.length / dim;
  if (!Number.isInteger(count) || count < 2) throw new Error(`principalPlane needs at least 2 rows of ${dim} values, got ${rows.length} values`);
  const center = new Float64Array(dim);
  for (let r = 0; r < count; r++) for (let d = 0; d < dim; d++) center[d] += rows[r * dim + d];
  for (let d = 0; d < dim; d++) center[d] /= count;

  // Upper triangle of the (unnormalised) covariance, mirrored afterwards.
  const cov = new Float64Array(dim * dim);
  const x = new Float64Array(dim);
  for (let r = 0; r < count; r++) {
    for (let d = 0; d < dim; d++) x[d] = rows[r * dim + d] - center[d];
    for (let i = 0; i < dim; i++) {
      const xi = x[i];
      if (xi === 0) continue;
      const base = i * dim;
      for (let j = i; j < dim; j++) cov[base + j] += xi * x[j];
    }
  }
  for (let i = 0; i < dim; i++) for (let j = 0; j < i; j++) cov[i * dim + j] = cov[j * dim + i];

  // Start from a fixed, generic pair of vectors (not aligned with any coordinate axis).
  let q = new Float64Array(2 * dim);
  for (let d = 0; d < dim; d++) {
    q[d] = 1 + ((d * 7919) % 13) / 13;
    q[dim + d] = ((d * 104729) % 17) / 17 - 0.5;
  }
  orthonormalize(q, dim);
  let next = new Float64Array(2 * dim);
  for (let it = 0; it < iterations; it++) {
    for (let k = 0; k < 2; k++) {
      for (let i = 0; i < dim; i++) {
        let s = 0;
        const base = i * dim;
        for (let j = 0; j < dim; j++) s += cov[base + j] * q[k * dim + j];
        next[k * dim + i] = s;
      }
    }
    orthonormalize(next, dim);
    [q, next] = [next, q];
  }
  // Order the axes by the variance they carry (orthogonal iteration may leave them swapped).
  if (rayleigh(cov, q, 1, dim) > rayleigh(cov, q, 0, dim)) {
    const first = q.slice(0, dim);
    q.copyWithin(0, dim);
    q.set(first, dim);
  }
  for (let k = 0; k < 2; k++) {
    let biggest = 0;
    for (let d = 0; d < dim; d++) if (Math.abs(q[k * dim + d]) > Math.abs(q[k * dim + biggest])) biggest = d;
    if (q[k * dim + biggest] < 0) for (let d = 0; d < dim; d++) q[k * dim + d] = -q[k * dim + d];
  }
  return { dim, center, axes: q };
}

/**
 * A projection found in the normalised space z = (e − mean) / std, rewritten to act on raw
 * embeddings directly: callers project what ratings store without normalising first.
 */
export function onRawEmbeddings(p: PlaneProjection, norm: Normalization): PlaneProjection {
  const { dim } = p;
  if (norm.mean.length !== dim) throw new Error(`normalisation has ${norm.mean.length} values, the projection ${dim}`);
  const center = new Float64Array(dim);
  const axes = new Float64Array(2 * dim);
  for (let d = 0; d < dim; d++) {
    center[d] = norm.mean[d] + p.center[d] * norm.std[d];
    axes[d] = p.axes[d] / norm.std[d];
    axes[dim + d] = p.axes[dim + d] / norm.std[d];
  }
  return { dim, center, axes };
}

/** Projects one embedding: [x, y]. */
export function projectPoint(p: PlaneProjection, e: ArrayLike<number>): [number, number] {
  if (e.length !== p.dim) throw new Error(`embedding has ${e.length} values, the projection expects ${p.dim}`);
  let x = 0;
  let y = 0;
  for (let d = 0; d < p.dim; d++) {
    const v = e[d] - p.center[d];
    x += p.axes[d] * v;
    y += p.axes[p.dim + d] * v;
  }
  return [x, y];
}

/** Projects rows (count × dim) to count × 2 coordinates. */
export function projectRows(p: PlaneProjection, rows: ArrayLike<number>): Float32Array {
  const count = rows.length / p.dim;
  if (!Number.isInteger(count)) throw new Error(`${rows.length} values are not rows of ${p.dim}`);
  const out = new Float32Array(2 * count);
  const row = new Float64Array(p.dim);
  for (let r = 0; r < count; r++) {
    for (let d = 0; d < p.dim; d++) row[d] = rows[r * p.dim + d];
    const [x, y] = projectPoint(p, row);
    out[2 * r] = x;
    out[2 * r + 1] = y;
  }
  return out;
}

/** Gram–Schmidt on the two rows of q, in place. */
function orthonormalize(q: Float64Array, dim: number): void {
  normalizeRow(q, 0, dim);
  let dot = 0;
  for (let d = 0; d < dim; d++) dot += q[d] * q[dim + d];
  for (let d = 0; d < dim; d++) q[dim + d] -= dot * q[d];
  normalizeRow(q, dim, dim);
}

function normalizeRow(q: Float64Array, offset: number, dim: number): void {
  let n = 0;
  for (let d = 0; d < dim; d++) n += q[offset + d] ** 2;
  n = Math.sqrt(n);
  // A zero row (data with no variance there) is left as zeros: it projects everything to 0.
  if (n > 0) for (let d = 0; d < dim; d++) q[offset + d] /= n;
}

function rayleigh(cov: Float64Array, q: Float64Array, k: number, dim: number): number {
  let s = 0;
  for (let i = 0; i < dim; i++) {
    let ci = 0;
    for (let j = 0; j < dim; j++) ci += cov[i * dim + j] * q[k * dim + j];
    s += q[k * dim + i] * ci;
  }
  return s;
}
