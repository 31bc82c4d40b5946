/**
 * The shortcut prior's check shared by the tests of thm.main, rebuttal.basin-R1 and basin-R2: their
 * hypotheses draw teachers with φ_0 = ∠(e, e + w*) up to φ̄ = π/2 − 1e-9, never π/2. Plain dot
 * products, independent of src/.
 */
import fc from 'fast-check';
import { expect } from 'vitest';
import { angle } from '../independent/vectors.ts';

/**
 * Samples `numRuns` hypotheses at `seed` (chosen so that fast-check's bias draws φ_0 at the range's
 * upper end) and requires max φ_0 (over p > 1) in (π/2 − 2e-9, π/2).
 */
export function expectShortcutPriorReachesItsBound(arb: fc.Arbitrary<{ readonly p: number; readonly wStar: readonly number[] }>, seed: number, numRuns: number): void {
  const phis = fc
    .sample(arb, { seed, numRuns })
    .filter((s) => s.p > 1)
    .map((s) => {
      const e = 1 / Math.sqrt(s.p);
      return angle(
        new Array<number>(s.p).fill(e),
        s.wStar.map((x) => x + e),
      );
    });
  expect(Math.max(...phis)).toBeLessThan(Math.PI / 2);
  expect(Math.max(...phis)).toBeGreaterThan(Math.PI / 2 - 2e-9);
}
