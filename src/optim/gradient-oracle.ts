/**
 * A gradient oracle writes a descent direction for (w, a) into caller buffers, fills the
 * population-loss state at (w, a) (used for early stopping, recording and classification), and
 * returns the population loss L(w, a).
 *
 * - {@link populationOracle}: the exact closed-form gradient (GD).
 * - SGD's oracle lives in {@link ./stochastic-oracle.ts}: a fresh Gaussian batch per step.
 */
import { lossAndGradient, type LossState } from '../model/population-loss.ts';
import type { Teacher } from '../model/teacher.ts';

export type GradientOracle = (
  w: Float64Array,
  a: Float64Array,
  gradW: Float64Array,
  gradA: Float64Array,
  state: LossState,
  step: number,
) => number;

/** The closed-form population gradient of THEORY.md §2. */
export function populationOracle(teacher: Teacher): GradientOracle {
  return (w, a, gradW, gradA, state) => lossAndGradient(teacher, w, a, gradW, gradA, state);
}
