/**
 * The best partial-dissipativity constants of a block on a finite set of points (THEORY.md §4):
 * given, at each point i, the inner product in_i = ⟨−∇_x L(θ_i), x* − x_i⟩ and d_i = ‖x_i − x*‖²,
 * the smallest ε at constant c is
 *
 *   ε(c) = max(0, max_i (c·d_i − in_i)),
 *
 * the largest c with ε = 0 is c₀ = min_i in_i / d_i (PD with ε = 0 only when c₀ > 0), and since every
 * (c, ε) trades c against ε, we also report the pair that says the most: PD with (c, ε) makes the
 * block move towards x* at every point farther than r = √(ε/c) from it, so the best pair is the one
 * with the smallest "PD radius"
 *
 *   r*² = min_{c > 0} ε(c)/c = min_{t > 0} max_i (d_i − t·in_i)     (t = 1/c; convex, piecewise linear).
 *
 * r* ≤ D = max_i √d_i always (let c → ∞): r* = 0 is PD with ε = 0 (c = c₀), r* = D is vacuous (no
 * pair says more than ‖x − x*‖ ≤ D, i.e. a point at the largest distance has in_i ≤ 0). The minimum
 * over t is found by ternary search on [0, t_max], t_max = min over in_i < 0 of (D² − d_i)/(−in_i)
 * (beyond it the maximum exceeds D² = its value at t = 0); 200 iterations shrink the interval by
 * (2/3)^200.
 *
 * ## Special cases
 * - Points with d_i = 0 carry no information about c and are skipped (the caller counts them).
 * - No point: RangeError.
 * - r* = D (vacuous): c and ε are null.
 */

export interface PdFrontier {
  /** Points used (d_i > 0). */
  readonly points: number;
  /** D = max √d_i. */
  readonly maxDistance: number;
  /** c₀ = min in_i/d_i: the largest c with ε = 0 when > 0 (negative: no c > 0 works at ε = 0). */
  readonly cAtZeroEpsilon: number;
  /**
   * The pair (c*, ε*) of the smallest radius, ε* = c*·r*² (c* = c₀, ε* = 0 when c₀ > 0); null when
   * the set is vacuous (r* = D: every pair needs ε ≥ c·D²).
   */
  readonly c: number | null;
  readonly epsilon: number | null;
  /** r* and the ratio r* / D ∈ [0, 1]. */
  readonly radius: number;
  readonly radiusRatio: number;
  /** Points with in_i < 0 (the block moves away from x* there). */
  readonly negative: number;
}

/** ε(c) = max(0, max_i (c·d_i − in_i)) over points with d_i > 0. */
export function epsilonAt(c: number, inner: readonly number[], distSq: readonly number[]): number {
  let eps = 0;
  for (let i = 0; i < inner.length; i++) if (distSq[i] > 0) eps = Math.max(eps, c * distSq[i] - inner[i]);
  return eps;
}

/** The frontier of a block on a set of points (module comment). */
export function pdFrontier(inner: readonly number[], distSq: readonly number[]): PdFrontier {
  if (inner.length !== distSq.length) throw new RangeError(`inner and distSq must have the same length (got ${inner.length}, ${distSq.length})`);
  const ins: number[] = [];
  const ds: number[] = [];
  for (let i = 0; i < inner.length; i++) {
    if (distSq[i] > 0) {
      ins.push(inner[i]);
      ds.push(distSq[i]);
    }
  }
  if (ins.length === 0) throw new RangeError('pdFrontier needs a point with ‖x − x*‖ > 0 (got none)');
  const d2 = Math.max(...ds);
  const maxDistance = Math.sqrt(d2);
  const cAtZeroEpsilon = Math.min(...ins.map((x, i) => x / ds[i]));
  const negative = ins.filter((x) => x < 0).length;
  const base = { points: ins.length, maxDistance, cAtZeroEpsilon, negative };
  if (cAtZeroEpsilon > 0) return { ...base, c: cAtZeroEpsilon, epsilon: 0, radius: 0, radiusRatio: 0 };
  const value = (t: number): number => {
    let m = -Infinity;
    for (let i = 0; i < ins.length; i++) m = Math.max(m, ds[i] - t * ins[i]);
    return m;
  };
  let tMax = Infinity;
  for (let i = 0; i < ins.length; i++) if (ins[i] < 0) tMax = Math.min(tMax, (d2 - ds[i]) / -ins[i]);
  if (!Number.isFinite(tMax)) {
    // Every in_i ≥ 0 with some in_i = 0: the maximum falls to max{d_i : in_i = 0} as t → ∞.
    const r2 = Math.max(...ds.filter((_, i) => ins[i] === 0));
    return { ...base, c: 0, epsilon: 0, radius: Math.sqrt(r2), radiusRatio: Math.sqrt(r2 / d2) };
  }
  let lo = 0;
  let hi = tMax;
  for (let it = 0; it < 200; it++) {
    const m1 = lo + (hi - lo) / 3;
    const m2 = hi - (hi - lo) / 3;
    if (value(m1) <= value(m2)) hi = m2;
    else lo = m1;
  }
  const t = (lo + hi) / 2;
  const r2 = Math.max(0, value(t));
  // A farthest point with in_i ≤ 0 keeps the maximum at D² for every t (relative rounding 1e-12).
  if (!(t > 0) || r2 >= d2 * (1 - 1e-12)) return { ...base, c: null, epsilon: null, radius: maxDistance, radiusRatio: 1 };
  return { ...base, c: 1 / t, epsilon: r2 / t, radius: Math.sqrt(r2), radiusRatio: Math.min(1, Math.sqrt(r2 / d2)) };
}
