/**
 * model.d5-stationary-points (src/claims/model.d5-stationary-points.ts; THEORY.md §3 D5, D9): the
 * spurious stationary point, L_sp, its local-minimum condition (1ᵀa*)² < ((π−1+k)/π)‖a*‖², and the
 * Hessian spectra at it and at the global optimum. Checked: spectrumError and conditionHolds on
 * hand-made inputs; the hypotheses' construction (a* on the chosen side, k = 1 'not-minimum',
 * the documented ranges) at a fixed seed; the four parts of the margin at sampled hypotheses
 * (stationarity and L_sp recomputed here; the local-minimum tests on both sides, each failing on
 * the side where it must); the train spec; run() on a tiny budget (the side counts).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ClaimContext } from '../../src/claims/claim.ts';
import {
  conditionHolds,
  d5Margins,
  D5_HESSIAN_TOLERANCE,
  D5_RESOLUTION,
  D5_ULPS,
  localMinimumTests,
  modelD5StationaryPoints,
  sidedAStar,
  spectrumError,
  type SpuriousHypothesis,
} from '../../src/claims/model.d5-stationary-points.ts';
import { floatPoint, pointTeacher, pointTrainSpec } from '../../src/claims/model.point.ts';
import { resolveProfile } from '../../src/config/profile.ts';
import { scaledNorm } from '../../src/model/vector-norm.ts';
import { makeReferenceContext, referenceEvaluateDecimal, referenceLossAt } from '../../src/reference/population-loss.ts';
import { doubleToDecimal } from '../../src/reference/exact-double.ts';
import { normalized } from '../../src/claims/arbitraries.ts';
import { someOrthogonalUnit } from '../../src/theory/geometry.ts';
import type { Decimal } from 'decimal.js';
import { spuriousA, spuriousLoss, spuriousMinimumMargin, spuriousW } from '../../src/theory/stationary-points.ts';

const CI = resolveProfile({ profile: 'ci' });
function ctxOf(runs: number): ClaimContext {
  return { profile: CI, seed: 43, budget: { runs, timeMs: 60_000 } };
}
const u = 2 ** -53;
// Sampled inside each test (not at collection), so that a mutant activated for the test is seen.
const HYPS = (): SpuriousHypothesis[] => fc.sample(modelD5StationaryPoints.hypotheses(ctxOf(1)), { seed: 1, numRuns: 300 });
const small = (h: SpuriousHypothesis): boolean => h.p + h.k <= 5;

describe('spectrumError and conditionHolds', () => {
  it('should give max |λ − λ̂|/max |λ̂| over the sorted spectra', () => {
    expect(spectrumError([1, 2, 3], [3, 1, 2])).toBe(0);
    expect(spectrumError([1, 2, 3.3], [3, 1, 2])).toBeCloseTo(0.1, 14);
    expect(spectrumError([-2, 0, 1], [0, -4, 1])).toBeCloseTo(0.5, 14);
    expect(spectrumError([0.5, 2], [1, 2])).toBeCloseTo(0.25, 14);
  });

  it('should decide (1ᵀa*)² < ((π−1+k)/π)‖a*‖², false at k = 1 (equality)', () => {
    const h = (aStar: number[]): SpuriousHypothesis => ({ p: 2, k: aStar.length, wStar: [0.1, 0.2], aStar, side: 'minimum', c: 1, wDirection: [1, 0], aDirection: aStar.map(() => 1), size: 0.1, tau: 0.5 });
    expect(conditionHolds(h([1, -1]))).toBe(true); // 0 < (π+1)/π·2
    expect(conditionHolds(h([1, 1]))).toBe(false); // 4 > 2.64
    expect(conditionHolds(h([1, 0.5]))).toBe(false); // 2.25 > 1.318·1.25 = 1.65
    expect(conditionHolds(h([1, -0.2]))).toBe(true); // 0.64 < 1.318·1.04 = 1.37
    expect(conditionHolds(h([2]))).toBe(false);
    expect(conditionHolds(h([1, 1, 1]))).toBe(false); // 9 > (π+2)/π·3 = 4.9
    expect(conditionHolds(h([1, 1, -1]))).toBe(true); // 1 < 4.9
  });
});

describe('sidedAStar', () => {
  it('should put the condition\'s margin at exactly μ‖a*‖², μ = f(π−1+k)/π or −f(k−1)(π−1)/π, with ‖a*‖ and the sign of 1ᵀa* as asked', () => {
    // Away from the clamp (f < 1) every μ is reached; the ratio is a difference of O(1) terms, so
    // its rounding error is a few ulps of (π−1+k)/π (bound 1e-14·k, measured ≤ 3.4e-16·k).
    const raw = [0.3, -0.8, 0.5, 0.1, -0.2];
    for (let k = 2; k <= 5; k++) {
      for (const f of [1e-4, 0.01, 0.3, 0.9]) {
        for (const negative of [false, true]) {
          for (const side of ['minimum', 'not-minimum'] as const) {
            const aStar = sidedAStar(k, side, f, 2.5, negative, raw.slice(0, k));
            const normSq = aStar.reduce((s, x) => s + x * x, 0);
            const sum = aStar.reduce((s, x) => s + x, 0);
            expect(Math.sqrt(normSq)).toBeCloseTo(2.5, 13);
            expect(sum < 0).toBe(negative);
            const mu = side === 'minimum' ? (f * (Math.PI - 1 + k)) / Math.PI : (-f * (k - 1) * (Math.PI - 1)) / Math.PI;
            expect(Math.abs(spuriousMinimumMargin(k, normSq, sum) / normSq - mu)).toBeLessThan(1e-14 * k);
          }
        }
      }
    }
  });

  it('should reach the ends: f = 1 gives a* ⟂ 1 (\'minimum\') and a* ∥ 1 (\'not-minimum\'); k = 1 gives ±‖a*‖', () => {
    const raw = [0.3, -0.8, 0.5];
    const perpendicular = sidedAStar(3, 'minimum', 1, 2, false, raw);
    expect(Math.abs(perpendicular.reduce((s, x) => s + x, 0))).toBeLessThan(1e-15);
    const parallel = sidedAStar(3, 'not-minimum', 1, 2, true, raw);
    for (const x of parallel) expect(x).toBeCloseTo(-2 / Math.sqrt(3), 15);
    expect(sidedAStar(1, 'minimum', 0.5, 2, true, [0.4])).toEqual([-2]);
    expect(sidedAStar(1, 'not-minimum', 0.5, 2, false, [0.4])).toEqual([2]);
  });
});

describe('the hypotheses', () => {
  it('should draw p ∈ [2, 5], k ∈ [1, 5], c ∈ [0.25, 4], size ∈ [1e-3, 1], τ ∈ [0, 1], with a* on the chosen side', () => {
    let minimum = 0;
    let notMinimum = 0;
    let kOne = 0;
    for (const h of HYPS()) {
      expect(h.p).toBeGreaterThanOrEqual(2);
      expect(h.p).toBeLessThanOrEqual(5);
      expect(h.k).toBeGreaterThanOrEqual(1);
      expect(h.k).toBeLessThanOrEqual(5);
      expect(h.c).toBeGreaterThanOrEqual(0.25);
      expect(h.c).toBeLessThanOrEqual(4);
      expect(h.size).toBeGreaterThanOrEqual(1e-3);
      expect(h.size).toBeLessThanOrEqual(1);
      expect(h.tau).toBeGreaterThanOrEqual(0);
      expect(h.tau).toBeLessThanOrEqual(1);
      expect(h.wStar.length).toBe(h.p);
      expect(h.wDirection.length).toBe(h.p);
      expect(h.aStar.length).toBe(h.k);
      expect(h.aDirection.length).toBe(h.k);
      expect(['minimum', 'not-minimum']).toContain(h.side);
      const norm = Math.hypot(...h.aStar);
      expect(norm).toBeGreaterThanOrEqual(0.1 * (1 - 1e-12));
      expect(norm).toBeLessThanOrEqual(10 * (1 + 1e-12));
      if (h.k === 1) {
        expect(h.side).toBe('not-minimum');
        kOne++;
        continue;
      }
      // The condition's margin is μ‖a*‖², μ = f(π−1+k)/π or −f(k−1)(π−1)/π, f ∈ [1e-4, 1].
      const t = pointTeacher({ ...h, w: h.wStar, a: h.aStar });
      const mu = spuriousMinimumMargin(h.k, t.aStarNormSq, t.aStarSum) / t.aStarNormSq;
      if (h.side === 'minimum') {
        minimum++;
        expect(conditionHolds(h)).toBe(true);
        expect(mu).toBeGreaterThan(0.99e-4 * ((Math.PI - 1 + h.k) / Math.PI));
        expect(mu).toBeLessThanOrEqual(((Math.PI - 1 + h.k) / Math.PI) * (1 + 1e-9));
      } else {
        notMinimum++;
        expect(conditionHolds(h)).toBe(false);
        expect(-mu).toBeGreaterThan(0.99e-4 * (((h.k - 1) * (Math.PI - 1)) / Math.PI));
        expect(-mu).toBeLessThanOrEqual((((h.k - 1) * (Math.PI - 1)) / Math.PI) * (1 + 1e-9));
      }
    }
    expect(minimum).toBeGreaterThan(60);
    expect(notMinimum).toBeGreaterThan(60);
    expect(kOne).toBeGreaterThan(20);
    // Both signs of 1ᵀa* occur.
    expect(HYPS().filter((h) => h.aStar.reduce((s, x) => s + x, 0) < 0).length).toBeGreaterThan(50);
    expect(HYPS().filter((h) => h.aStar.reduce((s, x) => s + x, 0) > 0).length).toBeGreaterThan(50);
    // f spans decades: some hypotheses sit within 1e-2 of the condition's boundary.
    const near = HYPS().filter((h) => h.k >= 2).filter((h) => {
      const t = pointTeacher({ ...h, w: h.wStar, a: h.aStar });
      return Math.abs(spuriousMinimumMargin(h.k, t.aStarNormSq, t.aStarSum) / t.aStarNormSq) < 1e-2;
    });
    expect(near.length).toBeGreaterThan(20);
  });

  it('should replay the rounded spurious point', () => {
    const h = HYPS()[0];
    const t = pointTeacher({ ...h, w: h.wStar, a: h.aStar });
    const x = { p: h.p, k: h.k, w: Array.from(spuriousW(t, h.c)), a: Array.from(spuriousA(t.aStar, t.aStarSum)), wStar: h.wStar, aStar: h.aStar };
    expect(modelD5StationaryPoints.toTrainSpec(h)).toEqual(pointTrainSpec(x));
    expect(floatPoint(x).state.piMinusPhi).toBeLessThan(1e-7);
  });
});

describe('the margin\'s parts', () => {
  const picked = (): SpuriousHypothesis[] => [
    HYPS().find((h) => small(h) && h.side === 'minimum')!,
    HYPS().find((h) => small(h) && h.side === 'not-minimum' && h.k >= 2)!,
    HYPS().find((h) => small(h) && h.k === 1)!,
  ];

  it('should use the documented tolerances', () => {
    expect(D5_ULPS).toBe(8);
    expect(D5_RESOLUTION).toBe(1e-50);
    expect(D5_HESSIAN_TOLERANCE).toBe(1e-12);
  });

  it('should hold every part at sampled hypotheses, with stationarity and L_sp as documented', () => {
    const REF = makeReferenceContext(60);
    for (const h of picked()) {
      const m = d5Margins(h);
      expect(modelD5StationaryPoints.margin(h)).toBe(Math.min(m.stationarity, m.lossFormula, m.localMinimum, m.hessian));
      for (const v of Object.values(m)) expect(v).toBeGreaterThanOrEqual(0);
      // Stationarity: both float gradients at the rounded spurious point in ulps of their scales.
      const t = pointTeacher({ ...h, w: h.wStar, a: h.aStar });
      const w = spuriousW(t, h.c);
      const a = spuriousA(t.aStar, t.aStarSum);
      const fp = floatPoint({ ...h, w: Array.from(w), a: Array.from(a) });
      const aScale = ((Math.PI - 1 + h.k) / (2 * Math.PI)) * (scaledNorm(a) + Math.sqrt(t.aStarNormSq));
      const wScale = Math.abs(fp.state.aDotAStar) / (2 * fp.state.normU);
      const lm = (x: number): number => Math.log10(8 * u) - Math.log10(Math.max(x, 1e-300));
      // (k = 1: a_sp = 0, so aᵀa* = 0 and ∇_w L must vanish exactly)
      const wPart = wScale === 0 ? (scaledNorm(fp.gradW) === 0 ? 300 : -300) : lm(scaledNorm(fp.gradW) / wScale);
      if (h.k === 1) expect(wScale).toBe(0);
      expect(m.stationarity).toBeCloseTo(Math.min(lm(scaledNorm(fp.gradA) / aScale), wPart), 10);
      // L_sp: the reference loss at the (rounded) spurious point against the float formula.
      const lsp = referenceLossAt(REF, { p: h.p, k: h.k, w: Array.from(w), a: Array.from(a), wStar: h.wStar, aStar: h.aStar }).toNumber();
      const formula = spuriousLoss(h.k, t.aStarNormSq, t.aStarSum);
      expect(Math.abs(lsp / formula - 1)).toBeLessThan(8 * u);
      expect(m.lossFormula).toBeGreaterThan(0);
      expect(m.lossFormula).toBeLessThan(4);
      // The Hessian spectra agree to about the accuracy of eigs (1e-16 … 1e-13 of the largest).
      expect(m.hessian).toBeGreaterThan(1);
      expect(m.hessian).toBeLessThan(6);
      // The local-minimum part is the test that applies to the hypothesis' side.
      const lt = localMinimumTests(h);
      expect(m.localMinimum).toBe(conditionHolds(h) ? lt.increase : lt.decrease);
      expect(m.localMinimum).toBeGreaterThan(20);
    }
  });

  it('should fail the increase test where the condition fails (k ≥ 2), and the decrease test at a minimum', () => {
    const minimum = { ...picked()[0], size: 1e-3 };
    const notMinimum = picked()[1];
    expect(conditionHolds(minimum)).toBe(true);
    expect(conditionHolds(notMinimum)).toBe(false);
    const lmin = localMinimumTests(minimum);
    expect(lmin.increase).toBeGreaterThan(20);
    expect(lmin.decrease).toBeLessThan(-20);
    const lnot = localMinimumTests(notMinimum);
    expect(lnot.decrease).toBeGreaterThan(20);
    expect(lnot.increase).toBeLessThan(-20);
  });
});

/**
 * Part 2 as documented: the spurious point to 80 digits (e + w = −c(e + w*), a_sp = (π/(π−1+k)·1ᵀa*·1
 * − a*)/(π−1)); the increase test at angle t = size·min(1, ∛(1.5 g_max))/2 with a random a-offset
 * τt‖a*‖ and with a = a(φ'); the decrease test along a rotation by size/2 off the ray with a = a(φ').
 */
function documentedLocalTests(h: SpuriousHypothesis): { increase: number; decrease: number } {
  const D = makeReferenceContext(80);
  const REF = makeReferenceContext(60);
  const pi = D.acos(-1);
  const e = new D(1).div(new D(h.p).sqrt());
  const aStar = h.aStar.map((x) => doubleToDecimal(x, D));
  const aStarSum = aStar.reduce((acc, x) => acc.plus(x), new D(0));
  const w = h.wStar.map((x) => e.plus(doubleToDecimal(x, D)).times(-h.c).minus(e));
  const a = aStar.map((x) => pi.div(pi.minus(1).plus(h.k)).times(aStarSum).minus(x).div(pi.minus(1)));
  const t = pointTeacher({ ...h, w: h.wStar, a: h.aStar });
  const normU = h.c * t.normUStar;
  const aNorm = Math.sqrt(t.aStarNormSq);
  const input = (wx: Decimal[], ax: Decimal[]) => ({ p: h.p, k: h.k, w: wx, a: ax, wStar: h.wStar, aStar: h.aStar });
  const lsp = referenceLossAt(REF, input(w, a));
  const rel = (wx: Decimal[], ax: Decimal[]): number => referenceLossAt(REF, input(wx, ax)).minus(lsp).div(lsp).toNumber();
  const aPhiAt = (wx: Decimal[]): Decimal[] => {
    const g = pi.minus(referenceEvaluateDecimal(input(wx, a), { digits: 60 }).h);
    const shift = pi.minus(g).div(pi.minus(1).plus(h.k)).times(aStarSum);
    return aStar.map((x) => g.minus(1).times(x).plus(shift).div(pi.minus(1)));
  };
  const exceeds = (x: number, threshold: number): number => Math.sign(x - threshold) * Math.log10(1 + Math.abs(x - threshold) / 1e-50);
  const sSq = t.aStarSum * t.aStarSum;
  const aSpDotAStar = Math.abs(((Math.PI / (Math.PI - 1 + h.k)) * sSq - t.aStarNormSq) / (Math.PI - 1));
  const gMax = (aSpDotAStar * (Math.PI - 1)) / (t.aStarNormSq - sSq / (Math.PI - 1 + h.k));
  const ti = (h.size * Math.min(1, Math.cbrt(1.5 * gMax))) / 2;
  const dw = normalized(h.wDirection);
  const da = normalized(h.aDirection);
  const wInc = w.map((wi, i) => wi.plus(new D(ti * normU * dw[i])));
  const random = rel(wInc, a.map((aj, j) => aj.plus(new D(h.tau * ti * aNorm * da[j]))));
  const worst = rel(wInc, aPhiAt(wInc));
  const q = someOrthogonalUnit(h.wDirection, t.vStar)!;
  const wDec = w.map((wi, i) => wi.plus(new D((h.size / 2) * normU * q[i])));
  return {
    increase: Math.min(exceeds(random, -1e-50), exceeds(worst, -1e-50)),
    decrease: exceeds(-rel(wDec, aPhiAt(wDec)), 1e-50),
  };
}

describe('the local-minimum tests as documented', () => {
  it('should perturb the 80-digit spurious point as documented, on both sides of the condition', () => {
    const hs = [HYPS().find((x) => small(x) && x.side === 'minimum')!, HYPS().find((x) => small(x) && x.side === 'not-minimum' && x.k >= 2)!];
    for (const h of hs) {
      const got = localMinimumTests(h);
      const expected = documentedLocalTests(h);
      expect(got.increase).toBeCloseTo(expected.increase, 8);
      expect(got.decrease).toBeCloseTo(expected.decrease, 8);
    }
  });
});

describe('the local-minimum tests at the reference\'s resolution', () => {
  it('should count a change below D5_RESOLUTION·L_sp as no decrease (the increase test holds, the decrease test fails)', () => {
    // A perturbation of relative size 1e-30 changes L by ~1e-60 of L_sp, under the 1e-50 resolution.
    const h = { ...HYPS().find((x) => small(x) && x.side === 'minimum')!, size: 1e-30 };
    const lt = localMinimumTests(h);
    expect(lt.increase).toBeGreaterThanOrEqual(0);
    expect(lt.increase).toBeLessThan(0.31); // log10(1 + |d|/1e-50) with |d| ≤ 1e-50
    expect(lt.decrease).toBeLessThan(0);
    expect(lt.decrease).toBeGreaterThan(-0.31);
  });
});

describe('run', () => {
  it('should hold on a tiny search and count the hypotheses on each side of the condition', () => {
    // Seed 53: its first three hypotheses are one on each side and one with k = 1.
    const r = modelD5StationaryPoints.run({ ...ctxOf(3), seed: 53 });
    expect(r.verdict).toBe('holds');
    expect(r.runs).toBe(3);
    expect((r.details as { sides: unknown }).sides).toEqual({ minimum: 1, notMinimum: 1, kOne: 1 });
    const sides = (r.details as { sides: { minimum: number; notMinimum: number; kOne: number } }).sides;
    expect(sides.minimum + sides.notMinimum + sides.kOne).toBe(3);
    expect(r.evidence).toMatch(/^no counterexample in 3 samples \(0 stored replayed\); smallest margin [0-9.]+; condition holds at \d, fails at \d \(k ≥ 2\) and \d \(k = 1, equality\) of the hypotheses checked$/);
    expect(r.evidence).toContain(`condition holds at ${sides.minimum}, fails at ${sides.notMinimum} (k ≥ 2) and ${sides.kOne} (k = 1, equality)`);
    // The counts follow conditionHolds on the hypotheses the search drew (seed 53's first three).
    const drawn = fc.sample(modelD5StationaryPoints.hypotheses(ctxOf(3)), { seed: 53, numRuns: 3 });
    expect(sides.minimum).toBe(drawn.filter(conditionHolds).length);
    expect(sides.kOne).toBe(drawn.filter((h) => h.k === 1).length);
    // Seed 18: two k = 1 hypotheses (p = 4 and 2), so a swap of the last two counts shows.
    const kOnly = modelD5StationaryPoints.run({ ...ctxOf(2), seed: 18 });
    expect(kOnly.verdict).toBe('holds');
    expect((kOnly.details as { sides: unknown }).sides).toEqual({ minimum: 0, notMinimum: 0, kOne: 2 });
  });
});
