/**
 * Shared pieces of the trajectory claims: a hypothesis is a `train` spec (so every counterexample
 * replays through `shortcut-check train` as it is), run by GD on the closed-form loss.
 */
import { runTrainSpec, type TrainSpec } from '../io/train-spec.ts';
import type { DescentResult } from '../optim/descent.ts';

export type { TrainSpec };

/** Runs a GD/SGD spec (memoized per object, since fast-check's shrinker re-asks margins). */
const cache = new WeakMap<object, DescentResult>();
export function runSpec(spec: TrainSpec): DescentResult {
  let result = cache.get(spec);
  if (result === undefined) {
    result = runTrainSpec(spec);
    cache.set(spec, result);
  }
  return result;
}

/** A signed log-ratio margin: log10(bound/value), ≥ 0 iff value ≤ bound (value clipped at 1e-300). */
export function logMargin(value: number, bound: number): number {
  if (!Number.isFinite(value)) return -300;
  return Math.log10(bound) - Math.log10(Math.max(value, 1e-300));
}
