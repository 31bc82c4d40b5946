/**
 * model.d4-a-fixed-point (src/claims/model.d4-a-fixed-point.ts; THEORY.md §3 D4, D8): ∇_a L = 0 at
 * a(φ); a(φ)ᵀa* > 0 for φ ≤ π/2 (failing exactly at φ = π/2 with 1ᵀa* = 0); the frozen-w
 * a-iteration converging below η_a = 4π/(π−1+k) and diverging along 1 above it. Checked: the
 * 60-digit a(φ)ᵀa* against its closed form at φ < π/2, φ = π/2 and φ > π/2; the margin against
 * its three documented parts (recomputed here from D8's rate and the same GD runs) at sampled
 * hypotheses; the boundary special hypothesis (violated); the hypotheses' construction (a_0 =
 * a(φ) + Δ, ε, the φ = π/2 points) at a fixed seed; the train spec; run() on a tiny budget.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ClaimContext } from '../../src/claims/claim.ts';
import { D4_BOUNDARY, D4_GRADIENT_ULPS, fixedPointAlignment, modelD4AFixedPoint, type FixedPointHypothesis } from '../../src/claims/model.d4-a-fixed-point.ts';
import { EXACT_MARGIN, floatPoint, pointTrainSpec, type ModelPoint } from '../../src/claims/model.point.ts';
import { resolveProfile } from '../../src/config/profile.ts';
import { scaledNorm } from '../../src/model/vector-norm.ts';
import { gradientDescent } from '../../src/optim/gradient-descent.ts';
import { aContractionFactor, aFixedPoint } from '../../src/theory/a-fixed-point.ts';
import { stabilityThresholdA } from '../../src/theory/step-sizes.ts';

const CI = resolveProfile({ profile: 'ci' });
function ctxOf(runs: number, seed = 41): ClaimContext {
  return { profile: CI, seed, budget: { runs, timeMs: 60_000 } };
}
const u = 2 ** -53;

// Sampled inside each test (not at collection), so that a mutant activated for the test is seen.
const HYPS = (): FixedPointHypothesis[] => fc.sample(modelD4AFixedPoint.hypotheses(ctxOf(1)), { seed: 19, numRuns: 40 });

function aPhiOf(x: ModelPoint): Float64Array {
  const fp = floatPoint(x);
  return aFixedPoint(fp.state.piMinusPhi, fp.t.aStar, fp.t.aStarSum);
}

function frozen(x: ModelPoint, etaA: number, steps: number): Float64Array {
  const fp = floatPoint(x);
  return gradientDescent({ teacher: fp.t, w0: fp.w, a0: fp.a, etaW: 1, etaA, steps, schedule: { kind: 'layerwise', switchStep: steps }, lossTarget: -Infinity }).a;
}

const lg = (x: number): number => Math.log10(x);

/** The three documented parts of the margin, recomputed. */
function parts(h: FixedPointHypothesis): { gradient: number; positivity: number; converged: number; grew: number; alongOne: number; finiteAbove: boolean } {
  const x = h.point;
  const k = x.k;
  const aPhi = aPhiOf(x);
  const fq = floatPoint({ ...x, a: Array.from(aPhi) });
  const scale = ((Math.PI - 1 + k) / (2 * Math.PI)) * (Math.hypot(...aPhi) + Math.sqrt(fq.t.aStarNormSq));
  const gradient = scale === 0 ? (scaledNorm(fq.gradA) === 0 ? EXACT_MARGIN : -EXACT_MARGIN) : lg(16 * u) - lg(Math.max(scaledNorm(fq.gradA) / scale, 1e-300));
  const al = fixedPointAlignment(x);
  let positivity = EXACT_MARGIN;
  if (al !== null) {
    const r = al.value.div(al.scale);
    positivity = r.greaterThan(0) ? lg(r.toNumber() / 1e-50) : -EXACT_MARGIN;
  }
  const thr = (4 * Math.PI) / (Math.PI - 1 + k);
  const delta = Float64Array.from(x.a, (aj, j) => aj - aPhi[j]);
  const dn = scaledNorm(delta);
  const rho = aContractionFactor(k, (1 - h.epsilon) * thr);
  const t1 = Math.ceil(Math.log(1e-8) / Math.log(rho));
  const below = frozen(x, (1 - h.epsilon) * thr, t1).map((aj, j) => aj - aPhi[j]);
  const converged = lg(1e-6) - lg(Math.max(scaledNorm(below) / dn, 1e-300));
  const share = Math.abs(delta.reduce((s, d) => s + d, 0)) / (Math.sqrt(k) * dn);
  const t2 = Math.ceil(Math.log(1e8 / share) / Math.log(1 + 2 * h.epsilon));
  const above = frozen(x, (1 + h.epsilon) * thr, t2).map((aj, j) => aj - aPhi[j]);
  const an = scaledNorm(above);
  const along = Math.abs(above.reduce((s, d) => s + d, 0)) / (Math.sqrt(k) * an);
  return {
    gradient,
    positivity,
    converged,
    grew: lg(an / dn / 1e6),
    alongOne: lg(1e-6) - lg(Math.max(Math.max(0, 1 - along), 1e-300)),
    finiteAbove: Number.isFinite(an),
  };
}

describe('fixedPointAlignment', () => {
  it('should give a(φ)ᵀa* = (1ᵀa*)²/(π − 1 + k) at φ = π/2 exactly, and ‖a*‖² + (1ᵀa*)² as its scale', () => {
    const x: ModelPoint = { p: 4, k: 3, w: [-0.5, 0.5, 0, 0], a: [0, 0, 0], wStar: [1, -1, 0, 0], aStar: [1.5, -0.5, 1] };
    const al = fixedPointAlignment(x)!;
    expect(al).not.toBeNull();
    expect(al.value.toNumber()).toBeCloseTo(4 / (Math.PI + 2), 14);
    expect(al.scale.toNumber()).toBeCloseTo(1.5 ** 2 + 0.25 + 1 + 4, 14);
    // With 1ᵀa* = 0 it is exactly 0: the boundary where the claim fails.
    const b = fixedPointAlignment(D4_BOUNDARY.point)!;
    expect(b.value.isZero()).toBe(true);
    expect(b.scale.toNumber()).toBeCloseTo(2 * (1.3 ** 2 + 0.4 ** 2), 14);
  });

  it('should agree with the float a(φ)ᵀa* at φ < π/2 and be null beyond π/2', () => {
    const near: ModelPoint = { p: 3, k: 2, w: [0.25, -0.15, 0.1], a: [0, 0], wStar: [0.3, -0.2, 0.1], aStar: [1.3, 0.4] };
    const fp = floatPoint(near);
    expect(fp.state.phi).toBeLessThan(Math.PI / 2);
    const aPhi = aPhiOf(near);
    const expected = aPhi[0] * 1.3 + aPhi[1] * 0.4;
    expect(expected).toBeGreaterThan(0);
    expect(fixedPointAlignment(near)!.value.toNumber() / expected).toBeCloseTo(1, 12);
    const far: ModelPoint = { ...near, w: near.wStar.map((x) => -2 * (x + 1 / Math.sqrt(3)) - 1 / Math.sqrt(3)) };
    expect(floatPoint(far).state.phi).toBeGreaterThan(Math.PI / 2);
    expect(fixedPointAlignment(far)).toBeNull();
  });
});

describe('modelD4AFixedPoint.margin', () => {
  it('should be −EXACT_MARGIN at the boundary φ = π/2, 1ᵀa* = 0 (a(φ) = 0)', () => {
    expect(D4_BOUNDARY.epsilon).toBe(0.1);
    expect(floatPoint(D4_BOUNDARY.point).state.phi).toBe(Math.PI / 2);
    expect(scaledNorm(aPhiOf(D4_BOUNDARY.point))).toBeLessThan(1e-15); // a(π/2) = 0 up to rounding
    expect(modelD4AFixedPoint.margin(D4_BOUNDARY)).toBe(-EXACT_MARGIN);
  });

  it('should be the smallest of the three parts, each ≥ 0 away from the boundary', () => {
    expect(D4_GRADIENT_ULPS).toBe(16);
    for (const h of HYPS().slice(0, 12)) {
      const pt = parts(h);
      const m = modelD4AFixedPoint.margin(h);
      expect(pt.finiteAbove).toBe(true);
      const threshold = Math.min(pt.converged, pt.grew, pt.alongOne);
      expect(m).toBeCloseTo(Math.min(pt.gradient, pt.positivity, threshold), 10);
      if (pt.positivity > -EXACT_MARGIN) {
        // D8: ρ^T ≤ 1e-8, so a_T − a(φ) is within 1e-8‖Δ‖: two decades under the 1e-6 required.
        expect(pt.converged).toBeGreaterThan(1.99);
        // The 1-component grows by (1 + 2ε)^T ≥ 1e8 from its share: two decades over 1e6.
        expect(pt.grew).toBeGreaterThan(1.99);
        expect(pt.alongOne).toBeGreaterThan(0);
        expect(pt.gradient).toBeGreaterThan(0);
      }
    }
  });

  it('should hold exactly at a* = 0 beyond π/2: a(φ) = 0 is stationary (∇_a L = 0 exactly, scale 0)', () => {
    // Outside the hypotheses (‖a*‖ ≥ 0.1), but a valid point: every part is decided without 0/0.
    const x: ModelPoint = { p: 3, k: 2, w: [-1.2, -1.4, -1.3], a: [0.5, 0.3], wStar: [0.3, -0.2, 0.1], aStar: [0, 0] };
    expect(floatPoint(x).state.phi).toBeGreaterThan(Math.PI / 2);
    expect(fixedPointAlignment(x)).toBeNull();
    // The gradient and positivity parts are 300 here, so the margin is the threshold part's.
    const variants: FixedPointHypothesis[] = [
      { point: x, epsilon: 0.2 },
      { point: x, epsilon: 0.01 },
      { point: { ...x, a: [0.5, -0.45] }, epsilon: 0.45 },
      { point: { ...x, k: 1, a: [-0.7], aStar: [0] }, epsilon: 0.05 },
    ];
    let grewSmaller = 0;
    for (const h of variants) {
      const m = modelD4AFixedPoint.margin(h);
      expect(m).toBeGreaterThan(0);
      const pt = parts(h);
      expect(pt.gradient).toBe(EXACT_MARGIN);
      expect(pt.positivity).toBe(EXACT_MARGIN);
      expect(m).toBeCloseTo(Math.min(pt.converged, pt.grew, pt.alongOne), 10);
      expect(pt.alongOne).toBeGreaterThan(Math.max(pt.converged, pt.grew));
      if (pt.grew < pt.converged) grewSmaller++;
    }
    expect(grewSmaller).toBeGreaterThan(0);
    expect(grewSmaller).toBeLessThan(variants.length);
    // At φ ≤ π/2 the same a* = 0 fails the positivity part (a(φ)ᵀa* = 0 is not > 0).
    const y: ModelPoint = { ...x, w: [0.25, -0.15, 0.1] };
    expect(fixedPointAlignment(y)!.scale.isZero()).toBe(true);
    expect(modelD4AFixedPoint.margin({ point: y, epsilon: 0.2 })).toBe(-EXACT_MARGIN);
  });

  it('should be negative when the step is above the threshold on the "converging" side (a perturbed α)', () => {
    // The iteration at α = 2(1 + ε) does not converge: its distance to a(φ) grows past ‖Δ‖.
    const h = HYPS().find((x) => x.point.k <= 4 && fixedPointAlignment(x.point) !== null)!;
    const aPhi = aPhiOf(h.point);
    const thr = stabilityThresholdA(h.point.k);
    const rho = aContractionFactor(h.point.k, (1 - h.epsilon) * thr);
    const t1 = Math.ceil(Math.log(1e-8) / Math.log(rho));
    const wrong = frozen(h.point, (1 + h.epsilon) * thr, t1).map((aj, j) => aj - aPhi[j]);
    const dn = Math.hypot(...h.point.a.map((aj, j) => aj - aPhi[j]));
    expect(lg(1e-6) - lg(scaledNorm(wrong) / dn)).toBeLessThan(0);
  });
});

describe('modelD4AFixedPoint: hypotheses, train spec, run', () => {
  it('should start at a(φ) + Δ with ⟨Δ, 1/√k⟩ = ±[0.1, 1]‖a*‖ and Δ ⟂ 1 at most ‖a*‖, ε ∈ [1e-3, 0.5]', () => {
    const hs = fc.sample(modelD4AFixedPoint.hypotheses(ctxOf(1)), { seed: 3, numRuns: 150 });
    let negative = 0;
    let acrossSome = 0;
    let rightAngle = 0;
    let boundary = 0;
    for (const h of hs) {
      const x = h.point;
      expect(h.epsilon).toBeGreaterThanOrEqual(1e-3);
      expect(h.epsilon).toBeLessThanOrEqual(0.5);
      const aPhi = aPhiOf(x);
      const norm = Math.hypot(...x.aStar) || 1;
      const delta = x.a.map((aj, j) => aj - aPhi[j]);
      const along = delta.reduce((s, d) => s + d, 0) / Math.sqrt(x.k) / norm;
      expect(Math.abs(along)).toBeGreaterThanOrEqual(0.1 - 1e-9);
      expect(Math.abs(along)).toBeLessThanOrEqual(1 + 1e-9);
      if (along < 0) negative++;
      const across = Math.sqrt(Math.max(0, delta.reduce((s, d) => s + d * d, 0) / (norm * norm) - along * along));
      expect(across).toBeLessThanOrEqual(1 + 1e-6);
      if (x.k === 1) expect(across).toBeLessThan(1e-6);
      if (across > 0.1) acrossSome++;
      const fp = floatPoint(x);
      if (fp.state.phi === Math.PI / 2) {
        rightAngle++;
        if (x.k >= 2 && fp.t.aStarSum === 0) boundary++;
      }
    }
    expect(acrossSome).toBeGreaterThan(30);
    expect(negative).toBeGreaterThan(40);
    expect(negative).toBeLessThan(110);
    expect(rightAngle).toBeGreaterThan(15);
    expect(boundary).toBeGreaterThan(0);
    expect(hs.some((h) => h.point.k > 8 || h.point.p > 8)).toBe(true);
    expect(Math.max(...hs.map((h) => Math.max(h.point.p, h.point.k)))).toBeLessThanOrEqual(64);
    expect(hs.filter((h) => h.epsilon < 1e-2).length).toBeGreaterThan(20);
  });

  it('should build the φ = π/2 points as w* = c(e_i − e_j), w = −(e_i − e_j)/(2c) with c a power of two', () => {
    const hs = fc.sample(modelD4AFixedPoint.hypotheses(ctxOf(1)), { seed: 3, numRuns: 150 });
    const pow2 = (v: number): boolean => v !== 0 && Number.isInteger(Math.log2(Math.abs(v)));
    // Only this construction gives w* with every nonzero entry a power of two (the other points
    // come from random directions).
    const structural = hs.filter((h) => h.point.wStar.every((v) => v === 0 || pow2(v)) && h.point.wStar.some((v) => v !== 0));
    expect(structural.length).toBeGreaterThan(15);
    expect(structural.length).toBeLessThan(50);
    const cs = new Set<number>();
    for (const h of structural) {
      const x = h.point;
      const nz = x.wStar.map((v, i) => [v, i] as const).filter(([v]) => v !== 0);
      expect(nz.length).toBe(2);
      const [[c, i], [minusC, j]] = nz;
      expect(minusC).toBe(-c);
      expect(Math.abs(c)).toBeGreaterThanOrEqual(0.25);
      expect(Math.abs(c)).toBeLessThanOrEqual(4);
      cs.add(Math.abs(c));
      expect(x.w[i]).toBe(-1 / (2 * c));
      expect(x.w[j]).toBe(1 / (2 * c));
      expect(x.w.filter((v) => v !== 0).length).toBe(2);
      expect(x.p).toBeGreaterThanOrEqual(2);
      expect(x.p).toBeLessThanOrEqual(8);
      expect(x.k).toBeLessThanOrEqual(8);
      expect(Math.abs(floatPoint(x).state.phi - Math.PI / 2)).toBeLessThan(1e-15);
      const aNorm = Math.hypot(...x.aStar);
      expect(aNorm).toBeLessThanOrEqual(10 * Math.SQRT2);
      expect(aNorm).toBeGreaterThan(0);
    }
    expect(cs.size).toBeGreaterThan(2);
    expect(new Set(structural.map((h) => h.point.p)).size).toBeGreaterThan(3);
  });

  it('should put 1ᵀa* = 0 at the right angle for every k ≥ 2 (k = 2 included) and never a* = 0 at k = 1', () => {
    // 800 draws: about 160 right-angle points, of which about 1 in 16 each are k = 1 and k = 2
    // with the zero-sum coin up (seed fixed; counts checked below are far from 0).
    const hs = fc.sample(modelD4AFixedPoint.hypotheses(ctxOf(1)), { seed: 5, numRuns: 800 });
    const zeroSumByK = new Map<number, number>();
    let kOneRightAngle = 0;
    for (const { point: x } of hs) {
      expect(Math.hypot(...x.aStar)).toBeGreaterThan(0);
      const fp = floatPoint(x);
      if (fp.state.phi !== Math.PI / 2) continue;
      if (x.k === 1) kOneRightAngle++;
      if (fp.t.aStarSum === 0) zeroSumByK.set(x.k, (zeroSumByK.get(x.k) ?? 0) + 1);
    }
    expect(kOneRightAngle).toBeGreaterThan(5);
    expect(zeroSumByK.get(1)).toBeUndefined();
    expect(zeroSumByK.get(2)).toBeGreaterThan(0);
  });

  it('should leave the boundary (φ = π/2 with 1ᵀa* = 0) out of the second search only', () => {
    // A recording margin (always holding): the run evaluates the special, the search of the stated
    // claim (300), then the search without the boundary (300), in that order.
    const seen: ModelPoint[] = [];
    const recorder = {
      ...modelD4AFixedPoint,
      margin: (h: FixedPointHypothesis) => {
        if (h !== D4_BOUNDARY) seen.push(h.point);
        return 1;
      },
    };
    const r = modelD4AFixedPoint.run.call(recorder, ctxOf(300, 8));
    expect(r.verdict).toBe('holds');
    expect(r.runs).toBe(300 + 1 + 300);
    const pow2 = (v: number): boolean => v !== 0 && Number.isInteger(Math.log2(Math.abs(v)));
    const rightAngle = (x: ModelPoint): boolean => x.wStar.filter((v) => v !== 0).length === 2 && x.wStar.every((v) => v === 0 || pow2(v));
    const boundary = (x: ModelPoint): boolean => x.k >= 2 && rightAngle(x) && floatPoint(x).t.aStarSum === 0;
    const all = seen;
    expect(all.length).toBe(600);
    // The first 300 (stated) include boundary points; the last 300 (interior) none.
    expect(all.slice(0, 300).filter(boundary).length).toBeGreaterThan(0);
    expect(all.slice(300).filter(boundary).length).toBe(0);
    expect(all.slice(300).filter(rightAngle).length).toBeGreaterThan(20);
  });

  it('should replay the converging run: T steps of the layerwise schedule at η_a = (1 − ε)·4π/(π − 1 + k)', () => {
    const h = HYPS()[0];
    const k = h.point.k;
    const thr = (4 * Math.PI) / (Math.PI - 1 + k);
    const rho = aContractionFactor(k, (1 - h.epsilon) * thr);
    const steps = Math.ceil(Math.log(1e-8) / Math.log(rho));
    expect(rho ** steps).toBeLessThanOrEqual(1e-8);
    expect(rho ** (steps - 1)).toBeGreaterThan(1e-8);
    expect(modelD4AFixedPoint.toTrainSpec(h)).toEqual({ ...pointTrainSpec(h.point, steps, 1, (1 - h.epsilon) * thr), schedule: { kind: 'layerwise', switchStep: steps } });
    expect(modelD4AFixedPoint.toTrainSpec(D4_BOUNDARY).steps).toBe(Math.ceil(Math.log(1e-8) / Math.log(aContractionFactor(4, 0.9 * stabilityThresholdA(4)))));
  });

  it('should refute at the boundary special hypothesis and report the search without the boundary', () => {
    const r = modelD4AFixedPoint.run(ctxOf(2, 5));
    expect(r.verdict).toBe('refuted');
    expect(r.counterexample?.hypothesis).toBe(D4_BOUNDARY);
    expect(r.counterexample?.margin).toBe(-EXACT_MARGIN);
    expect(r.evidence).toMatch(/^special cases: 1 of 1 violate \(φ = π\/2 exactly, 1ᵀa\* = 0 \(a\(φ\) = 0\): margin -300\); random: /);
    expect(r.evidence).toMatch(/; without the boundary \(φ = π\/2 with 1ᵀa\* = 0\): holds, no counterexample in 2 samples/);
    const details = r.details as { interior: { verdict: string; seed: number }; specialFailures: string[] };
    expect(details.interior.verdict).toBe('holds');
    expect(details.interior.seed).toBe(5);
    expect(details.specialFailures).toEqual(['φ = π/2 exactly, 1ᵀa* = 0 (a(φ) = 0)']);
    expect(r.runs).toBe(2 + 1 + 2);
  });
});
