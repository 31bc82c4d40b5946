/** Full-batch gradient descent on the closed-form population loss (THEORY.md §2, §7). */
import { runDescent, type DescentResult, type DescentSpec } from './descent.ts';
import { populationOracle } from './gradient-oracle.ts';

export function gradientDescent(spec: DescentSpec): DescentResult {
  return runDescent(spec, populationOracle(spec.teacher), true);
}
