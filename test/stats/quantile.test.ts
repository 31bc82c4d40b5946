/**
 * Example tests of the type-7 sample quantile (src/stats/quantile.ts) against R's
 * quantile(x, probs) defaults: quantile(1:10, c(0, 0.5, 0.9, 1)) = 1, 5.5, 9.1, 10.
 */
import { describe, expect, it } from 'vitest';
import { quantileOfSorted, quantiles } from '../../src/stats/quantile.ts';

describe('quantiles', () => {
  it("should match R's type-7 quantiles of 1:10", () => {
    const [q0, q50, q90, q100] = quantiles([10, 3, 1, 2, 4, 5, 6, 7, 8, 9], [0, 0.5, 0.9, 1]);
    expect(q0).toBe(1);
    expect(q50).toBe(5.5);
    expect(q90).toBeCloseTo(9.1, 14);
    expect(q100).toBe(10);
  });

  it('should return the single value of a one-point sample', () => {
    expect(quantileOfSorted([4], 0.3)).toBe(4);
  });

  it('should reject an empty sample, NaN values and levels outside [0, 1]', () => {
    expect(() => quantiles([], [0.5])).toThrow('quantile of an empty sample (got length 0)');
    expect(() => quantiles([1, NaN], [0.5])).toThrow('sample[1] is NaN');
    expect(() => quantileOfSorted([1, 2], 1.5)).toThrow('quantile level must be in [0, 1] (got 1.5)');
  });
});
