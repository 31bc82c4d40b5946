/**
 * rebuttal.sgd-large-batch (src/claims/rebuttal.sgd-large-batch.ts) on synthetic P4 runs: p4Run is
 * replaced by a table of run results per (trial, B), so that every decision is driven: a large-B
 * run (B ≥ 256, the boundary included) missing the basin GD reaches (refuted), the loss at τ rising
 * with B (refuted, Page p < 0.05 strictly), falling (holds), neither (inconclusive), no trial or a
 * time budget that runs out (inconclusive, never holds); the horizon per profile; and the evidence
 * line, details, runs and counterexamples.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ClaimContext } from '../../src/claims/claim.ts';
import { rebuttalSgdLargeBatch } from '../../src/claims/rebuttal.sgd-large-batch.ts';
import { fmt } from '../../src/claims/universal-runner.ts';
import { resolveProfile, type ProfileName } from '../../src/config/profile.ts';
import { p4TrainSpec, P4_DEFAULTS, type P4Options, type P4Run } from '../../src/experiments/p4-sgd.ts';
import type { PageTest } from '../../src/search/page-trend-test.ts';
import { fitLine } from '../../src/stats/line-fit.ts';
import { studentTCritical } from '../../src/stats/student-t.ts';

const h = vi.hoisted(() => ({
  make: (trial: number, batch: number | undefined): Partial<P4Run> => ({ trial, batch: batch ?? null }),
  calls: [] as { seed: number; trial: number; batch: number | undefined; o: unknown }[],
  clock: 0,
  /** Clock advance per p4Run call. */
  tick: 0,
  pageOverride: null as PageTest | null,
  pageCalls: [] as number[][][],
}));

vi.mock('../../src/experiments/p4-sgd.ts', async (importOriginal) => {
  const mod = await importOriginal<typeof import('../../src/experiments/p4-sgd.ts')>();
  return {
    ...mod,
    p4Run: (seed: number, trial: number, batch: number | undefined, o: unknown): P4Run => {
      h.calls.push({ seed, trial, batch, o });
      h.clock += h.tick;
      return h.make(trial, batch) as P4Run;
    },
  };
});

vi.mock('../../src/search/page-trend-test.ts', async (importOriginal) => {
  const mod = await importOriginal<typeof import('../../src/search/page-trend-test.ts')>();
  return {
    ...mod,
    pageTrendTest: (blocks: readonly (readonly number[])[]) => {
      h.pageCalls.push(blocks.map((b) => [...b]));
      const real = mod.pageTrendTest(blocks);
      return h.pageOverride === null ? real : { ...real, ...h.pageOverride };
    },
  };
});

const BATCHES = [16, 64, 256, 1024];

function ctx(runs: number, profile: ProfileName = 'ci', timeMs = 1e9, seed = 13): ClaimContext {
  return { profile: resolveProfile({ profile }), seed, budget: { runs, timeMs } };
}

/** A converging run: L_τ ∝ 1/B (falls with B), GD's L_τ the smallest; trial t scales it by 1 + t/10. */
function good(trial: number, batch: number | undefined): P4Run {
  return {
    trial,
    batch: batch ?? null,
    outcome: 'global',
    phi: 0.001 * (1 + trial),
    loss: 1e-13 * (1 + trial),
    loss0: 2,
    steps: 300 + trial,
    lossAtCheckpoint: (batch === undefined ? 1e-7 : 1e-4 / batch) * (1 + trial / 10),
    stoppedBeforeCheckpoint: false,
  };
}

let nowSpy: ReturnType<typeof vi.spyOn>;
beforeEach(() => {
  h.make = good;
  h.calls = [];
  h.clock = 0;
  h.tick = 0;
  h.pageOverride = null;
  h.pageCalls = [];
  nowSpy = vi.spyOn(performance, 'now').mockImplementation(() => h.clock);
});
afterEach(() => {
  nowSpy.mockRestore();
});

describe('rebuttal.sgd-large-batch: the runs', () => {
  it('should run GD and every B from each trial, with T = 120 in ci and dev and P4\'s 5000 in nightly and soak', () => {
    rebuttalSgdLargeBatch.run(ctx(2, 'ci', 1e9, 21));
    const o: P4Options = { ...P4_DEFAULTS, steps: 120 };
    expect(h.calls).toEqual([0, 1].flatMap((trial) => [undefined, ...BATCHES].map((batch) => ({ seed: 21, trial, batch, o }))));
    for (const [name, steps] of [['dev', 120], ['nightly', 5000], ['soak', 5000]] as const) {
      h.calls = [];
      const r = rebuttalSgdLargeBatch.run(ctx(1, name));
      expect(h.calls.map((c) => (c.o as P4Options).steps)).toEqual([steps, steps, steps, steps, steps]);
      expect((r.details as { steps: number }).steps).toBe(steps);
    }
  });
});

describe('rebuttal.sgd-large-batch: verdicts', () => {
  it('should hold when no large-B run misses and L_τ significantly falls with B, with the full evidence line and details', () => {
    const r = rebuttalSgdLargeBatch.run(ctx(4));
    expect(r.verdict).toBe('holds');
    expect(r.runs).toBe(20);
    expect(r.counterexample).toBeUndefined();
    // Page: every block decreasing, L = 4·(1·4 + 2·3 + 3·2 + 4·1) = 80, E_0 = 4·4·25/4 = 100, p = 24^-4.
    expect(h.pageCalls).toEqual([[0, 1, 2, 3].map((t) => BATCHES.map((b) => (1e-4 / b) * (1 + t / 10)))]);
    const xs = [0, 1, 2, 3].flatMap((t) => BATCHES.map((b) => Math.log(b) + 0 * t));
    const ys = [0, 1, 2, 3].flatMap((t) => BATCHES.map((b) => Math.log((1e-4 / b) * (1 + t / 10))));
    const fit = fitLine(xs, ys);
    const t = studentTCritical(0.95, fit.dof);
    const slope = { estimate: fit.slope, lower: fit.slope - t * fit.slopeStandardError, upper: fit.slope + t * fit.slopeStandardError };
    const perB = BATCHES.map((b) => `B=${b}: 4/4 global, φ_T 0.0025, L_T 2.5e-13, L_τ/L_0 ${fmt(((1e-4 / b) * 1.15) / 2, 2)}`).join('; ');
    const p = 1 / 24 ** 4;
    expect(r.evidence).toBe(
      `4 trials × B ∈ {16,64,256,1024}, T = 120 (reduced from 5000 in ci), τ = 100: ${perB}; Page L = 80 (E_0 100), p(falls) = ${fmt(p, 2)}, p(rises) = 1; slope of log L_τ on log B ${fmt(slope.estimate, 2)} [${fmt(slope.lower, 2)}, ${fmt(slope.upper, 2)}]`,
    );
    const d = r.details as Record<string, unknown>;
    expect(d.seed).toBe(13);
    expect(d.steps).toBe(120);
    expect(d.checkpoint).toBe(100);
    expect(d.trials).toBe(4);
    expect(d.perBatch).toEqual(
      BATCHES.map((b) => ({ batch: b, runs: 4, global: 4, medianPhiT: 0.0025, medianFinalLoss: expect.closeTo(2.5e-13, 25), medianSteps: 301.5, medianLossAtCheckpointOverL0: expect.closeTo(((1e-4 / b) * 1.15) / 2, 15) })),
    );
    expect(d.gd).toEqual({ global: 4, medianLossAtCheckpointOverL0: expect.closeTo((1e-7 * 1.15) / 2, 20) });
    expect(d.page).toEqual({ l: 80, expected: 100, blocks: 4, treatments: 4, pRising: expect.closeTo(1, 12), pFalling: expect.closeTo(p, 20) });
    expect((d.logLossOnLogBatch as typeof slope).estimate).toBeCloseTo(-1, 12);
    expect(d.logLossOnLogBatch).toEqual({ estimate: expect.closeTo(slope.estimate, 12), lower: expect.closeTo(slope.lower, 12), upper: expect.closeTo(slope.upper, 12) });
    expect(slope.lower).toBeLessThan(slope.estimate);
    expect(d.stoppedBeforeCheckpoint).toBe(0);
    expect(d.interrupted).toBe(false);
  });

  it('should write the horizon without "reduced" when it is P4\'s, and count runs stopped before τ', () => {
    h.make = (trial, batch) => ({ ...good(trial, batch), stoppedBeforeCheckpoint: batch === 1024 || (batch === 16 && trial === 0) });
    const r = rebuttalSgdLargeBatch.run(ctx(3, 'nightly'));
    expect(r.evidence.startsWith('3 trials × B ∈ {16,64,256,1024}, T = 5000, τ = 100: B=16: 3/3 global')).toBe(true);
    expect((r.details as { stoppedBeforeCheckpoint: number }).stoppedBeforeCheckpoint).toBe(4);
  });

  it('should decide the trend strictly below 5%: p(falls) = 0.05 is inconclusive', () => {
    h.pageOverride = { l: 90, expected: 100, blocks: 4, treatments: 4, pRising: 0.9, pFalling: 0.05 };
    const r = rebuttalSgdLargeBatch.run(ctx(4));
    expect(r.verdict).toBe('inconclusive');
    expect(r.evidence).toMatch(/; Page L = 90 \(E_0 100\), p\(falls\) = 0\.05, p\(rises\) = 0\.9; slope of log L_τ on log B /);
    expect(r.evidence.startsWith('4 trials')).toBe(true);
    h.pageOverride = { l: 90, expected: 100, blocks: 4, treatments: 4, pRising: 0.9, pFalling: 0.0499 };
    expect(rebuttalSgdLargeBatch.run(ctx(4)).verdict).toBe('holds');
  });

  it('should refute when L_τ significantly rises with B, with the B = 1024 run of largest L_τ/L_0 (first on a tie) as the counterexample', () => {
    // L_τ rises with B; at B = 1024 trials 1 and 2 tie for the largest L_τ/L_0.
    h.make = (trial, batch) => {
      const g = good(trial, batch);
      const ratio = batch === 1024 ? [1, 3, 3, 2][trial] : 1;
      return { ...g, lossAtCheckpoint: (batch === undefined ? 1e-7 : 1e-8 * (batch ?? 1)) * ratio, loss0: 2 };
    };
    const r = rebuttalSgdLargeBatch.run(ctx(4, 'ci', 1e9, 17));
    const p = 1 / 24 ** 4;
    expect(r.verdict).toBe('refuted');
    expect(r.runs).toBe(20);
    expect(r.evidence).toMatch(/^the loss at τ rises with B; 4 trials × B ∈ \{16,64,256,1024\}, T = 120 \(reduced from 5000 in ci\), τ = 100: B=16: /);
    expect(r.evidence).toContain(`Page L = 120 (E_0 100), p(falls) = 1, p(rises) = ${fmt(p, 2)}; `);
    const c = r.counterexample;
    const o: P4Options = { ...P4_DEFAULTS, steps: 120 };
    expect(c).toEqual({
      claim: 'rebuttal.sgd-large-batch',
      formalizationVersion: 1,
      input: p4TrainSpec(17, 1, 1024, o),
      hypothesis: { seed: 17, trial: 1, batch: 1024, steps: 120 },
      violated: `L_τ rises with B (Page p = ${fmt(p, 2)})`,
      margin: expect.closeTo(-(1 - p), 15),
    });
  });

  it('should take the rising counterexample among the B = 1024 runs only', () => {
    // Page pinned to "rises"; the largest L_τ/L_0 of all is at B = 16, of B = 1024 at trial 2.
    h.pageOverride = { l: 120, expected: 100, blocks: 4, treatments: 4, pRising: 0.001, pFalling: 1 };
    h.make = (trial, batch) => ({ ...good(trial, batch), lossAtCheckpoint: batch === 16 && trial === 0 ? 1 : batch === 1024 && trial === 2 ? 0.01 : 1e-6 });
    const r = rebuttalSgdLargeBatch.run(ctx(4, 'ci', 1e9, 23));
    expect(r.verdict).toBe('refuted');
    expect(r.counterexample?.hypothesis).toEqual({ seed: 23, trial: 2, batch: 1024, steps: 120 });
  });

  it('should refute at p(rises) just below 5% and not at exactly 5%', () => {
    h.pageOverride = { l: 110, expected: 100, blocks: 4, treatments: 4, pRising: 0.05, pFalling: 0.9 };
    expect(rebuttalSgdLargeBatch.run(ctx(4)).verdict).toBe('inconclusive');
    h.pageOverride = { l: 110, expected: 100, blocks: 4, treatments: 4, pRising: 0.0499, pFalling: 0.9 };
    const r = rebuttalSgdLargeBatch.run(ctx(4));
    expect(r.verdict).toBe('refuted');
    expect(r.counterexample?.margin).toBeCloseTo(-(1 - 0.0499), 15);
  });

  it('should refute when a run with B ≥ 256 misses the basin GD reaches, naming the first such run', () => {
    h.make = (trial, batch) => {
      const g = good(trial, batch);
      if (trial === 1 && batch === 256) return { ...g, outcome: 'spurious', phi: 3.1 };
      if (trial === 2 && batch === 1024) return { ...g, outcome: 'undecided', phi: 0.5 };
      return g;
    };
    const r = rebuttalSgdLargeBatch.run(ctx(3, 'ci', 1e9, 19));
    expect(r.verdict).toBe('refuted');
    expect(r.runs).toBe(15);
    expect(r.evidence).toMatch(/^SGD with B = 256 ended spurious \(φ_T = 3\.1\) where GD from the same start ends global; 3 trials × B ∈ \{16,64,256,1024\}, T = 120 \(reduced from 5000 in ci\), τ = 100: B=16: 3\/3 global, .*B=256: 2\/3 global, .*B=1024: 2\/3 global, /);
    expect(r.counterexample).toEqual({
      claim: 'rebuttal.sgd-large-batch',
      formalizationVersion: 1,
      input: p4TrainSpec(19, 1, 256, { ...P4_DEFAULTS, steps: 120 }),
      hypothesis: { seed: 19, trial: 1, batch: 256, steps: 120 },
      violated: 'SGD with B = 256 ≥ 256 did not end global although GD from the same start does',
      margin: -3.1,
    });
    expect((r.details as { perBatch: { global: number }[] }).perBatch.map((x) => x.global)).toEqual([3, 3, 2, 2]);
  });

  it('should not count a miss at B = 64, nor a large-B miss from a start GD itself loses', () => {
    h.make = (trial, batch) => {
      const g = good(trial, batch);
      if (batch === 64 && trial === 0) return { ...g, outcome: 'spurious', phi: 3 };
      if (trial === 1 && (batch === undefined || batch === 1024)) return { ...g, outcome: 'spurious', phi: 3 };
      return g;
    };
    const r = rebuttalSgdLargeBatch.run(ctx(4));
    expect(r.verdict).toBe('holds');
    expect((r.details as { gd: { global: number } }).gd.global).toBe(3);
  });

  it('should be inconclusive, never holds, when the time budget runs out, and go on at exactly the budget', () => {
    h.tick = 1; // five runs per trial
    const r = rebuttalSgdLargeBatch.run(ctx(4, 'ci', 9));
    expect(r.verdict).toBe('inconclusive');
    expect(r.runs).toBe(10);
    expect((r.details as { trials: number; interrupted: boolean }).trials).toBe(2);
    expect((r.details as { interrupted: boolean }).interrupted).toBe(true);
    expect(r.evidence).toMatch(/^time budget of 9 ms ran out; 2 trials × B ∈ \{16,64,256,1024\}, T = 120 \(reduced from 5000 in ci\), τ = 100: B=16: 2\/2 global, /);
    h.clock = 1000; // the budget counts from the start, not from 0
    const full = rebuttalSgdLargeBatch.run(ctx(3, 'ci', 10));
    expect(full.runs).toBe(15);
    expect(full.evidence.startsWith('3 trials')).toBe(true);
  });

  // With no trial run, each batch's medians are NaN (the median of an empty list), not a throw.
  it('should say inconclusive, not holds, with a budget of zero trials (not interrupted)', () => {
    const r = rebuttalSgdLargeBatch.run(ctx(0));
    expect(r.verdict).toBe('inconclusive');
    expect(r.runs).toBe(0);
    expect(r.evidence.startsWith('0 trials × B ∈ {16,64,256,1024}')).toBe(true);
    expect(r.evidence.endsWith('; no trials')).toBe(true);
  });

  it('should say inconclusive with "no trials" when the budget is gone before the first trial', () => {
    nowSpy.mockImplementation(() => {
      h.clock += 1;
      return h.clock;
    });
    const r = rebuttalSgdLargeBatch.run(ctx(4, 'ci', 0));
    expect(r.verdict).toBe('inconclusive');
    expect(r.runs).toBe(0);
    expect(h.calls.length).toBe(0);
    const d = r.details as { page: unknown; logLossOnLogBatch: unknown; gd: unknown; trials: number };
    expect(d.page).toBeNull();
    expect(d.logLossOnLogBatch).toBeNull();
    expect(d.gd).toEqual({ global: 0, medianLossAtCheckpointOverL0: null });
    expect(r.evidence).toBe('time budget of 0 ms ran out; 0 trials × B ∈ {16,64,256,1024}, T = 120 (reduced from 5000 in ci), τ = 100: B=16: 0/0 global, φ_T NaN, L_T NaN, L_τ/L_0 NaN; B=64: 0/0 global, φ_T NaN, L_T NaN, L_τ/L_0 NaN; B=256: 0/0 global, φ_T NaN, L_T NaN, L_τ/L_0 NaN; B=1024: 0/0 global, φ_T NaN, L_T NaN, L_τ/L_0 NaN; no trials');
  });

  it('should run the Page test and the slope with a single trial', () => {
    const r = rebuttalSgdLargeBatch.run(ctx(1));
    expect(r.verdict).toBe('holds'); // one strictly falling block: p(falls) = 1/24 < 0.05
    const d = r.details as { page: PageTest | null; logLossOnLogBatch: { estimate: number } | null };
    expect(d.page?.blocks).toBe(1);
    expect(d.page?.pFalling).toBeCloseTo(1 / 24, 15);
    expect(d.logLossOnLogBatch?.estimate).toBeCloseTo(-1, 12);
  });
});
