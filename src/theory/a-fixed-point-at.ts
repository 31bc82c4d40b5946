/**
 * D4's minimiser a(φ) at the angle of a given first layer w (THEORY.md §3 D4): the point the
 * frozen-w a-iteration converges to (D8), with φ = ∠(e + w, e + w*) taken from the float64 kernel
 * (π − φ to full relative precision, as {@link aFixedPoint} needs).
 */
import { lossAndGradient, newLossState } from '../model/population-loss.ts';
import type { Teacher } from '../model/teacher.ts';
import { aFixedPoint } from './a-fixed-point.ts';

/** a(φ) for φ = ∠(e + w, e + w*). Throws a RangeError when w has the wrong length or e + w = 0. */
export function aFixedPointAt(t: Teacher, w: ArrayLike<number>): Float64Array {
  const state = newLossState();
  lossAndGradient(t, Float64Array.from(w), new Float64Array(t.k), new Float64Array(t.p), new Float64Array(t.k), state);
  return aFixedPoint(state.piMinusPhi, t.aStar, t.aStarSum);
}
