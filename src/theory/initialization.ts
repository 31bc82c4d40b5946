/**
 * Initializations of THEORY.md §5 and the P1 teacher of §7:
 *
 * - ball: w_0 = 0, a_0 uniform in B(0, |1ᵀa*|/√k) (radius as in Du et al. 2018; the paper's exact
 *   radius is not available to us): a_0 = r·U^{1/k}·ξ/‖ξ‖, ξ ~ N(0, I_k), U ~ U(0, 1).
 * - O(1/√k) (rebuttal l. 15–16): a_0 ~ N(0, I/k).
 * - CNN baseline: w_0 = u − e with u uniform on the unit sphere S^{p−1}.
 * - P1 teacher: a* ~ N(0, I_k), w* = s·ξ/√p with ξ ~ N(0, I_p).
 */
import type { Rng } from '../random/rng.ts';
import { shortcutComponent } from '../model/teacher.ts';

/** |1ᵀa*|/√k: the radius of the initialization ball. */
export function ballRadius(aStarSum: number, k: number): number {
  return Math.abs(aStarSum) / Math.sqrt(k);
}

/** A unit vector uniform on S^{n−1}. */
export function uniformOnSphere(rng: Rng, n: number): Float64Array {
  const x = new Float64Array(n);
  let sq = 0;
  do {
    rng.fillNormal(x);
    sq = 0;
    for (let i = 0; i < n; i++) sq += x[i] * x[i];
  } while (sq === 0);
  const inv = 1 / Math.sqrt(sq);
  for (let i = 0; i < n; i++) x[i] *= inv;
  return x;
}

/** A point uniform in the ball B(0, radius) ⊂ R^k. */
export function uniformInBall(rng: Rng, k: number, radius: number): Float64Array {
  const x = uniformOnSphere(rng, k);
  const rho = radius * Math.pow(rng.uniform(), 1 / k);
  for (let i = 0; i < k; i++) x[i] *= rho;
  return x;
}

/** a_0 ~ N(0, I/k). */
export function gaussianScaledInit(rng: Rng, k: number): Float64Array {
  const x = rng.fillNormal(new Float64Array(k));
  const scale = 1 / Math.sqrt(k);
  for (let i = 0; i < k; i++) x[i] *= scale;
  return x;
}

/** The CNN baseline's w_0 = u − e, u uniform on the unit sphere. */
export function cnnInitW(rng: Rng, p: number): Float64Array {
  const u = uniformOnSphere(rng, p);
  const e = shortcutComponent(p);
  for (let i = 0; i < p; i++) u[i] -= e;
  return u;
}

/** The P1 teacher: a* ~ N(0, I_k), w* = s·ξ/√p. */
export function protocolTeacher(rng: Rng, p: number, k: number, s: number): { wStar: Float64Array; aStar: Float64Array } {
  const aStar = rng.fillNormal(new Float64Array(k));
  const wStar = rng.fillNormal(new Float64Array(p));
  const scale = s / Math.sqrt(p);
  for (let i = 0; i < p; i++) wStar[i] *= scale;
  return { wStar, aStar };
}
