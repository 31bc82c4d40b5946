/**
 * rebuttal.pd-global (src/claims/rebuttal.pd-global.ts): the ε tested (max(ε_a, 4c_a) on both
 * sides of its crossover), both blocks' margins at the global optimum (exactly 1 + D6_ULPS·u) and at
 * points with either sign of aᵀa* against the documented formula, the points' documented domain,
 * and `run` on tiny budgets: holding (no growth note) and refuted by a stored point with aᵀa* < 0
 * (the v-block's required ε at a, 10a, 100a in the evidence, the a-block alone holding).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ClaimContext } from '../../src/claims/claim.ts';
import { D6_ULPS } from '../../src/claims/model.d6-a-dissipativity.ts';
import type { ModelPoint } from '../../src/claims/model.point.ts';
import { pdGlobalMargins, rebuttalPdGlobal, testedEpsilon } from '../../src/claims/rebuttal.pd-global.ts';
import { fmt } from '../../src/claims/universal-runner.ts';
import { resolveProfile } from '../../src/config/profile.ts';
import { evaluate } from '../../src/model/population-loss.ts';
import { makeTeacher } from '../../src/model/teacher.ts';
import { pdSample } from '../../src/theory/dissipativity.ts';

const U = 2 ** -53;
const C = (Math.PI - 1) / (4 * Math.PI);
const PROFILE = resolveProfile({ profile: 'ci' });

function context(runs: number, seed: number, examples: readonly unknown[] = []): ClaimContext {
  return { profile: PROFILE, seed, budget: { runs, timeMs: 600_000 }, examples };
}

const norm = (x: ArrayLike<number>): number => Math.hypot(...Array.from(x));

/** Both blocks' margins from the documented formula: (inner − c·d² + ε)/(‖∇‖·d + c·d² + ε) + D6_ULPS·u. */
function expected(x: ModelPoint): { aBlock: number; vBlock: number; vRequired: number; epsilon: number } {
  const t = makeTeacher(Float64Array.from(x.wStar), Float64Array.from(x.aStar));
  const w = Float64Array.from(x.w);
  const a = Float64Array.from(x.a);
  const s = pdSample(t, w, a);
  const ev = evaluate(t, w, a);
  const epsilon = Math.max((Math.PI * norm(x.aStar) ** 2) / (4 * (Math.PI - 1)), 4 * C);
  const block = (inner: number, d2: number, g: number): number =>
    (inner - C * d2 + epsilon) / (g * Math.sqrt(d2) + C * d2 + epsilon) + D6_ULPS * U;
  return {
    aBlock: block(s.aInner, s.aDistSq, norm(ev.gradA)),
    vBlock: block(s.vInner, s.vDistSq, norm(ev.gradW)),
    vRequired: C * s.vDistSq - s.vInner,
    epsilon,
  };
}

const POSITIVE: ModelPoint = { p: 3, k: 2, w: [0.4, -0.3, 0.2], a: [0.9, 0.2], wStar: [-0.2, 0.3, 0.1], aStar: [1.1, -0.4] };
/** aᵀa* < 0 and ‖e + w‖ small: the v-block's inner product is very negative (D7). */
const NEGATIVE: ModelPoint = {
  p: 2,
  k: 2,
  w: [-1 / Math.SQRT2 + 0.01, -1 / Math.SQRT2 - 0.01],
  a: [-20, -5],
  wStar: [0.1, 0.2],
  aStar: [1.1, -0.4],
};

describe('testedEpsilon', () => {
  it('should be max(π‖a*‖²/(4(π−1)), 4c_a), c_a = (π−1)/4π', () => {
    expect(testedEpsilon(1)).toBeCloseTo((Math.PI - 1) / Math.PI, 15);
    expect(testedEpsilon(0)).toBeCloseTo((Math.PI - 1) / Math.PI, 15);
    expect(testedEpsilon(4)).toBeCloseTo(Math.PI / (Math.PI - 1), 14);
    expect(testedEpsilon(100)).toBeCloseTo((100 * Math.PI) / (4 * (Math.PI - 1)), 12);
  });
});

describe('pdGlobalMargins', () => {
  it('should give both blocks 1 + D6_ULPS·u at the global optimum (no distance, no gradient)', () => {
    const x: ModelPoint = { ...POSITIVE, w: POSITIVE.wStar, a: POSITIVE.aStar };
    const m = pdGlobalMargins(x);
    expect(m.aBlock).toBe(1 + D6_ULPS * U);
    expect(m.vBlock).toBe(1 + D6_ULPS * U);
    expect(m.vRequiredEpsilon).toBe(0);
    expect(m.epsilon).toBe(testedEpsilon(1.1 ** 2 + 0.4 ** 2));
    expect(rebuttalPdGlobal.margin(x)).toBe(1 + D6_ULPS * U);
  });

  it('should follow the documented formula at points with either sign of aᵀa*', () => {
    for (const x of [POSITIVE, NEGATIVE, { ...POSITIVE, a: [-3, 1] }]) {
      const m = pdGlobalMargins(x);
      const e = expected(x);
      expect(m.aBlock).toBeCloseTo(e.aBlock, 12);
      expect(m.vBlock).toBeCloseTo(e.vBlock, 12);
      expect(m.vRequiredEpsilon).toBeCloseTo(e.vRequired, 10);
      expect(m.epsilon).toBe(e.epsilon);
      expect(rebuttalPdGlobal.margin(x)).toBe(Math.min(m.aBlock, m.vBlock));
    }
    const pos = pdGlobalMargins(POSITIVE);
    expect(pos.aBlock).toBeGreaterThan(0);
    expect(pos.vBlock).toBeGreaterThan(0);
    expect(pos.vRequiredEpsilon).toBeLessThan(pos.epsilon);
    const neg = pdGlobalMargins(NEGATIVE);
    expect(neg.aBlock).toBeGreaterThan(0);
    expect(neg.vBlock).toBeLessThan(-0.5);
    expect(neg.vRequiredEpsilon).toBeGreaterThan(neg.epsilon);
    expect(rebuttalPdGlobal.margin(NEGATIVE)).toBe(neg.vBlock);
  });

  it('should take the a-block when it is the smaller margin', () => {
    const x: ModelPoint = { ...POSITIVE, w: POSITIVE.wStar, a: [30, 40] };
    const m = pdGlobalMargins(x);
    expect(m.aBlock).toBeLessThan(m.vBlock);
    expect(rebuttalPdGlobal.margin(x)).toBe(m.aBlock);
  });
});

describe('rebuttalPdGlobal: hypotheses and train spec', () => {
  it('should draw points anywhere: p, k ≤ 8, ‖e + w‖ ∈ [1e-3, 1e3], a at scales 1e-3 … 1e3, both signs of aᵀa*', () => {
    const points = fc.sample(rebuttalPdGlobal.hypotheses(context(1, 1)), { numRuns: 300, seed: 4 });
    let positive = 0;
    let negative = 0;
    let smallR = Infinity;
    let largeR = 0;
    let smallA = Infinity;
    let largeA = 0;
    for (const x of points) {
      expect(x.p).toBeGreaterThanOrEqual(1);
      expect(x.p).toBeLessThanOrEqual(8);
      expect(x.k).toBeGreaterThanOrEqual(1);
      expect(x.k).toBeLessThanOrEqual(8);
      expect(x.w.length).toBe(x.p);
      expect(x.wStar.length).toBe(x.p);
      expect(x.a.length).toBe(x.k);
      expect(x.aStar.length).toBe(x.k);
      const e = 1 / Math.sqrt(x.p);
      const r = norm(x.w.map((v) => v + e));
      expect(r).toBeGreaterThanOrEqual(1e-3 * (1 - 1e-9));
      expect(r).toBeLessThanOrEqual(1e3 * (1 + 1e-9));
      smallR = Math.min(smallR, r);
      largeR = Math.max(largeR, r);
      const aNorm = norm(x.a);
      expect(aNorm).toBeLessThanOrEqual(1e3 * Math.hypot(1, 0.5) * (1 + 1e-12));
      smallA = Math.min(smallA, aNorm);
      largeA = Math.max(largeA, aNorm);
      const dot = x.a.reduce((s, v, j) => s + v * x.aStar[j], 0);
      if (dot > 0) positive++;
      if (dot < 0) negative++;
      expect(norm(x.aStar)).toBeGreaterThanOrEqual(0.1 * (1 - 1e-12));
      expect(norm(x.aStar)).toBeLessThanOrEqual(10 * (1 + 1e-12));
    }
    expect(positive).toBeGreaterThan(100);
    expect(negative).toBeGreaterThan(100);
    expect(smallR).toBeLessThan(1e-2);
    expect(largeR).toBeGreaterThan(1e2);
    expect(smallA).toBeLessThan(1e-2);
    expect(largeA).toBeGreaterThan(1e2);
  });

  it('should replay a point as a 0-step train spec', () => {
    expect(rebuttalPdGlobal.toTrainSpec(POSITIVE)).toEqual({
      p: 3,
      k: 2,
      w0: POSITIVE.w,
      a0: POSITIVE.a,
      wStar: POSITIVE.wStar,
      aStar: POSITIVE.aStar,
      etaW: 1,
      etaA: 1,
      steps: 0,
    });
  });

  it('should not count a margin inside (−1e-9, 0) as a violation', () => {
    expect(rebuttalPdGlobal.robustness).toBe(1e-9);
  });
});

describe('rebuttalPdGlobal.run', () => {
  it('should hold when no sampled point has aᵀa* < 0 enough, with the a-block run alone in the evidence', () => {
    // Seed 1's first three points all have positive margins in both blocks.
    const points = fc.sample(rebuttalPdGlobal.hypotheses(context(1, 1)), { numRuns: 3, seed: 1 });
    const margins = points.map(pdGlobalMargins);
    const minMargin = Math.min(...margins.map((m) => Math.min(m.aBlock, m.vBlock)));
    const aMin = Math.min(...margins.map((m) => m.aBlock));
    const r = rebuttalPdGlobal.run(context(3, 1));
    expect(r.verdict).toBe('holds');
    expect(r.runs).toBe(6);
    expect(r.counterexample).toBeUndefined();
    expect(r.evidence).toBe(
      `no counterexample in 3 samples (0 stored replayed); smallest margin ${fmt(minMargin)}; ` +
        `a-block alone — holds: no counterexample in 3 samples (0 stored replayed); smallest margin ${fmt(aMin)}`,
    );
    expect(r.details).toEqual({
      seed: 1,
      minMargin,
      evaluated: 3,
      aBlock: { verdict: 'holds', seed: 1, minMargin: aMin, evaluated: 3 },
    });
  });

  it("should refute at a stored point with aᵀa* < 0 and show the v-block's required ε growing under a → λa", () => {
    const r = rebuttalPdGlobal.run(context(3, 1, [NEGATIVE]));
    expect(r.verdict).toBe('refuted');
    expect(r.counterexample?.hypothesis).toBe(NEGATIVE);
    expect(r.counterexample?.input).toEqual(rebuttalPdGlobal.toTrainSpec(NEGATIVE));
    const required = [1, 10, 100].map((l) => pdGlobalMargins({ ...NEGATIVE, a: NEGATIVE.a.map((v) => l * v) }).vRequiredEpsilon);
    expect(required[1]).toBeGreaterThan(5 * required[0]);
    expect(required[2]).toBeGreaterThan(5 * required[1]);
    const margins = fc.sample(rebuttalPdGlobal.hypotheses(context(1, 1)), { numRuns: 2, seed: 1 }).map((x) => pdGlobalMargins(x).aBlock);
    const aMin = Math.min(pdGlobalMargins(NEGATIVE).aBlock, ...margins);
    expect(r.evidence).toBe(
      `a block falls below c_a‖x − x*‖² − max(ε_a, 4c_a): margin ${fmt(pdGlobalMargins(NEGATIVE).vBlock)} after 0 shrinks ` +
        `(seed 1, path ${(r.details as { path: string }).path}); ` +
        `there the v-block needs ε = ${required.map((x) => fmt(x)).join(', ')} at a, 10a, 100a (tested ε = ${fmt(pdGlobalMargins(NEGATIVE).epsilon)}): ` +
        'by D7 it needs (|aᵀa*|(π − φ)/(4π‖e + w‖) + c)‖v − v*‖² when aᵀa* < 0, unbounded, so no (c > 0, ε) works; ' +
        `a-block alone — holds: no counterexample in 3 samples (1 stored replayed); smallest margin ${fmt(aMin)}`,
    );
    expect(r.runs).toBe(1 + 3);
    expect((r.details as { aBlock: unknown }).aBlock).toEqual({ verdict: 'holds', seed: 1, minMargin: aMin, evaluated: 3 });
  });
});
