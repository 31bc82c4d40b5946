/**
 * thm.rates (src/claims/thm.rates.ts): THEORY.md §3 D8 (the a-subproblem bound, attained along the
 * slowest eigenvector) and D9 (the local rates ρ_a and ρ_w), on real GD runs.
 *
 * - asymptoticRate: the last one-step ratio above RATE_FLOOR;
 * - measureRates and the margin per part: D8's bound holds and is attained (relative 1e-8), D9's
 *   φ-rate is ρ_w and its a-rate ρ_a where ρ_a ≥ 1.5ρ_w²; where ρ_w² ≥ 1.5ρ_a the a-rate is ρ_w²
 *   (the φ_t²-driven term) and the margin is negative: the refutation;
 * - the hypotheses lie in the documented domain (α ranges, the D8 cap, D9's ρ_w² targets);
 * - run(): both runs (all hypotheses, and where ρ_a dominates), the per-part statistics and the
 *   explanation of a counterexample.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  asymptoticRate,
  D8_RESOLUTION,
  D8_TOLERANCE,
  D9_A_TOLERANCE,
  D9_W_TOLERANCE,
  measureRates,
  RATE_FLOOR,
  ratesArb,
  thmRates,
  type RatesHypothesis,
} from '../../src/claims/thm.rates.ts';
import { runSpec } from '../../src/claims/trajectory.ts';
import { fmt, runUniversal } from '../../src/claims/universal-runner.ts';
import { resolveProfile } from '../../src/config/profile.ts';
import { makeTeacher } from '../../src/model/teacher.ts';
import { aContractionFactor, slowestDirection, wLocalContractionFactor } from '../../src/theory/a-fixed-point.ts';
import { aFixedPointAt } from '../../src/theory/a-fixed-point-at.ts';
import { angle, dot, norm, unitStepA } from '../independent/vectors.ts';

const PROFILE = resolveProfile({ profile: 'ci' });
const ctx = (runs: number, seed = 7, examples: unknown[] = []) => ({ profile: PROFILE, seed, budget: { runs, timeMs: 60_000 }, examples });

const diff = (x: ArrayLike<number>, y: ArrayLike<number>): number[] => Array.from(x, (xi, i) => xi - y[i]);
const teacherOf = (h: RatesHypothesis) => makeTeacher(Float64Array.from(h.spec.wStar), Float64Array.from(h.spec.aStar));
/** ρ_w at ‖e + w_0‖ (the target the hypotheses aim η_w at). */
function rhoW0(h: RatesHypothesis): number {
  const e = 1 / Math.sqrt(h.spec.p);
  const r0 = norm(h.spec.w0.map((x) => x + e));
  return wLocalContractionFactor(h.spec.etaW, dot(h.spec.aStar, h.spec.aStar), r0);
}

describe('thm.rates: asymptoticRate', () => {
  it('should be the last one-step ratio whose new error is above RATE_FLOOR', () => {
    expect(asymptoticRate([1, 0.5, 0.125])).toBe(0.25);
    expect(asymptoticRate([1, 0.5])).toBe(0.5);
    // The last error is below the floor: the ratio before it.
    expect(asymptoticRate([1, 0.5, 0.125, 1e-11])).toBe(0.25);
    // An error exactly at the floor is not above it.
    expect(asymptoticRate([1, 0.5, RATE_FLOOR])).toBe(0.5);
    expect(asymptoticRate([1, 0.5, 2 * RATE_FLOOR])).toBe((2 * RATE_FLOOR) / 0.5);
    // A zero error cannot start a ratio.
    expect(asymptoticRate([1, 0.5, 0, 0.3])).toBe(0.5);
  });

  it('should throw when no two errors are above the floor', () => {
    expect(() => asymptoticRate([1e-11, 1e-12, 1e-13, 1e-14])).toThrow(
      new RangeError('a rate needs two errors above 1e-10 (got 4 errors: 1e-11, 1e-12, 1e-13…)'),
    );
    expect(() => asymptoticRate([1])).toThrow(RangeError);
    expect(() => asymptoticRate([])).toThrow('(got 0 errors: …)');
  });
});

/**
 * Hypotheses of every part, from the claim's arbitrary at fixed seeds. Sampled inside each test (not
 * at import), so that a mutant of the arbitrary, active only while tests run, is sampled too.
 */
const all = (): RatesHypothesis[] => fc.sample(ratesArb(true), { seed: 1, numRuns: 600 });
const rest = (): RatesHypothesis[] => fc.sample(ratesArb(false), { seed: 2, numRuns: 300 });
const byPart = (xs: RatesHypothesis[], part: RatesHypothesis['part']) => xs.filter((h) => h.part === part);
/** D9-a hypotheses where ρ_w² ≥ 1.5ρ_a (the φ_t²-driven mode is the slowest). */
const slowW = (): RatesHypothesis[] => byPart(all(), 'D9-a').filter((h) => rhoW0(h) ** 2 >= 1.5 * aContractionFactor(h.spec.k, h.spec.etaA));

describe('thm.rates: measureRates and the margin', () => {
  it('should find D8\'s bound attained along the slowest eigenvector (D8-tight)', () => {
    for (const h of byPart(rest(), 'D8-tight').slice(0, 6)) {
      const m = measureRates(h);
      const t = teacherOf(h);
      const aPhi = aFixedPointAt(t, h.spec.w0);
      const r = runSpec(h.spec);
      const rho = aContractionFactor(h.spec.k, h.spec.etaA);
      expect(m.steps).toBe(h.spec.steps);
      expect(m.rhoA).toBe(rho);
      expect(m.rhoW).toBeUndefined();
      expect(m.observed).toBeCloseTo(norm(diff(r.a, aPhi)), 12);
      expect(m.predicted / (rho ** h.spec.steps * norm(diff(h.spec.a0, aPhi))) - 1).toBeLessThan(1e-12);
      expect(Math.abs(m.observed / m.predicted - 1)).toBeLessThan(D8_TOLERANCE);
      expect(thmRates.margin(h)).toBe(D8_TOLERANCE - Math.abs(m.observed / m.predicted - 1));
    }
  });

  it('should find D8\'s bound strict away from the slowest eigenvector (D8-bound: no absolute value)', () => {
    const hs = byPart(rest(), 'D8-bound').filter((h) => h.spec.k > 1 && h.spec.steps > 3).slice(0, 6);
    expect(hs.length).toBe(6);
    let strict = 0;
    for (const h of hs) {
      const m = measureRates(h);
      expect(m.observed).toBeLessThanOrEqual(m.predicted * (1 + D8_TOLERANCE));
      expect(m.rhoW).toBeUndefined();
      const margin = thmRates.margin(h);
      expect(margin).toBe(D8_TOLERANCE - (m.observed / m.predicted - 1));
      expect(margin).toBeGreaterThanOrEqual(0);
      if (m.observed < 0.99 * m.predicted) strict++;
    }
    expect(strict).toBeGreaterThan(2);
  });

  it('should find the φ-rate ρ_w at the limit norm (D9-w)', () => {
    for (const h of byPart(rest(), 'D9-w').slice(0, 4)) {
      const m = measureRates(h);
      const r = runSpec(h.spec);
      const rhoW = wLocalContractionFactor(h.spec.etaW, dot(h.spec.aStar, h.spec.aStar), r.normU);
      // (the claim takes ‖a*‖² from the teacher, summed more accurately than here)
      expect(m.predicted).toBeCloseTo(rhoW, 14);
      expect(m.rhoW).toBe(m.predicted);
      expect(m.rhoA).toBe(aContractionFactor(h.spec.k, h.spec.etaA));
      expect(m.steps).toBe(r.steps);
      expect(m.steps).toBeLessThan(20_000);
      expect(m.observed).toBe(asymptoticRate((r.trajectory ?? []).map((x) => x.phi)));
      expect(Math.abs(m.observed / rhoW - 1)).toBeLessThan(D9_W_TOLERANCE);
      expect(thmRates.margin(h)).toBe(D9_W_TOLERANCE - Math.abs(m.observed / m.predicted - 1));
    }
  });

  it('should find the a-rate ρ_a where ρ_a ≥ 1.5ρ_w² (D9-a)', () => {
    for (const h of byPart(rest(), 'D9-a').slice(0, 4)) {
      const m = measureRates(h);
      const r = runSpec(h.spec);
      const aStarNorm = norm(h.spec.aStar);
      const errors = (r.trajectory ?? []).map((x) => norm(diff(x.a ?? [], h.spec.aStar)) / aStarNorm);
      expect(m.observed).toBeCloseTo(asymptoticRate(errors), 12);
      expect(m.predicted).toBe(aContractionFactor(h.spec.k, h.spec.etaA));
      expect(m.rhoW).toBeCloseTo(wLocalContractionFactor(h.spec.etaW, dot(h.spec.aStar, h.spec.aStar), r.normU), 14);
      expect(Math.abs(m.observed / m.predicted - 1)).toBeLessThan(D9_A_TOLERANCE);
      expect(thmRates.margin(h)).toBe(D9_A_TOLERANCE - Math.abs(m.observed / m.predicted - 1));
    }
  });

  it('should find the a-rate ρ_w², not ρ_a, where ρ_w² ≥ 1.5ρ_a: a negative margin (the refutation)', () => {
    const hs = slowW();
    expect(hs.length).toBeGreaterThan(3);
    let floorReached = 0;
    for (const h of hs.slice(0, 3)) {
      const m = measureRates(h);
      const rhoW = m.rhoW as number;
      // Relative errors ‖a_t − a*‖/‖a*‖; here they fall below RATE_FLOOR before GD stops.
      const aStarNorm = norm(h.spec.aStar);
      const errors = (runSpec(h.spec).trajectory ?? []).map((x) => norm(diff(x.a ?? [], h.spec.aStar)) / aStarNorm);
      if (errors.some((x) => x <= RATE_FLOOR)) floorReached++;
      expect(m.observed).toBeCloseTo(asymptoticRate(errors), 12);
      expect(Math.abs(m.observed / (rhoW * rhoW) - 1)).toBeLessThan(1e-2);
      expect(m.observed).toBeGreaterThan(1.4 * m.rhoA);
      expect(thmRates.margin(h)).toBeLessThan(-0.3);
    }
    expect(floorReached).toBeGreaterThan(1);
  });

  it('should replay a hypothesis as its spec', () => {
    const h = all()[0];
    expect(thmRates.toTrainSpec(h)).toBe(h.spec);
  });
});

describe('thm.rates: hypotheses', () => {
  it('should draw every part, D8 twice as often', () => {
    const counts = { 'D8-bound': 0, 'D8-tight': 0, 'D9-a': 0, 'D9-w': 0 };
    for (const h of all()) counts[h.part]++;
    expect(counts['D8-bound']).toBeGreaterThan(80);
    expect(counts['D8-tight']).toBeGreaterThan(80);
    expect(counts['D8-bound'] + counts['D8-tight']).toBeGreaterThan(240);
    expect(counts['D8-bound'] + counts['D8-tight']).toBeLessThan(360);
    expect(counts['D9-a']).toBeGreaterThan(100);
    expect(counts['D9-w']).toBeGreaterThan(100);
  });

  it('should build D8 hypotheses with w frozen, α ∈ [0.01, 1.99] (|1 − α| ≥ 0.1 at k = 1) and T capped by the resolution', () => {
    let k1Low = 0;
    let k1High = 0;
    let capped = 0;
    const steps = new Set<number>();
    const sizes: number[] = [];
    const tightSigns = new Set<number>();
    for (const h of all().filter((x) => x.part.startsWith('D8'))) {
      const { spec } = h;
      expect(Object.keys(spec).sort()).toEqual(['a0', 'aStar', 'etaA', 'etaW', 'k', 'p', 'schedule', 'steps', 'w0', 'wStar']);
      expect(spec.schedule).toEqual({ kind: 'layerwise', switchStep: spec.steps });
      expect(spec.p).toBeLessThanOrEqual(8);
      expect(spec.k).toBeLessThanOrEqual(12);
      expect(spec.steps).toBeGreaterThanOrEqual(1);
      expect(spec.steps).toBeLessThanOrEqual(400);
      steps.add(spec.steps);
      expect(spec.etaW).toBe(spec.etaA);
      const alpha = spec.etaA / unitStepA(spec.k);
      expect(alpha).toBeGreaterThanOrEqual(0.01 * (1 - 1e-12));
      expect(alpha).toBeLessThanOrEqual(1.99 * (1 + 1e-12));
      if (spec.k === 1) {
        expect(Math.abs(1 - alpha)).toBeGreaterThanOrEqual(0.1 - 1e-12);
        if (alpha < 1) k1Low++;
        else k1High++;
      }
      const aStarNorm = norm(spec.aStar);
      expect(aStarNorm).toBeGreaterThanOrEqual(0.1 - 1e-12);
      expect(aStarNorm).toBeLessThanOrEqual(10 + 1e-12);
      const e = 1 / Math.sqrt(spec.p);
      const r = norm(spec.w0.map((x) => x + e));
      expect(r).toBeGreaterThanOrEqual(0.1 * (1 - 1e-12));
      expect(r).toBeLessThanOrEqual(10 * (1 + 1e-12));
      // ‖a_0 − a(φ)‖ ∈ [1e-3, 1e3]·(‖a(φ)‖ + ‖a*‖), and the bound stays above the resolution.
      const aPhi = aFixedPointAt(teacherOf(h), spec.w0);
      const scale = norm(aPhi) + aStarNorm;
      const size = norm(diff(spec.a0, aPhi)) / scale;
      expect(size).toBeGreaterThanOrEqual(1e-3 * (1 - 1e-9));
      expect(size).toBeLessThanOrEqual(1e3 * (1 + 1e-9));
      const rho = aContractionFactor(spec.k, spec.etaA);
      if (spec.steps > 1) expect(rho ** spec.steps * size).toBeGreaterThanOrEqual(D8_RESOLUTION * (1 - 1e-9));
      if (spec.steps < 400 && rho ** (spec.steps + 1) * size < D8_RESOLUTION) capped++;
      sizes.push(size);
      if (h.part === 'D8-tight') {
        const slowest = slowestDirection(spec.k, spec.etaA);
        const cos = dot(diff(spec.a0, aPhi), slowest) / norm(diff(spec.a0, aPhi));
        expect(Math.abs(cos)).toBeCloseTo(1, 9);
        tightSigns.add(Math.sign(cos));
      }
    }
    // ‖a_0 − a(φ)‖ spans the decades [1e-3, 1e3] of the scale, on both sides of a(φ).
    expect(Math.min(...sizes)).toBeLessThan(1e-2);
    expect(Math.max(...sizes)).toBeGreaterThan(1e2);
    expect(tightSigns).toEqual(new Set([1, -1]));
    expect(k1Low).toBeGreaterThan(0);
    expect(k1High).toBeGreaterThan(0);
    expect(capped).toBeGreaterThan(5);
    expect(steps.size).toBeGreaterThan(50);
  });

  it('should build D9 hypotheses near a global optimum with ρ_w² at its documented targets', () => {
    let slowW = 0;
    let fastW = 0;
    const signs = new Set<number>();
    const offsetSigns = new Set<number>();
    let wInBand = 0;
    for (const h of all().filter((x) => x.part.startsWith('D9'))) {
      const { spec } = h;
      expect(Object.keys(spec).sort()).toEqual(['a0', 'aStar', 'etaA', 'etaW', 'k', 'p', 'record', 'steps', 'w0', 'wStar']);
      expect(spec.record).toEqual({ every: 1, vectors: h.part === 'D9-a' });
      expect(spec.steps).toBe(20_000);
      expect(spec.p).toBeGreaterThanOrEqual(2);
      expect(spec.p).toBeLessThanOrEqual(8);
      expect(spec.k).toBeLessThanOrEqual(12);
      const aStarNorm = norm(spec.aStar);
      expect(aStarNorm).toBeGreaterThanOrEqual(1 - 1e-12);
      expect(aStarNorm).toBeLessThanOrEqual(10 + 1e-12);
      const e = 1 / Math.sqrt(spec.p);
      const u = spec.w0.map((x) => x + e);
      const phi = angle(
        u,
        spec.wStar.map((x) => x + e),
      );
      expect(phi).toBeGreaterThanOrEqual(1e-4 * (1 - 1e-6));
      expect(phi).toBeLessThanOrEqual(1e-3 * (1 + 1e-6));
      expect(norm(u)).toBeGreaterThanOrEqual(0.5 * (1 - 1e-12));
      expect(norm(u)).toBeLessThanOrEqual(2 * (1 + 1e-12));
      const alpha = spec.etaA / unitStepA(spec.k);
      expect(alpha).toBeGreaterThanOrEqual(0.05 * (1 - 1e-12));
      expect(alpha).toBeLessThanOrEqual(1.99 * (1 + 1e-12));
      if (spec.k === 1) expect(Math.abs(1 - alpha)).toBeGreaterThanOrEqual(0.1 - 1e-12);
      const rhoA = aContractionFactor(spec.k, spec.etaA);
      const rw2 = rhoW0(h) ** 2;
      signs.add(Math.sign(1 - (spec.etaW * aStarNorm * aStarNorm) / (2 * dot(u, u))));
      expect(rw2).toBeLessThanOrEqual(0.97 ** 2 * (1 + 1e-9));
      if (h.part === 'D9-w') {
        expect(spec.a0).toEqual(spec.aStar);
        expect(rw2).toBeGreaterThanOrEqual(0.01 * (1 - 1e-9));
        // ρ_w ∈ [0.1, 0.97] whatever ρ_a: also between ρ_a/1.5 and 1.5ρ_a (the band D9-a leaves out).
        if (rw2 > (rhoA / 1.5) * (1 + 1e-9) && rw2 < 1.5 * rhoA * (1 - 1e-9)) wInBand++;
        continue;
      }
      // D9-a: a_0 = a* ± ε‖a*‖·(slowest eigenvector), ε ∈ [0.01, 0.1].
      const offset = diff(spec.a0, spec.aStar);
      expect(norm(offset) / aStarNorm).toBeGreaterThanOrEqual(0.01 * (1 - 1e-9));
      expect(norm(offset) / aStarNorm).toBeLessThanOrEqual(0.1 * (1 + 1e-9));
      const cos = dot(offset, slowestDirection(spec.k, spec.etaA)) / norm(offset);
      expect(Math.abs(cos)).toBeCloseTo(1, 9);
      offsetSigns.add(Math.sign(cos));
      if (rw2 >= 1.5 * rhoA * (1 - 1e-9)) slowW++;
      else {
        expect(rw2).toBeLessThanOrEqual((rhoA / 1.5) * (1 + 1e-9));
        expect(rw2).toBeGreaterThanOrEqual(Math.min(0.01, rhoA / 1.5) * (1 - 1e-9));
        fastW++;
      }
    }
    // ρ_w² ≥ 1.5ρ_a is feasible (below 0.97²) only where ρ_a < 0.63: rare.
    expect(slowW).toBeGreaterThan(2);
    expect(fastW).toBeGreaterThan(5);
    expect(signs).toEqual(new Set([1, -1]));
    expect(offsetSigns).toEqual(new Set([1, -1]));
    expect(wInBand).toBeGreaterThan(20);
  });

  it('should leave out ρ_w² ≥ 1.5ρ_a when only the cases where ρ_a dominates are asked for', () => {
    const d9a = byPart(rest(), 'D9-a');
    expect(d9a.length).toBeGreaterThan(40);
    for (const h of d9a) expect(rhoW0(h) ** 2).toBeLessThanOrEqual((aContractionFactor(h.spec.k, h.spec.etaA) / 1.5) * (1 + 1e-9));
    expect(thmRates.hypotheses(ctx(1))).toBeDefined();
    // The claim's hypotheses are the whole set, ρ_w² ≥ 1.5ρ_a included.
    expect(fc.sample(thmRates.hypotheses(ctx(1)), { seed: 1, numRuns: 600 })).toEqual(all());
  });
});

describe('thm.rates: the α of the hypotheses', () => {
  it('should keep α in [0.01, 1.99], and 0.1 away from 1 only at k = 1 (where ρ_a = |1 − α|)', () => {
    const hs = fc.sample(ratesArb(true), { seed: 9, numRuns: 3000 });
    let k1Low = 0;
    let k1High = 0;
    let nearOne = 0;
    for (const h of hs) {
      const alpha = h.spec.etaA / unitStepA(h.spec.k);
      const min = h.part.startsWith('D8') ? 0.01 : 0.05;
      expect(alpha).toBeGreaterThanOrEqual(min * (1 - 1e-12));
      expect(alpha).toBeLessThanOrEqual(1.99 * (1 + 1e-12));
      if (h.spec.k === 1) {
        expect(Math.abs(1 - alpha)).toBeGreaterThanOrEqual(0.1 - 1e-12);
        if (alpha < 1) k1Low++;
        else k1High++;
      } else if (Math.abs(1 - alpha) < 0.1) nearOne++;
    }
    expect(k1Low).toBeGreaterThan(20);
    expect(k1High).toBeGreaterThan(20);
    expect(nearOne).toBeGreaterThan(20);
  });
});

describe('thm.rates: measureRates without the recorded trajectory it needs', () => {
  it('should throw for D9 when the run was not recorded (no errors to take a rate from)', () => {
    const h = fc.sample(ratesArb(true), { seed: 1, numRuns: 600 }).find((x) => x.part === 'D9-w') as RatesHypothesis;
    const { record: _record, ...unrecorded } = h.spec;
    expect(() => measureRates({ part: 'D9-w', spec: unrecorded })).toThrow('(got 0 errors: …)');
  });

  it('should see no a-iterates (errors 0) for D9-a when the vectors were not recorded', () => {
    const h = fc.sample(ratesArb(true), { seed: 1, numRuns: 600 }).find((x) => x.part === 'D9-a') as RatesHypothesis;
    expect(() => measureRates({ part: 'D9-a', spec: { ...h.spec, record: { every: 1 } } })).toThrow(/got \d+ errors: 0, 0, 0…\)$/);
  });
});

type PerPart = Record<RatesHypothesis['part'], { evaluated: number; minMargin: number }>;

describe('thm.rates: run()', () => {
  it('should hold on a few samples, with the smallest margin per part of both runs', () => {
    const c = ctx(6, 3);
    const r = thmRates.run(c);
    expect(r.verdict).toBe('holds');
    const all = fc.sample(ratesArb(true), { seed: 3, numRuns: 6 });
    const rest = fc.sample(ratesArb(false), { seed: 3, numRuns: 6 });
    const stats = (xs: RatesHypothesis[]): PerPart => {
      const s: PerPart = {
        'D8-bound': { evaluated: 0, minMargin: Infinity },
        'D8-tight': { evaluated: 0, minMargin: Infinity },
        'D9-a': { evaluated: 0, minMargin: Infinity },
        'D9-w': { evaluated: 0, minMargin: Infinity },
      };
      for (const h of xs) {
        s[h.part].evaluated++;
        s[h.part].minMargin = Math.min(s[h.part].minMargin, thmRates.margin(h));
      }
      return s;
    };
    const restStats = stats(rest);
    const d = r.details as { seed: number; minMargin: number; perPart: PerPart; whereRhoADominates: Record<string, unknown> };
    expect(d.perPart).toEqual(stats(all));
    expect(d.whereRhoADominates.perPart).toEqual(restStats);
    expect(d.whereRhoADominates.verdict).toBe('holds');
    expect(d.whereRhoADominates.seed).toBe(3);
    expect(d.whereRhoADominates.minMargin).toBe(Math.min(...rest.map((h) => thmRates.margin(h))));
    expect(d.minMargin).toBe(Math.min(...all.map((h) => thmRates.margin(h))));
    expect(r.runs).toBe(12);
    const perPart = (['D8-bound', 'D8-tight', 'D9-a', 'D9-w'] as const)
      .map((p) => `${p} ${fmt(restStats[p].minMargin)} (${restStats[p].evaluated})`)
      .join(', ');
    expect(r.evidence).toBe(
      `no counterexample in 6 samples (0 stored replayed); smallest margin ${fmt(d.minMargin)}; where ρ_a ≥ 1.5ρ_w² — holds: ` +
        `no counterexample in 6 samples (0 stored replayed); smallest margin ${fmt(d.whereRhoADominates.minMargin as number)}; smallest margin per part there: ${perPart}`,
    );
  });

  it('should explain a D9-a counterexample with ρ_a and ρ_w²', () => {
    const h = slowW()[0];
    const r = thmRates.run(ctx(2, 3, [h]));
    expect(r.verdict).toBe('refuted');
    expect(r.counterexample?.hypothesis).toBe(h);
    const m = measureRates(h);
    const rhoW = m.rhoW as number;
    const plain = runUniversal(thmRates, ctx(2, 3, [h]));
    expect(r.evidence.startsWith(
      `${plain.evidence} at D9-a (k=${h.spec.k}): observed ${fmt(m.observed, 7)} vs predicted ${fmt(m.predicted, 7)} (ρ_a=${fmt(m.rhoA, 7)}, ρ_w²=${fmt(rhoW * rhoW, 7)}); where ρ_a ≥ 1.5ρ_w² — refuted: `,
    )).toBe(true);
    expect(r.evidence).toMatch(/; smallest margin per part there: D8-bound \S+ \(\d+\), D8-tight \S+ \(\d+\), D9-a -\S+ \(\d+\), D9-w \S+ \(\d+\)$/);
    const d = r.details as { perPart: PerPart; whereRhoADominates: { verdict: string; perPart: PerPart } };
    expect(d.whereRhoADominates.verdict).toBe('refuted');
    expect(d.perPart['D9-a'].minMargin).toBe(thmRates.margin(h));
    expect(d.perPart['D9-a'].evaluated).toBeGreaterThanOrEqual(1);
    expect(r.runs).toBe(plain.runs * 2);
  });

  it('should explain a D8 counterexample without the D9 rates', () => {
    // A D8-bound start relabelled as tight: off the slowest eigenvector the bound is not attained.
    const bound = byPart(rest(), 'D8-bound').find((x) => x.spec.k > 1 && x.spec.steps > 5) as RatesHypothesis;
    const h: RatesHypothesis = { part: 'D8-tight', spec: bound.spec };
    expect(thmRates.margin(h)).toBeLessThan(0);
    const r = thmRates.run(ctx(1, 3, [h]));
    expect(r.verdict).toBe('refuted');
    const m = measureRates(h);
    expect(r.evidence).toContain(` at D8-tight (k=${h.spec.k}): observed ${fmt(m.observed, 7)} vs predicted ${fmt(m.predicted, 7)}; where ρ_a ≥ 1.5ρ_w² — refuted: `);
    expect(r.evidence).not.toContain('ρ_w²=');
  });
});
