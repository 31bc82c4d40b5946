/**
 * model.finite-differences (src/claims/model.finite-differences.ts; THEORY.md §2): the reference
 * gradients against 60-digit central differences of the reference loss, per block, to
 * FD_TOLERANCE·(‖∇_B‖ + G_B) plus the differences' rounding bound. Checked: the blocks' gradients,
 * differences, rounding bounds (which reveal the one-digit step 10^⌊log10(1e-20·s)⌋) and term
 * scales G_B at a point; blockMargin's cases (exact agreement, a planted error, a zero bound);
 * the margin (and a perturbed block that violates it); the hypotheses' sizes; run() on a tiny budget.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ClaimContext } from '../../src/claims/claim.ts';
import { referenceAt } from '../../src/claims/model.float-vs-reference.ts';
import { blockMargin, FD_TOLERANCE, finiteDifferences, modelFiniteDifferences, type BlockDifferences } from '../../src/claims/model.finite-differences.ts';
import { EXACT_MARGIN, pointTrainSpec, SPECIAL_POINTS, type ModelPoint } from '../../src/claims/model.point.ts';
import { resolveProfile } from '../../src/config/profile.ts';
import { makeReferenceContext } from '../../src/reference/population-loss.ts';

const CI = resolveProfile({ profile: 'ci' });
const D = makeReferenceContext(60);
function ctxOf(runs: number): ClaimContext {
  return { profile: CI, seed: 29, budget: { runs, timeMs: 60_000 } };
}
const byName = (name: string): ModelPoint => SPECIAL_POINTS.find((s) => s.name === name)!.point;
// p = 4, k = 3, φ = 1.1, ‖e + w‖ = 1.3.
const X: ModelPoint = byName('a = 0').k === 3 ? { ...byName('a = 0'), a: [0.9, -0.35, 1.7] } : byName('a = 0');

function block(gradient: (number | string)[], differences: (number | string)[], noise: number[], termScale: number): BlockDifferences {
  const d = (xs: (number | string)[]) => xs.map((x) => new D(x));
  return { gradient: d(gradient), differences: d(differences), noise: d(noise), termScale };
}

describe('finiteDifferences', () => {

  it('should carry the reference gradient of each block and differences that agree with it to ~1e-36', () => {
    const fd = finiteDifferences(X);
    const ref = referenceAt(X);
    expect(fd.w.gradient.map(String)).toEqual(ref.gradW.map(String));
    expect(fd.a.gradient.map(String)).toEqual(ref.gradA.map(String));
    expect(fd.w.differences.length).toBe(4);
    expect(fd.a.differences.length).toBe(3);
    for (const b of [fd.w, fd.a]) {
      for (let i = 0; i < b.gradient.length; i++) {
        expect(b.differences[i].minus(b.gradient[i]).abs().toNumber()).toBeLessThan(1e-36);
        expect(b.gradient[i].abs().toNumber()).toBeGreaterThan(1e-3);
      }
    }
  });

  it('should bound each difference\'s rounding by 10^(1−60)(|L₊| + |L₋|)/(2t), t = 10^⌊log10(1e-20·s)⌋', () => {
    const fd = finiteDifferences(X);
    const loss = referenceAt(X).loss.toNumber();
    // w: s = ‖e + w‖ = 1.3 → t = 1e-20; a: s = max(‖a‖, ‖a*‖) = ‖a‖ ≈ 1.95 → t = 1e-20.
    expect(Math.hypot(...X.a)).toBeGreaterThan(Math.hypot(...X.aStar));
    for (const b of [fd.w, fd.a]) {
      for (const n of b.noise) expect(n.toNumber() / ((2 * loss * 1e-59) / (2 * 1e-20))).toBeCloseTo(1, 12);
    }
    // A larger a moves the a-step up a decade: s = 13 → t = 1e-19.
    const big = finiteDifferences({ ...X, a: X.a.map((v) => 10 * v) });
    const bigLoss = referenceAt({ ...X, a: X.a.map((v) => 10 * v) }).loss.toNumber();
    for (const n of big.a.noise) expect(n.toNumber() / ((2 * bigLoss * 1e-59) / (2 * 1e-19))).toBeCloseTo(1, 12);
    for (const n of big.w.noise) expect(n.toNumber() / ((2 * bigLoss * 1e-59) / (2 * 1e-20))).toBeCloseTo(1, 12);
    // A small ‖e + w‖ moves the w-step down: s ≈ 1e-6 → t = 1e-26 or 1e-27 (the floor of
    // log10(1e-20·s) in doubles); the a-step stays.
    const small = byName('‖e + w‖ = 1e-6');
    const smallFd = finiteDifferences(small);
    const smallRef = referenceAt(small);
    const smallLoss = smallRef.loss.toNumber();
    const t = 10 ** Math.floor(Math.log10(1e-20 * smallRef.normU.toNumber()));
    expect(t).toBeLessThan(2e-26);
    for (const n of smallFd.w.noise) expect(n.toNumber() / ((2 * smallLoss * 1e-59) / (2 * t))).toBeCloseTo(1, 10);
  });

  it('should scale the terms by G_w = |aᵀa*|/(2‖e + w‖) and G_a = ((π − 1 + k)/2π)(‖a‖ + ‖a*‖)', () => {
    const fd = finiteDifferences(X);
    const ref = referenceAt(X);
    expect(fd.w.termScale).toBeCloseTo(Math.abs(ref.aDotAStar.toNumber()) / (2 * ref.normU.toNumber()), 14);
    expect(fd.w.termScale).toBeCloseTo(Math.abs(X.a.reduce((s, aj, j) => s + aj * X.aStar[j], 0)) / (2 * 1.3), 12);
    expect(fd.a.termScale).toBeCloseTo(((Math.PI - 1 + 3) / (2 * Math.PI)) * (Math.hypot(...X.a) + Math.hypot(...X.aStar)), 14);
  });
});

describe('blockMargin', () => {
  it('should be EXACT_MARGIN when the differences equal the gradient', () => {
    expect(blockMargin(block([1, 2], [1, 2], [1e-40, 1e-40], 1))).toBe(EXACT_MARGIN);
  });

  it('should be log10((FD_TOLERANCE·(‖∇‖ + G) + ‖N‖)/‖∇ − D‖)', () => {
    expect(FD_TOLERANCE).toBe(1e-36);
    expect(blockMargin(block([3, 4], ['3', '4.000000000000000000000000000001'], [0, 0], 0))).toBeCloseTo(Math.log10(5e-6), 10);
    expect(blockMargin(block([3, 4], ['3', '4.000000000000000000000000000001'], [0, 0], 5))).toBeCloseTo(Math.log10(1e-5), 10);
    expect(blockMargin(block([3, 4], ['3', '4.000000000000000000000000000001'], [3e-30, 4e-30], 0))).toBeCloseTo(Math.log10((5e-36 + 5e-30) / 1e-30), 10);
    expect(blockMargin(block([3, 4], ['3.0000000000000000000000000000000000000003', '3.9999999999999999999999999999999999999996'], [0, 0], 0))).toBeCloseTo(Math.log10(5e-36 / 5e-40), 10);
  });

  it('should be −EXACT_MARGIN when the bound is 0 and the differences are not', () => {
    expect(blockMargin(block([0, 0], [1e-50, 0], [0, 0], 0))).toBe(-EXACT_MARGIN);
  });
});

describe('modelFiniteDifferences', () => {
  it('should be the worse block\'s margin, ≥ 0 at a point and at the special points', () => {
    const fd = finiteDifferences(X);
    const m = modelFiniteDifferences.margin(X);
    expect(m).toBe(Math.min(blockMargin(fd.w), blockMargin(fd.a)));
    expect(m).toBeGreaterThan(2);
    expect(blockMargin(fd.w)).not.toBe(blockMargin(fd.a));
    // A formula error of 1e-16 (a constant rounded to a double) is caught.
    const wrong = { ...fd.w, gradient: fd.w.gradient.map((g) => g.times(new D('1.0000000000000001'))) };
    expect(blockMargin(wrong)).toBeLessThan(-10);
  });

  it('should replay the point and draw p, k ≤ 5 (1 in 20 up to 12)', () => {
    expect(modelFiniteDifferences.toTrainSpec(X)).toEqual(pointTrainSpec(X));
    const hs = fc.sample(modelFiniteDifferences.hypotheses(ctxOf(1)), { seed: 6, numRuns: 300 });
    const large = hs.filter((x) => x.p > 5 || x.k > 5);
    expect(large.length).toBeGreaterThan(3);
    expect(large.length).toBeLessThan(40);
    expect(Math.max(...hs.map((x) => Math.max(x.p, x.k)))).toBeLessThanOrEqual(12);
  });

  it('should check the specials first and hold on a tiny search', () => {
    const r = modelFiniteDifferences.run(ctxOf(2));
    expect(r.verdict).toBe('holds');
    expect(r.runs).toBe(17);
    expect(r.evidence).toMatch(/^special cases: all 15 hold \(smallest margin [0-9.]+\); random: no counterexample in 2 samples/);
  });
});
