/**
 * model.d2-norm-growth — THEORY.md §3 D2; rebuttal l. 21 ("Lemma 5 does not require w_0 = 0").
 * One GD step from any w_t: ‖e + w_{t+1}‖² = ‖e + w_t‖² + η_w²‖∇_w L‖² (the norm never shrinks),
 * on the float64 step to a measured rounding tolerance.
 * Formalization and measured tolerances: src/claims/model.d2-norm-growth.ts.
 */
import { describe } from 'vitest';
import { itReachesRegistryVerdict } from './claim-harness.ts';

describe('model.d2-norm-growth', () => {
  itReachesRegistryVerdict('model.d2-norm-growth');
});
