/**
 * model.float-vs-reference (src/claims/model.float-vs-reference.ts; THEORY.md §2 "Numerics"):
 * every output of the float64 kernel within max(1e-13, 1e-15/δ) of the 60-digit reference, and
 * exact zeros at w = w*, a = a*. Checked: the allowance, the normwise relative error (exact zeros,
 * a zero reference), the per-output errors and zeros at a point, the per-output margin including
 * a perturbed evaluation that violates it, the optimum rule, the near-a(φ) regime of the
 * hypotheses at a fixed seed, the train spec, and run() on a tiny budget.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ClaimContext } from '../../src/claims/claim.ts';
import {
  ACCEPTANCE_NEAR,
  ACCEPTANCE_RELATIVE,
  allowance,
  modelFloatVsReference,
  nearAFixedPointArb,
  normwiseRelativeError,
  OUTPUT_NAMES,
  outputErrors,
  outputMargin,
  REFERENCE_DIGITS,
  referenceAt,
  type OutputErrors,
} from '../../src/claims/model.float-vs-reference.ts';
import { EXACT_MARGIN, floatEvaluation, pointTeacher, pointTrainSpec, profilePointArb, SPECIAL_POINTS, type ModelPoint } from '../../src/claims/model.point.ts';
import { resolveProfile } from '../../src/config/profile.ts';
import { makeReferenceContext } from '../../src/reference/population-loss.ts';
import { aFixedPointAt } from '../../src/theory/a-fixed-point-at.ts';

const CI = resolveProfile({ profile: 'ci' });
function ctxOf(runs: number): ClaimContext {
  return { profile: CI, seed: 23, budget: { runs, timeMs: 60_000 } };
}
const D = makeReferenceContext(40);
const byName = (name: string): ModelPoint => SPECIAL_POINTS.find((s) => s.name === name)!.point;
const GENERIC = byName('k = 1');
const OPTIMUM = byName('w = w*, a = a* (exact zeros)');

describe('allowance and normwiseRelativeError', () => {
  it('should allow max(1e-13, 1e-15/δ), unbounded at δ = 0', () => {
    expect(REFERENCE_DIGITS).toBe(60);
    expect(ACCEPTANCE_RELATIVE).toBe(1e-13);
    expect(ACCEPTANCE_NEAR).toBe(1e-15);
    expect(allowance(0)).toBe(Infinity);
    expect(allowance(1)).toBe(1e-13);
    expect(allowance(0.01)).toBe(1e-13);
    expect(allowance(1e-3)).toBeCloseTo(1e-12, 25);
    expect(allowance(1e-12)).toBeCloseTo(1e-3, 15);
    expect(allowance(Number.MIN_VALUE)).toBe(Infinity); // 1e-15/5e-324 overflows
  });

  it('should give ‖x̂ − x‖/‖x‖ with the doubles taken exactly', () => {
    expect(normwiseRelativeError([1, 2], [new D(1), new D(2)])).toBe(0);
    expect(normwiseRelativeError([0, 0], [new D(0), new D(0)])).toBe(0);
    expect(normwiseRelativeError([1e-300], [new D(0)])).toBe(Infinity);
    expect(normwiseRelativeError([1.5, 2], [new D(1), new D(2)])).toBeCloseTo(Math.sqrt(0.25 / 5), 15);
    expect(normwiseRelativeError([3, 4], [new D(3), new D(5)])).toBeCloseTo(1 / Math.sqrt(34), 15);
    // The double 0.1 is 0.1000000000000000055511151231257827…: exact conversion sees it.
    expect(normwiseRelativeError([0.1], [new D('0.1')])).toBeCloseTo(5.551115123125783e-17, 28);
    expect(normwiseRelativeError(new Float64Array([0.1, 0.2]), [new D('0.1'), new D('0.2')])).toBeGreaterThan(0);
  });
});

describe('outputErrors and outputMargin', () => {
  it('should compare each output with the 60-digit reference at a generic point', () => {
    const e = outputErrors(GENERIC);
    const ref = referenceAt(GENERIC);
    expect(ref.digits).toBe(60);
    expect(e.delta).toBe(Math.min(ref.phi.toNumber(), ref.piMinusPhi.toNumber(), ref.normU.toNumber()));
    expect(e.delta).toBeCloseTo(1.1, 10); // φ = 1.1 < π − φ, ‖e + w‖ = 1.3
    expect(e.allowance).toBe(1e-13);
    const f = floatEvaluation(GENERIC);
    expect(e.loss).toBe(normwiseRelativeError([f.loss], [ref.loss]));
    expect(e.phi).toBe(normwiseRelativeError([f.phi], [ref.phi]));
    expect(e.gradW).toBe(normwiseRelativeError(f.gradW, ref.gradW));
    expect(e.gradA).toBe(normwiseRelativeError(f.gradA, ref.gradA));
    for (const name of OUTPUT_NAMES) {
      expect(e[name]).toBeGreaterThan(0);
      expect(e[name]).toBeLessThan(1e-14);
      expect(e.referenceZero[name]).toBe(false);
      expect(e.floatZero[name]).toBe(false);
    }
    expect(referenceAt(GENERIC, 30).loss.minus(ref.loss).abs().toNumber()).toBeLessThan(1e-28);
  });

  it('should use π − φ and ‖e + w‖ in δ where they are the smallest', () => {
    // (the points are built in doubles: the angles to ~1e-4 relative at 1e-12)
    const rel = (x: number, y: number): number => Math.abs(x / y - 1);
    expect(rel(outputErrors(byName('π − φ = 1e-12')).delta, 1e-12)).toBeLessThan(1e-3);
    expect(rel(outputErrors(byName('‖e + w‖ = 1e-6')).delta, 1e-6)).toBeLessThan(1e-6);
    expect(rel(outputErrors(byName('φ = 1e-12')).delta, 1e-12)).toBeLessThan(1e-3);
  });

  it('should find exact zeros at the optimum, where δ = 0 and the allowance is unbounded', () => {
    const e = outputErrors(OPTIMUM);
    expect(e.referenceZero).toEqual({ loss: true, phi: true, gradW: true, gradA: true });
    expect(e.floatZero).toEqual({ loss: true, phi: true, gradW: true, gradA: true });
    expect(e.delta).toBe(0);
    expect(e.allowance).toBe(Infinity);
    const wOnly = outputErrors(byName('w = w*, a ≠ a*'));
    expect(wOnly.referenceZero).toEqual({ loss: false, phi: true, gradW: true, gradA: false });
    expect(wOnly.floatZero).toEqual({ loss: false, phi: true, gradW: true, gradA: false });
  });

  it('should score decades below the allowance, and ±EXACT_MARGIN for exact zeros', () => {
    const e = outputErrors(GENERIC);
    expect(outputMargin(e, 'loss')).toBeCloseTo(Math.log10(1e-13 / e.loss), 12);
    const perturbed: OutputErrors = { ...e, gradW: 1e-11 };
    expect(outputMargin(perturbed, 'gradW')).toBeCloseTo(-2, 12);
    const zeros = { loss: false, phi: false, gradW: true, gradA: false };
    expect(outputMargin({ ...e, referenceZero: zeros, floatZero: zeros }, 'gradW')).toBe(EXACT_MARGIN);
    expect(outputMargin({ ...e, referenceZero: zeros }, 'gradW')).toBe(-EXACT_MARGIN);
    expect(outputMargin({ ...e, referenceZero: zeros, floatZero: zeros }, 'loss')).toBeCloseTo(Math.log10(1e-13 / e.loss), 12);
    expect(outputMargin({ ...e, allowance: Infinity, gradW: Infinity }, 'gradW')).toBe(EXACT_MARGIN);
  });
});

describe('modelFloatVsReference.margin', () => {
  it('should be the worst output\'s margin, ≥ 0 at every special point', () => {
    for (const s of SPECIAL_POINTS) {
      const m = modelFloatVsReference.margin(s.point);
      const e = outputErrors(s.point);
      expect(m).toBe(Math.min(...OUTPUT_NAMES.map((n) => outputMargin(e, n))));
      expect(m).toBeGreaterThanOrEqual(0);
    }
    expect(modelFloatVsReference.margin(OPTIMUM)).toBe(EXACT_MARGIN);
  });

  it('should not treat a point that matches the optimum in some coordinates only as the optimum', () => {
    const t = GENERIC;
    const partial: ModelPoint = { ...t, p: 4, k: 1, w: [t.wStar[0], ...t.w.slice(1)], a: [t.aStar[0] + 0.5] };
    const m = modelFloatVsReference.margin(partial);
    expect(m).toBeGreaterThan(0);
    expect(m).toBeLessThan(EXACT_MARGIN);
    const sameA: ModelPoint = { ...byName('a = 0'), a: [byName('a = 0').aStar[0], 0.2, 0.1] };
    expect(modelFloatVsReference.margin(sameA)).toBeGreaterThan(0);
    expect(modelFloatVsReference.margin(sameA)).toBeLessThan(EXACT_MARGIN);
  });

  it('should require every coordinate of a gradient to be 0 before calling it a zero output', () => {
    // e + w and e + w* share a zero coordinate (e = 1/2): ∇_w L's third coordinate is exactly 0;
    // a − a* = (1/4, −1/4, 0) with a*_3 = 0: ∇_a L's third coordinate is exactly 0. The others are not.
    const x: ModelPoint = { p: 4, k: 3, w: [0.1, 0.2, -0.5, -0.3], a: [1.25, 0.25, 0], wStar: [0.3, -0.2, -0.5, 0.1], aStar: [1, 0.5, 0] };
    const e = outputErrors(x);
    expect(e.referenceZero).toEqual({ loss: false, phi: false, gradW: false, gradA: false });
    expect(modelFloatVsReference.margin(x)).toBeGreaterThan(0);
    expect(modelFloatVsReference.margin(x)).toBeLessThan(EXACT_MARGIN);
  });

  it('should not take a point equal to the optimum in a alone, or in w alone, or in some coordinates, for the optimum', () => {
    const opt = OPTIMUM;
    const someW: ModelPoint = { ...opt, w: [opt.wStar[0], ...opt.w.slice(1).map((v) => v + 0.3)] };
    const someA: ModelPoint = { ...opt, a: [opt.aStar[0], ...opt.aStar.slice(1).map((v) => v + 0.3)] };
    for (const x of [someW, someA]) {
      const m = modelFloatVsReference.margin(x);
      expect(m).toBeGreaterThan(0);
    }
  });

  it('should replay the point and hold on a tiny run after the specials', () => {
    expect(modelFloatVsReference.toTrainSpec(GENERIC)).toEqual(pointTrainSpec(GENERIC));
    const r = modelFloatVsReference.run(ctxOf(3));
    expect(r.verdict).toBe('holds');
    expect(r.runs).toBe(18);
    expect(r.evidence).toMatch(/^special cases: all 15 hold \(smallest margin [0-9.]+\); random: no counterexample in 3 samples/);
  });
});

describe('nearAFixedPointArb and the hypotheses', () => {
  /** ‖a − a(φ)‖/‖a*‖ at a point. */
  function offset(x: ModelPoint): number {
    const t = pointTeacher(x);
    const aPhi = aFixedPointAt(t, x.w);
    return Math.hypot(...x.a.map((aj, j) => aj - aPhi[j])) / Math.sqrt(t.aStarNormSq);
  }

  it('should move a to within 1e-10 … 1e-2 ‖a*‖ of a(φ), spread over the decades', () => {
    const base = profilePointArb(ctxOf(1));
    const points = fc.sample(nearAFixedPointArb(base), { seed: 8, numRuns: 120 });
    const sizes = points.map(offset);
    for (const s of sizes) {
      expect(s).toBeGreaterThan(1e-10 * (1 - 1e-6));
      expect(s).toBeLessThan(1e-2 * (1 + 1e-6));
    }
    expect(sizes.filter((s) => s < 1e-8).length).toBeGreaterThan(10);
    expect(sizes.filter((s) => s > 1e-4).length).toBeGreaterThan(10);
  });

  it('should draw one point in four near a(φ)', () => {
    const hs = fc.sample(modelFloatVsReference.hypotheses(ctxOf(1)), { seed: 12, numRuns: 200 });
    const near = hs.filter((x) => x.w.some((wi, i) => wi !== x.wStar[i]) && offset(x) < 1e-2 * (1 + 1e-6)).length;
    expect(near).toBeGreaterThan(25);
    expect(near).toBeLessThan(90);
  });
});
