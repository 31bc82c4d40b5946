/**
 * Greedy shrinking with fast-check's own shrinkers: from a failing value (with the context its
 * arbitrary produced), repeatedly move to the first shrink candidate that still fails, until none
 * does or the evaluation budget ends. This is fast-check's strategy, applied to values our targeted
 * search found outside `fc.check`.
 */
import type fc from 'fast-check';

export interface ShrinkResult<T> {
  readonly value: T;
  readonly margin: number;
  readonly steps: number;
  readonly evaluations: number;
}

export function shrinkFailure<T>(
  arb: fc.Arbitrary<T>,
  value: T,
  context: unknown,
  margin: (h: T) => number,
  budget: { evaluations: number; deadline: number },
): ShrinkResult<T> {
  let current = { value, context };
  let currentMargin = margin(value);
  let steps = 0;
  let evaluations = 0;
  let improved = true;
  while (improved && evaluations < budget.evaluations && performance.now() < budget.deadline) {
    improved = false;
    for (const candidate of arb.shrink(current.value, current.context)) {
      if (evaluations >= budget.evaluations || performance.now() >= budget.deadline) break;
      evaluations++;
      const m = margin(candidate.value);
      if (m < 0) {
        current = { value: candidate.value, context: candidate.context };
        currentMargin = m;
        steps++;
        improved = true;
        break;
      }
    }
  }
  return { value: current.value, margin: currentMargin, steps, evaluations };
}
