/**
 * model.d6-a-dissipativity (src/claims/model.d6-a-dissipativity.ts; THEORY.md §3 D6):
 * ⟨−∇_a L, a* − a⟩ ≥ ((π−1)/4π)‖a − a*‖² − h(φ)²‖a*‖²/(4π(π−1)). The margin is
 * 1 + (left − right)/(D6_ULPS·u·√k·scale) (1 at the tight a = a(φ) with 1ᵀa* = 0, ≫ 1 with
 * slack); checked against that formula, against the inequality's content (left − right exactly
 * computed), at the tight points, on the hypotheses' 1-in-3 tight share, and through run().
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ClaimContext } from '../../src/claims/claim.ts';
import { D6_ULPS, modelD6ADissipativity, withFixedPointA } from '../../src/claims/model.d6-a-dissipativity.ts';
import { floatPoint, pointTrainSpec, profilePointArb, SPECIAL_POINTS, UNIT_ROUNDOFF, type ModelPoint } from '../../src/claims/model.point.ts';
import { resolveProfile } from '../../src/config/profile.ts';
import { scaledNorm } from '../../src/model/vector-norm.ts';
import { aFixedPoint } from '../../src/theory/a-fixed-point.ts';
import { aBlockEpsilon, A_BLOCK_C, pdSample } from '../../src/theory/dissipativity.ts';

const CI = resolveProfile({ profile: 'ci' });
function ctxOf(runs: number): ClaimContext {
  return { profile: CI, seed: 17, budget: { runs, timeMs: 60_000 } };
}

// Sampled inside each test (not at collection), so that a mutant activated for the test is seen.
const POINTS = (): ModelPoint[] => [...SPECIAL_POINTS.map((s) => s.point), ...fc.sample(profilePointArb(ctxOf(1)), { seed: 33, numRuns: 60 })];
const byName = (name: string): ModelPoint => SPECIAL_POINTS.find((s) => s.name === name)!.point;

/** The documented margin, from the same float64 quantities. */
function documentedMargin(x: ModelPoint): number {
  const fp = floatPoint(x);
  const s = pdSample(fp.t, fp.w, fp.a);
  const eps = (s.h * s.h * fp.t.aStarNormSq) / (4 * Math.PI * (Math.PI - 1));
  const c = (Math.PI - 1) / (4 * Math.PI);
  const rhs = c * s.aDistSq - eps;
  const scale = Math.hypot(...fp.gradA) * Math.sqrt(s.aDistSq) + c * s.aDistSq + eps;
  if (scale === 0) return s.aInner >= rhs ? 1 : -300;
  return 1 + (s.aInner - rhs) / (8 * 2 ** -53 * Math.sqrt(x.k) * scale);
}

describe('model.d6-a-dissipativity: margin', () => {
  it('should use D6_ULPS = 8 and the constants of src/theory/dissipativity.ts', () => {
    expect(D6_ULPS).toBe(8);
    expect(A_BLOCK_C).toBeCloseTo((Math.PI - 1) / (4 * Math.PI), 15);
    expect(aBlockEpsilon(2, 3)).toBeCloseTo((4 * 3) / (4 * Math.PI * (Math.PI - 1)), 15);
  });

  it('should be 1 + (left − right)/(8u√k·scale), ≥ 0 at every point', () => {
    for (const x of POINTS()) {
      const m = modelD6ADissipativity.margin(x);
      expect(m).toBeGreaterThanOrEqual(0);
      const expected = documentedMargin(x);
      expect(Math.abs(m - expected)).toBeLessThanOrEqual(1e-6 * Math.abs(expected) + 1e-9);
    }
  });

  it('should grow with the slack of the inequality: ≫ 1 at a generic point', () => {
    const x = byName('k = 1');
    const fp = floatPoint(x);
    const s = pdSample(fp.t, fp.w, fp.a);
    const slack = s.aInner - (A_BLOCK_C * s.aDistSq - aBlockEpsilon(s.h, fp.t.aStarNormSq));
    expect(slack).toBeGreaterThan(0.01);
    const scale = scaledNorm(fp.gradA) * Math.sqrt(s.aDistSq) + A_BLOCK_C * s.aDistSq + aBlockEpsilon(s.h, fp.t.aStarNormSq);
    expect(modelD6ADissipativity.margin(x)).toBeCloseTo(1 + slack / (D6_ULPS * UNIT_ROUNDOFF * scale), 0);
    expect(modelD6ADissipativity.margin(x)).toBeGreaterThan(1e12);
  });

  it('should be about 1 at the tight point a = a(φ) with 1ᵀa* = 0 (both sides 0 up to rounding)', () => {
    const tight = withFixedPointA(byName('1ᵀa* = 0'));
    const m = modelD6ADissipativity.margin(tight);
    expect(m).toBeGreaterThan(0.5);
    expect(m).toBeLessThan(1.5);
    expect(m).toBe(documentedMargin(tight));
  });

  it('should be 1 where both sides and the scale are exactly 0 (w = w*, a = a*)', () => {
    expect(modelD6ADissipativity.margin(byName('w = w*, a = a* (exact zeros)'))).toBe(1);
  });
});

describe('model.d6-a-dissipativity: withFixedPointA and hypotheses', () => {
  it('should move a to the minimiser a(φ) of D4, where ∇_a L vanishes, and keep the rest', () => {
    const x = byName('k = 1');
    const y = withFixedPointA(x);
    const fp = floatPoint(x);
    expect(y.a).toEqual(Array.from(aFixedPoint(fp.state.piMinusPhi, fp.t.aStar, fp.t.aStarSum)));
    expect(y.w).toBe(x.w);
    expect(y.wStar).toBe(x.wStar);
    expect(y.aStar).toBe(x.aStar);
    expect(y.p).toBe(x.p);
    expect(y.k).toBe(x.k);
    expect(scaledNorm(floatPoint(y).gradA)).toBeLessThan(1e-14);
  });

  it('should draw the profile\'s points, one in three moved to a = a(φ)', () => {
    const hs = fc.sample(modelD6ADissipativity.hypotheses(ctxOf(1)), { seed: 2, numRuns: 300 });
    let tight = 0;
    for (const h of hs) {
      expect(h.a.length).toBe(h.k);
      const moved = withFixedPointA(h);
      if (moved.a.every((v, j) => v === h.a[j])) tight++;
    }
    expect(tight).toBeGreaterThan(60);
    expect(tight).toBeLessThan(140);
    expect(modelD6ADissipativity.toTrainSpec(hs[0])).toEqual(pointTrainSpec(hs[0]));
  });

  it('should check the specials first and hold on a small search', () => {
    const r = modelD6ADissipativity.run(ctxOf(5));
    expect(r.verdict).toBe('holds');
    expect(r.runs).toBe(20);
    expect(r.evidence).toMatch(/^special cases: all 15 hold \(smallest margin 1\); random: no counterexample in 5 samples/);
  });
});
