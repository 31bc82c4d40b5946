/**
 * rebuttal.warmup's decision logic (src/claims/rebuttal.warmup.ts) on synthetic trials: p1Arms is
 * replaced by a table of outcomes, so every branch of the verdict runs in milliseconds (the real GD
 * runs are properties/rebuttal.warmup.prop.ts's job).
 *
 * Contract: per cell k ∈ {2, 4, 8}, δ = p_warm − p_const with Newcombe's paired interval at
 * 1 − 2·0.05/3; "worse" when the upper bound is < 0, "non-inferior" when the lower bound is > −0.02,
 * else "undecided"; refuted if a cell is worse (counterexample: the worst cell's first trial where
 * only the constant step succeeds), holds if every cell is non-inferior, else inconclusive; and
 * inconclusive when the time budget ran out before the 3 cells.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { P1Cell } from '../../src/experiments/p1-trial.ts';
import type { PairedComparison } from '../../src/stats/paired-proportions.ts';
import { resetP1Scenario, type P1Scenario } from './p1-scenario.ts';

// The synthetic experiment; arm 0 is the warm-up, 1 the constant step.
const h = vi.hoisted((): P1Scenario => ({ gen: undefined, clock: undefined, compare: undefined, calls: 0 }));

vi.mock('../../src/experiments/p1-trial.ts', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../src/experiments/p1-trial.ts')>()),
  p1Arms: (await import('./p1-scenario.ts')).fakeP1Arms(h),
}));

vi.mock('../../src/stats/paired-proportions.ts', async (importOriginal) => {
  const orig = await importOriginal<typeof import('../../src/stats/paired-proportions.ts')>();
  return { ...orig, comparePaired: (await import('./p1-scenario.ts')).fakeComparePaired(h, orig.comparePaired) };
});

import { p1Arms, p1TrainSpec } from '../../src/experiments/p1-trial.ts';
import { rebuttalWarmup } from '../../src/claims/rebuttal.warmup.ts';
import { resolveProfile } from '../../src/config/profile.ts';
import { comparePaired as mockedCompare } from '../../src/stats/paired-proportions.ts';
import type { ClaimContext } from '../../src/claims/claim.ts';

/** The real comparison, the oracle of the expected rates and intervals. */
const { comparePaired } = await vi.importActual<typeof import('../../src/stats/paired-proportions.ts')>('../../src/stats/paired-proportions.ts');
const PROFILE = resolveProfile({ profile: 'ci' });
const SEED = 777;
const LEVEL = 1 - (2 * 0.05) / 3;
const KS = [2, 4, 8];

function ctx(runs: number, timeMs = 60_000): ClaimContext {
  return { profile: PROFILE, seed: SEED, budget: { runs, timeMs } };
}

function cell(k: number, warmup: boolean): P1Cell {
  return { p: k, k, s: 1, alpha: 1, beta: 10, aInit: 'ball', wInit: 'resnet', schedule: warmup ? { kind: 'warmup', steps: 100 } : { kind: 'constant' } };
}

function crafted(lower: number, upper: number): PairedComparison {
  const rate = { estimate: 1, lower: 0.9, upper: 1 };
  return { table: { both: 10, firstOnly: 0, secondOnly: 0, neither: 0 }, first: rate, second: rate, difference: { estimate: (lower + upper) / 2, lower, upper }, level: LEVEL, pFirstLower: 1 };
}

const SAME_1000 = 'warm-up 1 [0.996, 1] vs constant 1 [0.996, 1], δ 0 [-0.00451, 0.00451], McNemar p(worse)=1 → non-inferior';
const SAME_20 = 'warm-up 1 [0.839, 1] vs constant 1 [0.839, 1], δ 0 [-0.185, 0.185], McNemar p(worse)=1 → undecided';

beforeEach(() => {
  resetP1Scenario(h);
  vi.mocked(p1Arms).mockClear();
  vi.mocked(mockedCompare).mockClear();
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe('rebuttal.warmup: holds and inconclusive', () => {
  it('should hold when every cell excludes a deficit of Δ, with paired arms of the same cell index', () => {
    // k = 4: both schedules fail trials 0…2 (concordant failures), the constant step alone fails 3…5.
    h.gen = (arm, c, i) => (c === 1 && (i < 3 || (arm === 1 && i < 6)) ? 'spurious' : 'global');
    const r = rebuttalWarmup.run(ctx(1000));
    expect(r.verdict).toBe('holds');
    expect(r.runs).toBe(2 * 1000 * 3);
    expect(r.counterexample).toBeUndefined();
    expect(r.evidence).toBe(
      `warm-up not worse, and a deficit of Δ excluded, in every cell (W=100, β=10, Δ=0.02, 96.7% paired intervals, 1000 trials per cell): k=2: ${SAME_1000}; ` +
        'k=4: warm-up 0.997 [0.991, 0.999] vs constant 0.994 [0.987, 0.997], δ 0.003 [-0.00231, 0.00986], McNemar p(worse)=1 → non-inferior; ' +
        `k=8: ${SAME_1000}`,
    );
    expect(vi.mocked(p1Arms).mock.calls).toEqual(KS.map((k, index) => [[cell(k, true), cell(k, false)], SEED, index, 1000]));
    const ok = (fail: (i: number) => boolean) => Array.from({ length: 1000 }, (_, i) => !fail(i));
    const expected = KS.map((k, index) => {
      const c = index === 1 ? comparePaired(ok((i) => i < 3), ok((i) => i < 6), LEVEL) : comparePaired(ok(() => false), ok(() => false), LEVEL);
      return { k, table: c.table, warmupRate: c.first, constantRate: c.second, difference: c.difference, pWarmupWorse: c.pFirstLower, decision: 'non-inferior' };
    });
    expect(r.details).toEqual({ seed: SEED, trialsPerCell: 1000, warmupSteps: 100, beta: 10, margin: 0.02, intervalLevel: LEVEL, cells: expected });
    expect(expected[1].table).toEqual({ both: 994, firstOnly: 3, secondOnly: 0, neither: 3 });
    expect(vi.mocked(mockedCompare).mock.calls.map((c) => c[2])).toEqual([LEVEL, LEVEL, LEVEL]);
  });

  it('should be inconclusive, never holds, when no cell can exclude a deficit of Δ', () => {
    h.gen = () => 'global';
    const r = rebuttalWarmup.run(ctx(20));
    expect(r.verdict).toBe('inconclusive');
    expect(r.runs).toBe(120);
    expect(r.evidence).toBe(
      `3 of 3 cells undecided (W=100, β=10, Δ=0.02, 96.7% paired intervals, 20 trials per cell): ${KS.map((k) => `k=${k}: ${SAME_20}`).join('; ')}`,
    );
  });

  it('should be inconclusive when one cell is undecided, and count undecided and diverged runs as failures', () => {
    // k = 8: the warm-up alone fails 40 trials, the constant step alone 30: δ = −0.01 ± 0.018.
    h.gen = (arm, c, i) => {
      if (c !== 2) return 'global';
      if (arm === 0) return i >= 30 && i < 70 ? 'undecided' : 'global';
      return i < 30 ? 'diverged' : 'global';
    };
    const crossing = comparePaired(
      Array.from({ length: 1000 }, (_, i) => i < 30 || i >= 70),
      Array.from({ length: 1000 }, (_, i) => i >= 30),
      LEVEL,
    );
    expect(crossing.difference.lower).toBeLessThan(-0.02);
    const r = rebuttalWarmup.run(ctx(1000));
    expect(r.verdict).toBe('inconclusive');
    expect(r.evidence).toBe(
      `1 of 3 cells undecided (W=100, β=10, Δ=0.02, 96.7% paired intervals, 1000 trials per cell): k=2: ${SAME_1000}; k=4: ${SAME_1000}; ` +
        'k=8: warm-up 0.96 [0.946, 0.97] vs constant 0.97 [0.957, 0.979], δ -0.01 [-0.0284, 0.00809], McNemar p(worse)=0.14 → undecided',
    );
    expect((r.details as { cells: { difference: unknown }[] }).cells[2].difference).toEqual(crossing.difference);
  });

  it('should be inconclusive when the time budget runs out before the last cell (elapsed > timeMs)', () => {
    h.clock = { now: 5000, cost: 10 };
    vi.spyOn(performance, 'now').mockImplementation(() => h.clock?.now ?? 0);
    h.gen = () => 'global';
    const r = rebuttalWarmup.run(ctx(20, 10));
    expect(vi.mocked(p1Arms)).toHaveBeenCalledTimes(2);
    expect(r.verdict).toBe('inconclusive');
    expect(r.runs).toBe(2 * 20 * 2);
    expect(r.counterexample).toBeUndefined();
    expect(r.evidence).toBe(`time budget of 10 ms ran out after 2 of 3 cells; k=2: ${SAME_20}; k=4: ${SAME_20}`);
    const d = r.details as { interrupted: boolean; cells: unknown[] };
    expect(d.interrupted).toBe(true);
    expect(d.cells.length).toBe(2);
  });

  it('should run all cells when the elapsed time reaches the budget only after the last one started', () => {
    h.clock = { now: 5000, cost: 10 };
    vi.spyOn(performance, 'now').mockImplementation(() => h.clock?.now ?? 0);
    h.gen = () => 'global';
    const r = rebuttalWarmup.run(ctx(20, 20));
    expect(vi.mocked(p1Arms)).toHaveBeenCalledTimes(3);
    expect((r.details as { interrupted?: boolean }).interrupted).toBeUndefined();
    expect(r.evidence.startsWith('3 of 3 cells undecided')).toBe(true);
  });
});

describe('rebuttal.warmup: decision boundaries', () => {
  it('should count an upper bound of exactly 0 as not worse and a lower bound of exactly −Δ as undecided', () => {
    h.compare = (call) => [crafted(-0.01, 0), crafted(-0.02, 0.01), crafted(-0.019, 0.01)][call];
    h.gen = () => 'global';
    const r = rebuttalWarmup.run(ctx(10));
    expect(r.verdict).toBe('inconclusive');
    expect((r.details as { cells: { decision: string }[] }).cells.map((c) => c.decision)).toEqual(['non-inferior', 'undecided', 'non-inferior']);
    expect(r.evidence.startsWith('1 of 3 cells undecided')).toBe(true);
  });
});

describe('rebuttal.warmup: refuted', () => {
  it('should refute when the warm-up is significantly worse, with the first of the worst cells as counterexample', () => {
    // k = 2 and k = 8 identical (a tie for the worst): the warm-up fails trials 4…19, the constant
    // step succeeds everywhere; k = 4 undecided.
    h.gen = (arm, c, i) => (arm === 0 && c !== 1 && i >= 4 ? 'spurious' : 'global');
    const r = rebuttalWarmup.run(ctx(20));
    expect(r.verdict).toBe('refuted');
    expect(r.runs).toBe(120);
    const worse = comparePaired(
      Array.from({ length: 20 }, (_, i) => i < 4),
      Array.from({ length: 20 }, () => true),
      LEVEL,
    );
    expect(worse.difference.upper).toBeLessThan(0);
    const worseText = 'warm-up 0.2 [0.0807, 0.416] vs constant 1 [0.839, 1], δ -0.8 [-0.925, -0.5], McNemar p(worse)=1.5e-5 → worse';
    expect(r.evidence).toBe(
      `warm-up significantly worse in 2 of 3 cells (W=100, β=10, Δ=0.02, 96.7% paired intervals, 20 trials per cell): k=2: ${worseText}; k=4: ${SAME_20}; k=8: ${worseText}`,
    );
    const warm = cell(2, true);
    expect(r.counterexample).toEqual({
      claim: 'rebuttal.warmup',
      formalizationVersion: 1,
      input: p1TrainSpec(warm, SEED, 0, 4),
      hypothesis: { cell: warm, seed: SEED, cellIndex: 0, trial: 4, constantCell: cell(2, false) },
      violated:
        "the warm-up's success rate is significantly lower than the constant step's (upper bound of δ -0.5004); input: a trial where the warm-up does not reach the global optimum while the constant step on the same teacher and a_0 does",
      margin: worse.difference.upper,
    });
    expect(r.counterexample?.input.schedule).toEqual({ kind: 'warmup', steps: 100 });
  });

  it('should take the cell with the smallest upper bound as counterexample', () => {
    // k = 4: the warm-up fails trials 2…19 (upper bound −0.5); k = 8: trials 10…19 only.
    h.gen = (arm, c, i) => (arm === 0 && ((c === 1 && i >= 2) || (c === 2 && i >= 10)) ? 'spurious' : 'global');
    const r = rebuttalWarmup.run(ctx(20));
    expect(r.verdict).toBe('refuted');
    expect(r.evidence.startsWith('warm-up significantly worse in 2 of 3 cells')).toBe(true);
    const warm = cell(4, true);
    expect(r.counterexample?.hypothesis).toEqual({ cell: warm, seed: SEED, cellIndex: 1, trial: 2, constantCell: cell(4, false) });
    expect(r.counterexample?.input).toEqual(p1TrainSpec(warm, SEED, 1, 2));
    expect(r.counterexample?.margin).toBe(
      comparePaired(
        Array.from({ length: 20 }, (_, i) => i < 2),
        Array.from({ length: 20 }, () => true),
        LEVEL,
      ).difference.upper,
    );
  });
});
