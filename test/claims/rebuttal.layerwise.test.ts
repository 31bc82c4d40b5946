/**
 * rebuttal.layerwise (src/claims/rebuttal.layerwise.ts), checked piece by piece on small runs:
 * S_1 (the first S with ρ_a^S ≤ 1e-8), the layerwise hypotheses' documented domain (w_0 = 0, a_0 in
 * the ball, α ∈ [0.1, 1], β ∈ [0.1, 10], S = S_1 + extra or S < S_1 for the contrast), the phase-1
 * spec, both margins against their documented formulas, the counterexample's `train` spec (the
 * phase-1 run when phase 1 fails) and the evidence of `run` on a tiny budget.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ClaimContext } from '../../src/claims/claim.ts';
import {
  convergedPhase1,
  layerwiseArb,
  layerwiseMargins,
  PHASE1_FLOOR,
  PHASE2_STEPS,
  phase1Spec,
  rebuttalLayerwise,
} from '../../src/claims/rebuttal.layerwise.ts';
import { D8_TOLERANCE } from '../../src/claims/thm.rates.ts';
import { fmt } from '../../src/claims/universal-runner.ts';
import { resolveProfile } from '../../src/config/profile.ts';
import { runTrainSpec, type TrainSpec } from '../../src/io/train-spec.ts';
import { makeTeacher } from '../../src/model/teacher.ts';
import { aContractionFactor } from '../../src/theory/a-fixed-point.ts';
import { aFixedPointAt } from '../../src/theory/a-fixed-point-at.ts';
import { unitStepA } from '../../src/theory/step-sizes.ts';

const PROFILE = resolveProfile({ profile: 'ci' });

function context(runs: number, seed: number, examples: readonly unknown[] = []): ClaimContext {
  return { profile: PROFILE, seed, budget: { runs, timeMs: 600_000 }, examples };
}

function dist(x: ArrayLike<number>, y: ArrayLike<number>): number {
  let s = 0;
  for (let j = 0; j < x.length; j++) s += (x[j] - y[j]) ** 2;
  return Math.sqrt(s);
}

function norm(x: ArrayLike<number>): number {
  return dist(x, new Float64Array(x.length));
}

/** A small layerwise spec (p = 2, k = 2) with the given switch step and phase-2 length. */
function spec(switchStep: number, phase2: number, extra: Partial<TrainSpec> = {}): TrainSpec {
  return {
    p: 2,
    k: 2,
    w0: [0, 0],
    a0: [0.3, -0.2],
    wStar: [0.2, -0.1],
    aStar: [1.5, 0.5],
    etaW: 1,
    etaA: 0.5 * unitStepA(2),
    steps: switchStep + phase2,
    schedule: { kind: 'layerwise', switchStep },
    ...extra,
  };
}

/** The margins recomputed from their documented formulas. */
function expectedMargins(s: TrainSpec): { phase1: number; phase2: number; observed: number; rate: number } {
  const t = makeTeacher(Float64Array.from(s.wStar), Float64Array.from(s.aStar));
  const aPhi0 = aFixedPointAt(t, s.w0);
  const switchStep = (s.schedule as { switchStep: number }).switchStep;
  const first = runTrainSpec({ ...s, steps: switchStep });
  const observed = dist(first.a, aPhi0);
  const rate = aContractionFactor(s.k, s.etaA) ** first.steps * dist(s.a0, aPhi0);
  const aStarNorm = norm(s.aStar);
  const bound = rate * (1 + D8_TOLERANCE) + PHASE1_FLOOR * (norm(aPhi0) + aStarNorm);
  const whole = runTrainSpec(s);
  const phase2 = Math.min(0.01 - whole.phi, 0.01 - dist(whole.a, s.aStar) / aStarNorm) / 0.01;
  return { phase1: (bound - observed) / bound, phase2, observed, rate };
}

describe('convergedPhase1', () => {
  it('should be the first S with ρ_a^S ≤ 1e-8', () => {
    // k = 1: ρ_a = |1 − η_a/2|; η_a = 1 gives ρ_a = 1/2 and 2^-27 ≤ 1e-8 < 2^-26.
    expect(convergedPhase1(1, 1)).toBe(27);
    for (const [k, etaA] of [
      [1, 1],
      [2, 0.3],
      [5, 0.9 * unitStepA(5)],
      [8, 0.1 * unitStepA(8)],
    ]) {
      const rho = aContractionFactor(k, etaA);
      const s = convergedPhase1(k, etaA);
      expect(rho ** s).toBeLessThanOrEqual(1e-8);
      expect(rho ** (s - 1)).toBeGreaterThan(1e-8);
    }
  });

  it('should be 1 when one step already contracts below 1e-8, when ρ_a = 0, and when ρ_a > 1', () => {
    expect(convergedPhase1(1, 2)).toBe(1); // ρ_a = 0: one step lands on a(φ_0)
    expect(convergedPhase1(1, 2 - 1e-12)).toBe(1); // ρ_a ≈ 5e-13
    expect(convergedPhase1(1, 5)).toBe(1); // ρ_a = 3/2: never converges, S_1 clamped to 1
  });
});

describe('layerwiseArb: the documented domain', () => {
  // Sampled inside each test (not at collection), so that a mutant run re-samples them.
  it('should draw w_0 = 0, a_0 in the ball, α ∈ [0.1, 1], β ∈ [0.1, 10], S = S_1 + extra (extra ≤ 200) and T = S + 20 000', () => {
    const converged = fc.sample(layerwiseArb(), { numRuns: 150, seed: 11 });
    const ps = new Set<number>();
    const ks = new Set<number>();
    let largestExtra = 0;
    let smallestExtra = Infinity;
    for (const s of converged) {
      ps.add(s.p);
      ks.add(s.k);
      expect(s.p).toBeGreaterThanOrEqual(1);
      expect(s.p).toBeLessThanOrEqual(8);
      expect(s.k).toBeGreaterThanOrEqual(1);
      expect(s.k).toBeLessThanOrEqual(8);
      expect(s.w0).toEqual(new Array(s.p).fill(0));
      expect(s.a0.length).toBe(s.k);
      expect(s.wStar.length).toBe(s.p);
      expect(s.aStar.length).toBe(s.k);
      const aStarNorm = norm(s.aStar);
      expect(aStarNorm).toBeGreaterThanOrEqual(1 - 1e-12);
      expect(aStarNorm).toBeLessThanOrEqual(10 + 1e-12);
      const radius = Math.abs(s.aStar.reduce((x, y) => x + y, 0)) / Math.sqrt(s.k);
      expect(norm(s.a0)).toBeLessThanOrEqual(radius * (1 + 1e-12));
      // φ_0 < π/2: e and e + w* make an acute angle.
      const e = 1 / Math.sqrt(s.p);
      expect(s.wStar.reduce((acc, x) => acc + e * (x + e), 0)).toBeGreaterThan(0);
      const alpha = s.etaA / unitStepA(s.k);
      expect(alpha).toBeGreaterThanOrEqual(0.1 - 1e-12);
      expect(alpha).toBeLessThanOrEqual(1 + 1e-12);
      const beta = s.etaW / s.etaA;
      expect(beta).toBeGreaterThanOrEqual(0.1 - 1e-12);
      expect(beta).toBeLessThanOrEqual(10 + 1e-12);
      expect(s.schedule).toBeTypeOf('object');
      const switchStep = (s.schedule as { kind: string; switchStep: number }).switchStep;
      expect((s.schedule as { kind: string }).kind).toBe('layerwise');
      const extra = switchStep - convergedPhase1(s.k, s.etaA);
      expect(extra).toBeGreaterThanOrEqual(0);
      expect(extra).toBeLessThanOrEqual(200);
      largestExtra = Math.max(largestExtra, extra);
      smallestExtra = Math.min(smallestExtra, extra);
      expect(s.steps).toBe(switchStep + PHASE2_STEPS);
      expect(s.batch).toBeUndefined();
      expect(s.record).toBeUndefined();
    }
    expect(ps.size).toBeGreaterThan(3);
    expect(ks.size).toBeGreaterThan(3);
    expect(largestExtra).toBeGreaterThan(100);
    expect(smallestExtra).toBeLessThan(100);
  });

  it('should keep φ_0 below π/2 at the top of its range (φ_0 ≤ π/2 − 1e-9)', () => {
    // Run 1705 of seed 1 draws φ_0 within 1e-14 of its upper end π/2 − 1e-9.
    const seen: TrainSpec[] = [];
    fc.assert(
      fc.property(layerwiseArb(), (s) => {
        seen.push(s);
        return true;
      }),
      { seed: 1, path: '1705', numRuns: 1 },
    );
    expect(seen).toHaveLength(1);
    const s = seen[0];
    const e = 1 / Math.sqrt(s.p);
    const u = s.wStar.map((x) => x + e);
    const phi0 = Math.acos(u.reduce((acc, x) => acc + e * x, 0) / norm(u));
    expect(s.p).toBeGreaterThan(1);
    expect(Math.PI / 2 - phi0).toBeGreaterThan(0.99e-9);
    expect(Math.PI / 2 - phi0).toBeLessThan(1.01e-9);
  });

  it('should switch before phase 1 has converged (1 ≤ S < S_1) in the contrast runs', () => {
    const early = fc.sample(layerwiseArb(true), { numRuns: 150, seed: 11 });
    const switches = new Set<number>();
    for (const s of early) {
      const switchStep = (s.schedule as { switchStep: number }).switchStep;
      const s1 = convergedPhase1(s.k, s.etaA);
      expect(switchStep).toBeGreaterThanOrEqual(1);
      expect(switchStep).toBeLessThan(s1);
      expect(s.steps).toBe(switchStep + PHASE2_STEPS);
      expect(s.w0.every((x) => x === 0)).toBe(true);
      switches.add(switchStep);
    }
    expect(switches.size).toBeGreaterThan(50);
  });

  it("should be the claim's hypotheses", () => {
    expect(fc.sample(rebuttalLayerwise.hypotheses(context(1, 3)), { numRuns: 20, seed: 3 })).toEqual(
      fc.sample(layerwiseArb(), { numRuns: 20, seed: 3 }),
    );
  });
});

describe('phase1Spec', () => {
  it('should stop the same spec at the switch', () => {
    const s = spec(40, 100);
    expect(phase1Spec(s)).toEqual({ ...s, steps: 40 });
    expect(s.steps).toBe(140);
  });

  it('should reject a spec without the layerwise schedule', () => {
    const message = /a layerwise spec needs schedule \{kind: "layerwise", switchStep\}/;
    expect(() => phase1Spec(spec(40, 100, { schedule: undefined }))).toThrow(RangeError);
    expect(() => phase1Spec(spec(40, 100, { schedule: undefined }))).toThrow(message);
    expect(() => phase1Spec(spec(40, 100, { schedule: 'constant' }))).toThrow('(got "constant")');
    expect(() => phase1Spec(spec(40, 100, { schedule: { kind: 'warmup', steps: 10 } }))).toThrow(
      '(got {"kind":"warmup","steps":10})',
    );
  });
});

describe('layerwiseMargins', () => {
  it('should measure phase 1 against ρ_a^S‖a_0 − a(φ_0)‖(1 + 1e-8) + 1e-14(‖a(φ_0)‖ + ‖a*‖), and phase 2 as global at T', () => {
    for (const s of [spec(30, 2000), spec(60, 3000), ...fc.sample(layerwiseArb(), { numRuns: 3, seed: 5 })]) {
      const m = layerwiseMargins(s);
      const e = expectedMargins(s);
      expect(m.observed).toBeCloseTo(e.observed, 14);
      expect(m.rate / e.rate).toBeCloseTo(1, 12);
      expect(m.phase1).toBeCloseTo(e.phase1, 6);
      expect(Math.abs(m.phase1 - e.phase1)).toBeLessThan(1e-9 * Math.max(1, Math.abs(e.phase1)));
      expect(m.phase2).toBeCloseTo(e.phase2, 12);
      expect(m.phase1).toBeGreaterThanOrEqual(0);
      expect(m.phase1).toBeLessThan(1);
      expect(m.phase2).toBeGreaterThan(0);
      expect(m.phase2).toBeLessThan(1);
    }
  });

  it('should count phase 1 as far from converged until the floor dominates (ρ_a^S small)', () => {
    // 30 steps at α = 1/2 (k = 2): ρ_a^S‖a_0 − a(φ_0)‖ dominates and observed ≈ rate.
    const m = layerwiseMargins(spec(30, 0));
    expect(m.observed / m.rate).toBeGreaterThan(0.1);
    expect(m.observed / m.rate).toBeLessThan(1 + 1e-8);
    // k = 1, η_a = 2 − 1e-3: ρ_a = 5e-4, after 200 steps only the rounding floor is left.
    const floor = spec(200, 0, { k: 1, a0: [0.7], aStar: [2], etaA: 2 - 1e-3 });
    const f = layerwiseMargins(floor);
    const e = expectedMargins(floor);
    expect(f.rate).toBe(0);
    expect(f.phase1).toBe(e.phase1);
    expect(f.phase1).toBeGreaterThan(0.5);
  });

  it('should take phase 2 from the larger of φ_T and ‖a_T − a*‖/‖a*‖, relative to 0.01', () => {
    // No phase 2 and φ_0 ≈ 0.27: the angle term decides (w never moved).
    const angle = spec(30, 0);
    const whole = runTrainSpec(angle);
    const m = layerwiseMargins(angle);
    expect(m.phase2).toBeCloseTo((0.01 - whole.phi) / 0.01, 12);
    expect(m.phase2).toBeLessThan(-5);
    // φ_0 = 0 (w* = 0, w_0 = 0) and a_T far from a*: the a term decides.
    const aFar = spec(1, 0, { wStar: [0, 0], a0: [-3, 4] });
    const far = runTrainSpec(aFar);
    expect(far.phi).toBe(0);
    const ma = layerwiseMargins(aFar);
    expect(ma.phase2).toBeCloseTo((0.01 - dist(far.a, aFar.aStar) / norm(aFar.aStar)) / 0.01, 12);
    expect(ma.phase2).toBeLessThan(-1);
  });

  it('should make a diverged phase 2 (NaN angle) the worst margin, −∞', () => {
    const diverged = spec(1, 300, { etaA: 100 });
    expect(Number.isNaN(runTrainSpec(diverged).phi)).toBe(true);
    expect(layerwiseMargins(diverged).phase2).toBe(-Infinity);
    expect(rebuttalLayerwise.margin(diverged)).toBe(-Infinity);
  });
});

describe('rebuttalLayerwise: margin and counterexample spec', () => {
  it('should take the smaller of the two margins', () => {
    const s = spec(30, 2000);
    const m = layerwiseMargins(s);
    expect(m.phase1).toBeLessThan(m.phase2);
    expect(rebuttalLayerwise.margin(s)).toBe(m.phase1);
    const late = spec(30, 0);
    const ml = layerwiseMargins(late);
    expect(ml.phase2).toBeLessThan(ml.phase1);
    expect(rebuttalLayerwise.margin(late)).toBe(ml.phase2);
  });

  it('should replay the whole run when phase 1 holds, and only phase 1 when it fails', () => {
    const good = spec(30, 10);
    expect(layerwiseMargins(good).phase1).toBeGreaterThanOrEqual(0);
    expect(rebuttalLayerwise.toTrainSpec(good)).toBe(good);
    // SGD in phase 1: the a-iterates do not settle on a(φ_0), far beyond D8's bound.
    const noisy = spec(100, 10, { batch: 4, seed: 3 });
    expect(layerwiseMargins(noisy).phase1).toBeLessThan(0);
    expect(rebuttalLayerwise.toTrainSpec(noisy)).toEqual({ ...noisy, steps: 100 });
  });
});

describe('rebuttalLayerwise.run', () => {
  it('should hold on a small budget, with both phases\' smallest margins and the unconverged contrast in the evidence', () => {
    const ctx = context(4, 7);
    const samples = fc.sample(layerwiseArb(), { numRuns: 4, seed: 7 });
    const margins = samples.map(layerwiseMargins);
    const phase1 = Math.min(...margins.map((m) => m.phase1));
    const phase2 = Math.min(...margins.map((m) => m.phase2));
    const early = fc.sample(layerwiseArb(true), { numRuns: 4, seed: 7 });
    const notGlobal = early.filter((s) => !(layerwiseMargins(s).phase2 >= 0)).length;
    expect(notGlobal).toBe(0);
    const r = rebuttalLayerwise.run(ctx);
    expect(r.verdict).toBe('holds');
    expect(r.runs).toBe(8);
    expect(r.details).toEqual({
      seed: 7,
      minMargin: Math.min(phase1, phase2),
      evaluated: 4,
      phase1MinMargin: phase1,
      phase2MinMargin: phase2,
      unconverged: { runs: 4, notGlobal: 0 },
    });
    expect(r.evidence).toBe(
      `no counterexample in 4 samples (0 stored replayed); smallest margin ${fmt(Math.min(phase1, phase2))}; ` +
        `smallest phase-1 slack ${fmt(phase1)}, smallest phase-2 margin ${fmt(phase2)}; ` +
        'switched before phase 1 converged (S < S_1), 0 [0, 0.49] of 4 runs do not end global (Wilson 95%)',
    );
  });

  it('should count the unconverged runs that do not end global', () => {
    // Seed 10's contrast: two of its three runs switched before S_1 do not end global.
    const early = fc.sample(layerwiseArb(true), { numRuns: 3, seed: 10 });
    const notGlobal = early.filter((s) => !(layerwiseMargins(s).phase2 >= 0)).length;
    expect(notGlobal).toBe(2);
    const r = rebuttalLayerwise.run(context(3, 10));
    expect(r.verdict).toBe('holds');
    expect((r.details as { unconverged: unknown }).unconverged).toEqual({ runs: 3, notGlobal: 2 });
    expect(r.evidence).toMatch(/switched before phase 1 converged \(S < S_1\), 0\.667 \[\S+, \S+\] of 3 runs do not end global \(Wilson 95%\)$/);
  });

  it('should refute with the phase-1 spec when a stored example misses phase 1', () => {
    const noisy = spec(100, 10, { batch: 4, seed: 3 });
    const r = rebuttalLayerwise.run(context(2, 7, [noisy]));
    expect(r.verdict).toBe('refuted');
    expect(r.counterexample?.input).toEqual({ ...noisy, steps: 100 });
    expect(r.counterexample?.hypothesis).toBe(noisy);
    const phase1 = (r.details as { phase1MinMargin: number }).phase1MinMargin;
    expect(phase1).toBe(layerwiseMargins(noisy).phase1);
    expect(r.evidence).toContain(`smallest phase-1 slack ${fmt(phase1)}`);
    expect(r.evidence).toMatch(/^phase 1 missed D8's bound towards a\(φ_0\), or phase 2 did not end global: margin -/);
  });
});
