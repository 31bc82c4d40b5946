/**
 * rebuttal.sgd-large-batch — rebuttal l. 6–7 (protocol P4).
 * "Our analysis can be extended to mini-batch SGD when the batch size is large. We can show its
 * convergence": with B ≥ 256 SGD ends global whenever GD from the same start does, and the loss at
 * step τ = 100 falls with B (Page's test, one-sided 5%). Formalization, and why the final loss is
 * not the statistic: src/claims/rebuttal.sgd-large-batch.ts.
 */
import { describe, expect, it } from 'vitest';
import { CI_SEED } from '../src/config/profile.ts';
import { P4_DEFAULTS, p4Run, p4TrainSpec } from '../src/experiments/p4-sgd.ts';
import { gaussianBatch } from '../src/model/gaussian-batch.ts';
import { evaluateBatch } from '../src/model/sample-model.ts';
import { makeTeacher } from '../src/model/teacher.ts';
import { Rng } from '../src/random/rng.ts';
import { itReachesRegistryVerdict } from './claim-harness.ts';

describe('rebuttal.sgd-large-batch', () => {
  itReachesRegistryVerdict('rebuttal.sgd-large-batch');

  it('should have no batch-gradient noise at the optimum (realizable teacher): why the final loss cannot rank B', () => {
    const spec = p4TrainSpec(CI_SEED, 0, 16);
    const t = makeTeacher(Float64Array.from(spec.wStar), Float64Array.from(spec.aStar));
    const batch = gaussianBatch(new Rng(1), 64, t.k, t.p);
    const e = evaluateBatch(t, batch, t.wStar, t.aStar);
    expect(e.loss).toBe(0);
    expect(e.gradW.every((x) => x === 0)).toBe(true);
    expect(e.gradA.every((x) => x === 0)).toBe(true);
  });

  it('should start every batch size and GD from the same point, with independent batch streams', () => {
    const gd = p4TrainSpec(CI_SEED, 3, undefined);
    const sgd = p4TrainSpec(CI_SEED, 3, 64);
    expect(sgd.a0).toEqual(gd.a0);
    expect(sgd.wStar).toEqual(gd.wStar);
    expect(gd.batch).toBeUndefined();
    expect(sgd.seed).not.toBe(p4TrainSpec(CI_SEED, 3, 256).seed);
  });

  it('should replay a short SGD run exactly (a pure function of seed, trial and B)', () => {
    const o = { ...P4_DEFAULTS, steps: 20, checkpoint: 10 };
    const first = p4Run(CI_SEED, 0, 16, o);
    expect(p4Run(CI_SEED, 0, 16, o)).toEqual(first);
    expect(first.lossAtCheckpoint).toBeLessThan(first.loss0);
    expect(first.stoppedBeforeCheckpoint).toBe(false);
  });
});
