/**
 * The exact polynomial terms of src/reference/exact-terms.ts against their definitions
 * (THEORY.md §1–2), evaluated directly with decimal.js at 150 digits from the exact inputs
 * (e = 1_p/√p rounded to 150 digits; the a-part exactly, at 5000 digits): ‖u‖², ‖u*‖², uᵀu*, p·G with G = ‖u‖²‖u*‖² − (uᵀu*)²,
 * p·t_i with t = ‖u‖²u* − (uᵀu*)u, and δ = a − a*, S = 1ᵀδ, Q = ‖δ‖², D = aᵀa* (exactly). Inputs
 * mix magnitudes (2^−60 … 1e10, zeros, subnormal-free) so that entries are aligned to different
 * exponents, and cover square and non-square p.
 */
import type { Decimal } from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { resolveProfile } from '../../src/config/profile.ts';
import { makeReferenceContext } from '../../src/reference/decimal-context.ts';
import { doubleToDecimal } from '../../src/reference/exact-double.ts';
import { toExactInput } from '../../src/reference/exact-input.ts';
import { directionCoefficients, directionComponent, exactTerms } from '../../src/reference/exact-terms.ts';
import { evaluateSurd } from '../../src/reference/quadratic-surd.ts';
import { type Scaled, toDecimal } from '../../src/reference/scaled.ts';

const profile = resolveProfile();
const W = makeReferenceContext(150);
/** Wide enough for exact sums and products of any two doubles (a double spans < 1100 digits, a product of sums of two < 4400). */
const EXACT = makeReferenceContext(5000);

interface Input {
  p: number;
  k: number;
  w: number[];
  wStar: number[];
  a: number[];
  aStar: number[];
}

const dotW = (x: Decimal[], y: Decimal[]): Decimal => x.reduce((acc, t, i) => acc.plus(t.times(y[i])), new W(0));

/** |x − y| ≤ 1e-140 · scale: 150-digit arithmetic on O(1)-conditioned sums of O(scale) terms. */
function expectClose(actual: Decimal, expected: Decimal, scale: Decimal, what: string): void {
  expect(actual.minus(expected).abs().lte(scale.times('1e-140')), `${what}: ${actual.toString()} vs ${expected.toString()}`).toBe(true);
}

function checkTerms(x: Input): void {
  const terms = exactTerms(toExactInput(x));
  const c = (v: number): Decimal => doubleToDecimal(v, W);
  const e = new W(1).div(new W(x.p).sqrt());
  const u = x.w.map((v) => e.plus(c(v)));
  const us = x.wStar.map((v) => e.plus(c(v)));
  const nu = dotW(u, u);
  const nus = dotW(us, us);
  const dot = dotW(u, us);
  const ev = (surd: typeof terms.dot): Decimal => evaluateSurd(surd, terms.field, 150);
  const scale = nu.times(nus).plus(1);
  expect(terms.p).toBe(x.p);
  expect(terms.k).toBe(x.k);
  expectClose(ev(terms.normUSquared), nu, scale, '‖u‖²');
  expectClose(ev(terms.normUStarSquared), nus, scale, '‖u*‖²');
  expectClose(ev(terms.dot), dot, scale, 'uᵀu*');
  expectClose(ev(terms.gramTimesP), nu.times(nus).minus(dot.times(dot)).times(x.p), scale.times(scale).times(x.p), 'p·G');
  const co = directionCoefficients(terms);
  for (let i = 0; i < x.p; i++) {
    const t = nu.times(us[i]).minus(dot.times(u[i])).times(x.p);
    expectClose(ev(directionComponent(terms, co, i)), t, scale.times(x.p), `p·t_${i}`);
  }
  const exact = (s: Scaled): Decimal => toDecimal(s, EXACT);
  const a = x.a.map((v) => doubleToDecimal(v, EXACT));
  const as = x.aStar.map((v) => doubleToDecimal(v, EXACT));
  const d = a.map((t, j) => t.minus(as[j]));
  const dotExact = (y: Decimal[], z: Decimal[]): Decimal => y.reduce((acc, t, i) => acc.plus(t.times(z[i])), new EXACT(0));
  terms.diff.forEach((dj, j) => expect(exact(dj).eq(d[j]), `δ_${j}`).toBe(true));
  expect(exact(terms.sumDiff).eq(d.reduce((acc, t) => acc.plus(t), new EXACT(0))), 'S').toBe(true);
  expect(exact(terms.sumSquaredDiff).eq(dotExact(d, d)), 'Q').toBe(true);
  expect(exact(terms.aDotAStar).eq(dotExact(a, as)), 'D').toBe(true);
}

describe('exactTerms', () => {
  it('should equal the definitions on hand-picked inputs (mixed exponents, zeros, square and non-square p)', () => {
    const cases: Input[] = [
      { p: 3, k: 2, w: [0.1, -(2 ** -60), 1e10], wStar: [0, 3.5, -0.25], a: [1e-5, -3], aStar: [2 ** -40, 7] },
      { p: 4, k: 3, w: [0.5, -0.5, -0.5, -0.5], wStar: [-0.5, 0.5, -0.5, -0.5], a: [1, 0.25, -0.5], aStar: [0.5, 0.75, 2] },
      { p: 1, k: 1, w: [-3], wStar: [0.125], a: [0], aStar: [1.5] },
      { p: 5, k: 2, w: [0, 0, 0, 0, 0], wStar: [1e-3, 2e-3, 0, -1e-3, 5], a: [0, 0], aStar: [0, 0] },
      { p: 2, k: 1, w: [1e300, -1e-300], wStar: [12, 0.3], a: [5e-300], aStar: [-1e300] },
    ];
    for (const x of cases) checkTerms(x);
  });

  it('should equal the definitions on random inputs', () => {
    const entry = fc.oneof(fc.double({ min: -4, max: 4, noNaN: true }), fc.constantFrom(0, 2 ** -70, -1e8, 0.1));
    const arb = fc.record({ k: fc.integer({ min: 1, max: 4 }), p: fc.integer({ min: 1, max: 9 }) }).chain(({ k, p }) =>
      fc.record({
        p: fc.constant(p),
        k: fc.constant(k),
        w: fc.array(entry, { minLength: p, maxLength: p }),
        wStar: fc.array(entry, { minLength: p, maxLength: p }),
        a: fc.array(entry, { minLength: k, maxLength: k }),
        aStar: fc.array(entry, { minLength: k, maxLength: k }),
      }),
    );
    fc.assert(fc.property(arb, checkTerms), { seed: profile.seed, numRuns: 40 * profile.runsScale });
  });
});
