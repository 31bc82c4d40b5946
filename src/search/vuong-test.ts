/**
 * Vuong's (1989) test between two non-nested least-squares line models of the same response,
 *
 *   M_1: y_i = b_0 + b_1·x1_i + e_i,     M_2: y_i = c_0 + c_1·x2_i + e_i,     e_i ~ N(0, σ²),
 *
 * both with two coefficients (so no penalty term). With residuals r_ij of the least-squares fits
 * and σ̂_j² = Σ_i r_ij² / n, the pointwise log-likelihoods are ℓ_ij = −½ log(2π σ̂_j²) − r_ij²/(2σ̂_j²),
 * m_i = ℓ_i1 − ℓ_i2, and
 *
 *   z = √n · m̄ / ω̂,   ω̂² = (1/n) Σ (m_i − m̄)²,
 *
 * asymptotically N(0, 1) when the models fit equally well; z > 0 favours M_1. Used by
 * `thm.polynomial-time` to ask whether an exponential model (log steps on k) fits iteration counts
 * better than a polynomial one (log steps on log k).
 *
 * ## Special cases
 * - n ≥ 3 points and at least two distinct values of each regressor are required (RangeError).
 * - ω̂ = 0 (the models' pointwise fits agree exactly): z = 0 and both p-values are 1.
 */
import { fitLine } from '../stats/line-fit.ts';
import { normalCdf, normalSurvival } from '../stats/normal.ts';

export interface VuongTest {
  readonly z: number;
  /** One-sided p-value against "M_1 fits better". */
  readonly pFirstBetter: number;
  /** One-sided p-value against "M_2 fits better". */
  readonly pSecondBetter: number;
  /** Residual sums of squares of both fits. */
  readonly rss1: number;
  readonly rss2: number;
}

function residuals(x: readonly number[], y: readonly number[]): number[] {
  const fit = fitLine(x, y);
  return y.map((yi, i) => yi - fit.intercept - fit.slope * x[i]);
}

function logLikelihoods(r: readonly number[]): { l: number[]; rss: number } {
  const rss = r.reduce((s, ri) => s + ri * ri, 0);
  const variance = Math.max(rss / r.length, Number.MIN_VALUE);
  const c = -0.5 * Math.log(2 * Math.PI * variance);
  return { l: r.map((ri) => c - (ri * ri) / (2 * variance)), rss };
}

/** Vuong's z of M_1 (y on x1) against M_2 (y on x2). */
export function vuongLineModels(x1: readonly number[], x2: readonly number[], y: readonly number[]): VuongTest {
  if (x2.length !== y.length) throw new RangeError(`x2 and y must have the same length (got ${x2.length} and ${y.length})`);
  const first = logLikelihoods(residuals(x1, y));
  const second = logLikelihoods(residuals(x2, y));
  const n = y.length;
  const m = first.l.map((l1, i) => l1 - second.l[i]);
  const mean = m.reduce((s, v) => s + v, 0) / n;
  const omega = Math.sqrt(m.reduce((s, v) => s + (v - mean) ** 2, 0) / n);
  if (!(omega > 0)) return { z: 0, pFirstBetter: 1, pSecondBetter: 1, rss1: first.rss, rss2: second.rss };
  const z = (Math.sqrt(n) * mean) / omega;
  return { z, pFirstBetter: normalSurvival(z), pSecondBetter: normalCdf(z), rss1: first.rss, rss2: second.rss };
}
