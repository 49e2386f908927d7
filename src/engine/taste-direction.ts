import type { TasteSettings } from './model-manifest.ts';

/**
 * The user's taste direction: the unit weight vector of a small logistic model of their own
 * ratings (like vs dislike) over the normalised embeddings of the items they rated. The sampler
 * adds `shift` times it to every step's x0 (ddim-sampler.ts), so generated items lean the way
 * this user's ratings separate. The TypeScript twin of models/taste_direction.py — keep the
 * arithmetic step for step the same (kernel Newton, Gaussian elimination with partial pivoting,
 * float64), so the page and the evaluation sample alike.
 *
 * Kernel form because a rating set has far fewer rows than an embedding has dimensions: with
 * features [x, c] and w = Xᵀα, Newton steps from α = 0 on Σ log(1 + exp(−y f)) + λ|w|²,
 * f = Kα, K = XXᵀ + c²: (S K + 2λ I) Δ = −(p − t + 2λ α).
 *
 * @param rows N rows of `dim` normalised embeddings, row-major
 * @param signs N values: +1 like, −1 dislike, 0 left out
 * @returns `dim` values, unit length, or all zeros when there is nothing to go on
 */
export function tasteDirection(rows: ArrayLike<number>, signs: ArrayLike<number>, dim: number, taste: TasteSettings): Float64Array {
  if (rows.length !== signs.length * dim) throw new Error(`taste direction: ${rows.length} values are not ${signs.length} rows of ${dim}`);
  const kept: number[] = [];
  for (let i = 0; i < signs.length; i++) if (signs[i] !== 0) kept.push(i);
  const n = kept.length;
  const out = new Float64Array(dim);
  if (n === 0) return out;
  const t = kept.map((i) => (signs[i] > 0 ? 1 : 0));
  const c2 = taste.biasFeature * taste.biasFeature;
  // K = X Xᵀ + c², summed in the order numpy's matmul is not bound to — the difference is rounding, far below the tests' 1e-9.
  const k = new Float64Array(n * n);
  for (let a = 0; a < n; a++) {
    for (let b = 0; b <= a; b++) {
      let dot = 0;
      const ra = kept[a] * dim, rb = kept[b] * dim;
      for (let j = 0; j < dim; j++) dot += rows[ra + j] * rows[rb + j];
      k[a * n + b] = k[b * n + a] = dot + c2;
    }
  }
  const lam2 = 2 * taste.l2;
  let alpha = new Float64Array(n);
  for (let step = 0; step < taste.newtonSteps; step++) {
    const m = new Float64Array(n * n);
    const rhs = new Float64Array(n);
    for (let a = 0; a < n; a++) {
      let f = 0;
      for (let b = 0; b < n; b++) f += k[a * n + b] * alpha[b];
      const p = 1 / (1 + Math.exp(-f));
      const s = p * (1 - p);
      for (let b = 0; b < n; b++) m[a * n + b] = s * k[a * n + b];
      m[a * n + a] += lam2;
      rhs[a] = -(p - t[a] + lam2 * alpha[a]);
    }
    const delta = solve(m, rhs, n);
    alpha = alpha.map((v, i) => v + delta[i]);
  }
  for (let a = 0; a < n; a++) {
    const r = kept[a] * dim;
    for (let j = 0; j < dim; j++) out[j] += rows[r + j] * alpha[a];
  }
  let norm = 0;
  for (let j = 0; j < dim; j++) norm += out[j] * out[j];
  norm = Math.sqrt(norm);
  if (!(norm > 1e-12)) return out.fill(0);
  for (let j = 0; j < dim; j++) out[j] /= norm;
  return out;
}

/** Solves m x = b (m n×n row-major, overwritten) by Gaussian elimination with partial pivoting. */
function solve(m: Float64Array, b: Float64Array, n: number): Float64Array {
  for (let col = 0; col < n; col++) {
    let piv = col;
    for (let row = col + 1; row < n; row++) if (Math.abs(m[row * n + col]) > Math.abs(m[piv * n + col])) piv = row;
    if (piv !== col) {
      for (let j = 0; j < n; j++) [m[col * n + j], m[piv * n + j]] = [m[piv * n + j], m[col * n + j]];
      [b[col], b[piv]] = [b[piv], b[col]];
    }
    for (let row = col + 1; row < n; row++) {
      const f = m[row * n + col] / m[col * n + col];
      if (f !== 0) {
        for (let j = col; j < n; j++) m[row * n + j] -= f * m[col * n + j];
        b[row] -= f * b[col];
      }
    }
  }
  const x = new Float64Array(n);
  for (let row = n - 1; row >= 0; row--) {
    let acc = b[row];
    for (let j = row + 1; j < n; j++) acc -= m[row * n + j] * x[j];
    x[row] = acc / m[row * n + row];
  }
  return x;
}
