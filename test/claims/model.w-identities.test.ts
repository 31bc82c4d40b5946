/**
 * The w-block identities D1, D2, D3 and D7 (THEORY.md §3) as universal claims
 * (src/claims/model.d1-orthogonal.ts, model.d2-norm-growth.ts, model.d3-angle-closing.ts,
 * model.d7-w-identity.ts): their margins at the special points and at sampled points against the
 * documented formulas (the inner products computed exactly in decimals here), points where the
 * stated identity is violated (D7 everywhere but φ = π/2, D2 with a wrong step), the train specs,
 * the hypotheses' domain at a fixed seed, and run() on tiny budgets (verdict, runs, evidence).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ClaimContext } from '../../src/claims/claim.ts';
import { modelD1Orthogonal } from '../../src/claims/model.d1-orthogonal.ts';
import { modelD2NormGrowth } from '../../src/claims/model.d2-norm-growth.ts';
import { modelD3AngleClosing } from '../../src/claims/model.d3-angle-closing.ts';
import { d7AsStated, modelD7WIdentity } from '../../src/claims/model.d7-w-identity.ts';
import {
  EXACT_MARGIN,
  floatPoint,
  identityMargin,
  pointTrainSpec,
  profilePointArb,
  SPECIAL_POINTS,
  teacherDistance,
  wIdentityTolerance,
  wPrefactor,
  type ModelPoint,
} from '../../src/claims/model.point.ts';
import { fmt } from '../../src/claims/universal-runner.ts';
import { dot2 } from '../../src/model/compensated-sum.ts';
import { pdSample } from '../../src/theory/dissipativity.ts';
import { scaledNorm, shiftedNorm } from '../../src/model/vector-norm.ts';
import { resolveProfile } from '../../src/config/profile.ts';
import { doubleToDecimal } from '../../src/reference/exact-double.ts';
import { makeReferenceContext } from '../../src/reference/population-loss.ts';

const D = makeReferenceContext(60);
const CI = resolveProfile({ profile: 'ci' });

function ctxOf(runs: number, seed = 5): ClaimContext {
  return { profile: CI, seed, budget: { runs, timeMs: 60_000 } };
}

// Sampled inside each test (not at collection), so that a mutant activated for the test is seen.
const POINTS = (): ModelPoint[] => [...SPECIAL_POINTS.map((s) => s.point), ...fc.sample(profilePointArb(ctxOf(1)), { seed: 21, numRuns: 60 })];
const GENERIC: ModelPoint = SPECIAL_POINTS[0].point; // k = 1, φ = 1.1

/** Σ x_i·(shift + y_i) exactly (doubles taken exactly, shift a decimal). */
function exactDot(x: ArrayLike<number>, y: ArrayLike<number>, shift = new D(0)) {
  let s = new D(0);
  for (let i = 0; i < x.length; i++) s = s.plus(doubleToDecimal(x[i], D).times(shift.plus(doubleToDecimal(y[i], D))));
  return s;
}

/** log10(tolerance·scale/error) with error exact (decimal); ≥ 250 when the error is 0. */
function expectMarginNear(margin: number, error: ReturnType<typeof exactDot>, scale: number, tolerance: number, within: number): void {
  if (error.isZero()) {
    expect(margin).toBeGreaterThan(250);
    return;
  }
  const expected = Math.log10(tolerance * scale) - error.abs().log(10).toNumber();
  if (expected > 250) expect(margin).toBeGreaterThan(250);
  else if (margin > 250) expect(expected).toBeGreaterThan(1); // the float error rounded to exactly 0
  else expect(Math.abs(margin - expected)).toBeLessThan(within);
}

describe('model.d1-orthogonal', () => {
  it('should measure |⟨∇_w L, e + w⟩| (e + w exact) in ulps of |aᵀa*|(π − φ)/2π, holding at every point', () => {
    let compared = 0;
    for (const x of POINTS()) {
      const fp = floatPoint(x);
      const e = new D(1).div(new D(x.p).sqrt());
      const error = exactDot(fp.gradW, x.w, e);
      const m = modelD1Orthogonal.margin(x);
      expect(m).toBeGreaterThanOrEqual(0);
      const scale = wPrefactor(fp.state) * fp.state.normU;
      if (scale === 0) {
        expect(m).toBe(error.isZero() ? EXACT_MARGIN : -EXACT_MARGIN);
        continue;
      }
      // The kernel's e + w is good to ~106 bits: the margin's error is that of the inner product.
      expectMarginNear(m, error, scale, wIdentityTolerance(teacherDistance(fp), x.p), 0.05);
      compared++;
    }
    expect(compared).toBeGreaterThan(40);
  });

  it('should be negative when the gradient is not orthogonal (a point beyond the double range)', () => {
    // Overflowing coordinates make the evaluation NaN: a NaN margin counts as a violation.
    const m = modelD1Orthogonal.margin({ ...GENERIC, w: GENERIC.w.map(() => 1e308), a: GENERIC.a.map(() => 1e308) });
    expect(Number.isNaN(m) || m < 0).toBe(true);
  });

  it('should replay the point with 0 steps and draw the profile\'s points', () => {
    expect(modelD1Orthogonal.toTrainSpec(GENERIC)).toEqual(pointTrainSpec(GENERIC));
    const ctx = ctxOf(1);
    expect(fc.sample(modelD1Orthogonal.hypotheses(ctx), { seed: 4, numRuns: 20 })).toEqual(fc.sample(profilePointArb(ctx), { seed: 4, numRuns: 20 }));
  });

  it('should check the 15 special points, then the random search', () => {
    const r = modelD1Orthogonal.run(ctxOf(5));
    expect(r.verdict).toBe('holds');
    expect(r.runs).toBe(20);
    expect(r.evidence).toMatch(/^special cases: all 15 hold \(smallest margin [0-9.e+]+\); random: no counterexample in 5 samples \(0 stored replayed\)/);
    expect((r.details as { specialFailures: string[] }).specialFailures).toEqual([]);
  });
});

describe('model.d3-angle-closing', () => {
  it('should measure ⟨−∇_w L, v*⟩ − (aᵀa*)(π − φ)sin²φ/(2π‖e + w‖) in ulps of S_w, holding at every point', () => {
    let compared = 0;
    for (const x of POINTS()) {
      const fp = floatPoint(x);
      const s = fp.state;
      const sinPhi = Math.sin(Math.min(s.phi, s.piMinusPhi));
      const rhs = (s.aDotAStar * s.piMinusPhi * sinPhi * sinPhi) / (2 * Math.PI * s.normU);
      const error = exactDot(fp.gradW, fp.t.vStar).neg().minus(doubleToDecimal(rhs, D));
      const m = modelD3AngleClosing.margin(x);
      expect(m).toBeGreaterThanOrEqual(0);
      const scale = wPrefactor(s);
      if (scale === 0) {
        expect(m).toBe(error.isZero() ? EXACT_MARGIN : -EXACT_MARGIN);
        continue;
      }
      // The dot product's own rounding (u·|⟨∇_w L, v*⟩|) is of the size of the error itself.
      expectMarginNear(m, error, scale, wIdentityTolerance(teacherDistance(fp), x.p), 1);
      compared++;
    }
    expect(compared).toBeGreaterThan(40);
  });

  it('should see the sign of aᵀa* in ⟨−∇_w L, v*⟩ (the angle closes iff aᵀa* > 0)', () => {
    const x = GENERIC;
    const fp = floatPoint(x);
    const lhs = -exactDot(fp.gradW, fp.t.vStar).toNumber();
    expect(Math.sign(lhs)).toBe(Math.sign(fp.state.aDotAStar));
    const flipped = { ...x, a: x.a.map((v) => -v) };
    const fq = floatPoint(flipped);
    expect(Math.sign(-exactDot(fq.gradW, fq.t.vStar).toNumber())).toBe(-Math.sign(fp.state.aDotAStar));
    expect(modelD3AngleClosing.margin(flipped)).toBeGreaterThan(0);
  });

  it('should replay the point, draw the profile\'s points and run the specials first', () => {
    expect(modelD3AngleClosing.toTrainSpec(GENERIC)).toEqual(pointTrainSpec(GENERIC));
    const ctx = ctxOf(1);
    expect(fc.sample(modelD3AngleClosing.hypotheses(ctx), { seed: 4, numRuns: 20 })).toEqual(fc.sample(profilePointArb(ctx), { seed: 4, numRuns: 20 }));
    const r = modelD3AngleClosing.run(ctxOf(5));
    expect(r.verdict).toBe('holds');
    expect(r.runs).toBe(20);
    expect(r.evidence).toMatch(/^special cases: all 15 hold \(smallest margin [0-9.e+]+\); random: no counterexample in 5 samples/);
  });
});

describe('model.d2-norm-growth', () => {
  /** The documented step η_w = s‖e + w‖/S_w (s when S_w = 0). */
  function eta(x: ModelPoint, s: number): number {
    const fp = floatPoint(x);
    const S = wPrefactor(fp.state);
    return S === 0 ? s : (s * fp.state.normU) / S;
  }

  it('should take η_w = s‖e + w‖/S_w (s when S_w = 0) as the replayed step', () => {
    const spec = modelD2NormGrowth.toTrainSpec({ point: GENERIC, stepScale: 0.5 });
    const fp = floatPoint(GENERIC);
    expect(spec).toEqual(pointTrainSpec(GENERIC, 1, (0.5 * fp.state.normU) / wPrefactor(fp.state), 1));
    expect(spec.steps).toBe(1);
    const aZero = SPECIAL_POINTS.find((s) => s.name === 'a = 0')!.point;
    expect(wPrefactor(floatPoint(aZero).state)).toBe(0);
    expect(modelD2NormGrowth.toTrainSpec({ point: aZero, stepScale: 0.5 }).etaW).toBe(0.5);
  });

  it('should hold ‖e + w₁‖² = ‖e + w₀‖² + η²‖∇_w L‖² at every point and step scale, within a few decades of the tolerance', () => {
    const scales = [1e-3, 0.37, 1, 42, 1e3];
    let finite = 0;
    for (const [i, x] of POINTS().entries()) {
      const s = scales[i % scales.length];
      const m = modelD2NormGrowth.margin({ point: x, stepScale: s });
      expect(m).toBeGreaterThanOrEqual(0);
      if (m < 250) {
        finite++;
        // Rounding errors are at least ~1e-4 of the tolerance·scale except by luck.
        expect(m).toBeLessThan(20);
      }
    }
    expect(finite).toBeGreaterThan(30);
  });

  it('should match the exact identity: ‖e + w₁‖² − ‖e + w₀‖² − η²‖∇_w L‖² is a rounding of the scale', () => {
    // With the step computed here and everything exact, the identity's residual is the cross term
    // 2η⟨∇_w L, e + w⟩ plus η²‖∇_w L‖² rounding: tiny against the documented scale.
    for (const x of POINTS().slice(0, 20)) {
      const fp = floatPoint(x);
      const h = eta(x, 0.37);
      const e = new D(1).div(new D(x.p).sqrt());
      const w1 = Array.from(fp.w, (wi, i) => wi - h * fp.gradW[i]);
      const n1Sq = w1.reduce((acc, wi) => acc.plus(e.plus(doubleToDecimal(wi, D)).pow(2)), new D(0));
      const n0Sq = Array.from(fp.w).reduce((acc, wi) => acc.plus(e.plus(doubleToDecimal(wi, D)).pow(2)), new D(0));
      const gSq = exactDot(fp.gradW, fp.gradW);
      const residual = n1Sq.minus(n0Sq).minus(gSq.times(doubleToDecimal(h * h, D))).abs().toNumber();
      const scale = n0Sq.toNumber() + h * h * gSq.toNumber() + Math.sqrt(n1Sq.toNumber()) * Math.hypot(...w1) + h * wPrefactor(fp.state) * fp.state.normU;
      expect(residual).toBeLessThanOrEqual(wIdentityTolerance(teacherDistance(fp), x.p) * scale);
    }
  });

  it('should check the GD step w − η∇_w L with the documented rounding scale, bit for bit', () => {
    // scale = ‖e + w_t‖² + η²‖∇_w L‖² + ‖e + w_{t+1}‖‖w_{t+1}‖ + η S_w ‖e + w_t‖ (src/optim/descent.ts's step).
    for (const [i, x] of POINTS().slice(0, 30).entries()) {
      const s = [1e-3, 0.37, 1, 42, 1e3][i % 5];
      const fp = floatPoint(x);
      const h = eta(x, s);
      const w1 = fp.w.map((wi, j) => wi - h * fp.gradW[j]);
      const n1 = shiftedNorm(w1, fp.t.e);
      const n0 = fp.state.normU;
      const rhs = n0 * n0 + h * h * dot2(fp.gradW, fp.gradW);
      const scale = rhs + n1 * scaledNorm(w1) + h * wPrefactor(fp.state) * n0;
      expect(modelD2NormGrowth.margin({ point: x, stepScale: s })).toBe(identityMargin(Math.abs(n1 * n1 - rhs), scale, wIdentityTolerance(teacherDistance(fp), x.p)));
    }
  });

  it('should be violated when the step and the identity disagree: a wrong step size leaves η²‖∇_w L‖² unaccounted', () => {
    // Evaluated through the claim's own train spec: the spec's η_w must be the step whose identity
    // holds. Using η = 2·(documented η) in the identity with the documented step breaks it.
    const x = GENERIC;
    const fp = floatPoint(x);
    const h = eta(x, 1);
    const e = new D(1).div(new D(x.p).sqrt());
    const w1 = Array.from(fp.w, (wi, i) => wi - h * fp.gradW[i]);
    const n1Sq = w1.reduce((acc, wi) => acc.plus(e.plus(doubleToDecimal(wi, D)).pow(2)), new D(0)).toNumber();
    const n0Sq = fp.state.normU ** 2;
    const gSq = exactDot(fp.gradW, fp.gradW).toNumber();
    expect(Math.abs(n1Sq - n0Sq - h * h * gSq)).toBeLessThan(1e-12 * n1Sq);
    expect(Math.abs(n1Sq - n0Sq - 4 * h * h * gSq)).toBeGreaterThan(1e-3 * n1Sq);
    expect(modelD2NormGrowth.toTrainSpec({ point: x, stepScale: 1 }).etaW).toBe(h);
  });

  it('should draw points of the profile and s log-uniform in [1e-3, 1e3]', () => {
    const hs = fc.sample(modelD2NormGrowth.hypotheses(ctxOf(1)), { seed: 9, numRuns: 200 });
    for (const h of hs) {
      expect(h.stepScale).toBeGreaterThanOrEqual(1e-3);
      expect(h.stepScale).toBeLessThanOrEqual(1e3);
      expect(h.point.w.length).toBe(h.point.p);
    }
    expect(hs.filter((h) => h.stepScale < 1e-2).length).toBeGreaterThan(10);
    expect(hs.filter((h) => h.stepScale > 1e2).length).toBeGreaterThan(10);
    expect(hs.filter((h) => h.stepScale > 0.1 && h.stepScale < 10).length).toBeGreaterThan(40);
  });

  it('should run the specials at s = 1 first, then the search', () => {
    const r = modelD2NormGrowth.run(ctxOf(5));
    expect(r.verdict).toBe('holds');
    expect(r.runs).toBe(20);
    expect(r.evidence).toMatch(/^special cases: all 15 hold \(smallest margin [0-9.e+]+\); random: no counterexample in 5 samples/);
    const minSpecial = (r.details as { minSpecialMargin: number }).minSpecialMargin;
    const expected = Math.min(...SPECIAL_POINTS.map((s) => modelD2NormGrowth.margin({ point: s.point, stepScale: 1 })));
    expect(minSpecial).toBe(expected);
    expect(r.evidence).toContain(`smallest margin ${fmt(expected)})`);
  });
});

describe('model.d7-w-identity', () => {
  it('should state the right side (aᵀa*)(π − φ)/(4π‖e + w‖)·‖v − v*‖²', () => {
    expect(d7AsStated(2, Math.PI / 2, 0.5, 3)).toBeCloseTo((2 * (Math.PI / 2)) / (4 * Math.PI * 0.5) * 3, 14);
    expect(d7AsStated(-1, 0, 1, 1)).toBeCloseTo(-0.25, 15);
    expect(d7AsStated(1, Math.PI, 1, 1)).toBe(0);
  });

  it('should be violated at a generic angle, where the left side is the right side times 1 + cos φ', () => {
    const m = modelD7WIdentity.margin(GENERIC);
    expect(m).toBeLessThan(-5);
    // φ = 1.1: 1 + cos φ = 1.4536; the relative error 0.45 of S_w‖v − v*‖·… is ~1e13 tolerances.
    expect(m).toBeGreaterThan(-16);
  });

  it('should measure the error in ulps of the Cauchy–Schwarz scale S_w‖v − v*‖', () => {
    for (const x of POINTS().slice(0, 30)) {
      const fp = floatPoint(x);
      const s = pdSample(fp.t, fp.w, fp.a);
      const expected = identityMargin(Math.abs(s.vInner - d7AsStated(s.aDotAStar, s.phi, s.normU, s.vDistSq)), wPrefactor(fp.state) * Math.sqrt(s.vDistSq), wIdentityTolerance(teacherDistance(fp), x.p));
      expect(modelD7WIdentity.margin(x)).toBe(expected);
    }
  });

  it('should hold where both sides agree: φ = π/2, and where both vanish (w = w*, a = 0)', () => {
    // e = 1/2: e + w* = (3/2, −1/2, 1/2, 1/2) ⟂ e + w = (0, 1, 1/2, 1/2), exactly in doubles.
    const rightAngle: ModelPoint = { p: 4, k: 2, w: [-0.5, 0.5, 0, 0], a: [0.4, 0.9], wStar: [1, -1, 0, 0], aStar: [1.3, -0.2] };
    const fp = floatPoint(rightAngle);
    expect(fp.state.phi).toBeCloseTo(Math.PI / 2, 15);
    expect(modelD7WIdentity.margin(rightAngle)).toBeGreaterThanOrEqual(0);
    for (const name of ['a = 0', 'w = w*, a ≠ a*', 'w = w*, a = a* (exact zeros)']) {
      expect(modelD7WIdentity.margin(SPECIAL_POINTS.find((s) => s.name === name)!.point)).toBeGreaterThanOrEqual(0);
    }
  });

  it('should replay the point and draw the profile\'s points', () => {
    expect(modelD7WIdentity.toTrainSpec(GENERIC)).toEqual(pointTrainSpec(GENERIC));
    const ctx = ctxOf(1);
    expect(fc.sample(modelD7WIdentity.hypotheses(ctx), { seed: 4, numRuns: 20 })).toEqual(fc.sample(profilePointArb(ctx), { seed: 4, numRuns: 20 }));
  });

  it('should refute at the first failing special point and report left/right next to 1 + cos φ', () => {
    const r = modelD7WIdentity.run(ctxOf(3));
    expect(r.verdict).toBe('refuted');
    const c = r.counterexample!;
    expect(c.hypothesis).toEqual(GENERIC);
    expect(c.margin).toBe(modelD7WIdentity.margin(GENERIC));
    const details = r.details as { ratio: number; onePlusCos: number };
    const phi = floatPoint(GENERIC).state.phi;
    expect(details.onePlusCos).toBe(1 + Math.cos(phi));
    expect(details.ratio).toBeCloseTo(1 + Math.cos(phi), 10);
    expect(r.evidence).toMatch(/^special cases: \d+ of 15 violate \(k = 1: margin -/);
    expect(r.evidence).toContain(`; at the counterexample left/right = ${fmt(details.ratio, 8)}, 1 + cos φ = ${fmt(details.onePlusCos, 8)}`);
  });

  it('should compute 1 + cos φ as 2 sin²((π − φ)/2) beyond π/2 (accurate near π)', () => {
    const nearPi = SPECIAL_POINTS.find((s) => s.name === 'π − φ = 1e-12')!.point;
    const fp = floatPoint(nearPi);
    expect(1 + Math.cos(fp.state.phi)).toBe(0); // the plain form loses it
    // The claim's run with a margin that fails only at that special point.
    const only = { ...modelD7WIdentity, margin: (x: ModelPoint) => (x === nearPi ? -1 : 1) };
    const r = modelD7WIdentity.run.call(only, ctxOf(2));
    expect(r.counterexample?.hypothesis).toBe(nearPi);
    const details = r.details as { ratio: number; onePlusCos: number };
    expect(details.onePlusCos).toBeCloseTo(fp.state.piMinusPhi ** 2 / 2, 35);
    expect(details.onePlusCos / (fp.state.piMinusPhi ** 2 / 2)).toBeCloseTo(1, 6);
  });

  it('should pass a result without a counterexample through unchanged', () => {
    const holding = { ...modelD7WIdentity, margin: () => 1 };
    const r = modelD7WIdentity.run.call(holding, ctxOf(3));
    expect(r.verdict).toBe('holds');
    expect(r.evidence).not.toContain('left/right');
    expect((r.details as Record<string, unknown>).ratio).toBeUndefined();
  });
});
