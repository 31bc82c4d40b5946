/**
 * Example tests of Page's test for ordered alternatives (src/search/page-trend-test.ts). Reference
 * values by hand from the m = 3 null distribution (block statistics 14, 13, 13, 11, 11, 10 over the
 * 6 permutations): with n = 3 blocks P(L ≥ 42) = 1/216, P(L ≥ 41) = 7/216 and P(L ≥ 40) = 19/216,
 * which puts Page's (1963) 5% critical value for (m, n) = (3, 3) at 41, as his table gives.
 */
import { describe, expect, it } from 'vitest';
import { pageTrendTest } from '../../src/search/page-trend-test.ts';

const ULP_SLACK = 1e-15;

describe('pageTrendTest', () => {
  it('should give (1/m!)^n for a perfect rise in every block', () => {
    const t = pageTrendTest([
      [1, 2, 3, 4],
      [0.1, 0.2, 5, 9],
    ]);
    expect(t.l).toBe(60);
    expect(t.expected).toBe(50);
    expect(Math.abs(t.pRising - 1 / 576)).toBeLessThan(ULP_SLACK);
    expect(t.pFalling).toBeCloseTo(1, 12);
  });

  it('should reproduce the exact m = 3, n = 3 tail probabilities', () => {
    const rise = [1, 2, 3];
    const swap = [2, 1, 3];
    const far = [3, 1, 2];
    expect(Math.abs(pageTrendTest([rise, rise, rise]).pRising - 1 / 216)).toBeLessThan(ULP_SLACK);
    expect(Math.abs(pageTrendTest([rise, rise, swap]).pRising - 7 / 216)).toBeLessThan(ULP_SLACK);
    expect(Math.abs(pageTrendTest([rise, swap, swap]).pRising - 19 / 216)).toBeLessThan(ULP_SLACK);
    expect(pageTrendTest([rise, rise, far]).l).toBe(39);
  });

  it('should be symmetric: reversing the treatments swaps the two p-values', () => {
    const blocks = [
      [3, 1, 4, 1.5],
      [9, 2, 6, 5],
      [3, 5, 8, 9.7],
    ];
    const t = pageTrendTest(blocks);
    const r = pageTrendTest(blocks.map((b) => [...b].reverse()));
    expect(Math.abs(r.pFalling - t.pRising)).toBeLessThan(ULP_SLACK);
    expect(Math.abs(r.pRising - t.pFalling)).toBeLessThan(ULP_SLACK);
  });

  it('should use midranks for ties', () => {
    expect(pageTrendTest([[1, 1, 2]]).l).toBe(1 * 1.5 + 2 * 1.5 + 3 * 3);
  });

  it('should reject empty designs, ragged blocks, m outside [2, 8] and non-finite values', () => {
    expect(() => pageTrendTest([])).toThrow(/at least 1 block/);
    expect(() => pageTrendTest([[1, 2, 3], [1, 2]])).toThrow(/block 1 must have m = 3/);
    expect(() => pageTrendTest([[1]])).toThrow(/2 ≤ m ≤ 8/);
    expect(() => pageTrendTest([[1, NaN]])).toThrow(/finite/);
  });
});
