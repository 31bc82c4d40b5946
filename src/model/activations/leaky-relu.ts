/**
 * Leaky ReLU with slope λ ∈ [0, 1] on the negative side:
 *
 *   σ(s) = max(s, λs) = s for s > 0, λs for s ≤ 0;   σ'(s) = 1 for s > 0, λ for s ≤ 0.
 *
 * λ = 0 is ReLU with the sample model's convention σ'(0) = 0 (../sample-model.ts); λ = 1 is the
 * identity. Its population loss has a closed form: ../leaky-relu-population-loss.ts.
 *
 * ## Special cases
 * - λ outside [0, 1] or not finite: RangeError naming λ (max(s, λs) is not leaky ReLU there).
 */
import type { Activation } from './activation.ts';

/** Throws a RangeError unless 0 ≤ λ ≤ 1. */
export function assertLeakySlope(lambda: number): void {
  if (!(lambda >= 0 && lambda <= 1)) throw new RangeError(`leaky ReLU slope λ must be in [0, 1] (got ${lambda})`);
}

export function leakyRelu(lambda: number): Activation {
  assertLeakySlope(lambda);
  return {
    name: `leaky-relu(${lambda})`,
    value: (s) => (s > 0 ? s : lambda * s),
    derivative: (s) => (s > 0 ? 1 : lambda),
  };
}
