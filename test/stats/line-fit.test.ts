/**
 * Example tests of the least-squares line (src/stats/line-fit.ts) on Anscombe's first data set
 * (Anscombe 1973): intercept 3.0001 (SE 1.1247), slope 0.5001 (SE 0.1179), 9 residual degrees of
 * freedom, as printed by R's summary(lm(y1 ~ x1, anscombe)); tolerances are half a unit of the
 * last printed digit.
 */
import { describe, expect, it } from 'vitest';
import { fitLine, fitLineKnownVariance } from '../../src/stats/line-fit.ts';
import { expectRelClose } from './expect-close.ts';

const X = [10, 8, 13, 9, 11, 14, 6, 4, 12, 7, 5];
const Y = [8.04, 6.95, 7.58, 8.81, 8.33, 9.96, 7.24, 4.26, 10.84, 4.82, 5.68];

describe('fitLine', () => {
  it("should reproduce R's fit of Anscombe's first data set", () => {
    const f = fitLine(X, Y);
    expect(Math.abs(f.intercept - 3.0001)).toBeLessThan(5e-5);
    expect(Math.abs(f.slope - 0.5001)).toBeLessThan(5e-5);
    expect(Math.abs(f.interceptStandardError - 1.1247)).toBeLessThan(5e-5);
    expect(Math.abs(f.slopeStandardError - 0.1179)).toBeLessThan(5e-5);
    expect(f.dof).toBe(9);
  });

  it('should recover an exact line with zero standard errors', () => {
    const f = fitLine([1, 2, 3, 4], [1, 3, 5, 7]);
    expectRelClose(f.slope, 2, 1e-15);
    expectRelClose(f.intercept, -1, 1e-15);
    expect(f.slopeStandardError).toBeLessThan(1e-15);
  });

  it('should reject too few points, mismatched lengths and constant x', () => {
    expect(() => fitLine([1, 2], [1, 2])).toThrow('a line fit needs at least 3 points (got 2)');
    expect(() => fitLine([1, 2, 3], [1, 2])).toThrow('x and y must have the same length (got 3 and 2)');
    expect(() => fitLine([1, 1, 1], [1, 2, 3])).toThrow('at least two distinct x values');
    expect(() => fitLine([1, 2, NaN], [1, 2, 3])).toThrow('point 2 must be finite');
  });
});

describe('fitLineKnownVariance', () => {
  it('should give the two-point slope with SE √(σ_1² + σ_2²)/|x_2 − x_1|', () => {
    const f = fitLineKnownVariance([2, 6], [1, -1], [0.09, 0.16]);
    expectRelClose(f.slope, -0.5, 1e-15);
    expectRelClose(f.slopeStandardError, 0.5 / 4, 1e-15);
    expect(f.dof).toBe(Infinity);
  });

  it('should weight points by their inverse variances', () => {
    // With equal variances it is the ordinary slope, and its SE is σ/√S_xx.
    const f = fitLineKnownVariance(X, Y, X.map(() => 4));
    expectRelClose(f.slope, fitLine(X, Y).slope, 1e-14);
    expectRelClose(f.slopeStandardError, 2 / Math.sqrt(110), 1e-14);
  });

  it('should reject non-positive variances', () => {
    expect(() => fitLineKnownVariance([1, 2], [1, 2], [1, 0])).toThrow('variances[1] must be finite and > 0 (got 0)');
  });
});
