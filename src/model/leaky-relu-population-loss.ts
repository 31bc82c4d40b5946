/**
 * The closed-form population loss of the two-layer model with leaky ReLU σ(s) = max(s, λs),
 * λ ∈ [0, 1] (./activations/leaky-relu.ts), and its gradients: the dual activation of σ in closed
 * form, plugged into ./activations/dual-population-loss.ts.
 *
 * Derivation, from the ReLU kernel (THEORY.md §2) with r = ReLU, σ(x) = r(x) − λ r(−x), X, Y
 * standard normal at angle φ (correlation cos φ); (X, −Y) are at angle π − φ, and
 * E[r(X) r(Y)] = g(φ)/2π with g(φ) = (π − φ) cos φ + sin φ, so E[r(X) r(−Y)] = g(π − φ)/2π =
 * q(φ)/2π with q(φ) = sin φ − φ cos φ (./angle-functions.ts):
 *
 *   κ(cos φ) = E[σ(X)σ(Y)] = [(1 + λ²) g(φ) − 2λ q(φ)] / 2π,
 *   μ = E σ = (1 − λ)/√(2π),   s₂ = E σ² = (1 + λ²)/2,   V = s₂ − μ² = (1 + λ²)/2 − (1 − λ)²/2π,
 *   γ(φ) = s₂ − κ = [(1 + λ²) h(φ) + 2λ q(φ)] / 2π               (h = π − g; both terms ≥ 0),
 *   κ'(cos φ) = E[σ'(X)σ'(Y)] = [(1 + λ²)(π − φ) + 2λ φ] / 2π     (P(X > 0, Y < 0) = φ/2π).
 *
 * Checks: λ = 0 gives ReLU (γ = h/2π, κ' = (π − φ)/2π); λ = 1 gives σ(x) = x, κ = cos φ, γ = 1 − cos φ,
 * κ' = 1. The high-precision twin (../reference/leaky-relu.ts) derives κ independently from
 * σ(x) = ((1 + λ)/2) x + ((1 − λ)/2)|x| and E|X||Y| = (2/π)(sin φ + cos φ·(π/2 − φ)); the Monte-Carlo
 * check is test/model/activations/leaky-relu-population-loss.test.ts.
 *
 * γ and κ' are sums of non-negative terms evaluated from φ and π − φ without cancellation, and κ
 * (used by ∇_a L for φ > π/2) is formed from g(φ) = q(π − φ) and q(φ), so the loss and gradients
 * inherit the error model of ./population-loss.ts.
 */
import { gFromComplement, hOfPhi, sinMinusXCos } from './angle-functions.ts';
import { assertLeakySlope } from './activations/leaky-relu.ts';
import type { DualActivation } from './activations/dual-activation.ts';
import { dualLossAndGradient } from './activations/dual-population-loss.ts';
import type { LossState } from './population-loss.ts';
import type { Teacher } from './teacher.ts';

const TWO_PI = 2 * Math.PI;

/** The dual activation of leaky ReLU with slope λ ∈ [0, 1], in closed form (module comment). */
export function leakyReluDual(lambda: number): DualActivation {
  assertLeakySlope(lambda);
  const even = 1 + lambda * lambda;
  const odd = 2 * lambda;
  const oneMinus = 1 - lambda;
  return {
    name: `leaky-relu(${lambda})`,
    mean: oneMinus / Math.sqrt(TWO_PI),
    variance: even / 2 - (oneMinus * oneMinus) / TWO_PI,
    gap: (phi) => (even * hOfPhi(phi) + odd * sinMinusXCos(phi)) / TWO_PI,
    slope: (phi, piMinusPhi) => (even * piMinusPhi + odd * phi) / TWO_PI,
    kernel: (phi, piMinusPhi) => (even * gFromComplement(piMinusPhi) - odd * sinMinusXCos(phi)) / TWO_PI,
  };
}

/**
 * Writes ∇_w L and ∇_a L of the leaky-ReLU model into `gradW`, `gradA`, fills `state` (`h` is the
 * gap γ(φ)) and returns L(w, a). Throws a RangeError on λ ∉ [0, 1], wrong lengths or e + w = 0.
 */
export function leakyReluLossAndGradient(
  lambda: number,
  t: Teacher,
  w: Float64Array,
  a: Float64Array,
  gradW: Float64Array,
  gradA: Float64Array,
  state: LossState,
): number {
  return dualLossAndGradient(leakyReluDual(lambda), t, w, a, gradW, gradA, state);
}
