/**
 * Mini-batch SGD's oracle (THEORY.md §7 P4): every step draws a fresh Gaussian batch of size B and
 * returns the exact gradient of the batch loss L_B = (1/2B) Σ_i (f(Z_i; w, a) − y_i)² (σ'(0) = 0).
 * The population loss at (w, a) is evaluated alongside (O(k + p), small next to the O(B·k·p) batch)
 * for early stopping, recording and classification.
 */
import { allocateGaussianBatch, fillGaussianBatch } from '../model/gaussian-batch.ts';
import { lossAndGradient } from '../model/population-loss.ts';
import { batchLossAndGradient, newSampleModelScratch } from '../model/sample-model.ts';
import type { Teacher } from '../model/teacher.ts';
import type { Rng } from '../random/rng.ts';
import type { GradientOracle } from './gradient-oracle.ts';

export function stochasticOracle(teacher: Teacher, batchSize: number, rng: Rng): GradientOracle {
  const batch = allocateGaussianBatch(batchSize, teacher.k, teacher.p);
  const scratch = newSampleModelScratch(teacher.p, teacher.k);
  const populationGradW = new Float64Array(teacher.p);
  const populationGradA = new Float64Array(teacher.k);
  return (w, a, gradW, gradA, state) => {
    const loss = lossAndGradient(teacher, w, a, populationGradW, populationGradA, state);
    fillGaussianBatch(rng, batch);
    batchLossAndGradient(teacher, batch, w, a, gradW, gradA, scratch);
    return loss;
  };
}
