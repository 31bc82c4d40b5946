/**
 * Constructions by angle (used to draw hypotheses by construction, not by rejection):
 * a vector at a prescribed angle φ from a unit vector, and a component orthogonal to a unit vector.
 */

/**
 * The unit vector along x − (xᵀn)n for a unit vector n, or `null` when x is (numerically) parallel
 * to n (then no orthogonal direction is defined by x).
 */
export function orthogonalUnit(x: ArrayLike<number>, n: Float64Array): Float64Array | null {
  let dot = 0;
  for (let i = 0; i < n.length; i++) dot += x[i] * n[i];
  const out = new Float64Array(n.length);
  let sq = 0;
  let xs = 0;
  for (let i = 0; i < n.length; i++) {
    out[i] = x[i] - dot * n[i];
    sq += out[i] * out[i];
    xs += x[i] * x[i];
  }
  if (!(sq > 1e-12 * xs)) return null; // also x = 0 (0 > 0 fails) and NaN
  const norm = Math.sqrt(sq);
  for (let i = 0; i < n.length; i++) out[i] /= norm;
  return out;
}

/**
 * A unit vector orthogonal to the unit vector n, derived from x when possible, else from the
 * coordinate axes (deterministically). Returns null only when n.length = 1.
 */
export function someOrthogonalUnit(x: ArrayLike<number>, n: Float64Array): Float64Array | null {
  const fromX = orthogonalUnit(x, n);
  if (fromX !== null) return fromX;
  for (let axis = 0; axis < n.length; axis++) {
    const basis = new Float64Array(n.length);
    basis[axis] = 1;
    const q = orthogonalUnit(basis, n);
    if (q !== null) return q;
  }
  return null;
}

/**
 * r·(cos φ · n + sin φ · q) for unit n ⟂ unit q: the vector of norm r at angle φ from n. With q null
 * (dimension 1) only φ ∈ {0, π} are representable: φ < π/2 gives r·n, any other φ (fl(π/2)
 * included) −r·n.
 */
export function atAngle(n: Float64Array, q: Float64Array | null, phi: number, r: number): Float64Array {
  const out = new Float64Array(n.length);
  if (q === null) {
    const sign = phi < Math.PI / 2 ? 1 : -1;
    for (let i = 0; i < n.length; i++) out[i] = sign * r * n[i];
    return out;
  }
  const c = Math.cos(phi);
  const s = Math.sin(phi);
  for (let i = 0; i < n.length; i++) out[i] = r * (c * n[i] + s * q[i]);
  return out;
}
