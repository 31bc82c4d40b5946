/**
 * rebuttal.basin-R2 (src/claims/rebuttal.basin-R2.ts): "If (w_0, a_0) falls in R2, GD will get
 * trapped in the spurious optimum".
 *
 * - the margin φ_T − (π − 0.1) on real GD runs whose answer is known from the theory: a start in R2
 *   with 1ᵀa* = 0 (the spurious point a local minimum, D5) ends there (margin > 0); a start in R2
 *   with (1ᵀa*)² > ((π−1+k)/π)‖a*‖² (spurious point not a minimum) ends global (margin ≈ −(π − 0.1));
 *   a run leaving the finite doubles gives −π;
 * - the hypotheses lie in R2 as documented;
 * - run(): the verdict, the counterexample's outcome and the outcome fractions (Wilson 95%) on
 *   synthetic runs (runSpec replaced by a function of β), where the counts are known.
 */
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { DescentResult } from '../../src/optim/descent.ts';
import type { TrainSpec } from '../../src/io/train-spec.ts';
import { expectShortcutPriorReachesItsBound } from './shortcut-prior.ts';
import { angle, dot, norm, unitStepA } from '../independent/vectors.ts';

const synthetic = vi.hoisted(() => ({ runSpec: undefined as undefined | ((spec: TrainSpec) => DescentResult) }));

vi.mock('../../src/claims/trajectory.ts', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../src/claims/trajectory.ts')>();
  return { ...actual, runSpec: (spec: TrainSpec) => (synthetic.runSpec === undefined ? actual.runSpec(spec) : synthetic.runSpec(spec)) };
});

const { rebuttalBasinR2, BASIN_STEPS } = await import('../../src/claims/rebuttal.basin-R2.ts');
const { runSpec } = await import('../../src/claims/trajectory.ts');
const { runUniversal, fmt } = await import('../../src/claims/universal-runner.ts');
const { SPURIOUS_PHI } = await import('../../src/optim/outcome.ts');
const { resolveProfile } = await import('../../src/config/profile.ts');
const { formatInterval, wilsonInterval } = await import('../../src/stats/wilson.ts');

const PROFILE = resolveProfile({ profile: 'ci' });
const ctx = (runs: number, seed = 7) => ({ profile: PROFILE, seed, budget: { runs, timeMs: 60_000 } });

afterEach(() => {
  synthetic.runSpec = undefined;
});

/** A p = k = 2 start at angle φ from v* = e (w* = 0), ‖e + w_0‖ = 1. */
function r2Spec(phi: number, a0: number[], aStar: number[]): TrainSpec {
  const e = 1 / Math.sqrt(2);
  const u = [Math.cos(phi) * e + Math.sin(phi) * e, Math.cos(phi) * e - Math.sin(phi) * e];
  return { p: 2, k: 2, w0: u.map((x) => x - e), a0, wStar: [0, 0], aStar, etaW: 0.5, etaA: 0.5, steps: BASIN_STEPS };
}

function result(phi: number, outcome: DescentResult['outcome'], steps = 123): DescentResult {
  return { w: new Float64Array(2), a: new Float64Array(2), steps, loss: 0.1, phi, aDotAStar: -1, normU: 1, outcome };
}

describe('rebuttal.basin-R2: margin on real GD runs', () => {
  it('should be φ_T − (π − 0.1) > 0 for an R2 start trapped at the spurious point (1ᵀa* = 0)', () => {
    const spec = r2Spec(2, [-1, 1], [1, -1]);
    const m = rebuttalBasinR2.margin(spec);
    expect(runSpec(spec).outcome).toBe('spurious');
    expect(m).toBe(runSpec(spec).phi - SPURIOUS_PHI);
    expect(m).toBeGreaterThan(0.09);
  });

  it('should be ≈ −(π − 0.1) for an R2 start that ends global ((1ᵀa*)² large: the spurious point is no minimum)', () => {
    const spec = r2Spec(2, [-1, -0.5], [1, 0.5]);
    const m = rebuttalBasinR2.margin(spec);
    expect(runSpec(spec).outcome).toBe('global');
    expect(m).toBe(runSpec(spec).phi - SPURIOUS_PHI);
    expect(m).toBeLessThan(-(Math.PI - 0.1) + 1e-6);
  });

  it('should be −π for a run whose φ_T is not finite', () => {
    synthetic.runSpec = () => result(NaN, 'diverged');
    expect(rebuttalBasinR2.margin(r2Spec(2, [-1, 1], [1, -1]))).toBe(-Math.PI);
    synthetic.runSpec = () => result(Infinity, 'diverged');
    expect(rebuttalBasinR2.margin(r2Spec(2, [-1, 1], [1, -1]))).toBe(-Math.PI);
    synthetic.runSpec = () => result(SPURIOUS_PHI, 'undecided');
    expect(rebuttalBasinR2.margin(r2Spec(2, [-1, 1], [1, -1]))).toBe(0);
  });

  it('should replay a hypothesis as itself', () => {
    const spec = r2Spec(2, [-1, 1], [1, -1]);
    expect(rebuttalBasinR2.toTrainSpec(spec)).toBe(spec);
  });
});

describe('rebuttal.basin-R2: hypotheses', () => {
  it('should draw teachers with φ_0 up to π/2 − 1e-9, never π/2 (the shortcut prior)', () => {
    // Seed 31 draws φ_0 at the upper end (fast-check's bias towards the range's ends).
    expectShortcutPriorReachesItsBound(rebuttalBasinR2.hypotheses(ctx(100)), 31, 60);
  });

  it('should be starts in R2 (aᵀa* < 0, φ ∈ (π/2, π) from v*) with the documented teachers and step sizes', () => {
    const samples = fc.sample(rebuttalBasinR2.hypotheses(ctx(100)), { seed: 4, numRuns: 200 });
    const ks = new Set<number>();
    for (const s of samples) {
      expect(Object.keys(s).sort()).toEqual(['a0', 'aStar', 'etaA', 'etaW', 'k', 'p', 'steps', 'w0', 'wStar']);
      expect(s.steps).toBe(BASIN_STEPS);
      expect(s.p).toBeGreaterThanOrEqual(1);
      expect(s.p).toBeLessThanOrEqual(8);
      expect(s.k).toBeGreaterThanOrEqual(1);
      expect(s.k).toBeLessThanOrEqual(8);
      ks.add(s.k);
      expect(s.w0).toHaveLength(s.p);
      expect(s.a0).toHaveLength(s.k);
      const e = 1 / Math.sqrt(s.p);
      const ones = new Array<number>(s.p).fill(e);
      const u = s.w0.map((x) => x + e);
      const uStar = s.wStar.map((x) => x + e);
      // The shortcut prior: φ_0 = ∠(e, e + w*) < π/2.
      if (s.p > 1) expect(angle(ones, uStar)).toBeLessThan(Math.PI / 2);
      const aStarNorm = norm(s.aStar);
      expect(aStarNorm).toBeGreaterThanOrEqual(0.1 - 1e-12);
      expect(aStarNorm).toBeLessThanOrEqual(10 + 1e-12);
      // In R2.
      const along = dot(s.a0, s.aStar) / aStarNorm;
      expect(along).toBeLessThan(0);
      if (s.p > 1) {
        const phi = angle(u, uStar);
        expect(phi).toBeGreaterThan(Math.PI / 2);
        expect(phi).toBeLessThan(Math.PI);
      }
      expect(norm(u)).toBeGreaterThanOrEqual(0.1 * (1 - 1e-12));
      expect(norm(u)).toBeLessThanOrEqual(10 * (1 + 1e-12));
      // a_0 = c(−s·â* + ½·(unit ⟂ a*)), c ∈ [0.01, 10], s ∈ [1e-3, 1].
      const orth = Math.sqrt(Math.max(0, dot(s.a0, s.a0) - along * along));
      if (s.k > 1) {
        const c = 2 * orth;
        expect(c).toBeGreaterThanOrEqual(0.01 * (1 - 1e-9));
        expect(c).toBeLessThanOrEqual(10 * (1 + 1e-9));
        expect(-along / c).toBeGreaterThanOrEqual(1e-3 * (1 - 1e-9));
        expect(-along / c).toBeLessThanOrEqual(1 + 1e-9);
      } else {
        // No direction ⟂ a* when k = 1: a_0 = −c·s·â*, c·s ∈ [1e-5, 10].
        expect(-along).toBeGreaterThanOrEqual(1e-5 * (1 - 1e-9));
        expect(-along).toBeLessThanOrEqual(10 * (1 + 1e-9));
      }
      const alpha = s.etaA / unitStepA(s.k);
      expect(alpha).toBeGreaterThanOrEqual(0.01 - 1e-12);
      expect(alpha).toBeLessThanOrEqual(1 + 1e-12);
      const beta = s.etaW / s.etaA;
      expect(beta).toBeGreaterThanOrEqual(0.1 - 1e-12);
      expect(beta).toBeLessThanOrEqual(10 + 1e-12);
    }
    expect(ks.size).toBe(8);
    // Scales spread over decades (c log-uniform in [0.01, 10]).
    const scales = samples.map((s) => norm(s.a0));
    expect(Math.min(...scales)).toBeLessThan(0.1);
    expect(Math.max(...scales)).toBeGreaterThan(1);
  });
});

/** Synthetic outcomes by β = η_w/η_a: < 1 global, [1, 3) spurious, [3, 5) undecided, ≥ 5 diverged. */
function byBeta(spec: TrainSpec): DescentResult {
  const beta = spec.etaW / spec.etaA;
  if (beta < 1) return result(1e-5, 'global');
  if (beta < 3) return result(3.1, 'spurious', BASIN_STEPS);
  if (beta < 5) return result(2, 'undecided', BASIN_STEPS);
  return result(NaN, 'diverged', 7);
}

function expectedCounts(runs: number, seed: number, rule: (s: TrainSpec) => DescentResult) {
  const counts = { global: 0, spurious: 0, undecided: 0, diverged: 0 };
  for (const s of fc.sample(rebuttalBasinR2.hypotheses(ctx(runs, seed)), { numRuns: runs, seed })) counts[rule(s).outcome]++;
  return counts;
}

const interval = (x: number, n: number): string => formatInterval(wilsonInterval(x, n), (y) => fmt(y, 3));

describe('rebuttal.basin-R2: run() on synthetic runs', () => {
  it('should say refuted, name the counterexample outcome and report every outcome fraction with diverged runs', () => {
    synthetic.runSpec = byBeta;
    const c = ctx(40, 7);
    const r = rebuttalBasinR2.run(c);
    const plain = runUniversal(rebuttalBasinR2, c);
    expect(r.verdict).toBe('refuted');
    const counts = expectedCounts(40, 7, byBeta);
    expect(counts.diverged).toBeGreaterThan(0);
    expect(counts.global).toBeGreaterThan(0);
    const x = byBeta(r.counterexample?.input as TrainSpec);
    expect(r.evidence).toBe(
      `${plain.evidence} (ends ${x.outcome}: φ_T = ${fmt(x.phi)} after ${x.steps} steps); outcomes of 40 R2 starts (Wilson 95%): ` +
        `global ${interval(counts.global, 40)}, spurious ${interval(counts.spurious, 40)}, undecided ${interval(counts.undecided, 40)}, diverged ${counts.diverged}`,
    );
    expect(r.runs).toBe(plain.runs + 40);
    const d = r.details as Record<string, unknown>;
    expect(d.outcomes).toEqual(counts);
    expect(d.outcomeSamples).toBe(40);
    expect(d.seed).toBe(7);
    expect(r.counterexample?.claim).toBe('rebuttal.basin-R2');
    expect(r.counterexample?.violated).toBe('GD started in R2 did not end at the spurious optimum (φ_T ≤ π − 0.1)');
  });

  it('should say holds with no outcome note, and leave diverged out of the summary, when every start ends spurious', () => {
    synthetic.runSpec = () => result(3.1, 'spurious', BASIN_STEPS);
    const r = rebuttalBasinR2.run(ctx(12, 3));
    expect(r.verdict).toBe('holds');
    expect(r.counterexample).toBeUndefined();
    expect(r.evidence).toBe(
      `no counterexample in 12 samples (0 stored replayed); smallest margin ${fmt(3.1 - SPURIOUS_PHI)}; outcomes of 12 R2 starts (Wilson 95%): ` +
        `global ${interval(0, 12)}, spurious ${interval(12, 12)}, undecided ${interval(0, 12)}`,
    );
    expect(r.runs).toBe(24);
    expect((r.details as Record<string, unknown>).outcomes).toEqual({ global: 0, spurious: 12, undecided: 0, diverged: 0 });
  });
});

describe('rebuttal.basin-R2: run() on real GD (tiny budget, a stored counterexample replayed)', () => {
  it('should be refuted by the stored R2 start that ends global, and say so', () => {
    const stored = r2Spec(2, [-1, -0.5], [1, 0.5]);
    const r = rebuttalBasinR2.run({ ...ctx(2, 7), examples: [stored] });
    expect(r.verdict).toBe('refuted');
    expect(r.counterexample?.input).toEqual(stored);
    expect(r.evidence).toMatch(/^GD started in R2 did not end at the spurious optimum \(φ_T ≤ π − 0\.1\): margin -3\.042 after 0 shrinks/);
    expect(r.evidence).toMatch(/ \(ends global: φ_T = [\d.e-]+ after \d+ steps\); outcomes of 2 R2 starts \(Wilson 95%\): global /);
  });
});
