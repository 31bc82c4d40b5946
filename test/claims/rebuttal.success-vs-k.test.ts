/**
 * rebuttal.success-vs-k (src/claims/rebuttal.success-vs-k.ts) on synthetic experiments: the P1
 * trials (p1Arms) are replaced by given outcome tables, the ball samples of part (a) by given
 * values (or the real draws), and the fits and the trend test can be pinned to given numbers, so
 * that every decision of the three parts is driven at its thresholds: (a) the slope interval
 * against −1 ± 0.05, (b1) the Cochran–Armitage p-values against 0.05/3, (b2) the precision
 * z·se ≤ 0.02 and the sign of the slowing; the combination of the parts; the time budget of part
 * (b); the evidence line, details, runs and the counterexample of each refutation.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ClaimContext } from '../../src/claims/claim.ts';
import { rebuttalSuccessVsK } from '../../src/claims/rebuttal.success-vs-k.ts';
import { fmt } from '../../src/claims/universal-runner.ts';
import { resolveProfile } from '../../src/config/profile.ts';
import { p1TrainSpec, type P1Cell } from '../../src/experiments/p1-trial.ts';
import { Rng } from '../../src/random/rng.ts';
import { normalQuantile } from '../../src/stats/normal.ts';
import { studentTCritical } from '../../src/stats/student-t.ts';
import { formatInterval, wilsonInterval } from '../../src/stats/wilson.ts';
import type { TrendGroup, TrendTest } from '../../src/stats/trend.ts';

interface Fit {
  slope: number;
  slopeStandardError: number;
}

const h = vi.hoisted(() => ({
  /** Part (a): real draws, or the synthetic value |a_0ᵀa*| = value(k, i, radius). */
  real: false,
  value: (_k: number, i: number, radius: number): number => radius * (i + 1),
  count: new Map<number, number>(),
  /** Part (b): successes per cellIndex (true = global). */
  outcomes: [] as boolean[][],
  armsCalls: [] as { arms: unknown; seed: number; cellIndex: number; trials: number }[],
  /** A fake clock for performance.now, advanced by `tick` per p1Arms call. */
  clock: 0,
  tick: 0,
  fitOverride: [] as (Fit | null)[],
  fitCalls: [] as { x: number[]; y: number[] }[],
  wfitOverride: [] as (Fit | null)[],
  wfitCalls: [] as { x: number[]; y: number[]; v: number[] }[],
  trendOverride: null as TrendTest | null,
  trendCalls: [] as TrendGroup[][],
}));

vi.mock('../../src/experiments/p1-trial.ts', async (importOriginal) => {
  const mod = await importOriginal<typeof import('../../src/experiments/p1-trial.ts')>();
  return {
    ...mod,
    p1Arms: (arms: readonly P1Cell[], seed: number, cellIndex: number, trials: number) => {
      h.armsCalls.push({ arms, seed, cellIndex, trials });
      h.clock += h.tick;
      // Default: every trial global but the last.
      const row = h.outcomes[cellIndex] ?? Array.from({ length: trials }, (_, i) => i < trials - 1);
      if (row.length !== trials) throw new Error(`no outcome table for cell ${cellIndex} with ${trials} trials`);
      return arms.map(() => row.map((g) => ({ outcome: g ? 'global' : 'spurious' })));
    },
  };
});

vi.mock('../../src/theory/initialization.ts', async (importOriginal) => {
  const mod = await importOriginal<typeof import('../../src/theory/initialization.ts')>();
  return {
    ...mod,
    uniformOnSphere: (rng: Rng, n: number): Float64Array => {
      if (h.real) return mod.uniformOnSphere(rng, n);
      const x = new Float64Array(n);
      x[0] = 1;
      return x;
    },
    uniformInBall: (rng: Rng, k: number, radius: number): Float64Array => {
      if (h.real) return mod.uniformInBall(rng, k, radius);
      const i = h.count.get(k) ?? 0;
      h.count.set(k, i + 1);
      const x = new Float64Array(k);
      x[0] = -h.value(k, i, radius);
      return x;
    },
  };
});

vi.mock('../../src/stats/line-fit.ts', async (importOriginal) => {
  const mod = await importOriginal<typeof import('../../src/stats/line-fit.ts')>();
  return {
    ...mod,
    fitLine: (x: readonly number[], y: readonly number[]) => {
      h.fitCalls.push({ x: [...x], y: [...y] });
      const real = mod.fitLine(x, y);
      const o = h.fitOverride.shift() ?? null;
      return o === null ? real : { ...real, ...o };
    },
    fitLineKnownVariance: (x: readonly number[], y: readonly number[], v: readonly number[]) => {
      h.wfitCalls.push({ x: [...x], y: [...y], v: [...v] });
      const real = mod.fitLineKnownVariance(x, y, v);
      const o = h.wfitOverride.shift() ?? null;
      return o === null ? real : { ...real, ...o };
    },
  };
});

vi.mock('../../src/stats/trend.ts', async (importOriginal) => {
  const mod = await importOriginal<typeof import('../../src/stats/trend.ts')>();
  return {
    ...mod,
    cochranArmitage: (groups: readonly TrendGroup[]) => {
      h.trendCalls.push(groups.map((g) => ({ ...g })));
      return h.trendOverride ?? mod.cochranArmitage(groups);
    },
  };
});

/** The real initialization functions, for the expected part-(a) counterexample. */
const realInit = await vi.importActual<typeof import('../../src/theory/initialization.ts')>('../../src/theory/initialization.ts');

const PROFILE = resolveProfile({ profile: 'ci' });
const A_K = [4, 6, 8, 11, 16, 23, 32, 45, 64, 91, 128, 181, 256, 362, 512, 724, 1024];
const B_K = [2, 4, 8, 16, 32];
const ALPHA = 0.05 / 3;
const Z = normalQuantile(1 - ALPHA);
const num = (x: number): string => fmt(x, 3);

function ctx(runs: number, timeMs = 1e9, seed = 7): ClaimContext {
  return { profile: PROFILE, seed, budget: { runs, timeMs } };
}

function cell(k: number): P1Cell {
  return { p: k, k, s: 1, alpha: 1, beta: 10, aInit: 'ball', wInit: 'resnet' };
}

/** n trials with `successes` globals; the failures at the given trial indices (default: the last ones). */
function row(n: number, successes: number, failAt?: number[]): boolean[] {
  const r = Array.from({ length: n }, (_, i) => i < successes);
  if (failAt !== undefined) {
    r.fill(true);
    for (const i of failAt) r[i] = false;
    expect(r.filter(Boolean).length).toBe(successes);
  }
  return r;
}

/** Part (a) pinned: both slopes (q0.5 then q0.9) with standard error 0. */
function pinSlopes(s05: number, s09: number, se = 0): void {
  h.fitOverride.push({ slope: s05, slopeStandardError: se }, { slope: s09, slopeStandardError: se });
}
/** Part (b2) pinned: the fits on {2, 4, 8} and {16, 32}. */
function pinRates(low: Fit, high: Fit): void {
  h.wfitOverride.push(low, high);
}

let nowSpy: ReturnType<typeof vi.spyOn>;
beforeEach(() => {
  h.real = false;
  h.value = (_k, i, radius) => radius * (i + 1);
  h.count = new Map();
  h.outcomes = [];
  h.armsCalls = [];
  h.clock = 0;
  h.tick = 0;
  h.fitOverride = [];
  h.fitCalls = [];
  h.wfitOverride = [];
  h.wfitCalls = [];
  h.trendOverride = null;
  h.trendCalls = [];
  nowSpy = vi.spyOn(performance, 'now').mockImplementation(() => h.clock);
});
afterEach(() => {
  nowSpy.mockRestore();
});

const RISING = [row(100, 80), row(100, 85), row(100, 90), row(100, 95), row(100, 99)];
const FLAT = [row(100, 90), row(100, 90), row(100, 90), row(100, 90), row(100, 90)];

describe('rebuttal.success-vs-k: part (a), the rate exponent of |a_0ᵀa*|', () => {
  it('should fit log Q_q against log k on the 17-point grid from exactly 6n samples per k, and report the quantiles', () => {
    h.outcomes = FLAT;
    // |a_0ᵀa*| = r·(i + 1)/√k with r = 1/√k (a* = e_1): the quantiles are ∝ 1/k exactly.
    h.value = (k, i, radius) => (radius * (i + 1)) / Math.sqrt(k);
    const r = rebuttalSuccessVsK.run(ctx(100));
    for (const k of A_K) expect(h.count.get(k)).toBe(600);
    expect(h.fitCalls.length).toBe(2);
    expect(h.fitCalls[0].x).toEqual(A_K.map(Math.log));
    expect(h.fitCalls[1].x).toEqual(A_K.map(Math.log));
    // type-7 quantiles of 1 … 600 (× 1/k): 300.5 and 540.1
    const q = (h.fitCalls[0].y.map((y, j) => Math.exp(y) * A_K[j]));
    for (const v of q) expect(v).toBeCloseTo(300.5, 9);
    for (const [j, y] of h.fitCalls[1].y.entries()) expect(Math.exp(y) * A_K[j]).toBeCloseTo(540.1, 9);
    const d = r.details as { slope: { samplesPerK: number; confidence: number; delta: number; verdict: string; quantiles: { k: number; values: number[] }[]; slopes: { level: number; slope: { estimate: number; lower: number; upper: number }; containsMinusOne: boolean }[] } };
    expect(d.slope.samplesPerK).toBe(600);
    expect(d.slope.confidence).toBe(0.99);
    expect(d.slope.delta).toBe(0.05);
    expect(d.slope.quantiles.map((x) => x.k)).toEqual(A_K);
    expect(d.slope.quantiles[0].values[0]).toBeCloseTo(300.5 / 4, 9);
    expect(d.slope.quantiles[16].values[1]).toBeCloseTo(540.1 / 1024, 9);
    expect(d.slope.slopes.map((s) => s.level)).toEqual([0.5, 0.9]);
    for (const s of d.slope.slopes) {
      expect(s.slope.estimate).toBeCloseTo(-1, 10);
      expect(s.slope.lower).toBeLessThanOrEqual(s.slope.estimate);
      expect(s.slope.upper).toBeGreaterThanOrEqual(s.slope.estimate);
      expect(s.slope.upper - s.slope.lower).toBeLessThan(1e-9);
    }
    expect(d.slope.verdict).toBe('holds');
  });

  it('should give the slope a 99% Student interval with the fit\'s degrees of freedom', () => {
    pinSlopes(-1.01, -0.98, 0.004);
    const r = rebuttalSuccessVsK.run(ctx(10));
    const half = studentTCritical(0.99, 15) * 0.004;
    const d = r.details as { slope: { verdict: string; slopes: { slope: { estimate: number; lower: number; upper: number }; containsMinusOne: boolean }[] } };
    expect(d.slope.slopes[0].slope).toEqual({ estimate: -1.01, lower: -1.01 - half, upper: -1.01 + half });
    expect(d.slope.slopes[1].slope).toEqual({ estimate: -0.98, lower: -0.98 - half, upper: -0.98 + half });
    expect(d.slope.slopes.map((s) => s.containsMinusOne)).toEqual([true, false]);
    expect(d.slope.verdict).toBe('holds');
    expect(r.evidence.startsWith(`(a) holds: slope q0.5: ${formatInterval({ estimate: -1.01, lower: -1.01 - half, upper: -1.01 + half }, num)}, q0.9: ${formatInterval({ estimate: -0.98, lower: -0.98 - half, upper: -0.98 + half }, num)} (99%, range −1 ± 0.05, 60 samples per k); (b1) `)).toBe(true);
  });

  it('should say "contains −1" when an end of the interval is exactly −1', () => {
    pinSlopes(-1, -1.5);
    const d = rebuttalSuccessVsK.run(ctx(10)).details as { slope: { slopes: { containsMinusOne: boolean }[] } };
    expect(d.slope.slopes.map((s) => s.containsMinusOne)).toEqual([true, false]);
    pinSlopes(-0.5, -1.5);
    const d2 = rebuttalSuccessVsK.run(ctx(10)).details as { slope: { slopes: { containsMinusOne: boolean }[] } };
    expect(d2.slope.slopes.map((s) => s.containsMinusOne)).toEqual([false, false]);
  });

  it('should hold only strictly inside −1 ± 0.05, be refuted strictly outside, and be inconclusive on the boundary', () => {
    const slopeVerdict = (s05: number, s09: number, se = 0): string => {
      pinSlopes(s05, s09, se);
      return (rebuttalSuccessVsK.run(ctx(10)).details as { slope: { verdict: string } }).slope.verdict;
    };
    const lo = -1 - 0.05;
    const hi = -1 + 0.05;
    expect(slopeVerdict(-1, -1)).toBe('holds');
    expect(slopeVerdict(lo, -1)).toBe('inconclusive');
    expect(slopeVerdict(-1, hi)).toBe('inconclusive');
    expect(slopeVerdict(lo - 1e-9, -1)).toBe('refuted');
    expect(slopeVerdict(-1, hi + 1e-9)).toBe('refuted');
    expect(slopeVerdict(lo + 1e-9, hi - 1e-9)).toBe('holds');
    // One level inside, the other's interval straddling an end of the range: inconclusive.
    expect(slopeVerdict(-1.04, -1, 0.01)).toBe('inconclusive');
    expect(slopeVerdict(-0.96, -1, 0.01)).toBe('inconclusive');
    // Outside wins over inside.
    expect(slopeVerdict(-1, -1.2)).toBe('refuted');
    expect(slopeVerdict(-0.8, -1)).toBe('refuted');
  });
});

describe('rebuttal.success-vs-k: part (b1), the success trend', () => {
  it('should run P1 with β = 10, ball init, w_0 = 0, s = 1, α = 1 at k = p ∈ {2, …, 32}, n trials each, cell indices 0 … 4', () => {
    h.outcomes = RISING;
    rebuttalSuccessVsK.run(ctx(100, 1e9, 11));
    expect(h.armsCalls).toEqual(B_K.map((k, i) => ({ arms: [cell(k)], seed: 11, cellIndex: i, trials: 100 })));
    expect(h.trendCalls).toEqual([B_K.map((k, i) => ({ score: Math.log2(k), successes: [80, 85, 90, 95, 99][i], trials: 100 }))]);
  });

  it('should decide by the one-sided p-values at 0.05/3 (strictly below)', () => {
    h.outcomes = FLAT;
    const b1 = (t: TrendTest): string => {
      h.trendOverride = t;
      return (rebuttalSuccessVsK.run(ctx(10)).details as { trend: { verdict: string } }).trend.verdict;
    };
    h.outcomes = B_K.map(() => row(10, 9));
    expect(b1({ z: 3, pRising: ALPHA * 0.999, pFalling: 1 })).toBe('holds');
    expect(b1({ z: 2, pRising: ALPHA, pFalling: 1 })).toBe('inconclusive');
    expect(b1({ z: -3, pRising: 1, pFalling: ALPHA * 0.999 })).toBe('refuted');
    expect(b1({ z: -2, pRising: 1, pFalling: ALPHA })).toBe('inconclusive');
    expect(b1({ z: 0, pRising: 0.5, pFalling: 0.5 })).toBe('inconclusive');
  });
});

describe('rebuttal.success-vs-k: part (b2), the local rate of the failure odds', () => {
  it('should fit the empirical log-odds with their variances on {2, 4, 8} and {16, 32}', () => {
    const fails = [20, 15, 10, 5, 1];
    h.outcomes = fails.map((f) => row(100, 100 - f));
    const r = rebuttalSuccessVsK.run(ctx(100));
    expect(h.wfitCalls.map((c) => c.x)).toEqual([[2, 4, 8], [16, 32]]);
    const lo = (f: number): number => Math.log((f + 0.5) / (100 - f + 0.5));
    const v = (f: number): number => 1 / (f + 0.5) + 1 / (100 - f + 0.5);
    expect(h.wfitCalls[0].y).toEqual([20, 15, 10].map(lo));
    expect(h.wfitCalls[1].y).toEqual([5, 1].map(lo));
    expect(h.wfitCalls[0].v).toEqual([20, 15, 10].map(v));
    expect(h.wfitCalls[1].v).toEqual([5, 1].map(v));
    // λ = −slope; slowing = λ_low − λ_high with se = hypot of the two; (1 − 2α) normal intervals.
    const d = r.details as { decayRate: { low: number[]; high: number[]; resolution: number; lambdaLow: { estimate: number; lower: number; upper: number }; lambdaHigh: { estimate: number; lower: number; upper: number }; slowing: { estimate: number; lower: number; upper: number }; precise: boolean; verdict: string } };
    const ll = d.decayRate.lambdaLow;
    const lh = d.decayRate.lambdaHigh;
    const seLow = (ll.upper - ll.estimate) / Z;
    const seHigh = (lh.upper - lh.estimate) / Z;
    expect(ll.estimate).toBeCloseTo((lo(20) - lo(10)) / 6, 2); // roughly the secant slope
    expect(ll.estimate).toBeGreaterThan(0);
    expect(ll.estimate - ll.lower).toBeCloseTo(ll.upper - ll.estimate, 12);
    expect(lh.estimate).toBeCloseTo(-(lo(1) - lo(5)) / 16, 12); // two points: the exact secant
    expect(seHigh).toBeCloseTo(Math.sqrt(v(5) + v(1)) / 16, 12);
    expect(d.decayRate.slowing.estimate).toBeCloseTo(ll.estimate - lh.estimate, 12);
    expect(d.decayRate.slowing.upper - d.decayRate.slowing.estimate).toBeCloseTo(Z * Math.hypot(seLow, seHigh), 12);
    expect(d.decayRate.slowing.estimate - d.decayRate.slowing.lower).toBeCloseTo(Z * Math.hypot(seLow, seHigh), 12);
    expect(d.decayRate.precise).toBe(false);
    expect(d.decayRate.verdict).toBe('inconclusive');
    expect(d.decayRate.low).toEqual([2, 4, 8]);
    expect(d.decayRate.high).toEqual([16, 32]);
    expect(d.decayRate.resolution).toBe(0.02);
  });

  it('should decide only when z·se ≤ 0.02 (inclusive), then hold iff the slowing\'s lower end is > 0', () => {
    // se with z·se exactly 0.02
    let se = 0.02 / Z;
    for (let i = 0; i < 8 && Z * se !== 0.02; i++) se = Z * se < 0.02 ? se + 1e-18 : se - 1e-18;
    expect(Z * se).toBe(0.02);
    const b2 = (low: Fit, high: Fit): { verdict: string; precise: boolean } => {
      pinRates(low, high);
      return (rebuttalSuccessVsK.run(ctx(10)).details as { decayRate: { verdict: string; precise: boolean } }).decayRate;
    };
    expect(b2({ slope: -0.2, slopeStandardError: se }, { slope: -0.05, slopeStandardError: 0 })).toEqual(expect.objectContaining({ verdict: 'holds', precise: true }));
    expect(b2({ slope: -0.2, slopeStandardError: 0 }, { slope: -0.05, slopeStandardError: se })).toEqual(expect.objectContaining({ verdict: 'holds', precise: true }));
    expect(b2({ slope: -0.2, slopeStandardError: se * 1.001 }, { slope: -0.05, slopeStandardError: 0 })).toEqual(expect.objectContaining({ verdict: 'inconclusive', precise: false }));
    expect(b2({ slope: -0.2, slopeStandardError: se * 0.8 }, { slope: -0.05, slopeStandardError: se * 0.8 })).toEqual(expect.objectContaining({ verdict: 'inconclusive', precise: false }));
    // Equal rates, exact: slowing [0, 0], not > 0: refuted (exponential on the grid).
    expect(b2({ slope: -0.1, slopeStandardError: 0 }, { slope: -0.1, slopeStandardError: 0 })).toEqual(expect.objectContaining({ verdict: 'refuted', precise: true }));
    expect(b2({ slope: -0.1, slopeStandardError: 0 }, { slope: -0.2, slopeStandardError: 0 })).toEqual(expect.objectContaining({ verdict: 'refuted', precise: true }));
    expect(b2({ slope: -0.1, slopeStandardError: 0 }, { slope: -0.1 + 1e-9, slopeStandardError: 0 })).toEqual(expect.objectContaining({ verdict: 'holds', precise: true }));
  });
});

describe('rebuttal.success-vs-k: verdict, evidence and counterexamples', () => {
  it('should hold when all three parts hold, with the full evidence line and details', () => {
    h.outcomes = RISING;
    pinSlopes(-1, -1);
    pinRates({ slope: -0.1, slopeStandardError: 0.001 }, { slope: -0.02, slopeStandardError: 0 });
    h.trendOverride = { z: 8.25, pRising: 1e-16, pFalling: 1 };
    const r = rebuttalSuccessVsK.run(ctx(100, 1e9, 5));
    expect(r.verdict).toBe('holds');
    expect(r.runs).toBe(600 * 17 + 100 * 5);
    expect(r.counterexample).toBeUndefined();
    const w = (s: number): string => formatInterval(wilsonInterval(s, 100), num);
    const zs = Z * 0.001;
    expect(r.evidence).toBe(
      '(a) holds: slope q0.5: -1 [-1, -1], q0.9: -1 [-1, -1] (99%, range −1 ± 0.05, 600 samples per k); ' +
        `(b1) holds: success k=2 ${w(80)}, k=4 ${w(85)}, k=8 ${w(90)}, k=16 ${w(95)}, k=32 ${w(99)}; Cochran–Armitage z=8.25, p(rising)=1.0e-16; ` +
        `(b2) holds: λ(2–8) ${formatInterval({ estimate: 0.1, lower: 0.1 - zs, upper: 0.1 + zs }, num)}, λ(16–32) 0.02 [0.02, 0.02], slowing ${formatInterval({ estimate: 0.1 - 0.02, lower: 0.1 - 0.02 - zs, upper: 0.1 - 0.02 + zs }, num)}`,
    );
    const d = r.details as Record<string, unknown> & { trend: Record<string, unknown>; decayRate: Record<string, unknown>; slope: Record<string, unknown> };
    expect(d.seed).toBe(5);
    expect(d.partAlpha).toBe(ALPHA);
    expect(d.trend).toEqual({
      trialsPerK: 100,
      k: B_K,
      beta: 10,
      failures: [20, 15, 10, 5, 1],
      successRates: [80, 85, 90, 95, 99].map((s) => wilsonInterval(s, 100)),
      test: { z: 8.25, pRising: 1e-16, pFalling: 1 },
      verdict: 'holds',
    });
    expect(d.decayRate).toEqual(expect.objectContaining({ precise: true, verdict: 'holds' }));
    expect(d.slope).toEqual(expect.objectContaining({ verdict: 'holds', samplesPerK: 600 }));
    expect(d.interrupted).toBeUndefined();
  });

  it('should be inconclusive when no part is refuted but one is not decided, and name the imprecision', () => {
    h.outcomes = RISING;
    pinSlopes(-1, -1);
    pinRates({ slope: -0.1, slopeStandardError: 0.5 }, { slope: -0.02, slopeStandardError: 0.25 });
    h.trendOverride = { z: 8.25, pRising: 1e-16, pFalling: 1 };
    const r = rebuttalSuccessVsK.run(ctx(100));
    expect(r.verdict).toBe('inconclusive');
    expect(r.counterexample).toBeUndefined();
    expect(r.runs).toBe(600 * 17 + 500);
    expect(r.evidence).toMatch(/; \(b2\) inconclusive: λ\(2–8\) 0\.1 \[[^\]]+\], λ\(16–32\) 0\.02 \[[^\]]+\], slowing 0\.08 \[[^\]]+\] wider than ±0\.02: too imprecise to decide$/);
    // (a) inconclusive alone also keeps the verdict inconclusive.
    pinSlopes(-1.05, -1);
    pinRates({ slope: -0.1, slopeStandardError: 0 }, { slope: -0.02, slopeStandardError: 0 });
    const r2 = rebuttalSuccessVsK.run(ctx(100));
    expect(r2.verdict).toBe('inconclusive');
    expect(r2.evidence).toMatch(/^\(a\) inconclusive: /);
    expect(r2.evidence).toMatch(/; \(b2\) holds: [^;]*\]$/);
  });

  it('should refute by part (a) with the k = 1024 teacher of the first sample and the worst slope (first on a tie)', () => {
    h.real = true;
    h.outcomes = RISING.map((r) => r.slice(0, 2));
    pinSlopes(-1.25, -0.75);
    pinRates({ slope: -0.1, slopeStandardError: 0 }, { slope: -0.02, slopeStandardError: 0 });
    h.trendOverride = { z: 8.25, pRising: 1e-16, pFalling: 1 };
    const r = rebuttalSuccessVsK.run(ctx(2, 1e9, 9));
    expect(r.verdict).toBe('refuted');
    expect(r.runs).toBe(12 * 17 + 10);
    const c = r.counterexample;
    expect(c).toBeDefined();
    if (c === undefined) return;
    const rng = Rng.derived(9, 1_000_000, 16, 0);
    const init = realInit;
    const aStar = init.uniformOnSphere(rng, 1024);
    const a0 = init.uniformInBall(rng, 1024, init.ballRadius(aStar.reduce((s, x) => s + x, 0), 1024));
    expect(c.claim).toBe('rebuttal.success-vs-k');
    expect(c.formalizationVersion).toBe(1);
    expect(c.input).toEqual({ p: 1024, k: 1024, w0: new Array(1024).fill(0), a0: Array.from(a0), wStar: new Array(1024).fill(0), aStar: Array.from(aStar), etaW: 1, etaA: 1, steps: 0 });
    expect(c.hypothesis).toEqual({ part: 'a', seed: 9, slope: { level: 0.5, slope: { estimate: -1.25, lower: -1.25, upper: -1.25 }, containsMinusOne: false } });
    expect(c.violated).toBe('the slope of log Q_0.5 of |a_0ᵀa*| against log k is outside −1 ± 0.05 (-1.25 [-1.25, -1.25]); input: the first sample at k = 1024');
    expect(c.margin).toBeCloseTo(0.05 - 0.25, 15);
  });

  it('should name the slope farthest from −1 in part (a)\'s counterexample', () => {
    pinSlopes(-1.1, -0.7);
    const c1 = rebuttalSuccessVsK.run(ctx(2)).counterexample;
    expect((c1?.hypothesis as { slope: { level: number } }).slope.level).toBe(0.9);
    expect(c1?.margin).toBeCloseTo(0.05 - 0.3, 12);
    pinSlopes(-1.3, -1.2);
    const c2 = rebuttalSuccessVsK.run(ctx(2)).counterexample;
    expect((c2?.hypothesis as { slope: { level: number } }).slope.level).toBe(0.5);
    expect(c2?.margin).toBeCloseTo(0.05 - 0.3, 12);
  });

  it('should refute by part (b1) with the first failing trial at the largest k that has a failure', () => {
    // Success falls with k; k = 32 has no failure, k = 16 fails first at trial 3.
    h.real = true;
    h.outcomes = [row(20, 19, [0]), row(20, 18, [4, 5]), row(20, 17, [1, 2, 9]), row(20, 18, [3, 7]), row(20, 20)];
    h.trendOverride = { z: -4.5, pRising: 1, pFalling: 3.4e-6 };
    pinSlopes(-1, -1);
    const r = rebuttalSuccessVsK.run(ctx(20, 1e9, 3));
    expect(r.verdict).toBe('refuted');
    expect(r.evidence).toContain('; (b1) refuted: success k=2 ');
    const c = r.counterexample;
    expect(c?.input).toEqual(p1TrainSpec(cell(16), 3, 3, 3));
    expect(c?.hypothesis).toEqual({ part: 'b1', cell: cell(16), seed: 3, cellIndex: 3, trial: 3 });
    expect(c?.violated).toBe('the success rate falls with k (Cochran–Armitage p(falling) = 3.4e-6); input: a failing trial at k = 16');
    expect(c?.margin).toBe(-(-4.5));
    expect(c?.claim).toBe('rebuttal.success-vs-k');
    expect(c?.formalizationVersion).toBe(1);
  });

  it('should refute by part (b2) with the first failure at k = 32 when it has one, and fall back to k = 2', () => {
    h.real = true;
    h.outcomes = [row(20, 18, [2, 3]), row(20, 19, [6]), row(20, 19, [8]), row(20, 19, [11]), row(20, 19, [14])];
    pinSlopes(-1, -1);
    pinRates({ slope: -0.1, slopeStandardError: 0 }, { slope: -0.15, slopeStandardError: 0.001 });
    const r = rebuttalSuccessVsK.run(ctx(20, 1e9, 4));
    expect(r.verdict).toBe('refuted');
    const c = r.counterexample;
    expect(c?.input).toEqual(p1TrainSpec(cell(32), 4, 4, 14));
    expect(c?.hypothesis).toEqual({ part: 'b2', cell: cell(32), seed: 4, cellIndex: 4, trial: 14 });
    const zs = Z * 0.001;
    const slowing = { estimate: 0.1 - 0.15, lower: 0.1 - 0.15 - zs, upper: 0.1 - 0.15 + zs };
    expect(c?.violated).toBe(`the failure odds decay exponentially or faster on the grid (slowing of the local rate ${formatInterval(slowing, num)}); input: a failing trial at k = 32`);
    expect(c?.margin).toBe(slowing.upper - 0.02);
    // k = 32's first failure is its trial 0: that one.
    h.outcomes = [row(20, 18, [2, 3]), row(20, 19, [6]), row(20, 19, [8]), row(20, 19, [11]), row(20, 19, [0])];
    pinSlopes(-1, -1);
    pinRates({ slope: -0.1, slopeStandardError: 0 }, { slope: -0.15, slopeStandardError: 0 });
    const c1 = rebuttalSuccessVsK.run(ctx(20, 1e9, 4)).counterexample;
    expect(c1?.hypothesis).toEqual({ part: 'b2', cell: cell(32), seed: 4, cellIndex: 4, trial: 0 });
    // Only k = 2 fails: the search stops at index 0.
    h.outcomes = [row(20, 18, [5, 7]), row(20, 20), row(20, 20), row(20, 20), row(20, 20)];
    pinSlopes(-1, -1);
    pinRates({ slope: -0.1, slopeStandardError: 0 }, { slope: -0.15, slopeStandardError: 0 });
    const c2 = rebuttalSuccessVsK.run(ctx(20, 1e9, 4)).counterexample;
    expect(c2?.hypothesis).toEqual({ part: 'b2', cell: cell(2), seed: 4, cellIndex: 0, trial: 5 });
  });

  it('should prefer (b1)\'s record when both (b1) and (b2) are refuted', () => {
    h.outcomes = [row(20, 19, [0]), row(20, 18, [4, 5]), row(20, 17, [1, 2, 9]), row(20, 18, [3, 7]), row(20, 19, [12])];
    h.trendOverride = { z: -4.5, pRising: 1, pFalling: 3.4e-6 };
    pinSlopes(-1, -1);
    pinRates({ slope: -0.1, slopeStandardError: 0 }, { slope: -0.15, slopeStandardError: 0 });
    const c = rebuttalSuccessVsK.run(ctx(20)).counterexample;
    expect((c?.hypothesis as { part: string; trial: number }).part).toBe('b1');
    expect((c?.hypothesis as { part: string; trial: number }).trial).toBe(12);
    expect(c?.margin).toBe(4.5);
  });

  it('should be inconclusive, with part (a) only, when the time budget runs out in part (b)', () => {
    h.outcomes = RISING;
    h.tick = 10;
    pinSlopes(-1, -1);
    const r = rebuttalSuccessVsK.run(ctx(100, 39, 8));
    expect(r.verdict).toBe('inconclusive');
    expect(h.armsCalls.length).toBe(4);
    expect(r.runs).toBe(600 * 17);
    expect(r.evidence).toBe('time budget of 39 ms ran out in part (b); (a) holds: slope q0.5: -1 [-1, -1], q0.9: -1 [-1, -1] (99%, range −1 ± 0.05, 600 samples per k)');
    expect(r.details).toEqual({ seed: 8, interrupted: true, slope: expect.objectContaining({ verdict: 'holds', samplesPerK: 600 }) });
    expect(r.counterexample).toBeUndefined();
  });

  it('should go on while the clock is exactly at the deadline (strictly past it stops)', () => {
    h.outcomes = RISING;
    h.tick = 10;
    pinSlopes(-1, -1);
    const r = rebuttalSuccessVsK.run(ctx(100, 40));
    expect(h.armsCalls.length).toBe(5);
    expect(r.evidence.startsWith('(a) holds')).toBe(true);
    expect(r.runs).toBe(600 * 17 + 500);
  });

  it('should stop before the first cell when the budget is gone already, even with a refuted part (a)', () => {
    h.outcomes = RISING;
    pinSlopes(-2, -2);
    h.clock = 0;
    nowSpy.mockImplementation(() => {
      h.clock += 1;
      return h.clock;
    });
    const r = rebuttalSuccessVsK.run(ctx(100, 0));
    expect(h.armsCalls.length).toBe(0);
    expect(r.verdict).toBe('inconclusive');
    expect(r.evidence).toMatch(/^time budget of 0 ms ran out in part \(b\); \(a\) refuted: /);
  });
});

