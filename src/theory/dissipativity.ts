/**
 * Partial dissipativity (THEORY.md §4, our formalization of the paper's Definition 3): for a block x
 * with target x*, ∇_x L is (c, ε)-partially dissipative on S if
 *
 *   ⟨−∇_x L(θ), x* − x⟩ ≥ c ‖x − x*‖² − ε   for all θ ∈ S.
 *
 * The blocks are a (target a*) and the direction v = (e + w)/‖e + w‖ (target v*). Exact answers:
 *
 *   D6  ⟨−∇_a L, a* − a⟩ ≥ ((π−1)/4π) ‖a − a*‖² − h(φ)² ‖a*‖² / (4π(π−1))   everywhere;
 *   v   ⟨−∇_w L, v* − v⟩ = ⟨−∇_w L, v*⟩ = (aᵀa*)(π − φ) sin²φ / (2π‖e + w‖)     (D1 and D3).
 *
 * THEORY.md states the v-block identity (D7) as (aᵀa*)(π − φ)/(4π‖e + w‖)·‖v − v*‖², which is off
 * by the factor 1 + cos φ (claim model.d7-w-identity refutes it); the form above is the one used.
 *
 * A sample's *required ε* at constant c is c‖x − x*‖² − ⟨−∇_x L, x* − x⟩; the best ε on a set is
 * its supremum, and the largest c at ε = 0 is the infimum of ⟨−∇_x L, x* − x⟩/‖x − x*‖².
 */
import { lossAndGradient, newLossState } from '../model/population-loss.ts';
import type { Teacher } from '../model/teacher.ts';

/** D6's constant c_a = (π − 1)/4π. */
export const A_BLOCK_C = (Math.PI - 1) / (4 * Math.PI);

/** D6's ε at angle φ: h(φ)²‖a*‖²/(4π(π−1)). */
export function aBlockEpsilon(h: number, aStarNormSq: number): number {
  return (h * h * aStarNormSq) / (4 * Math.PI * (Math.PI - 1));
}

/** The PD quantities of both blocks at one point θ = (w, a). */
export interface PdSample {
  /** ⟨−∇_a L, a* − a⟩. */
  readonly aInner: number;
  /** ‖a − a*‖². */
  readonly aDistSq: number;
  /** ⟨−∇_w L, v* − v⟩. */
  readonly vInner: number;
  /** ‖v − v*‖². */
  readonly vDistSq: number;
  readonly phi: number;
  readonly h: number;
  readonly aDotAStar: number;
  readonly normU: number;
}

/** Evaluates both blocks' inner products and distances at (w, a). */
export function pdSample(t: Teacher, w: Float64Array, a: Float64Array): PdSample {
  const gradW = new Float64Array(t.p);
  const gradA = new Float64Array(t.k);
  const state = newLossState();
  lossAndGradient(t, w, a, gradW, gradA, state);
  let aInner = 0;
  let aDistSq = 0;
  for (let j = 0; j < t.k; j++) {
    const d = t.aStar[j] - a[j];
    aInner -= gradA[j] * d;
    aDistSq += d * d;
  }
  let vInner = 0;
  let vDistSq = 0;
  for (let i = 0; i < t.p; i++) {
    const d = t.vStar[i] - (t.e + w[i]) / state.normU;
    vInner -= gradW[i] * d;
    vDistSq += d * d;
  }
  return {
    aInner,
    aDistSq,
    vInner,
    vDistSq,
    phi: state.phi,
    h: state.h,
    aDotAStar: state.aDotAStar,
    normU: state.normU,
  };
}

/** The ε a sample requires at constant c: c·dist² − inner. */
export function requiredEpsilon(c: number, inner: number, distSq: number): number {
  return c * distSq - inner;
}

/** ⟨−∇_w L, v* − v⟩ = (aᵀa*)(π − φ) sin²φ/(2π‖e + w‖) (D1 with D3). */
export function vBlockInner(aDotAStar: number, phi: number, normU: number): number {
  const s = Math.sin(phi);
  return (aDotAStar * (Math.PI - phi) * s * s) / (2 * Math.PI * normU);
}
