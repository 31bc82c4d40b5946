/**
 * thm.polynomial-time — rebuttal l. 56–58 (protocol P3).
 * "We show that GD converge to the global optimum in polynomial time, but the degree of the
 * polynomial may not be tight": the steps to L ≤ 1e-8·L_0 (k = p, s = 0.5, α = β = 1, ball
 * initialization) stay within T(k) = 1000·k and are not fitted significantly better by an
 * exponential model; the degree is the log–log slope with a 95% CI. Verdict rule:
 * src/claims/thm.polynomial-time.ts.
 */
import { describe, expect, it } from 'vitest';
import { CI_SEED } from '../src/config/profile.ts';
import { P3_DEFAULTS, p3Horizon, p3Problem, p3TrainSpec, p3Trial } from '../src/experiments/p3-iterations.ts';
import { runTrainSpec } from '../src/io/train-spec.ts';
import { evaluate } from '../src/model/population-loss.ts';
import { gradientDescent } from '../src/optim/gradient-descent.ts';
import { itReachesRegistryVerdict } from './claim-harness.ts';

describe('thm.polynomial-time', () => {
  itReachesRegistryVerdict('thm.polynomial-time');

  it('should count the first step at which L ≤ 1e-8·L_0 (one step fewer is still above)', () => {
    const trial = p3Trial(CI_SEED, 16, 0);
    expect(trial.reached).toBe(true);
    expect(trial.steps).toBeLessThanOrEqual(p3Horizon(16));
    const problem = p3Problem(CI_SEED, 16, 0);
    const before = gradientDescent({ ...problem, steps: trial.steps - 1, lossTarget: 0 });
    expect(before.loss).toBeGreaterThan(P3_DEFAULTS.relativeTarget * trial.loss0);
    expect(trial.loss).toBeLessThanOrEqual(P3_DEFAULTS.relativeTarget * trial.loss0);
    expect(evaluate(problem.teacher, problem.w0, problem.a0).loss).toBe(trial.loss0);
  });

  it('should replay a trial through its train spec to the global optimum', () => {
    const r = runTrainSpec(p3TrainSpec(CI_SEED, 8, 1));
    expect(r.outcome).toBe('global');
  });
});
