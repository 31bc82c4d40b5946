/**
 * model.d5-stationary-points — THEORY.md §3 D5, D9 (behind rebuttal l. 22–31, 46–47).
 * At the spurious point both gradients vanish and L = L_sp; it is a local minimum iff
 * (1ᵀa*)² < ((π−1+k)/π)‖a*‖² (checked on both sides); the Hessian spectra at the spurious point and
 * at the global optimum (D9).
 * Formalization and measured tolerances: src/claims/model.d5-stationary-points.ts.
 */
import { describe, expect, it } from 'vitest';
import {
  conditionHolds,
  localMinimumTests,
  type SpuriousHypothesis,
} from '../src/claims/model.d5-stationary-points.ts';
import { itReachesRegistryVerdict } from './claim-harness.ts';

/** p = k = 3; a* = (1, −1, 0.5): (1ᵀa*)² = 0.25 < 1.64·2.25, a local minimum; a* = (1, 1, 1): 9 > 1.64·3, not. */
function hypothesis(aStar: number[]): SpuriousHypothesis {
  return {
    p: 3,
    k: 3,
    wStar: [0.3, -0.2, 0.1],
    aStar,
    side: 'minimum',
    c: 1.5,
    wDirection: [0.2, 0.7, -0.4],
    aDirection: [0.5, -0.3, 0.8],
    size: 0.1,
    tau: 0.5,
  };
}

describe('model.d5-stationary-points', () => {
  itReachesRegistryVerdict('model.d5-stationary-points');

  it('should tell the two sides of the condition apart (each test fails on the other side)', () => {
    const minimum = hypothesis([1, -1, 0.5]);
    const notMinimum = hypothesis([1, 1, 1]);
    expect(conditionHolds(minimum)).toBe(true);
    expect(conditionHolds(notMinimum)).toBe(false);
    const atMinimum = localMinimumTests(minimum);
    const atNotMinimum = localMinimumTests(notMinimum);
    // Where the condition holds L does not decrease; where it fails the rotation decreases L, so
    // the "L ≥ L_sp" test fails there.
    expect(atMinimum.increase).toBeGreaterThanOrEqual(0);
    expect(atMinimum.decrease).toBeLessThan(0);
    expect(atNotMinimum.decrease).toBeGreaterThanOrEqual(0);
    expect(atNotMinimum.increase).toBeLessThan(0);
  });
});
