/**
 * rebuttal.init-scale — rebuttal l. 13–16.
 * "For the second layer a, we use O(1/√k) type initialization": a_0 ~ N(0, I/k) with w_0 = 0
 * converges like the ball initialization — formalized as a paired non-inferiority test of the P1
 * success rates (margin Δ = 0.02, family-wise one-sided 95%) on k = p ∈ {4, 16}, s = 1, β ∈ {1, 10}.
 * Design, power and verdict rule: src/claims/rebuttal.init-scale.ts.
 */
import { describe } from 'vitest';
import { itReachesRegistryVerdict } from './claim-harness.ts';

describe('rebuttal.init-scale', () => {
  itReachesRegistryVerdict('rebuttal.init-scale');
});
