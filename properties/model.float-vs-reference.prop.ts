/**
 * model.float-vs-reference — THEORY.md §2 "Numerics"; the float core's acceptance criterion.
 * Every output (L, φ, ∇_w L, ∇_a L) of the float64 kernel has normwise relative error
 * ≤ max(1e-13, 1e-15/δ) against the 60-digit reference, δ = min(φ, π − φ, ‖e + w‖); at w = w*,
 * a = a* the outputs are exactly 0. Formalization, measured errors and the violation found:
 * src/claims/model.float-vs-reference.ts.
 */
import { describe } from 'vitest';
import { itReachesRegistryVerdict } from './claim-harness.ts';

describe('model.float-vs-reference', () => {
  itReachesRegistryVerdict('model.float-vs-reference');
});
