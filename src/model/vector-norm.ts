/**
 * Euclidean norms that neither overflow nor underflow: ‖x‖ = m·‖x/m‖ with m = max|x_i| when the
 * plain sum of squares leaves the normal range. The plain path is one pass; sums of squares do
 * not cancel, so recursive summation is accurate to (n·u) relative in the worst case.
 */

/** Sums of squares outside [TINY, HUGE] are recomputed with scaling. */
const TINY = 1e-280;
const HUGE = 1e280;

/** ‖x‖₂. */
export function scaledNorm(x: Float64Array): number {
  return shiftedNorm(x, 0);
}

/** ‖x + c·1‖₂ for a scalar shift c (so ‖e + w‖ = shiftedNorm(w, 1/√p) needs no buffer). */
export function shiftedNorm(x: Float64Array, c: number): number {
  let ss = 0;
  for (let i = 0; i < x.length; i++) {
    const y = x[i] + c;
    ss += y * y;
  }
  if (ss > TINY && ss < HUGE) return Math.sqrt(ss);
  let m = 0;
  for (let i = 0; i < x.length; i++) m = Math.max(m, Math.abs(x[i] + c));
  if (m === 0 || !Number.isFinite(m)) return m;
  ss = 0;
  for (let i = 0; i < x.length; i++) {
    const y = (x[i] + c) / m;
    ss += y * y;
  }
  return m * Math.sqrt(ss);
}
