/**
 * Page's (1963) test for ordered alternatives in a randomized block design: n blocks (e.g. seeds),
 * each measuring the same m treatments listed in their hypothesized order (e.g. increasing batch
 * size). With R_ij the rank of treatment j within block i (1 = smallest value, midranks for ties),
 *
 *   L = Σ_i Σ_j j · R_ij,
 *
 * large when the values rise with j. Under H0 (no treatment effect) the ranks of each block are a
 * uniformly random permutation of 1..m, independently across blocks, so the null distribution of L
 * is the n-fold convolution of the distribution of Σ_j j·π(j) over the m! permutations π; it is
 * computed exactly (m ≤ 8). p-values: P_0(L ≥ L_obs) (rising) and P_0(L ≤ L_obs) (falling).
 *
 * ## Special cases
 * - Needs n ≥ 1 blocks of the same length 2 ≤ m ≤ 8 with finite values (RangeError otherwise).
 * - With ties the midrank statistic is compared with the tie-free null distribution (approximate).
 */

export interface PageTest {
  readonly l: number;
  /** E_0[L] = n·m(m + 1)²/4. */
  readonly expected: number;
  readonly blocks: number;
  readonly treatments: number;
  /** P_0(L ≥ L_obs): evidence that the values rise with the treatment index. */
  readonly pRising: number;
  /** P_0(L ≤ L_obs): evidence that they fall. */
  readonly pFalling: number;
}

/** Midranks (1-based) of the values. */
function midranks(values: readonly number[]): number[] {
  const order = values.map((v, i) => ({ v, i })).sort((a, b) => a.v - b.v);
  const ranks = new Array<number>(values.length);
  for (let s = 0; s < order.length; ) {
    let e = s;
    while (e + 1 < order.length && order[e + 1].v === order[s].v) e++;
    for (let q = s; q <= e; q++) ranks[order[q].i] = (s + e) / 2 + 1;
    s = e + 1;
  }
  return ranks;
}

/** The distribution of Σ_j j·π(j) over permutations π of 1..m: probabilities indexed from its minimum. */
function blockDistribution(m: number): { min: number; p: number[] } {
  const values: number[] = [];
  const perm = Array.from({ length: m }, (_, i) => i + 1);
  const permute = (pos: number): void => {
    if (pos === m) {
      values.push(perm.reduce((s, r, j) => s + (j + 1) * r, 0));
      return;
    }
    for (let q = pos; q < m; q++) {
      [perm[pos], perm[q]] = [perm[q], perm[pos]];
      permute(pos + 1);
      [perm[pos], perm[q]] = [perm[q], perm[pos]];
    }
  };
  permute(0);
  const min = Math.min(...values);
  const p = new Array<number>(Math.max(...values) - min + 1).fill(0);
  for (const v of values) p[v - min] += 1 / values.length;
  return { min, p };
}

export function pageTrendTest(blocks: readonly (readonly number[])[]): PageTest {
  const n = blocks.length;
  if (n < 1) throw new RangeError('Page\'s test needs at least 1 block (got 0)');
  const m = blocks[0].length;
  if (m < 2 || m > 8) throw new RangeError(`Page's test needs 2 ≤ m ≤ 8 treatments (got ${m})`);
  let l = 0;
  blocks.forEach((b, i) => {
    if (b.length !== m) throw new RangeError(`block ${i} must have m = ${m} values (got ${b.length})`);
    b.forEach((v, j) => {
      if (!Number.isFinite(v)) throw new RangeError(`block ${i} value ${j} must be finite (got ${v})`);
    });
    midranks(b).forEach((r, j) => (l += (j + 1) * r));
  });
  const one = blockDistribution(m);
  let dist = [1];
  for (let i = 0; i < n; i++) {
    const next = new Array<number>(dist.length + one.p.length - 1).fill(0);
    for (let a = 0; a < dist.length; a++) for (let b = 0; b < one.p.length; b++) next[a + b] += dist[a] * one.p[b];
    dist = next;
  }
  const min = n * one.min;
  let upper = 0;
  let lower = 0;
  dist.forEach((p, i) => {
    if (min + i >= l) upper += p;
    if (min + i <= l) lower += p;
  });
  return {
    l,
    expected: (n * m * (m + 1) ** 2) / 4,
    blocks: n,
    treatments: m,
    pRising: Math.min(1, upper),
    pFalling: Math.min(1, lower),
  };
}
