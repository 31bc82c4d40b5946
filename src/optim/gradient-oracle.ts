/**
 * A gradient oracle writes a descent direction for (w, a) into caller buffers, fills the
 * population-loss state at (w, a) (used for early stopping, recording and classification), and
 * returns the population loss L(w, a).
 *
 * - {@link populationOracle}: the exact closed-form gradient (GD). It carries its teacher, so that
 *   {@link ./descent.ts} can run it as the fused kernel of ../model/population-loss.ts (the same
 *   arithmetic, bit for bit, in fewer passes over the vectors).
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

/** The closed-form oracle, marked with its teacher. */
export interface PopulationOracle extends GradientOracle {
  readonly populationTeacher: Teacher;
}

/** The closed-form population gradient of THEORY.md §2. */
export function populationOracle(teacher: Teacher): PopulationOracle {
  const oracle: GradientOracle = (w, a, gradW, gradA, state) => lossAndGradient(teacher, w, a, gradW, gradA, state);
  return Object.assign(oracle, { populationTeacher: teacher });
}

/** Whether `oracle` is the closed-form oracle of `teacher`. */
export function isPopulationOracleOf(oracle: GradientOracle, teacher: Teacher): oracle is PopulationOracle {
  return (oracle as Partial<PopulationOracle>).populationTeacher === teacher;
}
