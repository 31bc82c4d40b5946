/**
 * Two success proportions measured on the same units (paired trials: one teacher and one start,
 * two treatments). The 2×2 table counts pairs by (first succeeds, second succeeds):
 *
 *                     second ✓     second ✗
 *       first ✓       both         firstOnly
 *       first ✗       secondOnly   neither
 *
 * with N pairs, p_1 = (both + firstOnly)/N, p_2 = (both + secondOnly)/N and the difference
 * δ = p_1 − p_2 = (firstOnly − secondOnly)/N.
 *
 * - {@link pairedDifferenceInterval}: Newcombe's square-and-add interval for δ (Newcombe 1998,
 *   method 10; Fagerland, Lydersen & Laake 2017 §8.5): with Wilson intervals (l_i, u_i) of p_i and
 *   the continuity-corrected correlation ψ (A = both·neither − firstOnly·secondOnly;
 *   ψ = (A − N/2)/√(n_1+ n_2+ n_+1 n_+2) if A > N/2, 0 if 0 ≤ A ≤ N/2, A/√(…) if A < 0),
 *     L = δ − √((p_1 − l_1)² + (u_2 − p_2)² − 2ψ(p_1 − l_1)(u_2 − p_2)),
 *     U = δ + √((p_2 − l_2)² + (u_1 − p_1)² − 2ψ(p_2 − l_2)(u_1 − p_1)).
 * - {@link mcnemarExactOneSided}: McNemar's exact conditional test of H0 δ = 0 against δ < 0:
 *   given D = firstOnly + secondOnly discordant pairs, firstOnly ~ Bin(D, ½) under H0, and the
 *   p-value is P(Bin(D, ½) ≤ firstOnly).
 */
import { checkCount, wilsonInterval, type Interval } from './wilson.ts';

export interface PairedTable {
  readonly both: number;
  readonly firstOnly: number;
  readonly secondOnly: number;
  readonly neither: number;
}

/** The table of two equally long success vectors (index i is pair i). */
export function pairedTable(first: readonly boolean[], second: readonly boolean[]): PairedTable {
  if (first.length !== second.length) {
    throw new RangeError(`paired samples must have the same length (got ${first.length} and ${second.length})`);
  }
  let both = 0;
  let firstOnly = 0;
  let secondOnly = 0;
  let neither = 0;
  for (let i = 0; i < first.length; i++) {
    if (first[i]) {
      if (second[i]) both++;
      else firstOnly++;
    } else if (second[i]) secondOnly++;
    else neither++;
  }
  return { both, firstOnly, secondOnly, neither };
}

function pairCount(t: PairedTable): number {
  return t.both + t.firstOnly + t.secondOnly + t.neither;
}

/** Newcombe's square-and-add interval for δ = p_1 − p_2 at the given two-sided level. */
export function pairedDifferenceInterval(t: PairedTable, level = 0.95): Interval {
  const n = pairCount(t);
  const x1 = t.both + t.firstOnly;
  const x2 = t.both + t.secondOnly;
  checkCount('pairedDifferenceInterval (first)', x1, n);
  checkCount('pairedDifferenceInterval (second)', x2, n);
  const p1 = x1 / n;
  const p2 = x2 / n;
  const w1 = wilsonInterval(x1, n, level);
  const w2 = wilsonInterval(x2, n, level);
  const margins = x1 * (n - x1) * x2 * (n - x2);
  let psi = 0;
  if (margins > 0) {
    const a = t.both * t.neither - t.firstOnly * t.secondOnly;
    if (a > n / 2) psi = (a - n / 2) / Math.sqrt(margins);
    else if (a < 0) psi = a / Math.sqrt(margins);
  }
  const d1 = p1 - w1.lower;
  const e1 = w1.upper - p1;
  const d2 = p2 - w2.lower;
  const e2 = w2.upper - p2;
  const delta = p1 - p2;
  return {
    estimate: delta,
    lower: delta - Math.sqrt(Math.max(0, d1 * d1 + e2 * e2 - 2 * psi * d1 * e2)),
    upper: delta + Math.sqrt(Math.max(0, d2 * d2 + e1 * e1 - 2 * psi * d2 * e1)),
  };
}

/** P(Bin(D, ½) ≤ firstOnly), D = firstOnly + secondOnly: the exact one-sided p-value for δ < 0. */
export function mcnemarExactOneSided(t: PairedTable): number {
  const d = t.firstOnly + t.secondOnly;
  // Σ_{j ≤ firstOnly} C(D, j) 2^{−D}, with log C(D, j) accumulated term by term.
  let logC = 0;
  let sum = 0;
  const logHalfPower = -d * Math.LN2;
  for (let j = 0; j <= t.firstOnly; j++) {
    if (j > 0) logC += Math.log((d - j + 1) / j);
    sum += Math.exp(logC + logHalfPower);
  }
  return Math.min(1, sum);
}

/** A paired comparison: both rates with Wilson 95% intervals, δ with its interval, McNemar p. */
export interface PairedComparison {
  readonly table: PairedTable;
  readonly first: Interval;
  readonly second: Interval;
  /** δ = p_1 − p_2 with Newcombe's interval at the comparison's level. */
  readonly difference: Interval;
  readonly level: number;
  /** McNemar's exact one-sided p-value for p_1 < p_2. */
  readonly pFirstLower: number;
}

export function comparePaired(first: readonly boolean[], second: readonly boolean[], level: number): PairedComparison {
  const table = pairedTable(first, second);
  const n = pairCount(table);
  return {
    table,
    first: wilsonInterval(table.both + table.firstOnly, n),
    second: wilsonInterval(table.both + table.secondOnly, n),
    difference: pairedDifferenceInterval(table, level),
    level,
    pFirstLower: mcnemarExactOneSided(table),
  };
}
