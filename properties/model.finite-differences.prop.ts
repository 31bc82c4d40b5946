/**
 * model.finite-differences — THEORY.md §2 ("checked by Monte Carlo and 60-digit finite differences").
 * ∇_w L and ∇_a L agree with 60-digit central differences of L (the reference's formulas), to a
 * measured tolerance plus the differences' rounding.
 * Formalization and measured tolerances: src/claims/model.finite-differences.ts.
 */
import { describe, expect, it } from 'vitest';
import { blockMargin, finiteDifferences } from '../src/claims/model.finite-differences.ts';
import { SPECIAL_POINTS } from '../src/claims/model.point.ts';
import { itReachesRegistryVerdict } from './claim-harness.ts';

describe('model.finite-differences', () => {
  itReachesRegistryVerdict('model.finite-differences');

  it('should flag a gradient off by 1e-20 relative (a formula error far below float64 resolution)', () => {
    const point = SPECIAL_POINTS.find((s) => s.name === 'k = 1')?.point;
    if (point === undefined) throw new Error('no special point "k = 1"');
    const fd = finiteDifferences(point);
    for (const block of [fd.w, fd.a]) {
      expect(blockMargin(block)).toBeGreaterThanOrEqual(0);
      const planted = { ...block, gradient: block.gradient.map((g) => g.times('1.00000000000000000001')) };
      expect(blockMargin(planted)).toBeLessThan(0);
    }
  });
});
