/**
 * rebuttal.init-scale's decision logic (src/claims/rebuttal.init-scale.ts) on synthetic trials:
 * p1Arms and p1Trial are replaced by a table of outcomes, so every branch of the verdict runs in
 * milliseconds (the real GD runs are properties/rebuttal.init-scale.prop.ts's job).
 *
 * Contract: per cell (k, β) ∈ {4, 16} × {1, 10}, δ = p_gauss − p_ball with Newcombe's paired
 * interval at 1 − 2·0.05/4 = 97.5%; "non-inferior" when the lower bound is > −0.02, "inferior" when
 * the upper bound is < −0.02, else "undecided"; refuted if a cell is inferior (counterexample: the
 * worst cell's first trial where only the ball init succeeds, margin upper + Δ), holds if every
 * cell is non-inferior, else inconclusive; inconclusive when the time budget ran out.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { P1Cell, P1Trial } from '../../src/experiments/p1-trial.ts';
import type { PairedComparison } from '../../src/stats/paired-proportions.ts';
import { resetP1Scenario, type P1Scenario } from './p1-scenario.ts';

// The synthetic experiment; arm 0 is N(0, I/k), 1 the ball.
const h = vi.hoisted((): P1Scenario => ({ gen: undefined, clock: undefined, compare: undefined, calls: 0 }));

vi.mock('../../src/experiments/p1-trial.ts', async (importOriginal) => {
  const scenario = await import('./p1-scenario.ts');
  return {
    ...(await importOriginal<typeof import('../../src/experiments/p1-trial.ts')>()),
    p1Arms: scenario.fakeP1Arms(h),
    // One trial of the table: the arm is read off the cell's a-init.
    p1Trial: vi.fn((cell: P1Cell, _seed: number, cellIndex: number, trial: number): P1Trial =>
      scenario.scenarioTrial(h, cell.aInit === 'gaussian' ? 0 : 1, cellIndex, trial),
    ),
  };
});

vi.mock('../../src/stats/paired-proportions.ts', async (importOriginal) => {
  const orig = await importOriginal<typeof import('../../src/stats/paired-proportions.ts')>();
  return { ...orig, comparePaired: (await import('./p1-scenario.ts')).fakeComparePaired(h, orig.comparePaired) };
});

import { p1Arms, p1TrainSpec, p1Trial } from '../../src/experiments/p1-trial.ts';
import { rebuttalInitScale } from '../../src/claims/rebuttal.init-scale.ts';
import { resolveProfile } from '../../src/config/profile.ts';
import { comparePaired as mockedCompare } from '../../src/stats/paired-proportions.ts';
import type { ClaimContext } from '../../src/claims/claim.ts';

/** The real comparison, the oracle of the expected rates and intervals. */
const { comparePaired } = await vi.importActual<typeof import('../../src/stats/paired-proportions.ts')>('../../src/stats/paired-proportions.ts');
const PROFILE = resolveProfile({ profile: 'ci' });
const SEED = 99;
const LEVEL = 1 - (2 * 0.05) / 4;
const CELLS = [
  { k: 4, beta: 1 },
  { k: 4, beta: 10 },
  { k: 16, beta: 1 },
  { k: 16, beta: 10 },
];

function ctx(runs: number, timeMs = 60_000): ClaimContext {
  return { profile: PROFILE, seed: SEED, budget: { runs, timeMs } };
}

function cell(k: number, beta: number, aInit: 'ball' | 'gaussian'): P1Cell {
  return { p: k, k, s: 1, alpha: 1, beta, aInit, wInit: 'resnet' };
}

function crafted(lower: number, upper: number): PairedComparison {
  const rate = { estimate: 1, lower: 0.9, upper: 1 };
  return { table: { both: 10, firstOnly: 0, secondOnly: 0, neither: 0 }, first: rate, second: rate, difference: { estimate: (lower + upper) / 2, lower, upper }, level: LEVEL, pFirstLower: 1 };
}

const names = CELLS.map(({ k, beta }) => `k=${k} β=${beta}`);
const SAME_1000 = 'N(0,I/k) 1 [0.996, 1] vs ball 1 [0.996, 1], δ 0 [-0.005, 0.005], McNemar p=1 → non-inferior';
const SAME_20 = 'N(0,I/k) 1 [0.839, 1] vs ball 1 [0.839, 1], δ 0 [-0.201, 0.201], McNemar p=1 → undecided';

beforeEach(() => {
  resetP1Scenario(h);
  vi.mocked(p1Arms).mockClear();
  vi.mocked(p1Trial).mockClear();
  vi.mocked(mockedCompare).mockClear();
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe('rebuttal.init-scale: holds and inconclusive', () => {
  it('should hold when every cell is non-inferior, pairing both inits on one cell index', () => {
    // Cell 2: the Gaussian init alone fails trials 0…4, the ball init alone 5…9, both 10…11.
    h.gen = (arm, c, i) => (c === 2 && ((arm === 0 && i < 5) || (arm === 1 && i >= 5 && i < 10) || (i >= 10 && i < 12)) ? 'spurious' : 'global');
    const r = rebuttalInitScale.run(ctx(1000));
    expect(r.verdict).toBe('holds');
    expect(r.runs).toBe(2 * 1000 * 4);
    expect(r.counterexample).toBeUndefined();
    expect(r.evidence).toBe(
      `non-inferior in every cell (Δ=0.02, 97.5% paired intervals, 1000 trials per cell): ${names[0]}: ${SAME_1000}; ${names[1]}: ${SAME_1000}; ` +
        `${names[2]}: N(0,I/k) 0.993 [0.986, 0.997] vs ball 0.993 [0.986, 0.997], δ 0 [-0.0089, 0.0089], McNemar p=0.62 → non-inferior; ${names[3]}: ${SAME_1000}`,
    );
    expect(vi.mocked(p1Arms).mock.calls).toEqual(CELLS.map(({ k, beta }, index) => [[cell(k, beta, 'gaussian'), cell(k, beta, 'ball')], SEED, index, 1000]));
    expect(vi.mocked(p1Trial)).not.toHaveBeenCalled();
    const ok = (fail: (i: number) => boolean) => Array.from({ length: 1000 }, (_, i) => !fail(i));
    const expected = CELLS.map(({ k, beta }, index) => {
      const c =
        index === 2
          ? comparePaired(ok((i) => i < 5 || (i >= 10 && i < 12)), ok((i) => i >= 5 && i < 12), LEVEL)
          : comparePaired(ok(() => false), ok(() => false), LEVEL);
      return { k, beta, table: c.table, gaussianRate: c.first, ballRate: c.second, difference: c.difference, pGaussianLower: c.pFirstLower, decision: 'non-inferior' };
    });
    expect(expected[2].table).toEqual({ both: 988, firstOnly: 5, secondOnly: 5, neither: 2 });
    expect(r.details).toEqual({ seed: SEED, trialsPerCell: 1000, margin: 0.02, intervalLevel: LEVEL, cells: expected });
    expect(vi.mocked(mockedCompare).mock.calls.map((c) => c[2])).toEqual([LEVEL, LEVEL, LEVEL, LEVEL]);
  });

  it('should be inconclusive, never holds, when the samples cannot exclude a deficit of Δ', () => {
    h.gen = () => 'global';
    const r = rebuttalInitScale.run(ctx(20));
    expect(r.verdict).toBe('inconclusive');
    expect(r.runs).toBe(160);
    expect(r.counterexample).toBeUndefined();
    expect(r.evidence).toBe(`not all cells decided (Δ=0.02, 97.5% paired intervals, 20 trials per cell): ${names.map((n) => `${n}: ${SAME_20}`).join('; ')}`);
  });

  it('should be inconclusive when a single cell straddles −Δ, counting undecided and diverged runs as failures', () => {
    // Cell 1: the Gaussian init alone fails 40 trials, the ball init alone 30: δ = −0.01 ± 0.02.
    h.gen = (arm, c, i) => {
      if (c !== 1) return 'global';
      if (arm === 0) return i >= 30 && i < 70 ? 'undecided' : 'global';
      return i < 30 ? 'diverged' : 'global';
    };
    const r = rebuttalInitScale.run(ctx(1000));
    expect(r.verdict).toBe('inconclusive');
    expect((r.details as { cells: { decision: string }[] }).cells.map((c) => c.decision)).toEqual(['non-inferior', 'undecided', 'non-inferior', 'non-inferior']);
    expect(r.evidence).toBe(
      `not all cells decided (Δ=0.02, 97.5% paired intervals, 1000 trials per cell): ${names[0]}: ${SAME_1000}; ` +
        `${names[1]}: N(0,I/k) 0.96 [0.946, 0.97] vs ball 0.97 [0.957, 0.979], δ -0.01 [-0.0294, 0.00909], McNemar p=0.14 → undecided; ${names[2]}: ${SAME_1000}; ${names[3]}: ${SAME_1000}`,
    );
  });

  it('should be inconclusive when the time budget runs out before the last cell (elapsed > timeMs)', () => {
    h.clock = { now: 3000, cost: 7 };
    vi.spyOn(performance, 'now').mockImplementation(() => h.clock?.now ?? 0);
    h.gen = () => 'global';
    const r = rebuttalInitScale.run(ctx(20, 14));
    expect(vi.mocked(p1Arms)).toHaveBeenCalledTimes(3);
    expect(r.verdict).toBe('inconclusive');
    expect(r.runs).toBe(2 * 20 * 3);
    expect(r.counterexample).toBeUndefined();
    expect(r.evidence).toBe(`time budget of 14 ms ran out after 3 of 4 cells; ${names.slice(0, 3).map((n) => `${n}: ${SAME_20}`).join('; ')}`);
    const d = r.details as { interrupted: boolean; cells: unknown[] };
    expect(d.interrupted).toBe(true);
    expect(d.cells.length).toBe(3);
  });

  it('should run all cells when the elapsed time reaches the budget only after the last one started', () => {
    h.clock = { now: 3000, cost: 7 };
    vi.spyOn(performance, 'now').mockImplementation(() => h.clock?.now ?? 0);
    h.gen = () => 'global';
    const r = rebuttalInitScale.run(ctx(20, 21));
    expect(vi.mocked(p1Arms)).toHaveBeenCalledTimes(4);
    expect((r.details as { interrupted?: boolean }).interrupted).toBeUndefined();
    expect(r.evidence.startsWith('not all cells decided')).toBe(true);
  });
});

describe('rebuttal.init-scale: decision boundaries', () => {
  it('should call an interval touching −Δ at either end undecided (strict inequalities)', () => {
    // Cell 0: lower = −Δ exactly (not non-inferior); cell 1: upper = −Δ exactly (not inferior).
    h.compare = (call) => [crafted(-0.02, 0.01), crafted(-0.05, -0.02), crafted(-0.0199, 0.01), crafted(-0.0199, 0.01)][call];
    h.gen = () => 'global';
    const r = rebuttalInitScale.run(ctx(10));
    expect(r.verdict).toBe('inconclusive');
    expect((r.details as { cells: { decision: string }[] }).cells.map((c) => c.decision)).toEqual(['undecided', 'undecided', 'non-inferior', 'non-inferior']);
  });
});

describe('rebuttal.init-scale: refuted', () => {
  it('should refute when the Gaussian init is inferior by more than Δ, recording the first of the worst cells', () => {
    // Cells 1 (k=4, β=10) and 3 (k=16, β=10) identical: the Gaussian init fails trials 3…19 (trial 8
    // diverges), the ball init never; cells 0 and 2 undecided.
    h.gen = (arm, c, i) => (arm === 0 && (c === 1 || c === 3) && i >= 3 ? (i === 8 ? 'diverged' : 'spurious') : 'global');
    const r = rebuttalInitScale.run(ctx(20));
    expect(r.verdict).toBe('refuted');
    expect(r.runs).toBe(160);
    const inferior = comparePaired(
      Array.from({ length: 20 }, (_, i) => i < 3),
      Array.from({ length: 20 }, () => true),
      LEVEL,
    );
    const inferiorText = 'N(0,I/k) 0.15 [0.0524, 0.36] vs ball 1 [0.839, 1], δ -0.85 [-0.954, -0.533], McNemar p=7.6e-6 → inferior';
    expect(r.evidence).toBe(
      `N(0,I/k) init succeeds less often than the ball init by more than Δ in 2 of 4 cells (Δ=0.02, 97.5% paired intervals, 20 trials per cell): ${names[0]}: ${SAME_20}; ${names[1]}: ${inferiorText}; ${names[2]}: ${SAME_20}; ${names[3]}: ${inferiorText}`,
    );
    const gauss = cell(4, 10, 'gaussian');
    expect(r.counterexample).toEqual({
      claim: 'rebuttal.init-scale',
      formalizationVersion: 1,
      input: p1TrainSpec(gauss, SEED, 1, 3),
      hypothesis: { cell: gauss, seed: SEED, cellIndex: 1, trial: 3, outcome: 'spurious', ballCell: cell(4, 10, 'ball') },
      violated:
        "the N(0, I/k) init's success rate is lower than the ball init's by more than Δ = 0.02 (upper bound of δ -0.5332); input: a trial where N(0, I/k) does not reach the global optimum while the ball init on the same teacher does",
      margin: inferior.difference.upper + 0.02,
    });
    expect(vi.mocked(p1Trial).mock.calls).toEqual([[gauss, SEED, 1, 3]]);
  });

  it('should record the cell with the smallest upper bound, with its own cell index and trial outcome', () => {
    // Cell 3 (k=16, β=10) fails from trial 1 on (diverging), cell 2 (k=16, β=1) from trial 10 on.
    h.gen = (arm, c, i) => (arm === 0 && ((c === 3 && i >= 1) || (c === 2 && i >= 10)) ? (c === 3 ? 'diverged' : 'spurious') : 'global');
    const r = rebuttalInitScale.run(ctx(20));
    expect(r.verdict).toBe('refuted');
    expect(r.evidence.startsWith('N(0,I/k) init succeeds less often than the ball init by more than Δ in 2 of 4 cells')).toBe(true);
    const gauss = cell(16, 10, 'gaussian');
    expect(r.counterexample?.hypothesis).toEqual({ cell: gauss, seed: SEED, cellIndex: 3, trial: 1, outcome: 'diverged', ballCell: cell(16, 10, 'ball') });
    expect(r.counterexample?.input).toEqual(p1TrainSpec(gauss, SEED, 3, 1));
    const upper = comparePaired(
      Array.from({ length: 20 }, (_, i) => i < 1),
      Array.from({ length: 20 }, () => true),
      LEVEL,
    ).difference.upper;
    expect(r.counterexample?.margin).toBe(upper + 0.02);
  });

  it('should find the cell index of an inferior cell by both k and β', () => {
    // Only cell 2 (k=16, β=1) is inferior: neither its k alone nor its β alone identify it.
    h.gen = (arm, c, i) => (arm === 0 && c === 2 && i >= 2 ? 'spurious' : 'global');
    const r = rebuttalInitScale.run(ctx(20));
    expect(r.verdict).toBe('refuted');
    const gauss = cell(16, 1, 'gaussian');
    expect(r.counterexample?.hypothesis).toEqual({ cell: gauss, seed: SEED, cellIndex: 2, trial: 2, outcome: 'spurious', ballCell: cell(16, 1, 'ball') });
    expect(r.counterexample?.input).toEqual(p1TrainSpec(gauss, SEED, 2, 2));
  });
});
