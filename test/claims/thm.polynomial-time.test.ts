/**
 * thm.polynomial-time (src/claims/thm.polynomial-time.ts): the verdict rule of protocol P3 on
 * synthetic trials whose answer is known. P3's trials (p3Trial) are replaced by a synthetic
 * function of (k, trial), so each branch of the rule is reached in milliseconds:
 *
 * - steps ≈ 4·k (a degree-1 polynomial): **holds**, fitted degree ≈ 1;
 * - steps ≈ 2^(k/16) (exponential in k): **refuted**, with the slowest trial of the largest k as the
 *   counterexample (a replayable P3 spec);
 * - a non-spurious trial missing its horizon, or the time budget running out: **inconclusive**;
 * - fewer than 3 values of k with a converged trial: **inconclusive** (no fit).
 *
 * Trials ending spurious are counted apart (they are not a question of time).
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { P3Trial } from '../../src/experiments/p3-iterations.ts';
import type { Outcome } from '../../src/optim/outcome.ts';
import type { KRow } from '../../src/claims/thm.polynomial-time.ts';

const synthetic = vi.hoisted(() => ({
  trial: undefined as undefined | ((seed: number, k: number, trial: number) => P3Trial),
  calls: [] as Array<[number, number, number]>,
  /** When set, the Vuong test's one-sided p-value is replaced by this value (its boundary). */
  pSecondBetter: undefined as undefined | number,
}));

vi.mock('../../src/search/vuong-test.ts', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../src/search/vuong-test.ts')>();
  return {
    ...actual,
    vuongLineModels: (x1: readonly number[], x2: readonly number[], y: readonly number[]) => {
      const v = actual.vuongLineModels(x1, x2, y);
      return synthetic.pSecondBetter === undefined ? v : { ...v, pSecondBetter: synthetic.pSecondBetter };
    },
  };
});

vi.mock('../../src/experiments/p3-iterations.ts', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../src/experiments/p3-iterations.ts')>();
  return {
    ...actual,
    p3Trial: (seed: number, k: number, trial: number): P3Trial => {
      synthetic.calls.push([seed, k, trial]);
      return synthetic.trial === undefined ? actual.p3Trial(seed, k, trial) : synthetic.trial(seed, k, trial);
    },
  };
});

const { thmPolynomialTime } = await import('../../src/claims/thm.polynomial-time.ts');
const { P3_DEFAULTS, p3TrainSpec } = await import('../../src/experiments/p3-iterations.ts');
const { resolveProfile } = await import('../../src/config/profile.ts');
const { fmt } = await import('../../src/claims/universal-runner.ts');
const { fitLine } = await import('../../src/stats/line-fit.ts');
const { studentTCritical } = await import('../../src/stats/student-t.ts');
const { vuongLineModels } = await import('../../src/search/vuong-test.ts');

const CI = resolveProfile({ profile: 'ci' });
const NIGHTLY = resolveProfile({ profile: 'nightly' });
const CI_K = [4, 8, 16, 32, 64, 128, 256, 512];

function trialOf(k: number, trial: number, steps: number, reached = true, outcome: Outcome = reached ? 'global' : 'undecided'): P3Trial {
  return { k, trial, steps, reached, outcome, loss0: 1, loss: reached ? 1e-9 : 0.5 };
}

/** steps = 4k·(1 + 0.01·trial): polynomial of degree 1, with a little spread between trials. */
const polynomial = (_seed: number, k: number, trial: number): P3Trial => trialOf(k, trial, Math.round(4 * k * (1 + 0.01 * trial)));

function run(runs: number, profile = CI, timeMs = 60_000, seed = 11) {
  synthetic.calls.length = 0;
  return thmPolynomialTime.run({ profile, seed, budget: { runs, timeMs } });
}

afterEach(() => {
  synthetic.trial = undefined;
  synthetic.pSecondBetter = undefined;
  vi.restoreAllMocks();
});

describe('thm.polynomial-time: the registry entry', () => {
  it('should be an estimate claim with the id, budgets and expected verdict of the registry', () => {
    expect(thmPolynomialTime.id).toBe('thm.polynomial-time');
    expect(thmPolynomialTime.kind).toBe('estimate');
    expect(thmPolynomialTime.expected).toBe('holds');
    expect(thmPolynomialTime.formalizationVersion).toBe(1);
    expect(thmPolynomialTime.budgets.ci).toEqual({ runs: 20, timeMs: 60_000 });
  });
});

describe('thm.polynomial-time: holds on polynomial steps', () => {
  it('should fit degree ≈ 1, report each k, and say holds when steps grow like 4k', () => {
    synthetic.trial = polynomial;
    const r = run(5);
    expect(r.verdict).toBe('holds');
    expect(r.runs).toBe(40);
    // Every (k, trial) of the ci grid, in order, from the claim's seed.
    expect(synthetic.calls).toEqual(CI_K.flatMap((k) => [0, 1, 2, 3, 4].map((t) => [11, k, t])));
    const d = r.details as Record<string, unknown>;
    expect(d.seed).toBe(11);
    expect(d.options).toEqual({ ...P3_DEFAULTS, horizon: '1000·k' });
    expect(d.level).toBe(0.95);
    const rows = d.perK as KRow[];
    expect(rows.map((x) => x.k)).toEqual(CI_K);
    for (const row of rows) {
      const steps = [0, 1, 2, 3, 4].map((t) => Math.round(4 * row.k * (1 + 0.01 * t)));
      expect(row).toEqual({
        k: row.k,
        trials: 5,
        reached: 5,
        spurious: 0,
        failed: 0,
        horizon: 1000 * row.k,
        median: steps[2],
        q90: row.q90,
        max: steps[4],
      });
      expect(row.q90).toBeGreaterThanOrEqual(steps[3]);
      expect(row.q90).toBeLessThanOrEqual(steps[4]);
    }
    const degree = d.degree as { estimate: number; lower: number; upper: number };
    const fit = fitLine(
      CI_K.map(Math.log),
      rows.map((x) => Math.log(x.median as number)),
    );
    const t = studentTCritical(0.95, fit.dof);
    expect(degree.estimate).toBe(fit.slope);
    expect(degree.estimate).toBeCloseTo(1, 2);
    expect(degree.lower).toBe(fit.slope - t * fit.slopeStandardError);
    expect(degree.upper).toBe(fit.slope + t * fit.slopeStandardError);
    expect(degree.lower).toBeLessThan(degree.estimate);
    expect(degree.upper).toBeGreaterThan(degree.estimate);
    const slopes = d.localSlopes as Array<{ from: number; to: number; slope: number }>;
    expect(slopes.map((s) => [s.from, s.to])).toEqual(CI_K.slice(1).map((k, i) => [CI_K[i], k]));
    for (let i = 0; i < slopes.length; i++) {
      expect(slopes[i].slope).toBeCloseTo(Math.log((rows[i + 1].median as number) / (rows[i].median as number)) / Math.log(2), 12);
      expect(slopes[i].slope).toBeCloseTo(1, 1);
    }
    const vuong = d.vuongPolynomialVsExponential as { z: number; pSecondBetter: number };
    const all = CI_K.flatMap((k) => [0, 1, 2, 3, 4].map((t) => polynomial(0, k, t)));
    expect(vuong).toEqual(
      vuongLineModels(
        all.map((x) => Math.log(x.k)),
        all.map((x) => x.k),
        all.map((x) => Math.log(x.steps)),
      ),
    );
    expect(vuong.pSecondBetter).toBeGreaterThan(0.5);
    const medians = rows.map((x) => `${x.k}:${fmt(x.median as number, 3)}/${fmt(x.q90 as number, 3)}`).join(' ');
    expect(r.evidence).toBe(
      `all 40 non-spurious trials within T(k) = 1000·k; degree ${fmt(degree.estimate, 3)} [${fmt(degree.lower, 3)}, ${fmt(degree.upper, 3)}] (95%) from median/q90 steps ${medians}; exponential model does not fit better (Vuong z = ${fmt(vuong.z, 3)}, p = ${fmt(vuong.pSecondBetter, 2)}); 0 of 40 trials spurious`,
    );
    expect(r.evidence).toContain('4:16/');
    expect(r.counterexample).toBeUndefined();
  });

  it('should count trials ending spurious apart (not failed, not in the fit) and still say holds', () => {
    // Trial 0 of every k ends spurious without reaching the target.
    synthetic.trial = (seed, k, trial) => (trial === 0 ? trialOf(k, trial, 1000 * k, false, 'spurious') : polynomial(seed, k, trial));
    const r = run(3);
    expect(r.verdict).toBe('holds');
    const rows = (r.details as { perK: KRow[] }).perK;
    for (const row of rows) {
      expect(row.trials).toBe(3);
      expect(row.reached).toBe(2);
      expect(row.spurious).toBe(1);
      expect(row.failed).toBe(0);
      // Median of the two reached trials (1 and 2), not of the spurious one's 1000·k.
      expect(row.median).toBe((polynomial(0, row.k, 1).steps + polynomial(0, row.k, 2).steps) / 2);
      expect(row.max).toBe(polynomial(0, row.k, 2).steps);
    }
    expect(r.evidence).toMatch(/^all 16 non-spurious trials within T\(k\) = 1000·k; degree /);
    // Vuong's test sees the reached trials only (not the spurious ones' 1000·k).
    const reached = CI_K.flatMap((k) => [1, 2].map((t) => polynomial(0, k, t)));
    expect((r.details as { vuongPolynomialVsExponential: unknown }).vuongPolynomialVsExponential).toEqual(
      vuongLineModels(
        reached.map((x) => Math.log(x.k)),
        reached.map((x) => x.k),
        reached.map((x) => Math.log(x.steps)),
      ),
    );
    expect(r.evidence).toMatch(/; 8 of 24 trials spurious$/);
  });

  it('should run k up to 1024 in the nightly profile', () => {
    synthetic.trial = polynomial;
    const r = run(1, NIGHTLY);
    expect(r.verdict).toBe('holds');
    expect((r.details as { perK: KRow[] }).perK.map((x) => x.k)).toEqual([...CI_K, 1024]);
    expect(r.runs).toBe(9);
  });
});

describe('thm.polynomial-time: refuted on exponential steps', () => {
  it('should say refuted, with the slowest trial of the largest k as a replayable counterexample', () => {
    // steps = 2^(k/16)·(1 + trial/10): exponential in k; at k = 512 trial 2 is the slowest.
    synthetic.trial = (_seed, k, trial) => trialOf(k, trial, Math.round(2 ** (k / 16) * (1 + ((trial * 7) % 3) / 10)));
    const r = run(3);
    expect(r.verdict).toBe('refuted');
    const d = r.details as Record<string, unknown>;
    const vuong = d.vuongPolynomialVsExponential as { z: number; pSecondBetter: number };
    expect(vuong.pSecondBetter).toBeLessThan(0.05);
    const c = r.counterexample;
    expect(c).toBeDefined();
    if (c === undefined) return;
    // (trial·7) mod 3 is 0, 1, 2 for trials 0, 1, 2: trial 2 has the most steps.
    const steps = Math.round(2 ** 32 * 1.2);
    expect(c).toEqual({
      claim: 'thm.polynomial-time',
      formalizationVersion: 1,
      input: p3TrainSpec(11, 512, 2),
      hypothesis: { seed: 11, k: 512, trial: 2, steps },
      violated: `steps grow faster than a power of k on k ≤ 512: the exponential model fits significantly better (p = ${fmt(vuong.pSecondBetter, 2)})`,
      margin: vuong.z,
    });
    expect(r.evidence).toMatch(/^degree [\d.]+ \[/);
    expect(r.evidence).toContain(`exponential model fits better (Vuong z = ${fmt(vuong.z, 3)}, p = ${fmt(vuong.pSecondBetter, 2)}); 0 of 24 trials spurious`);
    expect(r.runs).toBe(24);
  });

  it('should pick the slowest trial at the largest k even when a smaller k has more steps in another trial', () => {
    // Exponential overall, but trial 0 at k = 256 is slower than every trial at k = 512, and at
    // k = 512 the slowest is trial 0.
    synthetic.trial = (_seed, k, trial) => {
      let steps = 2 ** (k / 16) * (trial === 0 ? 1.3 : 1);
      if (k === 256 && trial === 0) steps = 2 ** 33;
      return trialOf(k, trial, Math.round(steps));
    };
    const r = run(3);
    expect(r.verdict).toBe('refuted');
    expect(r.counterexample?.hypothesis).toEqual({ seed: 11, k: 512, trial: 0, steps: Math.round(2 ** 32 * 1.3) });
  });
});

describe('thm.polynomial-time: the 5% level and ties', () => {
  it('should not refute at p = 0.05 exactly (refuted needs p < 0.05)', () => {
    synthetic.trial = polynomial;
    synthetic.pSecondBetter = 0.05;
    const r = run(2);
    expect(r.verdict).toBe('holds');
    expect(r.evidence).toContain('exponential model does not fit better (Vuong z = ');
    synthetic.pSecondBetter = 0.049;
    const refuted = run(2);
    expect(refuted.verdict).toBe('refuted');
    expect(refuted.evidence).toContain('exponential model fits better (Vuong z = ');
  });

  it('should report the first of equally slow trials at the largest k', () => {
    synthetic.trial = (_seed, k, trial) => trialOf(k, trial, Math.round(2 ** (k / 16)));
    const r = run(3);
    expect(r.verdict).toBe('refuted');
    expect(r.counterexample?.hypothesis).toEqual({ seed: 11, k: 512, trial: 0, steps: 2 ** 32 });
  });
});

describe('thm.polynomial-time: inconclusive', () => {
  it('should say inconclusive, listing the failed trials, when a non-spurious trial misses its horizon', () => {
    synthetic.trial = (seed, k, trial) => (k === 64 && trial === 1 ? trialOf(k, trial, 64_000, false, 'undecided') : polynomial(seed, k, trial));
    const r = run(2);
    expect(r.verdict).toBe('inconclusive');
    expect(r.runs).toBe(16);
    const d = r.details as { failed: unknown[]; perK: KRow[]; degree: unknown };
    expect(d.failed).toEqual([{ k: 64, trial: 1, outcome: 'undecided', loss: 0.5, loss0: 1 }]);
    expect(d.perK.find((x) => x.k === 64)).toMatchObject({ reached: 1, spurious: 0, failed: 1 });
    expect(d.degree).toBeDefined();
    expect(r.evidence).toMatch(/^1 non-spurious trials missed L ≤ 1e-8·L_0 within T\(k\) = 1000·k; degree /);
    expect(r.evidence).not.toContain('time budget');
    expect(r.counterexample).toBeUndefined();
  });

  it('should not count a diverged trial as spurious: it is a failed one', () => {
    synthetic.trial = (seed, k, trial) => (k === 8 && trial === 0 ? trialOf(k, trial, 3, false, 'diverged') : polynomial(seed, k, trial));
    const r = run(2);
    expect(r.verdict).toBe('inconclusive');
    expect((r.details as { failed: Array<{ outcome: string }> }).failed.map((f) => f.outcome)).toEqual(['diverged']);
    expect(r.evidence).toContain('; 0 of 16 trials spurious');
  });

  it('should say inconclusive without a fit when fewer than 3 values of k have a converged trial', () => {
    synthetic.trial = (seed, k, trial) => (k >= 16 ? trialOf(k, trial, 1000 * k, false, 'spurious') : polynomial(seed, k, trial));
    const r = run(2);
    expect(r.verdict).toBe('inconclusive');
    expect(r.evidence).toBe('only 2 values of k with a converged trial (need 3 for a fit)');
    expect(r.runs).toBe(16);
    const d = r.details as Record<string, unknown>;
    expect(d.degree).toBeUndefined();
    expect((d.perK as KRow[]).filter((x) => x.median === null).map((x) => x.k)).toEqual([16, 32, 64, 128, 256, 512]);
    for (const row of (d.perK as KRow[]).filter((x) => x.median === null)) expect(row).toMatchObject({ reached: 0, q90: null, max: null });
  });

  it('should fit with exactly 3 values of k', () => {
    synthetic.trial = (seed, k, trial) => (k >= 32 ? trialOf(k, trial, 1000 * k, false, 'spurious') : polynomial(seed, k, trial));
    const r = run(2);
    expect(r.verdict).toBe('holds');
    expect((r.details as { localSlopes: unknown[] }).localSlopes).toHaveLength(2);
  });

  it('should stop sampling and say inconclusive when the time budget runs out before a fit', () => {
    synthetic.trial = polynomial;
    let clock = 0;
    vi.spyOn(performance, 'now').mockImplementation(() => (clock += 10));
    // Start at 10, each trial's check 10 ms later: the check after the 3rd trial sees 30 ms > 25 ms.
    const r = run(2, CI, 25);
    expect(r.verdict).toBe('inconclusive');
    expect(r.runs).toBe(3);
    expect(synthetic.calls).toEqual([
      [11, 4, 0],
      [11, 4, 1],
      [11, 8, 0],
    ]);
    expect(r.evidence).toBe('only 2 values of k with a converged trial (need 3 for a fit); time budget of 25 ms ran out');
  });

  it('should say inconclusive, even with a fit and no failed trial, when the time budget ran out', () => {
    synthetic.trial = polynomial;
    let clock = 0;
    vi.spyOn(performance, 'now').mockImplementation(() => (clock += 10));
    // Interrupted after the 7th trial: k = 4, 8, 16 complete, k = 32 has one trial.
    const r = run(2, CI, 65);
    expect(r.verdict).toBe('inconclusive');
    expect(r.runs).toBe(7);
    expect(r.evidence).toMatch(/^0 non-spurious trials missed L ≤ 1e-8·L_0 within T\(k\) = 1000·k; time budget of 65 ms ran out; degree /);
    expect((r.details as { failed: unknown[] }).failed).toEqual([]);
  });

  it('should not count a time exactly at the budget as running out', () => {
    synthetic.trial = polynomial;
    let clock = 0;
    vi.spyOn(performance, 'now').mockImplementation(() => (clock += 10));
    // Checks see 10, 20, 30, …: with a budget of 160 ms the 16th trial (160 ms) is not over it.
    const r = run(2, CI, 160);
    expect(r.verdict).toBe('holds');
    expect(r.runs).toBe(16);
  });
});
