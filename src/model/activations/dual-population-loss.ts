/**
 * The closed-form population loss of the two-layer model (THEORY.md §1) with any activation σ,
 * through its dual activation (./dual-activation.ts: μ = E σ, V = Var σ, the gap γ(φ) = E σ² −
 * κ(cos φ) and the slope κ'(cos φ)). With X_j = Z_jᵀv, Y_j = Z_jᵀv* (standard normal, correlation
 * cos φ, independent over patches),
 *
 *   E f² = μ²(1ᵀa)² + V‖a‖²,   E f y = μ²(1ᵀa)(1ᵀa*) + (κ − μ²) aᵀa*, so
 *
 *   L(w, a) = ½ [ V ‖a − a*‖² + μ² (1ᵀ(a − a*))² ] + γ(φ) aᵀa*,
 *   ∇_a L   = V (a − a*) + μ² 1·1ᵀ(a − a*) + γ(φ) a*
 *           = V a + μ² 1·(1ᵀ(a − a*)) + μ² a* − κ a*  (the form used for φ > π/2 when κ is known),
 *   ∇_w L   = −(aᵀa*) κ'(cos φ) (v* − cos φ · v) / ‖e + w‖          (∇_w cos φ = (v* − cos φ·v)/‖e + w‖).
 *
 * For ReLU (V = (π−1)/2π, μ² = 1/2π, γ = h/2π, κ' = (π−φ)/2π) these are THEORY.md §2. Hence
 * ∇_w L_σ = (2π κ'_σ / (π − φ)) · ∇_w L_ReLU, which is how ∇_w L is computed here: the direction
 * v* − cos φ·v, the angle and ‖e + w‖ come from ../population-loss.ts's cancellation-free kernel
 * (at φ = π exactly both sides are 0). 1ᵀ(a − a*) is Sum2-compensated (../compensated-sum.ts).
 *
 * The partial-dissipativity identities (THEORY.md §4; D6 and D7 for ReLU), for every σ:
 *
 *   ⟨−∇_a L, a* − a⟩ = xᵀA_σx + γ a*ᵀx ≥ (V/2)‖x‖² − γ(φ)²‖a*‖²/(2V),   x = a − a*, A_σ = V I + μ² 11ᵀ;
 *   ⟨−∇_w L, v* − v⟩ = (aᵀa*) κ'(cos φ) sin²φ / ‖e + w‖ = (aᵀa*) κ'(cos φ)(1 + cos φ)/(2‖e + w‖) · ‖v − v*‖².
 *
 * ## Special cases
 * - e + w = 0: RangeError (from ../population-loss.ts). At (w*, a*) the loss and gradients are 0.
 */
import { sumOfDifferences2 } from '../compensated-sum.ts';
import { lossAndGradient, newLossState, type LossState } from '../population-loss.ts';
import type { Teacher } from '../teacher.ts';
import { dualKernel, type DualActivation } from './dual-activation.ts';

const TWO_PI = 2 * Math.PI;

/**
 * Writes ∇_w L into `gradW` (length p) and ∇_a L into `gradA` (length k) for the activation of
 * `dual`, fills `state` (its `h` is the gap γ(φ), its `loss` L) and returns L(w, a). Allocates
 * nothing. Throws a RangeError on wrong lengths or e + w = 0.
 */
export function dualLossAndGradient(
  dual: DualActivation,
  t: Teacher,
  w: Float64Array,
  a: Float64Array,
  gradW: Float64Array,
  gradA: Float64Array,
  state: LossState,
): number {
  lossAndGradient(t, w, a, gradW, gradA, state);
  const phi = state.phi;
  const piMinusPhi = state.piMinusPhi;
  const ratio = piMinusPhi > 0 ? (TWO_PI * dual.slope(phi, piMinusPhi)) / piMinusPhi : 0;
  for (let i = 0; i < t.p; i++) gradW[i] *= ratio;
  const gap = dual.gap(phi, piMinusPhi);
  const variance = dual.variance;
  const meanSq = dual.mean * dual.mean;
  const aStar = t.aStar;
  const sumDiff = sumOfDifferences2(a, aStar);
  // For φ > π/2, with γ = V + μ² − κ: ∇_a L = V a + μ²(1ᵀ(a − a*) + a*) − κ a*, free of the
  // cancellation of V(a − a*) + γ a* when κ is small (DualActivation.kernel).
  const far = phi > Math.PI / 2 && dual.kernel !== undefined;
  const kappa = far ? dualKernel(dual, phi, piMinusPhi) : 0;
  let sq = 0;
  for (let j = 0; j < t.k; j++) {
    const dj = a[j] - aStar[j];
    sq += dj * dj;
    gradA[j] = far ? variance * a[j] + meanSq * (sumDiff + aStar[j]) - kappa * aStar[j] : variance * dj + meanSq * sumDiff + gap * aStar[j];
  }
  const loss = 0.5 * (variance * sq + meanSq * sumDiff * sumDiff) + gap * state.aDotAStar;
  state.loss = loss;
  state.h = gap;
  return loss;
}

/** The allocating wrapper's result. */
export interface DualEvaluation {
  loss: number;
  phi: number;
  /** γ(φ). */
  gap: number;
  aDotAStar: number;
  normU: number;
  gradW: Float64Array;
  gradA: Float64Array;
}

/** Allocating wrapper around {@link dualLossAndGradient}. */
export function evaluateDual(dual: DualActivation, t: Teacher, w: Float64Array, a: Float64Array): DualEvaluation {
  const gradW = new Float64Array(t.p);
  const gradA = new Float64Array(t.k);
  const state = newLossState();
  dualLossAndGradient(dual, t, w, a, gradW, gradA, state);
  return { loss: state.loss, phi: state.phi, gap: state.h, aDotAStar: state.aDotAStar, normU: state.normU, gradW, gradA };
}
