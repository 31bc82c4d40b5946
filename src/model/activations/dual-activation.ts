/**
 * The dual activation of σ (Daniely, Frostig and Singer 2016): for X, Y standard normal with
 * correlation ρ = cos φ,
 *
 *   κ(ρ) = E[σ(X) σ(Y)],        κ'(ρ) = E[σ'(X) σ'(Y)]       (Gaussian integration by parts),
 *
 * and the moments μ = E σ(X), s₂ = E σ(X)² = κ(1), V = s₂ − μ² (the variance of σ(X)).
 * With Z_j ~ N(0, I_p) independent, X_j = Z_jᵀv and Y_j = Z_jᵀv* are such pairs, independent over
 * patches, so the population loss of the two-layer model with activation σ depends on σ only
 * through (μ², V, κ, κ') (./dual-population-loss.ts).
 *
 * Numerics: near ρ = 1 the loss needs the gap γ(φ) = s₂ − κ(cos φ) ≥ 0 (Cauchy–Schwarz), which
 * vanishes at φ = 0 like φ²; it is provided directly, never as s₂ − κ, and so is the slope κ'.
 * Both take φ and π − φ, each to full relative precision (as ../population-loss.ts's state has
 * them).
 *
 * ReLU: μ = 1/√(2π), s₂ = 1/2, κ = g(φ)/2π, γ = h(φ)/2π, κ' = (π − φ)/2π (THEORY.md §2).
 */
export interface DualActivation {
  /** The activation's name (as ./activation.ts's). */
  readonly name: string;
  /** μ = E σ(X). */
  readonly mean: number;
  /** V = E σ(X)² − μ² > 0. */
  readonly variance: number;
  /** γ(φ) = E σ(X)² − κ(cos φ) ≥ 0. */
  gap(phi: number, piMinusPhi: number): number;
  /** κ'(cos φ) = E[σ'(X) σ'(Y)]. */
  slope(phi: number, piMinusPhi: number): number;
  /**
   * κ(cos φ) = E[σ(X) σ(Y)] in a cancellation-free closed form, where one is known. ∇_a L uses it
   * for φ > π/2 (./dual-population-loss.ts): there V(a − a*) + μ²1ᵀ(a − a*) + γ a* cancels when
   * κ(−1) = 0 (ReLU: κ ~ (π − φ)³/6π), and s₂ − γ(φ) would lose κ the same way.
   */
  kernel?(phi: number, piMinusPhi: number): number;
}

/** κ(cos φ): the activation's own form when it has one, else s₂ − γ(φ) with s₂ = V + μ². */
export function dualKernel(dual: DualActivation, phi: number, piMinusPhi: number): number {
  return dual.kernel !== undefined ? dual.kernel(phi, piMinusPhi) : dual.variance + dual.mean * dual.mean - dual.gap(phi, piMinusPhi);
}
