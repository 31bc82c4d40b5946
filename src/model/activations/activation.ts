/**
 * A pointwise activation σ: R → R with its derivative σ', as the two-layer model of THEORY.md §1
 * uses it with σ replaced: f(Z; w, a) = Σ_j a_j σ(Z_jᵀ v), v = (e + w)/‖e + w‖ (rebuttal l. 51–53:
 * "ReLU is one of the most commonly used activation function ... not necessary").
 *
 * `derivative` is the derivative the sample-based model backpropagates; at a kink it is a fixed
 * one-sided choice, stated by the activation (the kinks have probability zero under Gaussian
 * inputs, so the expectation does not depend on it).
 */
export interface Activation {
  /** A short name for reports, e.g. `leaky-relu(0.1)`. */
  readonly name: string;
  /** σ(s). */
  value(s: number): number;
  /** σ'(s) (a one-sided choice at a kink). */
  derivative(s: number): number;
}
