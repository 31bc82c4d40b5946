/**
 * rebuttal.lemma5-any-w0 (src/claims/rebuttal.lemma5-any-w0.ts): D2 checked at every step of short
 * recorded GD runs. The step check against its documented error model on steps whose error is
 * known (p = 1, where ∇_w L = 0 and every term is exact; a half step, off by 3/4·η_w²‖∇_w L‖²), the
 * run check (which step is worst, the schedule's η_w, SGD steps violating it, malformed
 * recordings), the hypotheses' documented domain and `run` on a tiny budget.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ClaimContext } from '../../src/claims/claim.ts';
import { W_IDENTITY_ULPS, type ModelPoint } from '../../src/claims/model.point.ts';
import { d2Step, normGrowthResidual, rebuttalLemma5AnyW0 } from '../../src/claims/rebuttal.lemma5-any-w0.ts';
import { fmt } from '../../src/claims/universal-runner.ts';
import { resolveProfile } from '../../src/config/profile.ts';
import { runTrainSpec, type TrainSpec } from '../../src/io/train-spec.ts';
import { evaluate } from '../../src/model/population-loss.ts';
import { makeTeacher } from '../../src/model/teacher.ts';
import { unitStepA } from '../../src/theory/step-sizes.ts';

const U = 2 ** -53;
const PROFILE = resolveProfile({ profile: 'ci' });

function context(runs: number, seed: number, examples: readonly unknown[] = []): ClaimContext {
  return { profile: PROFILE, seed, budget: { runs, timeMs: 600_000 }, examples };
}

const norm = (x: ArrayLike<number>): number => Math.hypot(...Array.from(x));

/** The gradient ∇_w L and the scalars of the error model at a point, from the float closed forms. */
function wGradient(x: ModelPoint): { g: Float64Array; n0: number; prefactor: number; rho: number } {
  const t = makeTeacher(Float64Array.from(x.wStar), Float64Array.from(x.aStar));
  const ev = evaluate(t, Float64Array.from(x.w), Float64Array.from(x.a));
  const e = 1 / Math.sqrt(x.p);
  const u = x.w.map((wi) => wi + e);
  const uStar = x.wStar.map((wi) => wi + e);
  const n0 = norm(u);
  const cos = u.reduce((s, ui, i) => s + ui * uStar[i], 0) / (n0 * norm(uStar));
  const phi = Math.acos(Math.min(1, Math.max(-1, cos)));
  const aDot = x.a.reduce((s, aj, j) => s + aj * x.aStar[j], 0);
  return {
    g: ev.gradW,
    n0,
    prefactor: (Math.abs(aDot) * (Math.PI - phi)) / (2 * Math.PI * n0),
    rho: norm(x.w.map((wi, i) => wi - x.wStar[i])) / norm(uStar),
  };
}

const POINT: ModelPoint = { p: 4, k: 3, w: [0.3, -0.2, 0.1, 0.05], a: [0.8, -0.4, 0.3], wStar: [-0.1, 0.4, 0.2, -0.3], aStar: [1.2, 0.5, -0.7] };

describe('d2Step', () => {
  it('should measure the error against u·(1 + ρ)·√p·scale with every term of the scale (p = 1: exact values)', () => {
    // p = 1, φ = 0: ∇_w L = 0, S_w = |aᵀa*|·π/(2π·1) = 1/2, η_w = 2 and w_{t+1} = 1 (‖e + w_{t+1}‖ = 2):
    // error |4 − 1| = 3, scale 1 + 2·1 + 2·(1/2)·1 = 4, ρ = 0.
    const point: ModelPoint = { p: 1, k: 1, w: [0], a: [1], wStar: [0], aStar: [1] };
    const r = d2Step(point, Float64Array.from([1]), 2);
    expect(r.ulps).toBe(0.75 / U);
    expect(r.margin).toBeCloseTo(Math.log10(W_IDENTITY_ULPS * U) - Math.log10(0.75), 12);
    // a = 3: S_w = 3/2, scale 1 + 2 + 2·(3/2) = 6.
    const r3 = d2Step({ ...point, a: [3] }, Float64Array.from([1]), 2);
    expect(r3.ulps).toBe(0.5 / U);
    // ‖e + w‖ = 2 (w = 1), w_{t+1} = 2 (‖e + w_{t+1}‖ = 3), η_w = 1, ρ = 1: error 9 − 4 = 5,
    // S_w = π/(2π·2) = 1/4, scale 4 + 3·2 + 1·(1/4)·2 = 10.5.
    const r2 = d2Step({ ...point, w: [1] }, Float64Array.from([2]), 1);
    expect(r2.ulps).toBeCloseTo(5 / (U * 2 * 10.5) * 1, -8);
    expect(r2.ulps * U).toBeCloseTo(5 / (2 * 10.5), 14);
    expect(r2.margin).toBeCloseTo(Math.log10(W_IDENTITY_ULPS * U * 2) - Math.log10(5 / 10.5), 12);
  });

  it('should accept a true GD step and measure a half step as off by 3/4·η_w²‖∇_w L‖²', () => {
    const { g, n0, prefactor, rho } = wGradient(POINT);
    const gSq = g.reduce((s, x) => s + x * x, 0);
    expect(gSq).toBeGreaterThan(1e-3);
    const etaW = 3;
    const step = Float64Array.from(POINT.w, (wi, i) => wi - etaW * g[i]);
    const exact = d2Step(POINT, step, etaW);
    expect(exact.margin).toBeGreaterThan(0.5);
    expect(exact.ulps).toBeLessThan(W_IDENTITY_ULPS / 4);
    const half = Float64Array.from(POINT.w, (wi, i) => wi - 0.5 * etaW * g[i]);
    const r = d2Step(POINT, half, etaW);
    const e = 0.5;
    const n1 = norm(half.map((x) => x + e));
    const rhs = n0 * n0 + etaW * etaW * gSq;
    const scale = rhs + n1 * norm(half) + etaW * prefactor * n0;
    const error = Math.abs(n1 * n1 - rhs);
    expect(error / (etaW * etaW * gSq)).toBeCloseTo(0.75, 10);
    const tolerance = W_IDENTITY_ULPS * U * (1 + rho) * 2;
    expect(r.margin).toBeCloseTo(Math.log10(tolerance) - Math.log10(error / scale), 8);
    expect(r.margin).toBeLessThan(-10);
    expect(r.ulps * U).toBeCloseTo(error / ((1 + rho) * 2 * scale), 12);
  });
});

/** A recorded GD run of POINT. */
function recorded(extra: Partial<TrainSpec> = {}): TrainSpec {
  return {
    p: POINT.p,
    k: POINT.k,
    w0: POINT.w,
    a0: POINT.a,
    wStar: POINT.wStar,
    aStar: POINT.aStar,
    etaW: 3,
    etaA: 0.5,
    steps: 6,
    record: { every: 1, vectors: true },
    ...extra,
  };
}

describe('normGrowthResidual', () => {
  it('should check every step and report the worst one', () => {
    const spec = recorded();
    const trajectory = runTrainSpec(spec).trajectory ?? [];
    expect(trajectory.length).toBe(7);
    const steps = trajectory.slice(0, -1).map((now, i) => {
      const point: ModelPoint = { ...POINT, w: now.w as number[], a: now.a as number[] };
      return d2Step({ ...point, w: Array.from(now.w ?? []), a: Array.from(now.a ?? []) }, Float64Array.from(trajectory[i + 1].w ?? []), 3);
    });
    const worst = steps.reduce((i, s, j) => (s.margin < steps[i].margin ? j : i), 0);
    const r = normGrowthResidual(spec);
    expect(r.steps).toBe(6);
    expect(r.step).toBe(worst);
    expect(r.margin).toBe(steps[worst].margin);
    expect(r.ulps).toBe(steps[worst].ulps);
    expect(r.margin).toBeGreaterThan(0);
    expect(rebuttalLemma5AnyW0.margin(spec)).toBe(r.margin);
  });

  it('should report the first of equally bad steps (p = 1: w never moves, every step exact)', () => {
    const spec: TrainSpec = { p: 1, k: 2, w0: [0.3], a0: [1, 2], wStar: [0.5], aStar: [1, -1], etaW: 0.5, etaA: 0.5, steps: 4, record: { every: 1, vectors: true } };
    const r = normGrowthResidual(spec);
    expect(r.steps).toBe(4);
    expect(r.step).toBe(0);
    expect(r.ulps).toBe(0);
    expect(r.margin).toBeGreaterThan(280);
  });

  it("should use the schedule's η_w at each step (layerwise: 0 before the switch)", () => {
    const r = normGrowthResidual(recorded({ etaW: 30, schedule: { kind: 'layerwise', switchStep: 4 } }));
    expect(r.steps).toBe(6);
    expect(r.margin).toBeGreaterThan(0);
    const w = normGrowthResidual(recorded({ etaW: 30, schedule: { kind: 'warmup', steps: 5 } }));
    expect(w.margin).toBeGreaterThan(0);
  });

  it('should find SGD steps violating D2 (a stochastic gradient is not ⟂ e + w)', () => {
    const r = normGrowthResidual(recorded({ batch: 2, seed: 1 }));
    expect(r.margin).toBeLessThan(-1);
    expect(r.steps).toBe(6);
    expect(r.step).toBeGreaterThanOrEqual(0);
    expect(r.step).toBeLessThan(6);
  });

  it('should check nothing in an unrecorded run, and reject recordings without vectors or with gaps', () => {
    expect(normGrowthResidual(recorded({ record: undefined }))).toEqual({ margin: Infinity, ulps: 0, step: -1, steps: 0 });
    expect(() => normGrowthResidual(recorded({ record: { every: 1 } }))).toThrow(
      'trajectory point 0 has no vectors (record must be {every: 1, vectors: true})',
    );
    expect(() => normGrowthResidual(recorded({ record: { every: 2, vectors: true } }))).toThrow(
      'trajectory steps 0 and 2 are not consecutive',
    );
  });
});

describe('rebuttalLemma5AnyW0: hypotheses', () => {
  // Sampled inside each test (not at collection), so that a mutant run re-samples them.
  const sample = () => fc.sample(rebuttalLemma5AnyW0.hypotheses(context(1, 1)), { numRuns: 300, seed: 21 });

  it('should draw recorded runs of 1 … 30 steps from w_0 anywhere, α ∈ [1e-3, 4], β ∈ [1e-3, 1e3], both signs of aᵀa*', () => {
    let positive = 0;
    let negative = 0;
    let smallR = Infinity;
    let largeR = 0;
    let largeAlpha = 0;
    let largeBeta = 0;
    let smallBeta = Infinity;
    let maxSteps = 0;
    let minSteps = Infinity;
    let smallA = Infinity;
    let largeA = 0;
    const ps = new Set<number>();
    for (const s of sample()) {
      expect(s.p).toBeGreaterThanOrEqual(1);
      expect(s.p).toBeLessThanOrEqual(12);
      expect(s.k).toBeGreaterThanOrEqual(1);
      expect(s.k).toBeLessThanOrEqual(12);
      ps.add(s.p);
      expect(s.w0.length).toBe(s.p);
      expect(s.a0.length).toBe(s.k);
      expect(s.wStar.length).toBe(s.p);
      expect(s.aStar.length).toBe(s.k);
      expect(s.record).toEqual({ every: 1, vectors: true });
      expect(s.schedule).toBeUndefined();
      expect(s.batch).toBeUndefined();
      expect(Number.isInteger(s.steps)).toBe(true);
      expect(s.steps).toBeGreaterThanOrEqual(1);
      expect(s.steps).toBeLessThanOrEqual(30);
      maxSteps = Math.max(maxSteps, s.steps);
      minSteps = Math.min(minSteps, s.steps);
      const alpha = s.etaA / unitStepA(s.k);
      expect(alpha).toBeGreaterThanOrEqual(1e-3 * (1 - 1e-12));
      expect(alpha).toBeLessThanOrEqual(4 * (1 + 1e-12));
      largeAlpha = Math.max(largeAlpha, alpha);
      const beta = s.etaW / s.etaA;
      expect(beta).toBeGreaterThanOrEqual(1e-3 * (1 - 1e-12));
      expect(beta).toBeLessThanOrEqual(1e3 * (1 + 1e-12));
      largeBeta = Math.max(largeBeta, beta);
      smallBeta = Math.min(smallBeta, beta);
      const e = 1 / Math.sqrt(s.p);
      const r = norm(s.w0.map((x) => x + e));
      expect(r).toBeGreaterThanOrEqual(1e-3 * (1 - 1e-9));
      expect(r).toBeLessThanOrEqual(1e3 * (1 + 1e-9));
      smallR = Math.min(smallR, r);
      largeR = Math.max(largeR, r);
      const dot = s.a0.reduce((acc, x, j) => acc + x * s.aStar[j], 0);
      if (dot > 0) positive++;
      if (dot < 0) negative++;
      const aStarNorm = norm(s.aStar);
      expect(aStarNorm).toBeGreaterThanOrEqual(0.1 * (1 - 1e-12));
      expect(aStarNorm).toBeLessThanOrEqual(10 * (1 + 1e-12));
      // a_0 = scale·(±along·â* + ½·orthogonal unit), scale ∈ [1e-3, 1e3], along ∈ [1e-3, 1].
      expect(norm(s.a0)).toBeLessThanOrEqual(1e3 * Math.hypot(1, 0.5) * (1 + 1e-12));
      expect(norm(s.a0)).toBeGreaterThanOrEqual(1e-6 * (1 - 1e-12));
      smallA = Math.min(smallA, norm(s.a0));
      largeA = Math.max(largeA, norm(s.a0));
    }
    // The scale of a_0 is log-uniform over [1e-3, 1e3]: both ends are drawn.
    expect(smallA).toBeLessThan(1e-2);
    expect(largeA).toBeGreaterThan(1e2);
    expect(ps.size).toBeGreaterThan(6);
    expect(positive).toBeGreaterThan(100);
    expect(negative).toBeGreaterThan(100);
    expect(smallR).toBeLessThan(1e-2);
    expect(largeR).toBeGreaterThan(1e2);
    expect(largeAlpha).toBeGreaterThan(2);
    expect(largeBeta).toBeGreaterThan(100);
    expect(smallBeta).toBeLessThan(1e-2);
    expect(maxSteps).toBe(30);
    expect(minSteps).toBe(1);
  });

  it('should replay a hypothesis as it is', () => {
    const spec = sample()[0];
    expect(rebuttalLemma5AnyW0.toTrainSpec(spec)).toBe(spec);
  });
});

describe('rebuttalLemma5AnyW0.run', () => {
  it('should hold on a small budget with the steps checked and the largest error in the evidence', () => {
    const samples = fc.sample(rebuttalLemma5AnyW0.hypotheses(context(1, 1)), { numRuns: 6, seed: 9 });
    const residuals = samples.map(normGrowthResidual);
    const worstUlps = Math.max(...residuals.map((r) => r.ulps));
    const stepsChecked = residuals.reduce((s, r) => s + r.steps, 0);
    const minMargin = Math.min(...residuals.map((r) => r.margin));
    const r = rebuttalLemma5AnyW0.run(context(6, 9));
    expect(r.verdict).toBe('holds');
    expect(r.runs).toBe(6);
    expect(r.details).toEqual({ seed: 9, minMargin, evaluated: 6, worstUlps, stepsChecked, toleranceUlps: 16 });
    expect(stepsChecked).toBeGreaterThan(6);
    expect(r.evidence).toBe(
      `no counterexample in 6 samples (0 stored replayed); smallest margin ${fmt(minMargin)}; ` +
        `${stepsChecked} steps checked, largest error ${fmt(worstUlps)}·u·(1 + ρ)·√p·scale (tolerance 16)`,
    );
  });

  it('should refute with a stored SGD run, which replays as it is', () => {
    const sgd = recorded({ batch: 2, seed: 1 });
    const r = rebuttalLemma5AnyW0.run(context(3, 9, [sgd]));
    expect(r.verdict).toBe('refuted');
    expect(r.counterexample?.input).toBe(sgd);
    expect(r.counterexample?.margin).toBe(normGrowthResidual(sgd).margin);
    expect(r.evidence).toMatch(/^a GD step changed ‖e \+ w‖² by other than η_w²‖∇_w L‖² beyond rounding: margin -/);
    expect(r.evidence).toMatch(/; \d+ steps checked, largest error \S+·u·\(1 \+ ρ\)·√p·scale \(tolerance 16\)$/);
    expect((r.details as { worstUlps: number }).worstUlps).toBeGreaterThanOrEqual(normGrowthResidual(sgd).ulps);
  });
});
