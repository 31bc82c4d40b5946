/**
 * rebuttal.small-lr's decision logic (src/claims/rebuttal.small-lr.ts) on synthetic trials: the GD
 * experiment (p1Arms) is replaced by a table of outcomes, so that every branch of the verdict is
 * reached in milliseconds. The real P1 runs are the property's job (properties/rebuttal.small-lr.prop.ts).
 *
 * Contract: per cell, δ = p(β = 0.1) − p(β = 10) with Newcombe's paired interval at 1 − 0.1/6;
 * a cell is "worse" when its upper bound is < 0, "non-inferior" when its lower bound is > −0.02;
 * refuted if a cell is worse or a sampled L_sp ≤ 0; holds if every cell is non-inferior and every
 * spurious run ends within 1e-3·L_sp of L_sp; inconclusive otherwise, or when the time budget ran
 * out before the 6 cells. The region of β: the largest β whose paired interval (and every smaller
 * β's) contains 0.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { P1Cell, P1Trial } from '../../src/experiments/p1-trial.ts';
import type { PairedComparison } from '../../src/stats/paired-proportions.ts';
import { resetP1Scenario, type P1Scenario } from './p1-scenario.ts';
import type { Outcome } from '../../src/optim/outcome.ts';

// The synthetic experiment; arms 0, 1, 2 are β = 0.1, 1, 10.
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
import { rebuttalSmallLr } from '../../src/claims/rebuttal.small-lr.ts';
import { resolveProfile } from '../../src/config/profile.ts';
import { comparePaired as mockedCompare } from '../../src/stats/paired-proportions.ts';
import type { ClaimContext } from '../../src/claims/claim.ts';

/** The real comparison, the oracle of the expected rates and intervals. */
const { comparePaired } = await vi.importActual<typeof import('../../src/stats/paired-proportions.ts')>('../../src/stats/paired-proportions.ts');
const PROFILE = resolveProfile({ profile: 'ci' });
const SEED = 4242;
const LEVEL = 1 - 0.1 / 6;
const CELLS = [
  { k: 4, s: 0.5 },
  { k: 4, s: 1 },
  { k: 4, s: 2 },
  { k: 16, s: 0.5 },
  { k: 16, s: 1 },
  { k: 16, s: 2 },
];

function ctx(runs: number, timeMs = 60_000): ClaimContext {
  return { profile: PROFILE, seed: SEED, budget: { runs, timeMs } };
}

function trial(outcome: Outcome, spuriousLoss = 1000, loss = outcome === 'spurious' ? spuriousLoss : 0): P1Trial {
  return { outcome, steps: 20_000, loss, phi: outcome === 'spurious' ? 3.1 : 0, certified: false, a0DotAStar: 1, spuriousLoss };
}

function smallCell(k: number, s: number): P1Cell {
  return { p: k, k, s, alpha: 1, beta: 0.1, aInit: 'ball', wInit: 'resnet' };
}

/** A comparison with the given interval of δ (rates and table of an all-success sample). */
function crafted(lower: number, upper: number): PairedComparison {
  const base = comparePaired([true, true], [true, true], LEVEL);
  return { ...base, difference: { estimate: (lower + upper) / 2, lower, upper } };
}

// Evidence pieces (n = 1000, every arm succeeding; n = 20, every arm succeeding).
const SAME_1000 = 'β=0.1 1 [0.996, 1] vs β=10 1 [0.996, 1], δ 0 [-0.0057, 0.0057], McNemar p(worse)=1 → non-inferior, same as β=0.1 up to β=10';
const SAME_20 = 'β=0.1 1 [0.839, 1] vs β=10 1 [0.839, 1], δ 0 [-0.223, 0.223], McNemar p(worse)=1 → undecided, same as β=0.1 up to β=10';
const NAMES = CELLS.map(({ k, s }) => `k=${k} s=${s}`);

beforeEach(() => {
  resetP1Scenario(h);
  vi.mocked(p1Arms).mockClear();
  vi.mocked(mockedCompare).mockClear();
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe('rebuttal.small-lr: holds', () => {
  it('should hold when every cell is non-inferior and every spurious run ends within 1e-3·L_sp (equality included)', () => {
    // Cell 1: β = 10 fails on even trials, ending at L_T = L_sp(1 ± …): gaps 1e-3 exactly and 5e-4.
    // Cell 3: the teachers' L_sp vary (smallest 500 at trial 0). Everything else succeeds.
    h.gen = (arm, cell, i) => {
      const sl = cell === 3 ? 500 + i : 1000;
      if (cell === 1 && arm === 2 && i % 2 === 0) return trial('spurious', sl, i % 4 === 0 ? 1001 : 999.5);
      return trial('global', sl);
    };
    const r = rebuttalSmallLr.run(ctx(1000));
    expect(r.verdict).toBe('holds');
    expect(r.runs).toBe(3 * 1000 * 6);
    expect(r.counterexample).toBeUndefined();
    const cellTexts = [
      `${NAMES[0]}: ${SAME_1000}`,
      `${NAMES[1]}: β=0.1 1 [0.996, 1] vs β=10 0.5 [0.469, 0.531], δ 0.5 [0.462, 0.538], McNemar p(worse)=1 → non-inferior, same as β=0.1 up to β=1`,
      ...NAMES.slice(2).map((name) => `${name}: ${SAME_1000}`),
    ];
    expect(r.evidence).toBe(
      `β=0.1 not worse than β=10, a deficit of Δ excluded, in every cell; L_sp > 0 (Δ=0.02, 98.3% paired intervals, 1000 trials per cell): ${cellTexts.join('; ')}; L_sp ≥ 500 > 0 on 6000 teachers; 500 spurious runs end within 0.001·L_sp of D5's point`,
    );

    // Each cell ran the three β of one teacher sample, paired (same cellIndex), n trials each.
    expect(vi.mocked(p1Arms).mock.calls).toEqual(
      CELLS.map(({ k, s }, index) => [[0.1, 1, 10].map((beta) => ({ ...smallCell(k, s), beta })), SEED, index, 1000]),
    );

    const all = Array.from({ length: 1000 }, () => true);
    const half = Array.from({ length: 1000 }, (_, i) => i % 2 !== 0);
    const comparisons = (larger: boolean[][]) =>
      larger.map((ok, i) => {
        const c = comparePaired(all, ok, LEVEL);
        return { betaSmall: 0.1, betaLarge: [1, 10][i], table: c.table, smallRate: c.first, largeRate: c.second, difference: c.difference, pSmallWorse: c.pFirstLower };
      });
    expect(r.details).toEqual({
      seed: SEED,
      trialsPerCell: 1000,
      betas: [0.1, 1, 10],
      margin: 0.02,
      intervalLevel: LEVEL,
      spuriousLossTolerance: 1e-3,
      minSpuriousLoss: 500,
      maxSpuriousGap: 1e-3,
      spuriousRuns: 500,
      cells: CELLS.map(({ k, s }, index) => ({
        k,
        s,
        decision: 'non-inferior',
        largestIndistinguishableBeta: index === 1 ? 1 : 10,
        comparisons: comparisons(index === 1 ? [all, half] : [all, all]),
        minSpuriousLoss: index === 3 ? 500 : 1000,
        maxSpuriousGap: index === 1 ? 1e-3 : 0,
      })),
    });
    // The table of cell 1's β = 10 comparison: the small step succeeds alone on the odd trials.
    const d = r.details as { cells: { comparisons: { table: unknown }[] }[] };
    expect(d.cells[1].comparisons[1].table).toEqual({ both: 500, firstOnly: 500, secondOnly: 0, neither: 0 });
  });

  it('should give the region β = 0.1 when already β = 1 is distinguishable', () => {
    // Cell 0: β = 1 fails half the time (distinguishable), β = 10 never (indistinguishable): the
    // region stops at the first distinguishable β.
    h.gen = (arm, cell, i) => trial(cell === 0 && arm === 1 && i % 2 === 0 ? 'spurious' : 'global');
    const r = rebuttalSmallLr.run(ctx(1000));
    expect(r.verdict).toBe('holds');
    const cells = (r.details as { cells: { largestIndistinguishableBeta: number }[] }).cells;
    expect(cells.map((c) => c.largestIndistinguishableBeta)).toEqual([0.1, 10, 10, 10, 10, 10]);
    expect(r.evidence).toContain(`${NAMES[0]}: ${SAME_1000.replace('up to β=10', 'up to β=0.1')}; ${NAMES[1]}`);
  });
});

describe('rebuttal.small-lr: inconclusive', () => {
  it('should be inconclusive, never holds, when the samples are too small to exclude a deficit of Δ', () => {
    h.gen = () => trial('global');
    const r = rebuttalSmallLr.run(ctx(20));
    expect(r.verdict).toBe('inconclusive');
    expect(r.runs).toBe(360);
    expect(r.counterexample).toBeUndefined();
    expect(r.evidence).toBe(
      `undecided: success part inconclusive, L_sp part holds (Δ=0.02, 98.3% paired intervals, 20 trials per cell): ${NAMES.map((n) => `${n}: ${SAME_20}`).join('; ')}; L_sp ≥ 1000 > 0 on 120 teachers; 0 spurious runs end within 0·L_sp of D5's point`,
    );
  });

  it('should be inconclusive when one cell is undecided and the others non-inferior', () => {
    // Cell 5: 30 trials only β = 0.1 succeeds, 40 only β = 10: δ = −0.01 with an interval across −Δ and 0.
    h.gen = (arm, cell, i) => {
      if (cell !== 5) return trial('global');
      if (arm === 0) return trial(i >= 30 && i < 70 ? 'undecided' : 'global');
      if (arm === 2) return trial(i < 30 ? 'diverged' : 'global');
      return trial('global');
    };
    const r = rebuttalSmallLr.run(ctx(1000));
    expect(r.verdict).toBe('inconclusive');
    const d = r.details as { cells: { decision: string; comparisons: { table: unknown; difference: { lower: number; upper: number } }[] }[]; spuriousRuns: number };
    expect(d.cells.map((c) => c.decision)).toEqual(['non-inferior', 'non-inferior', 'non-inferior', 'non-inferior', 'non-inferior', 'undecided']);
    expect(d.cells[5].comparisons[1].table).toEqual({ both: 930, firstOnly: 30, secondOnly: 40, neither: 0 });
    expect(d.cells[5].comparisons[1].difference.lower).toBeLessThan(-0.02);
    expect(d.cells[5].comparisons[1].difference.upper).toBeGreaterThan(0);
    // 'undecided' and 'diverged' runs are failures, but not spurious runs.
    expect(d.spuriousRuns).toBe(0);
    expect(r.evidence.startsWith('undecided: success part inconclusive, L_sp part holds (Δ=0.02, 98.3% paired intervals, 1000 trials per cell): ')).toBe(true);
    expect(r.evidence).toContain('k=16 s=2: β=0.1 0.96 [0.946, 0.97] vs β=10 0.97 [0.957, 0.979], δ -0.01 [-0.0308, 0.0105], McNemar p(worse)=0.14 → undecided, same as β=0.1 up to β=0.1');
  });

  it('should be inconclusive when a spurious run ends farther than 1e-3·L_sp from L_sp (below it too)', () => {
    // Cell 2, β = 1, trial 9 ends spurious at L_T = 998 for L_sp = 1000: |gap| = 2e-3.
    h.gen = (arm, cell, i) => (cell === 2 && arm === 1 && i === 9 ? trial('spurious', 1000, 998) : trial('global'));
    const r = rebuttalSmallLr.run(ctx(1000));
    expect(r.verdict).toBe('inconclusive');
    expect(r.evidence.startsWith('undecided: success part holds, L_sp part inconclusive (Δ=0.02, 98.3% paired intervals, 1000 trials per cell): ')).toBe(true);
    expect(r.evidence.endsWith('; L_sp ≥ 1000 > 0 on 6000 teachers; 1 spurious runs end within 0.002·L_sp of D5\'s point')).toBe(true);
    const d = r.details as { maxSpuriousGap: number; spuriousRuns: number; cells: { maxSpuriousGap: number }[] };
    expect(d.maxSpuriousGap).toBe(0.002);
    expect(d.spuriousRuns).toBe(1);
    expect(d.cells.map((c) => c.maxSpuriousGap)).toEqual([0, 0, 0.002, 0, 0, 0]);
  });

  it('should be inconclusive when the time budget runs out, with the cells done so far', () => {
    // Every cell costs 10 ms of a fake clock; the budget is checked before each cell (elapsed > timeMs).
    h.clock = { now: 1000, cost: 10 };
    vi.spyOn(performance, 'now').mockImplementation(() => h.clock?.now ?? 0);
    h.gen = () => trial('global');
    const r = rebuttalSmallLr.run(ctx(10, 20));
    expect(r.verdict).toBe('inconclusive');
    expect(vi.mocked(p1Arms)).toHaveBeenCalledTimes(3);
    expect(r.runs).toBe(3 * 10 * 3);
    expect(r.counterexample).toBeUndefined();
    const same10 = 'β=0.1 1 [0.722, 1] vs β=10 1 [0.722, 1], δ 0 [-0.364, 0.364], McNemar p(worse)=1 → undecided, same as β=0.1 up to β=10';
    expect(r.evidence).toBe(
      `time budget of 20 ms ran out after 3 of 6 cells; ${NAMES.slice(0, 3).map((n) => `${n}: ${same10}`).join('; ')}; L_sp ≥ 1000 > 0 on 30 teachers; 0 spurious runs end within 0·L_sp of D5's point`,
    );
    const d = r.details as { interrupted: boolean; cells: unknown[]; trialsPerCell: number };
    expect(d.interrupted).toBe(true);
    expect(d.cells.length).toBe(3);
    expect(d.trialsPerCell).toBe(10);
  });

  it('should run every cell when the budget is not exceeded before the last one', () => {
    h.clock = { now: 1000, cost: 10 };
    vi.spyOn(performance, 'now').mockImplementation(() => h.clock?.now ?? 0);
    h.gen = () => trial('global');
    const r = rebuttalSmallLr.run(ctx(20, 50));
    expect(vi.mocked(p1Arms)).toHaveBeenCalledTimes(6);
    expect(r.verdict).toBe('inconclusive');
    expect(r.evidence.startsWith('undecided: success part inconclusive')).toBe(true);
    expect((r.details as { interrupted?: boolean }).interrupted).toBeUndefined();
  });
});

describe('rebuttal.small-lr: decision boundaries', () => {
  it('should count an upper bound of exactly 0 as not worse, a lower bound of exactly −Δ as undecided, and intervals ending at 0 as containing it', () => {
    // Calls 0, 1: cell 0 (β = 1, β = 10); calls 2, 3: cell 1. The rest are real (n = 1000, all succeed).
    h.compare = (call) => [crafted(0, 0.1), crafted(-0.01, 0), crafted(-0.001, 0.001), crafted(-0.02, 0.05)][call];
    h.gen = () => trial('global');
    const r = rebuttalSmallLr.run(ctx(1000));
    expect(r.verdict).toBe('inconclusive');
    const d = r.details as { cells: { decision: string; largestIndistinguishableBeta: number }[] };
    expect(d.cells.map((c) => c.decision)).toEqual(['non-inferior', 'undecided', 'non-inferior', 'non-inferior', 'non-inferior', 'non-inferior']);
    expect(d.cells.map((c) => c.largestIndistinguishableBeta)).toEqual([10, 10, 10, 10, 10, 10]);
    // Every comparison is made at the Bonferroni level 1 − 2·0.05/6.
    expect(vi.mocked(mockedCompare).mock.calls.map((c) => c[2])).toEqual(Array.from({ length: 12 }, () => LEVEL));
  });

  it('should stop the region at a β whose interval lies strictly above 0', () => {
    h.compare = (call) => [crafted(Number.MIN_VALUE, 0.1), crafted(-0.01, 0.01), crafted(-0.01, 0.01), crafted(-0.01, -Number.MIN_VALUE)][call];
    h.gen = () => trial('global');
    const r = rebuttalSmallLr.run(ctx(1000));
    const d = r.details as { cells: { decision: string; largestIndistinguishableBeta: number }[] };
    // Cell 1: β = 1 contains 0, β = 10 lies below it (and is worse: upper < 0).
    expect(d.cells.map((c) => c.largestIndistinguishableBeta)).toEqual([0.1, 1, 10, 10, 10, 10]);
    expect(d.cells[1].decision).toBe('worse');
    expect(r.verdict).toBe('refuted');
  });
});

describe('rebuttal.small-lr: refuted', () => {
  it('should refute when β = 0.1 is significantly worse in a cell, with a paired trial of the first such cell as counterexample', () => {
    // Cell 2 (k=4, s=2): β = 0.1 fails trials 5…19 while β = 10 succeeds; cell 4 (k=16, s=1): it fails
    // every trial. A sampled L_sp ≤ 0 too (cell 0): the success part is reported first.
    h.gen = (arm, cell, i) => {
      if (arm === 0 && cell === 2 && i >= 5) return trial(i === 6 ? 'diverged' : 'spurious');
      if (arm === 0 && cell === 4) return trial('spurious');
      if (cell === 0 && i === 3) return trial('global', -1);
      return trial('global');
    };
    const r = rebuttalSmallLr.run(ctx(20));
    expect(r.verdict).toBe('refuted');
    expect(r.runs).toBe(360);
    const upper2 = comparePaired(
      Array.from({ length: 20 }, (_, i) => i < 5),
      Array.from({ length: 20 }, () => true),
      LEVEL,
    ).difference.upper;
    expect(upper2).toBeLessThan(0);
    expect(r.evidence).toBe(
      `β=0.1 significantly worse than β=10 in 2 cells (Δ=0.02, 98.3% paired intervals, 20 trials per cell): ${NAMES[0]}: ${SAME_20}; ${NAMES[1]}: ${SAME_20}; ` +
        `${NAMES[2]}: β=0.1 0.25 [0.112, 0.469] vs β=10 1 [0.839, 1], δ -0.75 [-0.906, -0.402], McNemar p(worse)=3.1e-5 → worse, same as β=0.1 up to β=0.1; ${NAMES[3]}: ${SAME_20}; ` +
        `${NAMES[4]}: β=0.1 0 [0, 0.161] vs β=10 1 [0.839, 1], δ -1 [-1, -0.685], McNemar p(worse)=9.5e-7 → worse, same as β=0.1 up to β=0.1; ${NAMES[5]}: ${SAME_20}; ` +
        `L_sp ≥ -1 > 0 on 120 teachers; 34 spurious runs end within 0·L_sp of D5's point`,
    );
    const cell = smallCell(4, 2);
    expect(r.counterexample).toEqual({
      claim: 'rebuttal.small-lr',
      formalizationVersion: 1,
      input: p1TrainSpec(cell, SEED, 2, 5),
      hypothesis: { cell, seed: SEED, cellIndex: 2, trial: 5 },
      violated: `β = 0.1's success rate is significantly lower than β = 10's (upper bound of δ -0.4019); input: a trial where β = 0.1 fails and β = 10 succeeds on the same teacher and a_0`,
      margin: upper2,
    });
    expect(r.details).toMatchObject({ minSpuriousLoss: -1, spuriousRuns: 34 });
  });

  it('should refute when a sampled teacher has L_sp ≤ 0 (0 included), recording the first cell and trial of the smallest', () => {
    // L_sp = 0 at cell 1 trials 4 and 6 and at cell 3 trial 2: ties go to the first.
    h.gen = (arm, cell, i) => trial('global', (cell === 1 && (i === 4 || i === 6)) || (cell === 3 && i === 2) ? 0 : 1000);
    const r = rebuttalSmallLr.run(ctx(20));
    expect(r.verdict).toBe('refuted');
    expect(r.evidence).toBe(
      `a sampled teacher has L_sp ≤ 0 (or NaN) (Δ=0.02, 98.3% paired intervals, 20 trials per cell): ${NAMES.map((n) => `${n}: ${SAME_20}`).join('; ')}; L_sp ≥ 0 > 0 on 120 teachers; 0 spurious runs end within 0·L_sp of D5's point`,
    );
    const cell = smallCell(4, 1);
    expect(r.counterexample).toEqual({
      claim: 'rebuttal.small-lr',
      formalizationVersion: 1,
      input: p1TrainSpec(cell, SEED, 1, 4),
      hypothesis: { cell, seed: SEED, cellIndex: 1, trial: 4 },
      violated: 'the spurious optimum of this teacher has L_sp = 0, not > 0',
      margin: 0,
    });
  });

  it('should record the cell with the smallest L_sp when several are negative', () => {
    h.gen = (arm, cell, i) => trial('global', cell === 1 && i === 7 ? -1 : cell === 3 && i === 11 ? -2.5 : 1000);
    const r = rebuttalSmallLr.run(ctx(20));
    expect(r.verdict).toBe('refuted');
    const cell = smallCell(16, 0.5);
    expect(r.counterexample?.hypothesis).toEqual({ cell, seed: SEED, cellIndex: 3, trial: 11 });
    expect(r.counterexample?.violated).toBe('the spurious optimum of this teacher has L_sp = -2.5, not > 0');
    expect(r.counterexample?.margin).toBe(-2.5);
    expect(r.counterexample?.input).toEqual(p1TrainSpec(cell, SEED, 3, 11));
    expect((r.details as { cells: { minSpuriousLoss: number }[] }).cells.map((c) => c.minSpuriousLoss)).toEqual([1000, -1, 1000, -2.5, 1000, 1000]);
  });

  it('should refute on a NaN L_sp, which no later finite value hides, and record its cell and trial', () => {
    h.gen = (arm, cell, i) => trial('global', cell === 2 && i === 4 ? NaN : cell === 2 && i === 9 ? 3 : cell === 4 && i === 0 ? -1 : 1000);
    const r = rebuttalSmallLr.run(ctx(20));
    expect(r.verdict).toBe('refuted');
    expect(r.evidence.startsWith('a sampled teacher has L_sp ≤ 0 (or NaN)')).toBe(true);
    expect(r.counterexample?.hypothesis).toEqual({ cell: smallCell(4, 2), seed: SEED, cellIndex: 2, trial: 4 });
    expect(r.counterexample?.violated).toBe('the spurious optimum of this teacher has L_sp = NaN, not > 0');
    expect(r.counterexample?.margin).toBeNaN();
    expect((r.details as { cells: { minSpuriousLoss: number }[] }).cells.map((c) => c.minSpuriousLoss)).toEqual([1000, 1000, NaN, 1000, -1, 1000]);
  });
});
