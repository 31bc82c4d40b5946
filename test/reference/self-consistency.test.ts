/**
 * Self-consistency of the reference across precisions: the 40-digit and 60-digit results agree
 * to 1e-38 relative on arbitrary double inputs (fast-check doubles include −0, subnormals and
 * boundary values; equal w and w*, or a and a*, are mixed in to hit the exact-zero paths), and
 * exact zeros are zero at both precisions.
 */
import type { Decimal } from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { resolveProfile } from '../../src/config/profile.ts';
import { referenceEvaluateDecimal } from '../../src/reference/population-loss.ts';

const profile = resolveProfile();

/**
 * Both roundings are within half an ulp of the truth, so they differ by at most
 * 0.5·10^(1−40) + 0.5·10^(1−60) relative to the smaller: 1e-38 is the tolerance of the brief,
 * ten times that bound.
 */
const TOLERANCE = 1e-38;

function agree(x40: Decimal, x60: Decimal): boolean {
  if (x60.isZero() || x40.isZero()) return x60.isZero() && x40.isZero();
  return x40.minus(x60).abs().div(x60.abs()).toNumber() <= TOLERANCE;
}

const entry = fc.oneof(
  fc.double({ min: -4, max: 4, noNaN: true }),
  fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e150, max: 1e150 }),
);

const inputArb = fc
  .record({ k: fc.integer({ min: 1, max: 6 }), p: fc.integer({ min: 1, max: 6 }), tie: fc.constantFrom('none', 'w', 'a', 'both') })
  .chain(({ k, p, tie }) =>
    fc
      .record({
        w: fc.array(entry, { minLength: p, maxLength: p }),
        wStar: fc.array(entry, { minLength: p, maxLength: p }),
        a: fc.array(entry, { minLength: k, maxLength: k }),
        aStar: fc.array(entry, { minLength: k, maxLength: k }),
      })
      .map((v) => ({
        p,
        k,
        wStar: v.wStar,
        aStar: v.aStar,
        w: tie === 'w' || tie === 'both' ? v.wStar.slice() : v.w,
        a: tie === 'a' || tie === 'both' ? v.aStar.slice() : v.a,
      })),
  );

/** e + w = 0 exactly needs w = −1/√p·1 with 1/√p a double (p = 1 or 4 here). */
function degenerate(w: readonly number[], p: number): boolean {
  const s = p === 1 ? 1 : p === 4 ? 0.5 : NaN;
  return w.every((x) => x === -s);
}

describe('reference self-consistency', () => {
  it('should agree with itself at 40 and 60 digits to 1e-38 relative', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        if (degenerate(input.w, input.p) || degenerate(input.wStar, input.p)) return;
        const r40 = referenceEvaluateDecimal(input, { digits: 40 });
        const r60 = referenceEvaluateDecimal(input, { digits: 60 });
        expect(agree(r40.loss, r60.loss)).toBe(true);
        expect(agree(r40.phi, r60.phi)).toBe(true);
        r40.gradW.forEach((g, i) => expect(agree(g, r60.gradW[i]), `gradW[${i}]`).toBe(true));
        r40.gradA.forEach((g, j) => expect(agree(g, r60.gradA[j]), `gradA[${j}]`).toBe(true));
        if (input.w.every((x, i) => Object.is(x, input.wStar[i])) && input.a.every((x, i) => x === input.aStar[i])) {
          expect(r40.loss.isZero()).toBe(true);
        }
      }),
      { seed: profile.seed, numRuns: 150 * profile.runsScale },
    );
  });
});
