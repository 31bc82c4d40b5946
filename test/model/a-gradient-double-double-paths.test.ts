/**
 * Paths of src/model/a-gradient-double-double.ts that the tests in ./a-gradient-double-double.test.ts
 * do not reach: the exact threshold of {@link aGradientCancels} (its bound, term by term, and the
 * strict "more than"), the power-of-two scaling of the unit directions at a huge ‖e + w‖, and the
 * guard that leaves ∇_a L alone when a refined entry is not finite. Also double-double √ of a
 * negative number (NaN, not 0).
 */
import { describe, expect, it } from 'vitest';
import { normwiseRelativeError } from '../../src/claims/model.float-vs-reference.ts';
import { A_GRADIENT_CANCELLATION, aGradientCancels, aGradientDoubleDouble } from '../../src/model/a-gradient-double-double.ts';
import { sqrt } from '../../src/model/double-double.ts';
import { lossAndGradient, newLossState } from '../../src/model/population-loss.ts';
import { makeTeacher, type Teacher } from '../../src/model/teacher.ts';
import { Rng } from '../../src/random/rng.ts';
import { referenceEvaluateDecimal } from '../../src/reference/population-loss.ts';
import { aFixedPointAt } from '../../src/theory/a-fixed-point-at.ts';
import { atAngle, someOrthogonalUnit } from '../../src/theory/geometry.ts';

/** ‖x − ref‖/‖ref‖ against the 60-digit reference's ∇_a L at the same doubles (taken exactly). */
function gradAError(t: Teacher, w: Float64Array, a: Float64Array, gradA: Float64Array): number {
  const ref = referenceEvaluateDecimal({ p: t.p, k: t.k, w, a, wStar: t.wStar, aStar: t.aStar }, { digits: 60 });
  return normwiseRelativeError(gradA, ref.gradA);
}

describe('aGradientCancels: the threshold, term by term', () => {
  // k = 1, a* = 2, a = 3: 1ᵀ(a − a*) = 1 exactly, and the bound of the terms is
  // (π − 1)(|a| + |a*|) + |1ᵀ(a − a*)| + π|a*| = 5(π − 1) + 1 + 2π = 7π − 4 (each summand matters:
  // dropping or inverting any of them moves the bound by more than the 1e-9 margins below).
  const t = makeTeacher(Float64Array.of(0.25), Float64Array.of(2));
  const a = Float64Array.of(3);
  const bound = (Math.PI - 1) * (3 + 2) + 1 + Math.PI * 2;
  const atThreshold = bound / (A_GRADIENT_CANCELLATION * 2 * Math.PI);

  it('should report a cancellation just above the ratio 4 and none just below', () => {
    expect(bound).toBeCloseTo(7 * Math.PI - 4, 12);
    expect(aGradientCancels(t, a, Float64Array.of(atThreshold * (1 - 1e-9)))).toBe(true);
    expect(aGradientCancels(t, a, Float64Array.of(-atThreshold * (1 - 1e-9)))).toBe(true);
    expect(aGradientCancels(t, a, Float64Array.of(atThreshold * (1 + 1e-9)))).toBe(false);
    expect(aGradientCancels(t, a, Float64Array.of(-atThreshold * (1 + 1e-9)))).toBe(false);
  });

  it('should not report a cancellation at a ratio of exactly 4 ("more than" 4)', () => {
    // fl(bound/8π) happens to give fl(8π·|∇_a L|) = bound exactly (checked here, not assumed).
    const g = atThreshold;
    expect(A_GRADIENT_CANCELLATION * 2 * Math.PI * Math.sqrt(g * g)).toBe(Math.sqrt(bound * bound));
    expect(aGradientCancels(t, a, Float64Array.of(g))).toBe(false);
  });

  it('should sum the bound normwise over the entries (k = 2)', () => {
    // a* = (2, −1), a = (3, −1): 1ᵀ(a − a*) = 1; bounds 7π − 4 and (π − 1)·2 + 1 + π = 3π − 1.
    const t2 = makeTeacher(Float64Array.of(0.25), Float64Array.of(2, -1));
    const a2 = Float64Array.of(3, -1);
    const terms = Math.hypot(7 * Math.PI - 4, 3 * Math.PI - 1);
    const g = terms / (A_GRADIENT_CANCELLATION * 2 * Math.PI);
    // The same threshold split over two entries of ∇_a L (3:4).
    expect(aGradientCancels(t2, a2, Float64Array.of(0.6 * g * (1 - 1e-9), 0.8 * g * (1 - 1e-9)))).toBe(true);
    expect(aGradientCancels(t2, a2, Float64Array.of(0.6 * g * (1 + 1e-9), 0.8 * g * (1 + 1e-9)))).toBe(false);
  });
});

describe('aGradientDoubleDouble: scaling and the non-finite guard', () => {
  /**
   * A huge ‖e + w‖ (1e250): the unit directions are formed after an exact scaling by 2^(−exponent)
   * in two halves; without it (or with a wrong power) the squares overflow or underflow, the
   * refined entries are NaN and the kernel's value stays, which at this 1e-9 cancellation is far
   * off. Measured: kernel 2.1e-7 normwise relative error, refined 5.3e-17 (correctly rounded);
   * tolerance one rounding, 2^-53.
   */
  it('should refine ∇_a L at ‖e + w‖ = 1e250 as at ‖e + w‖ = 1', () => {
    const rng = new Rng(17);
    const p = 6;
    const k = 2;
    const t = makeTeacher(
      Float64Array.from(rng.fillNormal(new Float64Array(p)), (x) => x / Math.sqrt(p)),
      rng.fillNormal(new Float64Array(k)),
    );
    const u = atAngle(t.vStar, someOrthogonalUnit(rng.fillNormal(new Float64Array(p)), t.vStar), 1.3, 1e250);
    const w = Float64Array.from(u, (x) => x - t.e);
    const aStarNorm = Math.sqrt(t.aStarNormSq);
    const a = Float64Array.from(aFixedPointAt(t, w), (x, j) => x + (j === 0 ? 1e-9 : -1e-9) * aStarNorm);
    const gradA = new Float64Array(k);
    lossAndGradient(t, w, a, new Float64Array(p), gradA, newLossState());
    expect(gradAError(t, w, a, gradA)).toBeGreaterThan(1e-10);
    expect(aGradientCancels(t, a, gradA)).toBe(true);
    aGradientDoubleDouble(t, w, a, gradA);
    expect(gradAError(t, w, a, gradA)).toBeLessThanOrEqual(2 ** -53);
  });

  it('should leave ∇_a L unchanged when some refined entry is not finite (|a_j| ≈ 1e305)', () => {
    // Splitting a_j − a*_j ≈ ±1e305 overflows: entries 0 and 1 refine to NaN, entry 2 (a_2 − a*_2
    // and 1ᵀ(a − a*) both small) to a finite number. None may be written.
    const t = makeTeacher(Float64Array.of(0.1, -0.2, 0.3), Float64Array.of(0.1, 0.2, 0.3));
    const w = Float64Array.of(0.4, 0.1, -0.3);
    const a = Float64Array.of(1e305, -1e305, 0.5);
    const gradA = Float64Array.of(7, 8, 9);
    aGradientDoubleDouble(t, w, a, gradA);
    expect(Array.from(gradA)).toEqual([7, 8, 9]);
    const all = Float64Array.of(1e305, 2e305, 0.5);
    const gradAll = Float64Array.of(7, 8, 9);
    aGradientDoubleDouble(t, w, all, gradAll);
    expect(Array.from(gradAll)).toEqual([7, 8, 9]);
  });
});

describe('double-double √', () => {
  it('should give NaN for a negative argument and 0 for 0', () => {
    expect(sqrt([-1, 0])[0]).toBeNaN();
    expect(sqrt([-1e-300, 0])[0]).toBeNaN();
    expect(sqrt([0, 0])).toEqual([0, 0]);
    expect(sqrt([4, 0])).toEqual([2, 0]);
  });
});
