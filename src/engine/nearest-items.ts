import type { CatalogIndex, Neighbour } from './catalog-index.ts';

/**
 * The k catalog items nearest to each of `count` queries (rows of `queries`, normalised
 * embeddings, count x dim), closest first, with Euclidean distances.
 *
 * Exact, by brute force over every row, in the dot-product form |r|² − 2 r·q (+ |q|², the same
 * for every row, so left out of the ranking): 8 queries x 3,812 rows x 512 dims is 15.6 M
 * multiply-adds, and the pass is arranged so V8 keeps them in registers — two rows against
 * four queries per inner loop, float64 rows (no float32 → float64 conversion per load).
 * Measured in Node on the 2-core machine (8 generated items, 512-d): 20 ms for the per-query
 * difference form with early abandonment this replaces (generated items lie far from every
 * catalog item, so partial sums rarely passed the bound), 7 ms for this one.
 * The reported distances are recomputed as sums of squared differences for the k winners.
 */
export function nearestItemsBatch(index: CatalogIndex, queries: ArrayLike<number>, count: number, k: number): Neighbour[][] {
  const { dim, normalized: search, squaredNorms } = index;
  if (queries.length !== count * dim) throw new Error(`queries hold ${queries.length} values, expected ${count} x ${dim}`);
  const rows = squaredNorms.length;
  const q = Float64Array.from(queries);
  const best = Array.from({ length: count }, () => new TopK(Math.min(k, rows)));
  let b = 0;
  for (; b + 4 <= count; b += 4) scoreFour(search, squaredNorms, dim, q, b, best);
  for (; b < count; b++) scoreOne(search, squaredNorms, dim, q, b, best[b]);
  return best.map((top, qb) =>
    top.rows()
      .map((row) => ({ row, d2: squaredDistance(search, row * dim, q, qb * dim, dim) }))
      .sort((x, y) => x.d2 - y.d2 || x.row - y.row)
      .map(({ row, d2 }) => ({ item: index.ids[row], distance: Math.sqrt(d2) })),
  );
}

/** The k catalog items nearest to one normalised embedding, closest first. */
export function nearestItems(index: CatalogIndex, z: ArrayLike<number>, k: number): Neighbour[] {
  if (z.length !== index.dim) throw new Error(`query has ${z.length} values, expected ${index.dim}`);
  return nearestItemsBatch(index, z, 1, k)[0];
}

/**
 * The median distance from a catalog item to its nearest other item: what the export writes as
 * medianNearestDistance (the page reads it from the manifest rather than spend seconds on this
 * all-pairs pass at every load), kept here so tests check the manifest's value against the data.
 */
export function medianNearestDistance(index: CatalogIndex): number {
  const count = index.ids.length;
  if (count < 2) throw new Error('the median nearest-neighbour distance needs two items at least');
  // Two nearest per item: the item itself and its nearest other (told apart by id, since two
  // items may share an embedding).
  const nearest = nearestItemsBatch(index, index.normalized, count, 2).map((pair, row) => pair.find((n) => n.item !== index.ids[row])!.distance);
  const sorted = Float64Array.from(nearest).sort();
  const mid = count >> 1;
  return count % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** The k smallest scores seen, kept sorted by insertion: k is a handful, rows are thousands. */
class TopK {
  private readonly score: Float64Array;
  private readonly row: Int32Array;
  private size = 0;
  constructor(private readonly k: number) {
    this.score = new Float64Array(k);
    this.row = new Int32Array(k);
  }
  /** The score a row must beat to get in: a field, read at every offer. */
  private bound = Infinity;
  offer(score: number, row: number): void {
    if (score >= this.bound) return;
    let at = this.size < this.k ? this.size++ : this.k - 1;
    while (at > 0 && this.score[at - 1] > score) {
      this.score[at] = this.score[at - 1];
      this.row[at] = this.row[at - 1];
      at--;
    }
    this.score[at] = score;
    this.row[at] = row;
    if (this.size === this.k) this.bound = this.score[this.k - 1];
  }
  rows(): number[] {
    return Array.from(this.row.subarray(0, this.size));
  }
}

/** Scores every row against queries b..b+3: two rows per pass, eight sums in registers. */
function scoreFour(search: Float64Array, norms: Float64Array, dim: number, q: Float64Array, b: number, best: TopK[]): void {
  const rows = norms.length;
  const q0 = b * dim, q1 = q0 + dim, q2 = q1 + dim, q3 = q2 + dim;
  const [t0, t1, t2, t3] = [best[b], best[b + 1], best[b + 2], best[b + 3]];
  let r = 0;
  for (; r + 2 <= rows; r += 2) {
    const o = r * dim, p = o + dim;
    let a0 = 0, a1 = 0, a2 = 0, a3 = 0, c0 = 0, c1 = 0, c2 = 0, c3 = 0;
    for (let d = 0; d < dim; d++) {
      const x = search[o + d], y = search[p + d];
      const w0 = q[q0 + d], w1 = q[q1 + d], w2 = q[q2 + d], w3 = q[q3 + d];
      a0 += x * w0; a1 += x * w1; a2 += x * w2; a3 += x * w3;
      c0 += y * w0; c1 += y * w1; c2 += y * w2; c3 += y * w3;
    }
    const nx = norms[r], ny = norms[r + 1];
    t0.offer(nx - 2 * a0, r); t1.offer(nx - 2 * a1, r); t2.offer(nx - 2 * a2, r); t3.offer(nx - 2 * a3, r);
    t0.offer(ny - 2 * c0, r + 1); t1.offer(ny - 2 * c1, r + 1); t2.offer(ny - 2 * c2, r + 1); t3.offer(ny - 2 * c3, r + 1);
  }
  for (; r < rows; r++) for (let j = 0; j < 4; j++) best[b + j].offer(norms[r] - 2 * dot(search, r * dim, q, (b + j) * dim, dim), r);
}

/** Scores every row against query b alone (the batch's last count % 4 queries). */
function scoreOne(search: Float64Array, norms: Float64Array, dim: number, q: Float64Array, b: number, top: TopK): void {
  for (let r = 0; r < norms.length; r++) top.offer(norms[r] - 2 * dot(search, r * dim, q, b * dim, dim), r);
}

function dot(a: Float64Array, ao: number, b: Float64Array, bo: number, dim: number): number {
  let sum = 0;
  for (let d = 0; d < dim; d++) sum += a[ao + d] * b[bo + d];
  return sum;
}

function squaredDistance(a: Float64Array, ao: number, b: Float64Array, bo: number, dim: number): number {
  let sum = 0;
  for (let d = 0; d < dim; d++) {
    const diff = a[ao + d] - b[bo + d];
    sum += diff * diff;
  }
  return sum;
}
