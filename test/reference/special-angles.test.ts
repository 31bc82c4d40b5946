/**
 * The reference (src/reference/population-loss.ts, evaluate-core.ts, angle.ts) at the special
 * angles φ ∈ {0, π/2, π}, where h(φ) is carried symbolically (h = hPi·π + hOne) and every sum is
 * regrouped as π·X + Y (THEORY.md §2): the loss and ∇_a L away from the optimum, against the
 * closed forms evaluated independently with decimal.js at 120 digits, and ∇_w L, which is an exact
 * rational at φ = π/2 for the inputs below. Also the precision contract of the outputs
 * (correctly rounded at any `digits`, same value at N and 2N digits).
 */
import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import type { ModelPoint } from '../../src/claims/model.point.ts';
import { doubleToDecimal } from '../../src/reference/exact-double.ts';
import {
  makeReferenceContext,
  referenceEvaluate,
  referenceEvaluateDecimal,
  referenceLossAt,
} from '../../src/reference/population-loss.ts';

const W = makeReferenceContext(120);
const PI = new W(-1).acos();

/** L and ∇_a L of THEORY.md §2 for a given h, at 120 digits, from the exact double inputs. */
function closedForms(x: ModelPoint, h: Decimal): { loss: Decimal; gradA: Decimal[] } {
  const a = x.a.map((v) => doubleToDecimal(v, W));
  const as = x.aStar.map((v) => doubleToDecimal(v, W));
  const d = a.map((t, j) => t.minus(as[j]));
  const q = d.reduce((acc, t) => acc.plus(t.times(t)), new W(0));
  const s = d.reduce((acc, t) => acc.plus(t), new W(0));
  const dot = a.reduce((acc, t, j) => acc.plus(t.times(as[j])), new W(0));
  const loss = PI.minus(1).times(q).plus(s.times(s)).div(PI.times(4)).plus(h.times(dot).div(PI.times(2)));
  const gradA = d.map((t, j) => PI.minus(1).times(t).plus(s).plus(h.times(as[j])).div(PI.times(2)));
  return { loss, gradA };
}

/** The reference's promise: the 120-digit value rounded half-even to `digits`; no tolerance. */
function expectCorrectlyRounded(actual: Decimal, expected: Decimal, digits: number, what: string): void {
  expect(actual.toString(), what).toBe(expected.toSignificantDigits(digits, Decimal.ROUND_HALF_EVEN).toString());
}

const a = [1, 0.25, -0.5];
const aStar = [0.5, 0.75, 2];

const cases: { name: string; input: ModelPoint; h: Decimal; phi: Decimal }[] = [
  {
    // u = (1,0,0,0), u* = (0,1,0,0): orthogonal, h = π − 1.
    name: 'φ = π/2',
    input: { p: 4, k: 3, w: [0.5, -0.5, -0.5, -0.5], wStar: [-0.5, 0.5, -0.5, -0.5], a, aStar },
    h: PI.minus(1),
    phi: PI.div(2),
  },
  {
    // w = w*: φ = 0, h = 0 (the loss is the a-part alone).
    name: 'φ = 0',
    input: { p: 3, k: 3, w: [0.1, -0.3, 0.2], wStar: [0.1, -0.3, 0.2], a, aStar },
    h: new W(0),
    phi: new W(0),
  },
  {
    // u = −e, u* = e (p = 4): φ = π, h = π.
    name: 'φ = π',
    input: { p: 4, k: 3, w: [-1, -1, -1, -1], wStar: [0, 0, 0, 0], a, aStar },
    h: PI,
    phi: PI,
  },
];

describe('reference at the special angles φ ∈ {0, π/2, π} (symbolic h)', () => {
  for (const { name, input, h, phi } of cases) {
    it(`should give the closed-form loss and ∇_a L, correctly rounded, at ${name}`, () => {
      const r = referenceEvaluateDecimal(input);
      const expected = closedForms(input, h);
      expectCorrectlyRounded(r.phi, phi, 40, 'phi');
      expectCorrectlyRounded(r.h, h, 40, 'h');
      expectCorrectlyRounded(r.loss, expected.loss, 40, 'loss');
      r.gradA.forEach((g, j) => expectCorrectlyRounded(g, expected.gradA[j], 40, `gradA[${j}]`));
    });
  }

  it('should give ∇_w L = −(aᵀa*)/(4‖u‖) · v* exactly at φ = π/2 (u = e₁, u* = e₂)', () => {
    // cos φ = 0, π − φ = π/2: ∇_w L = −D (π/2)/(2π·1) · v* = −(D/4) e₂, D = 0.5 + 0.1875 − 1 = −0.3125.
    const r = referenceEvaluate(cases[0].input);
    expect(r.gradW).toEqual(['0', '0.078125', '0', '0']);
  });

  it('should give ∇_w L = 0 exactly at φ = 0 and φ = π with aᵀa* ≠ 0', () => {
    for (const c of [cases[1], cases[2]]) {
      const r = referenceEvaluate(c.input);
      expect(r.gradW.every((g) => g === '0'), c.name).toBe(true);
    }
  });

  it('should give the φ = π/2 ∇_w L when only u and u* are orthogonal in a non-square p (p = 2)', () => {
    // s = 1/√2, u = (s − ½, s + ½), u* = (s + 1, s − 1): uᵀu* = 2s² − 1 = 0 exactly, so φ = π/2
    // is decided in Q(1/√2) with irrational norms; aᵀa* = 3.
    const input = { p: 2, k: 1, w: [-0.5, 0.5], wStar: [1, -1], a: [2], aStar: [1.5] };
    const r = referenceEvaluateDecimal(input);
    expectCorrectlyRounded(r.phi, PI.div(2), 40, 'phi');
    const expected = closedForms(input, PI.minus(1));
    expectCorrectlyRounded(r.loss, expected.loss, 40, 'loss');
    expectCorrectlyRounded(r.gradA[0], expected.gradA[0], 40, 'gradA[0]');
    // ∇_w L = −D (π/2)/(2π‖u‖) · v* = −D/(4‖u‖) · v*, at 120 digits:
    const s = new W(1).div(new W(2).sqrt());
    const u = [s.minus(0.5), s.plus(0.5)];
    const us = [s.plus(1), s.minus(1)];
    const nu = u[0].times(u[0]).plus(u[1].times(u[1])).sqrt();
    const nus = us[0].times(us[0]).plus(us[1].times(us[1])).sqrt();
    const d = new W(3);
    r.gradW.forEach((g, i) => expectCorrectlyRounded(g, d.div(nu.times(4)).times(us[i].div(nus)).neg(), 40, `gradW[${i}]`));
  });
});

describe('reference output precision', () => {
  const generic = { p: 3, k: 2, w: [0.3, -0.1, 0.25], wStar: [-0.2, 0.4, 0.1], a: [1.25, -0.75], aStar: [0.5, 1] };

  it('should be correctly rounded at few and at many digits (1, 5, 17, 100)', () => {
    const hi = referenceEvaluateDecimal(generic, { digits: 140 });
    for (const digits of [1, 5, 17, 100]) {
      const r = referenceEvaluateDecimal(generic, { digits });
      expect(r.digits).toBe(digits);
      // the 140-digit result is within 1e-139 relative of the truth, so rounding it to ≤ 100
      // digits gives the correctly rounded value (no midpoint within 1e-30 ulp for these inputs)
      for (const key of ['loss', 'phi', 'piMinusPhi', 'h', 'normU', 'normUStar', 'aDotAStar'] as const) {
        expectCorrectlyRounded(r[key], hi[key], digits, `${key} at ${digits}`);
      }
      r.gradW.forEach((g, i) => expectCorrectlyRounded(g, hi.gradW[i], digits, `gradW[${i}] at ${digits}`));
      r.gradA.forEach((g, j) => expectCorrectlyRounded(g, hi.gradA[j], digits, `gradA[${j}] at ${digits}`));
    }
  });

  it('should give referenceLossAt the loss correctly rounded to the context precision', () => {
    const hi = referenceEvaluateDecimal(generic, { digits: 140 });
    for (const digits of [3, 50]) {
      const D = makeReferenceContext(digits);
      const loss = referenceLossAt(D, generic);
      expect(loss).toBeInstanceOf(D);
      expectCorrectlyRounded(loss, hi.loss, digits, `loss at ${digits}`);
    }
  });

  it('should reject digits outside [1, 5000] and non-integers', () => {
    for (const digits of [0, -1, 5001, 2.5, Number.NaN]) {
      expect(() => referenceEvaluate(generic, { digits })).toThrow(new RangeError(`digits must be an integer in [1, 5000] (got ${digits})`));
    }
  });
});

describe('reference: cancellation in ∇_a L at a generic angle (φ = π/3)', () => {
  // u = (1,0,0,0), u* = e (p = 4): cos φ = ½, φ = π/3, h = 2π/3 − √3/2 (not a special angle, so
  // the generic certified sum is used). With k = 1, a* = 1 and a = 1 + δ:
  // 2π ∂L/∂a = (π−1)δ + δ + h = πδ + h, which cancels to c digits when δ is −h/π rounded to c
  // significant digits. The exact inputs are decimal.js values (the reference takes them exactly).
  const X = makeReferenceContext(250);
  const piX = new X(-1).acos();
  const h = piX.times(2).div(3).minus(new X(3).sqrt().div(2));

  for (const c of [28, 60]) {
    it(`should give ∇_a L correctly rounded when ${c} digits cancel`, () => {
      const delta = h.div(piX).neg().toSignificantDigits(c);
      const input = { p: 4, k: 1, w: [0.5, -0.5, -0.5, -0.5], wStar: [0, 0, 0, 0], a: [new X(1).plus(delta)], aStar: [1] };
      const r = referenceEvaluateDecimal(input);
      const expected = piX.times(delta).plus(h).div(piX.times(2));
      // the cancellation is as designed: |2π ∂L/∂a| / h ≈ 10^−c
      expect(expected.times(piX.times(2)).div(h).abs().log(10).toNumber()).toBeLessThan(1 - c);
      expectCorrectlyRounded(r.h, h, 40, 'h');
      expectCorrectlyRounded(r.gradA[0], expected, 40, 'gradA[0]');
    });
  }
});

describe('reference output precision: the largest number of digits', () => {
  it('should accept digits = 5000 (MAX_DIGITS) and give exact values exactly', () => {
    // k = 1, φ = 0: (π−1)Q + S² = πQ, so L = Q/4 = (1 − ½)²/4 = 1/16 exactly. (≈ 4 s: π to 5000 digits.)
    const r = referenceEvaluate({ p: 1, k: 1, w: [0], wStar: [0], a: [1], aStar: [0.5] }, { digits: 5000 });
    expect(r.loss).toBe('0.0625');
    expect(r.phi).toBe('0');
    expect(r.gradW).toEqual(['0']);
  });
});
