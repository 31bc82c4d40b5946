/**
 * A synthetic P1 experiment for the tests of the claims that compare paired P1 arms
 * (rebuttal.small-lr, rebuttal.warmup, rebuttal.init-scale): the GD trials (p1Arms) become a table
 * of outcomes and the paired comparisons can be replaced one by one, so that every branch of a
 * verdict is reached in milliseconds.
 *
 * Each test file holds its scenario in `vi.hoisted` state and builds its mocks inside the (hoisted)
 * `vi.mock` factories, which may only reach this module by a dynamic import:
 *
 *     vi.mock('../../src/experiments/p1-trial.ts', async (importOriginal) => ({
 *       ...(await importOriginal()), p1Arms: (await import('./p1-scenario.ts')).fakeP1Arms(h) }));
 */
import { vi } from 'vitest';
import type { P1Cell, P1Trial } from '../../src/experiments/p1-trial.ts';
import type { Outcome } from '../../src/optim/outcome.ts';
import type { PairedComparison } from '../../src/stats/paired-proportions.ts';

export interface P1Scenario {
  /** The synthetic trial of (arm, cellIndex, trial), or just its outcome. */
  gen: undefined | ((arm: number, cellIndex: number, trial: number) => P1Trial | string);
  /** A fake clock: p1Arms advances it by `cost` per call when set. */
  clock: undefined | { now: number; cost: number };
  /** Replaces the i-th comparison of a run (call order) when it returns one. */
  compare: undefined | ((call: number) => PairedComparison | undefined);
  /** Comparisons made since the last reset. */
  calls: number;
}

/** Clears a scenario between tests. */
export function resetP1Scenario(h: P1Scenario): void {
  h.gen = undefined;
  h.clock = undefined;
  h.compare = undefined;
  h.calls = 0;
}

/** A trial that only has an outcome (100 steps, loss 0, L_sp = 1). */
export function outcomeTrial(outcome: string): P1Trial {
  return { outcome: outcome as Outcome, steps: 100, loss: 0, phi: 0, certified: false, a0DotAStar: 1, spuriousLoss: 1 };
}

/** The trial `h.gen` gives (an outcome string becomes {@link outcomeTrial}). */
export function scenarioTrial(h: P1Scenario, arm: number, cellIndex: number, trial: number): P1Trial {
  const gen = h.gen;
  if (gen === undefined) throw new Error('no scenario');
  const t = gen(arm, cellIndex, trial);
  return typeof t === 'string' ? outcomeTrial(t) : t;
}

/** p1Arms over the scenario: every arm's `trials` trials of the cell, the clock advanced once. */
export function fakeP1Arms(h: P1Scenario) {
  return vi.fn((arms: readonly P1Cell[], _seed: number, cellIndex: number, trials: number): P1Trial[][] => {
    if (h.clock !== undefined) h.clock.now += h.clock.cost;
    return arms.map((_, arm) => Array.from({ length: trials }, (_, i) => scenarioTrial(h, arm, cellIndex, i)));
  });
}

/** comparePaired that counts its calls and returns `h.compare(call)` when set, else the real one. */
export function fakeComparePaired(h: P1Scenario, real: (first: readonly boolean[], second: readonly boolean[], level: number) => PairedComparison) {
  return vi.fn((first: readonly boolean[], second: readonly boolean[], level: number): PairedComparison => {
    const call = h.calls++;
    return h.compare?.(call) ?? real(first, second, level);
  });
}
