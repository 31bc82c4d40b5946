/**
 * thm.main (src/claims/thm.main.ts): GD from w_0 = 0 and a_0 in the ball B(0, |1ᵀa*|/√k).
 *
 * - the margin (π − 0.1) − φ_T at runs whose answer is known from the theory: a run from the
 *   shortcut prior that converges (margin ≈ π − 0.1), and one started in the spurious basin with
 *   1ᵀa* = 0 (the spurious point a local minimum, THEORY §3 D5) that must end there (margin < 0);
 *   a diverged run is −∞;
 * - the hypotheses: w_0 = 0, a_0 in the closed ball (its boundary and worst direction drawn), the
 *   step sizes of α ∈ [0.1, 1], κ ∈ [0.01, 1], T = 20 000;
 * - run(): the generous form, the count of slow runs and the region of (k, φ̄) → largest κ, on
 *   synthetic GD runs (runSpec and gradientDescent replaced by functions of the step sizes), so the
 *   expected table is known exactly; and once on the real GD with a tiny budget.
 */
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { vi } from 'vitest';
import type { DescentResult, DescentSpec } from '../../src/optim/descent.ts';
import type { TrainSpec } from '../../src/io/train-spec.ts';
import { expectShortcutPriorReachesItsBound } from './shortcut-prior.ts';
import { angle, norm, unitStepA } from '../independent/vectors.ts';

const synthetic = vi.hoisted(() => ({
  runSpec: undefined as undefined | ((spec: TrainSpec) => DescentResult),
  gd: undefined as undefined | ((spec: DescentSpec) => DescentResult),
  gdCalls: [] as DescentSpec[],
}));

vi.mock('../../src/claims/trajectory.ts', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../src/claims/trajectory.ts')>();
  return { ...actual, runSpec: (spec: TrainSpec) => (synthetic.runSpec === undefined ? actual.runSpec(spec) : synthetic.runSpec(spec)) };
});

vi.mock('../../src/optim/gradient-descent.ts', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../src/optim/gradient-descent.ts')>();
  return {
    ...actual,
    gradientDescent: (spec: DescentSpec) => {
      synthetic.gdCalls.push(spec);
      return synthetic.gd === undefined ? actual.gradientDescent(spec) : synthetic.gd(spec);
    },
  };
});

const { thmMain, trappedMargin, MAIN_STEPS, MAIN_DELTA_RELATIVE } = await import('../../src/claims/thm.main.ts');
const { runSpec } = await import('../../src/claims/trajectory.ts');
const { runUniversal, fmt } = await import('../../src/claims/universal-runner.ts');
const { SPURIOUS_PHI } = await import('../../src/optim/outcome.ts');
const { resolveProfile } = await import('../../src/config/profile.ts');

const PROFILE = resolveProfile({ profile: 'ci' });
const ctx = (runs: number, seed = 7) => ({ profile: PROFILE, seed, budget: { runs, timeMs: 60_000 } });

afterEach(() => {
  synthetic.runSpec = undefined;
  synthetic.gd = undefined;
  synthetic.gdCalls.length = 0;
});

function result(phi: number, loss: number, outcome: DescentResult['outcome'], k = 2): DescentResult {
  return { w: new Float64Array(2), a: new Float64Array(k), steps: 10, loss, phi, aDotAStar: 1, normU: 1, outcome };
}

describe('thm.main: trappedMargin', () => {
  it('should be (π − 0.1) − φ_T, negative only at the spurious point, and −∞ for a diverged run', () => {
    expect(trappedMargin(result(0, 0, 'global'))).toBe(Math.PI - 0.1);
    expect(trappedMargin(result(3.1, 0.2, 'spurious'))).toBe(Math.PI - 0.1 - 3.1);
    expect(trappedMargin(result(3.1, 0.2, 'spurious'))).toBeLessThan(0);
    expect(trappedMargin(result(SPURIOUS_PHI, 0.2, 'undecided'))).toBe(0);
    expect(trappedMargin(result(0, NaN, 'diverged'))).toBe(-Infinity);
  });
});

describe('thm.main: margin on real GD runs', () => {
  it('should be ≈ π − 0.1 for a run from w_0 = 0 inside the ball that reaches the global optimum', () => {
    const spec: TrainSpec = { p: 2, k: 2, w0: [0, 0], a0: [0.3, 0.2], wStar: [0.2, -0.1], aStar: [1, 0.5], etaW: 1, etaA: 1, steps: MAIN_STEPS };
    const m = thmMain.margin(spec);
    expect(m).toBe(SPURIOUS_PHI - runSpec(spec).phi);
    expect(m).toBeGreaterThan(Math.PI - 0.1 - 1e-6);
    expect(runSpec(spec).outcome).toBe('global');
  });

  it('should be negative for a run started in the spurious basin (φ_0 = 2, a_0 = −a*, 1ᵀa* = 0)', () => {
    const e = 1 / Math.sqrt(2);
    const phi = 2;
    const u = [Math.cos(phi) * e + Math.sin(phi) * e, Math.cos(phi) * e - Math.sin(phi) * e];
    const spec: TrainSpec = { p: 2, k: 2, w0: u.map((x) => x - e), a0: [-1, 1], wStar: [0, 0], aStar: [1, -1], etaW: 0.5, etaA: 0.5, steps: MAIN_STEPS };
    const m = thmMain.margin(spec);
    expect(runSpec(spec).outcome).toBe('spurious');
    expect(m).toBe(SPURIOUS_PHI - runSpec(spec).phi);
    expect(m).toBeLessThan(-0.09);
  });

  it('should replay a hypothesis as itself', () => {
    const spec: TrainSpec = { p: 1, k: 1, w0: [0], a0: [0.5], wStar: [0.1], aStar: [1], etaW: 0.1, etaA: 0.2, steps: MAIN_STEPS };
    expect(thmMain.toTrainSpec(spec)).toBe(spec);
  });
});

describe('thm.main: hypotheses', () => {
  it('should start at w_0 = 0 with a_0 in the closed ball B(0, |1ᵀa*|/√k), its boundary and worst direction included', () => {
    const samples = fc.sample(thmMain.hypotheses(ctx(100)), { seed: 3, numRuns: 200 });
    let boundary = 0;
    let worst = 0;
    for (const s of samples) {
      expect(Object.keys(s).sort()).toEqual(['a0', 'aStar', 'etaA', 'etaW', 'k', 'p', 'steps', 'w0', 'wStar']);
      expect(s.p).toBeGreaterThanOrEqual(1);
      expect(s.p).toBeLessThanOrEqual(12);
      expect(s.k).toBeGreaterThanOrEqual(1);
      expect(s.k).toBeLessThanOrEqual(12);
      expect(s.w0).toEqual(new Array(s.p).fill(0));
      expect(s.wStar).toHaveLength(s.p);
      expect(s.aStar).toHaveLength(s.k);
      expect(s.a0).toHaveLength(s.k);
      expect(s.steps).toBe(MAIN_STEPS);
      const radius = Math.abs(s.aStar.reduce((acc, x) => acc + x, 0)) / Math.sqrt(s.k);
      const r0 = norm(s.a0);
      expect(r0).toBeLessThanOrEqual(radius * (1 + 1e-12) + 1e-300);
      if (radius > 0 && Math.abs(r0 / radius - 1) < 1e-12) boundary++;
      if (radius > 0 && r0 > 0 && angle(s.a0, s.aStar) > Math.PI - 1e-6) worst++;
      // φ_0 = ∠(e, e + w*) < π/2 (the generous φ̄).
      const e = 1 / Math.sqrt(s.p);
      if (s.p > 1) expect(angle(new Array(s.p).fill(e), s.wStar.map((x) => x + e))).toBeLessThan(Math.PI / 2);
      // η_a = α·2π/(π−1+k), α ∈ [0.1, 1]; η_w = κ·η_a, κ ∈ [0.01, 1].
      const alpha = s.etaA / unitStepA(s.k);
      expect(alpha).toBeGreaterThanOrEqual(0.1 - 1e-12);
      expect(alpha).toBeLessThanOrEqual(1 + 1e-12);
      const kappa = s.etaW / s.etaA;
      expect(kappa).toBeGreaterThanOrEqual(0.01 - 1e-12);
      expect(kappa).toBeLessThanOrEqual(1 + 1e-12);
    }
    expect(boundary).toBeGreaterThan(30);
    expect(worst).toBeGreaterThan(20);
    // Teachers and sizes vary.
    expect(new Set(samples.map((s) => s.k)).size).toBeGreaterThan(5);
    expect(new Set(samples.map((s) => s.p)).size).toBeGreaterThan(5);
  });
});

describe('thm.main: the generous φ̄', () => {
  it('should draw teachers with φ_0 up to φ̄ = π/2 − 1e-9, never π/2', () => {
    // Seed 12 draws φ_0 at the upper end (fast-check's bias towards the range's ends).
    expectShortcutPriorReachesItsBound(thmMain.hypotheses(ctx(100)), 12, 20);
  });
});

/** κ = η_w/η_a of a spec. */
const kappaOf = (s: { etaW: number; etaA: number }): number => s.etaW / s.etaA;

/**
 * Synthetic runs of the generous form: κ < 0.2 still converging (L = 2δ, φ = 0.2), κ ∈ [0.2, 0.3)
 * ending exactly at φ_T = π − 0.1 with a large loss (margin 0: neither trapped nor converged),
 * otherwise converged with L exactly δ (not above it).
 */
function slowRule(spec: TrainSpec): DescentResult {
  const delta = MAIN_DELTA_RELATIVE * spec.aStar.reduce((s, x) => s + x * x, 0);
  const kappa = kappaOf(spec);
  if (kappa < 0.2) return result(0.2, 2 * delta, 'undecided', spec.k);
  if (kappa < 0.3) return result(SPURIOUS_PHI, 1, 'undecided', spec.k);
  return result(1e-9, delta, 'global', spec.k);
}

/** The angle φ̄ of a region teacher, snapped to the grid. */
function phiBarOf(spec: DescentSpec): number {
  const p = spec.teacher.p;
  const e = new Array(p).fill(1 / Math.sqrt(p));
  const phi = angle(
    e,
    Array.from(spec.teacher.wStar, (x) => x + 1 / Math.sqrt(p)),
  );
  return [1.0, 1.3, 1.45, 1.55].find((x) => Math.abs(x - phi) < 1e-9) ?? NaN;
}

/** Whether a_0 points along −a* (cosine −1 to within 1e-12: acos near π would lose half the digits). */
function isWorst(spec: DescentSpec): boolean {
  let dot = 0;
  for (let j = 0; j < spec.a0.length; j++) dot += spec.a0[j] * spec.teacher.aStar[j];
  return dot / (norm(spec.a0) * norm(spec.teacher.aStar)) < -1 + 1e-12;
}

/**
 * The synthetic region: k = 2: φ̄ = 1 never trapped; φ̄ = 1.3 trapped for κ > 0.1; φ̄ = 1.45 the
 * random start (not the worst one) trapped for κ > 0.3; φ̄ = 1.55 always trapped. k = 4: diverged at
 * κ = 1. k = 8: ends exactly at φ = π − 0.1 (not trapped). k = 16: converges.
 */
function regionRule(spec: DescentSpec): DescentResult {
  const k = spec.teacher.k;
  const kappa = kappaOf(spec);
  const phiBar = phiBarOf(spec);
  const trapped = result(3.1, 0.3, 'spurious', k);
  const fine = result(1e-9, 1e-13, 'global', k);
  if (k === 2) {
    if (phiBar === 1.3) return kappa > 0.1 + 1e-9 ? trapped : fine;
    if (phiBar === 1.45) return !isWorst(spec) && kappa > 0.3 + 1e-9 ? trapped : fine;
    if (phiBar === 1.55) return trapped;
    return fine;
  }
  if (k === 4) return kappa > 0.5 ? result(NaN, NaN, 'diverged', k) : fine;
  if (k === 8) return result(SPURIOUS_PHI, 0.3, 'undecided', k);
  return fine;
}

interface Cell {
  k: number;
  phiBar: number;
  largestKappa: number | null;
  starts: number;
}

describe('thm.main: run() on synthetic runs', () => {
  it('should report the generous verdict, the slow runs and the exact region table', () => {
    synthetic.runSpec = slowRule;
    synthetic.gd = regionRule;
    const c = ctx(2);
    const r = thmMain.run(c);
    const generous = runUniversal(thmMain, c);
    expect(r.verdict).toBe('holds');
    expect(generous.verdict).toBe('holds');
    const specs = fc.sample(thmMain.hypotheses(c), { seed: 7, numRuns: 2 });
    const slow = specs.filter((s) => kappaOf(s) < 0.3).length;
    const summary =
      'k=2: φ̄=1→1 φ̄=1.3→0.1 φ̄=1.45→0.3 φ̄=1.55→<0.01; k=4: φ̄=1→0.3 φ̄=1.3→0.3 φ̄=1.45→0.3 φ̄=1.55→0.3; ' +
      'k=8: φ̄=1→1 φ̄=1.3→1 φ̄=1.45→1 φ̄=1.55→1; k=16: φ̄=1→1 φ̄=1.3→1 φ̄=1.45→1 φ̄=1.55→1';
    expect(r.evidence).toBe(`${generous.evidence}; ${slow}/2 sampled runs still converging at T; largest κ without counterexample (α = 1): ${summary}`);
    // Calls per cell: k = 2: 2 + 4 + 4 + 5; k = 4: 3 per cell; k = 8 and 16: 2 per cell.
    expect(synthetic.gdCalls.length).toBe(43);
    expect(r.runs).toBe(2 + 2 + 43); // the property's samples, the slow-run samples, the region's runs
    const d = r.details as { seed: number; minMargin: number; slowRuns: unknown; region: Cell[] };
    expect(d.seed).toBe(7);
    expect(d.minMargin).toBe((generous.details as { minMargin: number }).minMargin);
    expect(d.slowRuns).toEqual({ runs: 2, slow });
    expect(d.region).toHaveLength(16);
    expect(d.region.slice(0, 4)).toEqual([
      { k: 2, phiBar: 1.0, largestKappa: 1, starts: 2 },
      { k: 2, phiBar: 1.3, largestKappa: 0.1, starts: 2 },
      { k: 2, phiBar: 1.45, largestKappa: 0.3, starts: 2 },
      { k: 2, phiBar: 1.55, largestKappa: null, starts: 2 },
    ]);
    expect(d.region.map((x) => x.k)).toEqual([2, 2, 2, 2, 4, 4, 4, 4, 8, 8, 8, 8, 16, 16, 16, 16]);
  });

  it('should count as slow exactly the runs above δ = 1e-8·‖a*‖² that are not trapped (at most 30 sampled)', () => {
    // As slowRule, and κ ≥ 0.9 trapped at the spurious point with a large loss: not slow.
    synthetic.runSpec = (spec) => (kappaOf(spec) >= 0.9 ? result(3.1, 1, 'spurious', spec.k) : slowRule(spec));
    synthetic.gd = (spec) => result(1e-9, 1e-13, 'global', spec.teacher.k);
    const c = ctx(100, 5);
    const r = thmMain.run(c);
    expect(r.verdict).toBe('refuted');
    expect(fc.sample(thmMain.hypotheses(c), { seed: 5, numRuns: 30 }).filter((s) => kappaOf(s) >= 0.9).length).toBeGreaterThan(0);
    const specs = fc.sample(thmMain.hypotheses(c), { seed: 5, numRuns: 30 });
    const slow = specs.filter((s) => kappaOf(s) < 0.3).length;
    expect(slow).toBeGreaterThan(0);
    expect(slow).toBeLessThan(30);
    expect((r.details as { slowRuns: unknown }).slowRuns).toEqual({ runs: 30, slow });
    expect(r.evidence).toContain(`; ${slow}/30 sampled runs still converging at T; `);
    // 100 runs: round(100/25) = 4 starts per cell, every one run (nothing trapped).
    expect((r.details as { region: Cell[] }).region.every((x) => x.starts === 4 && x.largestKappa === 1)).toBe(true);
    expect(r.runs).toBe(runUniversal(thmMain, c).runs + 30 + 16 * 4);
  });

  it('should give the region runs the protocol problem: k = p, φ_0 = φ̄, w_0 = 0, worst start first, α = 1, κ on the grid', () => {
    synthetic.runSpec = slowRule;
    synthetic.gd = regionRule;
    thmMain.run(ctx(2, 9));
    const calls = synthetic.gdCalls;
    // k = 2, φ̄ = 1.3: κ = 1 (worst start trapped), κ = 0.3 (trapped), κ = 0.1 (both starts).
    const cell = calls.filter((s) => s.teacher.k === 2 && phiBarOf(s) === 1.3);
    expect(cell.map((s) => kappaOf(s))).toEqual([1, 0.3, 0.1, 0.1].map((x) => expect.closeTo(x, 12)));
    expect(cell.map(isWorst)).toEqual([true, true, true, false]);
    for (const s of calls) {
      const k = s.teacher.k;
      expect(s.teacher.p).toBe(k);
      expect(Array.from(s.w0)).toEqual(new Array(k).fill(0));
      expect(s.steps).toBe(MAIN_STEPS);
      expect(s.etaA).toBeCloseTo(unitStepA(k), 14);
      expect(Number.isNaN(phiBarOf(s))).toBe(false);
      expect(norm(Array.from(s.teacher.wStar, (x) => x + 1 / Math.sqrt(k)))).toBeCloseTo(1, 12);
      const radius = Math.abs(Array.from(s.teacher.aStar).reduce((acc, x) => acc + x, 0)) / Math.sqrt(k);
      expect(norm(s.a0) / radius).toBeCloseTo(1, 12);
    }
    const first = calls[0];
    const aStar = Array.from(first.teacher.aStar);
    const radius = Math.abs(aStar.reduce((acc, x) => acc + x, 0)) / Math.sqrt(2);
    expect(Array.from(first.a0)).toEqual(aStar.map((x) => expect.closeTo((-radius * x) / norm(aStar), 14)));
    // The starts of a cell do not depend on κ; they differ between starts, cells and seeds.
    const phi145 = calls.filter((s) => s.teacher.k === 2 && phiBarOf(s) === 1.45);
    expect(phi145.map(isWorst)).toEqual([true, false, true, false]);
    expect(Array.from(phi145[2].a0)).toEqual(Array.from(phi145[0].a0));
    expect(Array.from(phi145[3].a0)).toEqual(Array.from(phi145[1].a0));
    expect(Array.from(phi145[3].teacher.aStar)).toEqual(Array.from(phi145[1].teacher.aStar));
    expect(Array.from(phi145[1].teacher.aStar)).not.toEqual(Array.from(phi145[0].teacher.aStar));
    const aStars = new Set(calls.filter((s) => isWorst(s)).map((s) => JSON.stringify(Array.from(s.teacher.aStar))));
    expect(aStars.size).toBe(16);
    const before = calls.map((s) => Array.from(s.teacher.aStar));
    synthetic.gdCalls.length = 0;
    thmMain.run(ctx(2, 10));
    expect(Array.from(synthetic.gdCalls[0].teacher.aStar)).not.toEqual(before[0]);
  });

  it('should say refuted with a counterexample when a sampled run diverges', () => {
    synthetic.runSpec = (spec) => (kappaOf(spec) < 0.5 ? result(NaN, NaN, 'diverged', spec.k) : slowRule(spec));
    synthetic.gd = (spec) => result(1e-9, 1e-13, 'global', spec.teacher.k);
    const r = thmMain.run(ctx(20, 7));
    expect(r.verdict).toBe('refuted');
    expect(r.counterexample?.margin).toBe(-Infinity);
    expect(r.counterexample?.claim).toBe('thm.main');
    expect(kappaOf(r.counterexample?.input as TrainSpec)).toBeLessThan(0.5);
    expect(r.evidence).toMatch(/^GD from the ball ended at the spurious point \(φ_T > π − 0\.1\) instead of reaching L ≤ δ: margin -Infinity after \d+ shrinks/);
    expect(r.evidence).toContain('sampled runs still converging at T; largest κ without counterexample (α = 1): k=2: φ̄=1→1 ');
    expect((r.details as { region: Cell[] }).region).toHaveLength(16);
  });
});

describe('thm.main: run() on real GD (tiny budget)', () => {
  it('should hold on two samples, with no slow run and a region cell per (k, φ̄)', () => {
    const r = thmMain.run(ctx(2));
    expect(r.verdict).toBe('holds');
    expect(r.evidence).toMatch(/^no counterexample in 2 samples \(0 stored replayed\); smallest margin 3\.042; 0\/2 sampled runs still converging at T; largest κ without counterexample \(α = 1\): k=2: φ̄=1→/);
    const d = r.details as { slowRuns: unknown; region: Cell[] };
    expect(d.slowRuns).toEqual({ runs: 2, slow: 0 });
    expect(d.region.map((x) => [x.k, x.phiBar])).toEqual([2, 4, 8, 16].flatMap((k) => [1.0, 1.3, 1.45, 1.55].map((p) => [k, p])));
    expect(r.runs).toBe(2 + 2 + synthetic.gdCalls.length);
    expect(fmt(Math.PI - 0.1)).toBe('3.042');
  });
});
