/**
 * The shared hypothesis of the `model.*` point claims (src/claims/model.point.ts): the float64
 * kernel at a point (e + w in double-double), the w-block prefactor S_w, ρ = ‖w − w*‖/‖e + w*‖,
 * the tolerance and margin of the w-identities, the train spec, the 1ᵀa* = 0 construction, the
 * point arbitrary's documented regimes (sampled at a fixed seed), and runWithSpecials' verdicts
 * and evidence on toy claims whose answer is known.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ClaimContext, UniversalClaim } from '../../src/claims/claim.ts';
import {
  EXACT_MARGIN,
  floatEvaluation,
  floatPoint,
  identityMargin,
  modelPointArb,
  pointTeacher,
  pointTrainSpec,
  profilePointArb,
  runWithSpecials,
  SPECIAL_POINTS,
  specialPointHypotheses,
  teacherDistance,
  UNIT_ROUNDOFF,
  W_IDENTITY_ULPS,
  wIdentityTolerance,
  wPrefactor,
  zeroSum,
  type ModelPoint,
} from '../../src/claims/model.point.ts';
import { fmt } from '../../src/claims/universal-runner.ts';
import { resolveProfile } from '../../src/config/profile.ts';
import { lossAndGradient, newLossState } from '../../src/model/population-loss.ts';
import { doubleToDecimal } from '../../src/reference/exact-double.ts';
import { makeReferenceContext } from '../../src/reference/population-loss.ts';

const D = makeReferenceContext(50);
const CI = resolveProfile({ profile: 'ci' });
const NIGHTLY = resolveProfile({ profile: 'nightly' });

function ctxOf(profile = CI, runs = 5): ClaimContext {
  return { profile, seed: 7, budget: { runs, timeMs: 60_000 } };
}

const GENERIC: ModelPoint = { p: 3, k: 2, w: [0.1, -0.2, 0.05], a: [0.5, -0.3], wStar: [0.3, -0.2, 0.1], aStar: [1.3, -0.7] };

describe('floatPoint', () => {
  it('should carry e + w in double-double to about 106 bits (u = fl(e + w), uLo its error and e\'s)', () => {
    for (const x of [GENERIC, { ...GENERIC, p: 5, w: [0.7, -0.31, 0.123, 1e-3, -0.9], wStar: [0.3, -0.2, 0.1, 0.25, -0.15] }]) {
      const fp = floatPoint(x);
      const e = new D(1).div(new D(x.p).sqrt());
      expect(fp.t.e).toBe(1 / Math.sqrt(x.p));
      let loNonZero = 0;
      for (let i = 0; i < x.p; i++) {
        expect(fp.u[i]).toBe(fp.t.e + x.w[i]);
        const exact = e.plus(doubleToDecimal(x.w[i], D));
        const carried = doubleToDecimal(fp.u[i], D).plus(doubleToDecimal(fp.uLo[i], D));
        expect(carried.minus(exact).abs().div(exact.abs()).toNumber()).toBeLessThan(1e-30);
        if (fp.uLo[i] !== 0) loNonZero++;
      }
      expect(loNonZero).toBeGreaterThan(0);
    }
  });

  it('should hold the point, its teacher and the kernel\'s gradients and state', () => {
    const fp = floatPoint(GENERIC);
    expect(Array.from(fp.w)).toEqual(GENERIC.w);
    expect(Array.from(fp.a)).toEqual(GENERIC.a);
    expect(Array.from(fp.t.wStar)).toEqual(GENERIC.wStar);
    expect(Array.from(fp.t.aStar)).toEqual(GENERIC.aStar);
    const t = pointTeacher(GENERIC);
    const gW = new Float64Array(3);
    const gA = new Float64Array(2);
    const s = newLossState();
    lossAndGradient(t, Float64Array.from(GENERIC.w), Float64Array.from(GENERIC.a), gW, gA, s);
    expect(Array.from(fp.gradW)).toEqual(Array.from(gW));
    expect(Array.from(fp.gradA)).toEqual(Array.from(gA));
    expect(fp.state).toEqual(s);
    expect(fp.gradW.length).toBe(3);
    expect(fp.gradA.length).toBe(2);
    expect(floatEvaluation(GENERIC).loss).toBeCloseTo(s.loss, 14);
  });
});

describe('wPrefactor, teacherDistance, wIdentityTolerance, identityMargin', () => {
  it('should give S_w = |aᵀa*|(π − φ)/(2π‖e + w‖)', () => {
    const s = { ...newLossState(), aDotAStar: -2, piMinusPhi: Math.PI / 2, normU: 0.5 };
    expect(wPrefactor(s)).toBeCloseTo(1, 15);
    expect(wPrefactor({ ...s, aDotAStar: 3, piMinusPhi: Math.PI, normU: 3 })).toBeCloseTo(0.5, 15);
    expect(wPrefactor({ ...s, aDotAStar: 0 })).toBe(0);
  });

  it('should give ρ = ‖w − w*‖/‖e + w*‖', () => {
    const fp = floatPoint(GENERIC);
    const e = 1 / Math.sqrt(3);
    const expected = Math.hypot(0.1 - 0.3, 0, 0.05 - 0.1) / Math.hypot(0.3 + e, -0.2 + e, 0.1 + e);
    expect(teacherDistance(fp)).toBeCloseTo(expected, 15);
    expect(teacherDistance(floatPoint({ ...GENERIC, w: GENERIC.wStar }))).toBe(0);
  });

  it('should give the tolerance W_IDENTITY_ULPS·u·(1 + ρ)·√p', () => {
    expect(W_IDENTITY_ULPS).toBe(16);
    expect(UNIT_ROUNDOFF).toBe(2 ** -53);
    expect(wIdentityTolerance(0, 1)).toBe(16 * 2 ** -53);
    expect(wIdentityTolerance(1, 4)).toBe(16 * 2 ** -53 * 2 * 2);
    expect(wIdentityTolerance(0.5, 9)).toBeCloseTo(16 * 2 ** -53 * 1.5 * 3, 30);
  });

  it('should give log10(tolerance·scale/error), and ±EXACT_MARGIN at scale 0', () => {
    expect(EXACT_MARGIN).toBe(300);
    expect(identityMargin(0, 0, 1e-15)).toBe(300);
    expect(identityMargin(1e-300, 0, 1e-15)).toBe(-300);
    expect(identityMargin(1e-16, 2, 1e-15)).toBeCloseTo(Math.log10(20), 12);
    expect(identityMargin(1e-12, 2, 1e-15)).toBeCloseTo(Math.log10(2e-3), 12);
    expect(identityMargin(0, 1, 1e-15)).toBeCloseTo(285, 10);
  });
});

describe('pointTrainSpec and zeroSum', () => {
  it('should replay the point with 0 steps by default, and take steps and step sizes', () => {
    expect(pointTrainSpec(GENERIC)).toEqual({ p: 3, k: 2, w0: GENERIC.w, a0: GENERIC.a, wStar: GENERIC.wStar, aStar: GENERIC.aStar, etaW: 1, etaA: 1, steps: 0 });
    expect(pointTrainSpec(GENERIC, 5, 0.25, 0.5)).toEqual({ p: 3, k: 2, w0: GENERIC.w, a0: GENERIC.a, wStar: GENERIC.wStar, aStar: GENERIC.aStar, etaW: 0.25, etaA: 0.5, steps: 5 });
  });

  it('should pair coordinates as (x1, −x1, x2, −x2, …) with a trailing 0 for odd k', () => {
    expect(zeroSum([1, 2, 3, 4])).toEqual([1, -1, 3, -3]);
    expect(zeroSum([1, 2, 3])).toEqual([1, -1, 0]);
    expect(zeroSum([5])).toEqual([0]);
    expect(zeroSum([0.3, 9])).toEqual([0.3, -0.3]);
    expect(zeroSum([])).toEqual([]);
  });
});

/** Classification of a sampled point by the regimes the arbitrary documents. */
function regimes(points: readonly ModelPoint[]) {
  const count = { equal: 0, near0: 0, nearPi: 0, small: 0, large: 0, mid: 0, aZero: 0, aStar: 0, aNeg: 0, aNear: 0, aRandom: 0, zeroSumK2: 0, zeroSum: 0, nonZeroSum: 0 };
  for (const x of points) {
    expect(x.w.length).toBe(x.p);
    expect(x.wStar.length).toBe(x.p);
    expect(x.a.length).toBe(x.k);
    expect(x.aStar.length).toBe(x.k);
    const fp = floatPoint(x);
    const aStarNorm = Math.hypot(...x.aStar);
    expect(aStarNorm).toBeGreaterThan(0);
    expect(aStarNorm).toBeLessThan(10 * Math.SQRT2 * (1 + 1e-9));
    const pairs = x.aStar.every((v, j) => (j % 2 === 1 ? v === -x.aStar[j - 1] : j + 1 < x.k || v === 0));
    if (x.k >= 2 && pairs) {
      count.zeroSum++;
      if (x.k === 2) count.zeroSumK2++;
    } else {
      // Teachers keep ‖a*‖ ∈ [0.1, 10] unless paired to 1ᵀa* = 0.
      expect(aStarNorm).toBeGreaterThan(0.1 * (1 - 1e-9));
      expect(aStarNorm).toBeLessThan(10 * (1 + 1e-9));
      count.nonZeroSum++;
    }
    if (x.w.every((wi, i) => wi === x.wStar[i])) count.equal++;
    else {
      const r = fp.state.normU;
      if (r < 1e-5) {
        expect(r).toBeGreaterThan(1e-6 * (1 - 1e-6));
        expect(r).toBeLessThan(2e-6 * (1 + 1e-6));
        count.small++;
      } else if (r > 1e5) {
        expect(r).toBeGreaterThan(1e6 * (1 - 1e-9));
        expect(r).toBeLessThan(2e6 * (1 + 1e-9));
        count.large++;
      } else {
        expect(r).toBeGreaterThan(0.1 * (1 - 1e-9));
        expect(r).toBeLessThan(10 * (1 + 1e-9));
        count.mid++;
      }
      if (x.p >= 2 && fp.state.phi < 1e-7) {
        expect(fp.state.phi).toBeGreaterThan(1e-13);
        count.near0++;
      }
      if (x.p >= 2 && fp.state.piMinusPhi < 1e-7) {
        expect(fp.state.piMinusPhi).toBeGreaterThan(1e-13);
        count.nearPi++;
      }
    }
    const dist = Math.hypot(...x.a.map((aj, j) => aj - x.aStar[j]));
    if (x.a.every((aj) => aj === 0)) count.aZero++;
    else if (dist === 0) count.aStar++;
    else if (x.a.every((aj, j) => aj === -x.aStar[j])) count.aNeg++;
    else if (dist < 1e-4 * aStarNorm) {
      expect(dist).toBeLessThanOrEqual(1e-8 * aStarNorm * Math.sqrt(x.k) * (1 + 1e-9));
      count.aNear++;
    } else {
      const ratio = Math.hypot(...x.a) / aStarNorm;
      expect(ratio).toBeGreaterThan(0.01 * (1 - 1e-9));
      expect(ratio).toBeLessThan(10 * (1 + 1e-9));
      count.aRandom++;
    }
  }
  return count;
}

describe('modelPointArb (sampled at a fixed seed)', () => {
  // Sampled inside each test (not at collection), so that a mutant activated for the test is seen.
  const points = (): ModelPoint[] => fc.sample(modelPointArb({ smallMax: 4, largeMax: 40 }), { seed: 11, numRuns: 400 });

  it('should draw sizes p, k ≤ smallMax, and about 1 in 20 up to largeMax', () => {
    const large = points().filter((x) => x.p > 4 || x.k > 4);
    for (const x of points()) {
      expect(x.p).toBeGreaterThanOrEqual(1);
      expect(x.k).toBeGreaterThanOrEqual(1);
      expect(x.p).toBeLessThanOrEqual(40);
      expect(x.k).toBeLessThanOrEqual(40);
    }
    expect(large.length).toBeGreaterThan(5);
    expect(large.length).toBeLessThan(45);
    expect(points().some((x) => x.p === 1)).toBe(true);
    expect(points().some((x) => x.k === 1)).toBe(true);
  });

  it('should cover every documented regime of φ, ‖e + w‖, a and 1ᵀa*', () => {
    const c = regimes(points());
    expect(c.equal).toBeGreaterThan(20);
    expect(c.near0).toBeGreaterThan(10);
    expect(c.nearPi).toBeGreaterThan(10);
    expect(c.small).toBeGreaterThan(10);
    expect(c.large).toBeGreaterThan(10);
    expect(c.mid).toBeGreaterThan(c.small + c.large);
    expect(c.aZero).toBeGreaterThan(20);
    expect(c.aStar).toBeGreaterThan(20);
    expect(c.aNeg).toBeGreaterThan(20);
    expect(c.aNear).toBeGreaterThan(20);
    expect(c.aRandom).toBeGreaterThan(c.aNear);
    expect(c.zeroSum).toBeGreaterThan(20);
    expect(c.zeroSumK2).toBeGreaterThan(0);
    expect(c.nonZeroSum).toBeGreaterThan(2 * c.zeroSum);
  });

  it('should place the φ near π regime at φ ≈ π and near 0 at φ ≈ 0 on both sides of v*', () => {
    // The angles of the "any" regime spread over (0, π): both halves occur.
    const angles = points().filter((x) => x.p >= 2 && !x.w.every((wi, i) => wi === x.wStar[i])).map((x) => floatPoint(x).state.phi);
    expect(angles.filter((phi) => phi > 0.2 && phi < Math.PI / 2).length).toBeGreaterThan(20);
    expect(angles.filter((phi) => phi > Math.PI / 2 && phi < Math.PI - 0.2).length).toBeGreaterThan(20);
  });

  it('should use up to 300 at ci and up to 2000 at nightly for the large sizes', () => {
    const ci = fc.sample(profilePointArb(ctxOf(CI)), { seed: 3, numRuns: 300 });
    expect(Math.max(...ci.map((x) => Math.max(x.p, x.k)))).toBeGreaterThan(8);
    expect(Math.max(...ci.map((x) => Math.max(x.p, x.k)))).toBeLessThanOrEqual(300);
    expect(ci.filter((x) => x.p <= 8 && x.k <= 8).length).toBeGreaterThan(250);
    const nightly = fc.sample(profilePointArb(ctxOf(NIGHTLY)), { seed: 3, numRuns: 300 });
    expect(Math.max(...nightly.map((x) => Math.max(x.p, x.k)))).toBeGreaterThan(300);
    expect(Math.max(...nightly.map((x) => Math.max(x.p, x.k)))).toBeLessThanOrEqual(2000);
    const soak = fc.sample(profilePointArb(ctxOf(resolveProfile({ profile: 'soak' }))), { seed: 3, numRuns: 300 });
    expect(Math.max(...soak.map((x) => Math.max(x.p, x.k)))).toBeGreaterThan(300);
    const dev = fc.sample(profilePointArb(ctxOf(resolveProfile({ profile: 'dev' }))), { seed: 3, numRuns: 300 });
    expect(Math.max(...dev.map((x) => Math.max(x.p, x.k)))).toBeLessThanOrEqual(300);
  });
});

describe('SPECIAL_POINTS', () => {
  it('should name the issue\'s special cases, each a consistent point', () => {
    expect(SPECIAL_POINTS.length).toBe(15);
    const named = specialPointHypotheses();
    expect(named.map((s) => s.name)).toEqual(SPECIAL_POINTS.map((s) => s.name));
    expect(named.map((s) => s.hypothesis)).toEqual(SPECIAL_POINTS.map((s) => s.point));
    const byName = new Map(SPECIAL_POINTS.map((s) => [s.name, s.point]));
    expect(byName.get('k = 1')?.k).toBe(1);
    expect(byName.get('a = 0')?.a).toEqual([0, 0, 0]);
    expect(byName.get('w = w*, a = a* (exact zeros)')?.w).toEqual(byName.get('w = w*, a = a* (exact zeros)')?.wStar);
    expect(floatPoint(byName.get('‖e + w‖ = 1e-6')!).state.normU).toBeCloseTo(1e-6, 15);
    expect(floatPoint(byName.get('π − φ = 1e-12')!).state.piMinusPhi).toBeLessThan(1e-11);
  });
});

/** A toy claim over x ∈ [0, 1] with the given margin. */
function toyClaim(margin: (x: number) => number): UniversalClaim<number> {
  return {
    id: 'toy.specials',
    title: 'toy',
    statement: 'toy',
    source: { lines: 'test', quoted: [], ours: [] },
    formalizationVersion: 2,
    expected: 'holds',
    kind: 'universal',
    budgets: { dev: { runs: 5, timeMs: 1000 }, ci: { runs: 5, timeMs: 1000 }, nightly: { runs: 5, timeMs: 1000 }, soak: { runs: 5, timeMs: 1000 } },
    violation: 'toy violated',
    hypotheses: () => fc.double({ min: 0, max: 1, noNaN: true }),
    margin,
    toTrainSpec: (x) => ({ p: 1, k: 1, w0: [x], a0: [1], wStar: [0], aStar: [1], etaW: 1, etaA: 1, steps: 0 }),
    run(ctx: ClaimContext) {
      return runWithSpecials(this, ctx, []);
    },
  };
}

describe('runWithSpecials', () => {
  const specials = [2, 3, 5, 7].map((v) => ({ name: `s${v}`, hypothesis: v }));

  it('should say holds with both parts in the evidence when the specials and the search hold', () => {
    const claim = toyClaim((x) => x + 1);
    const r = runWithSpecials(claim, ctxOf(CI, 30), specials);
    expect(r.verdict).toBe('holds');
    expect(r.runs).toBe(34);
    expect(r.counterexample).toBeUndefined();
    expect(r.evidence).toMatch(/^special cases: all 4 hold \(smallest margin 3\); random: no counterexample in 30 samples/);
    const details = r.details as { specialFailures: string[]; minSpecialMargin: number; minMargin: number; seed: number };
    expect(details.specialFailures).toEqual([]);
    expect(details.minSpecialMargin).toBe(3);
    expect(details.seed).toBe(7);
    expect(details.minMargin).toBeGreaterThanOrEqual(1);
  });

  it('should refute with the first failing special, unshrunk, and list at most three', () => {
    const claim = toyClaim((x) => 1.5 - x); // specials 2, 3, 5, 7 all fail; [0, 1] holds
    const r = runWithSpecials(claim, ctxOf(CI, 20), specials);
    expect(r.verdict).toBe('refuted');
    expect(r.runs).toBe(24);
    expect(r.evidence).toMatch(
      new RegExp(`^special cases: 4 of 4 violate \\(s2: margin ${fmt(-0.5)}; s3: margin ${fmt(-1.5)}; s5: margin ${fmt(-3.5)}; …\\); random: no counterexample in 20 samples`),
    );
    expect(r.counterexample).toEqual({
      claim: 'toy.specials',
      formalizationVersion: 2,
      input: claim.toTrainSpec(2),
      hypothesis: 2,
      violated: 'toy violated',
      margin: -0.5,
    });
    const details = r.details as { specialFailures: string[]; minSpecialMargin: number };
    expect(details.specialFailures).toEqual(['s2', 's3', 's5', 's7']);
    expect(details.minSpecialMargin).toBe(-5.5);
  });

  it('should list exactly the failing specials without an ellipsis when at most three fail', () => {
    const claim = toyClaim((x) => 4 - x); // 5 and 7 fail
    const r = runWithSpecials(claim, ctxOf(CI, 10), specials);
    expect(r.verdict).toBe('refuted');
    expect(r.evidence).toMatch(/^special cases: 2 of 4 violate \(s5: margin -1; s7: margin -3\); random: /);
    expect(r.counterexample?.hypothesis).toBe(5);
    // Exactly three failing: all three listed, no ellipsis.
    const three = runWithSpecials(toyClaim((x) => 2.5 - x), ctxOf(CI, 10), specials);
    expect(three.evidence).toMatch(/^special cases: 3 of 4 violate \(s3: margin -0\.5; s5: margin -2\.5; s7: margin -4\.5\); random: /);
    // A special with margin exactly 0 holds.
    const zero = runWithSpecials(toyClaim((x) => 2 - x), ctxOf(CI, 10), [{ name: 'tie', hypothesis: 2 }]);
    expect(zero.verdict).toBe('holds');
    expect(zero.evidence).toMatch(/^special cases: all 1 hold \(smallest margin 0\)/);
  });

  it('should pass on the random search\'s refutation when the specials hold', () => {
    const claim = toyClaim((x) => 0.5 - x);
    const r = runWithSpecials(claim, ctxOf(CI, 200), [{ name: 'zero', hypothesis: 0 }]);
    expect(r.verdict).toBe('refuted');
    expect(r.counterexample?.hypothesis as number).toBeGreaterThan(0.5);
    expect(r.evidence).toMatch(/^special cases: all 1 hold \(smallest margin 0\.5\); random: toy violated: margin -/);
    expect((r.details as { specialFailures: string[] }).specialFailures).toEqual([]);
  });
});
