/**
 * Teacher and student of the deep residual model (./deep-residual.ts):
 *
 * - planted teacher (rebuttal l. 8–9: "the weights in well-trained deep ResNet have small
 *   magnitudes"): w* = s·ξ/√p with ξ ~ N(0, I_p) (THEORY.md §7's P1 teacher), a* ~ N(0, I_k),
 *   V*_l with N(0, 2/p) entries (He et al. 2015) and small U*_l with N(0, τ²/(m·L)) entries, so each
 *   branch moves x by about τ‖x‖/√L and the whole stack by about τ‖x‖;
 * - student "with every residual block at 0" (l. 13–14: w initialized at 0): w_0 = 0,
 *   a_0 ~ N(0, I/k) (the O(1/√k) initialization of l. 15–16), U_l = 0 — each block starts as the
 *   identity — and V_l with N(0, 2/p) entries (U_l = V_l = 0 would be a stationary point that
 *   gradient descent never leaves; zeroing the branch's last layer is the zero-γ initialization of
 *   Goyal et al. 2017, the paper the rebuttal cites for warm-up, l. 18).
 */
import type { Rng } from '../random/rng.ts';
import type { DeepResidualLayout } from './deep-residual.ts';

export interface PlantedTeacherScales {
  /** s of w* = s·ξ/√p. */
  readonly wScale: number;
  /** τ: the size of the whole residual stack's perturbation of the identity. */
  readonly branchScale: number;
}

function fillScaled(rng: Rng, theta: Float64Array, offset: number, count: number, sd: number): void {
  for (let x = offset; x < offset + count; x++) theta[x] = sd * rng.normal();
}

/** θ* of the planted teacher (module comment). */
export function plantedDeepTeacher(rng: Rng, layout: DeepResidualLayout, scales: PlantedTeacherScales): Float64Array {
  const { p, k, width: m, depth: L } = layout;
  const theta = new Float64Array(layout.size);
  fillScaled(rng, theta, layout.w, p, scales.wScale / Math.sqrt(p));
  fillScaled(rng, theta, layout.a, k, 1);
  for (const block of layout.blocks) {
    fillScaled(rng, theta, block.u, p * m, scales.branchScale / Math.sqrt(m * L));
    fillScaled(rng, theta, block.v, m * p, Math.sqrt(2 / p));
  }
  return theta;
}

/** θ_0 of the student: w_0 = 0, a_0 ~ N(0, I/k), U_l = 0, V_l ~ N(0, 2/p) entries. */
export function zeroBlockStudent(rng: Rng, layout: DeepResidualLayout): Float64Array {
  const { p, k, width: m } = layout;
  const theta = new Float64Array(layout.size);
  fillScaled(rng, theta, layout.a, k, 1 / Math.sqrt(k));
  for (const block of layout.blocks) fillScaled(rng, theta, block.v, m * p, Math.sqrt(2 / p));
  return theta;
}
