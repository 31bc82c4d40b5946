/**
 * Error-free transformations and the compensated sums built on them (Ogita, Rump & Oishi 2005,
 * "Accurate sum and dot product", Algorithms Sum2 and Dot2). Each result is as accurate as if it
 * were computed in twice the working precision and then rounded:
 *
 *   |dot2(x, y) − xᵀy| ≤ u·|xᵀy| + γ²_{n}·|x|ᵀ|y|,   u = 2⁻⁵³.
 *
 * They are used where a sum may cancel (aᵀa*, 1ᵀ(a − a*)): there a plain loop loses log10 of the
 * condition number in digits, which at k = 2000 random entries is about two digits.
 */

/** Veltkamp's splitter 2^27 + 1: splits a double into two 26-bit halves. */
const SPLITTER = 134217729;

/** [a·b, its rounding error] by Dekker's TwoProduct. */
export function twoProduct(a: number, b: number): [number, number] {
  const prod = a * b;
  let t = SPLITTER * a;
  const ah = t - (t - a);
  const al = a - ah;
  t = SPLITTER * b;
  const bh = t - (t - b);
  const bl = b - bh;
  return [prod, al * bl - (((prod - ah * bh) - al * bh) - ah * bl)];
}

/** Σ_i x_i with Sum2 (TwoSum-compensated recursive summation). */
export function sum2(x: Float64Array): number {
  let s = 0;
  let c = 0;
  for (let i = 0; i < x.length; i++) {
    const xi = x[i];
    const t = s + xi;
    const z = t - s;
    c += (s - (t - z)) + (xi - z);
    s = t;
  }
  return s + c;
}

/** Σ_i (x_i − y_i) with Sum2, each difference also compensated (its rounding error is added back). */
export function sumOfDifferences2(x: Float64Array, y: Float64Array): number {
  let s = 0;
  let c = 0;
  for (let i = 0; i < x.length; i++) {
    const xi = x[i];
    const yi = -y[i];
    const d = xi + yi;
    const dz = d - xi;
    const de = (xi - (d - dz)) + (yi - dz);
    const t = s + d;
    const z = t - s;
    c += (s - (t - z)) + (d - z) + de;
    s = t;
  }
  return s + c;
}

/** xᵀy with Dot2 (Dekker's TwoProduct and TwoSum). */
export function dot2(x: Float64Array, y: Float64Array): number {
  let s = 0;
  let c = 0;
  for (let i = 0; i < x.length; i++) {
    const a = x[i];
    const b = y[i];
    const p = a * b;
    // TwoProduct(a, b) = p + ep exactly (Dekker).
    let t = SPLITTER * a;
    const ah = t - (t - a);
    const al = a - ah;
    t = SPLITTER * b;
    const bh = t - (t - b);
    const bl = b - bh;
    const ep = al * bl - (((p - ah * bh) - al * bh) - ah * bl);
    // TwoSum(s, p).
    const u = s + p;
    const z = u - s;
    c += (s - (u - z)) + (p - z) + ep;
    s = u;
  }
  return s + c;
}

/**
 * Σ_i (x_i + c)² for a shift c + cLo carried in double-double: each y_i = x_i + c + cLo is formed
 * as fl(x_i + c) plus its TwoSum error plus cLo (about 106 bits), and its square is accumulated
 * with TwoProduct and TwoSum as in Dot2, (y + yLo)² = y² + (2y + yLo)·yLo. Used for ‖e + w‖ where
 * e + w may cancel (near e + w = 0) or where ‖e + w‖'s relative error is amplified (near φ = π).
 */
export function shiftedSumOfSquares2(x: Float64Array, c: number, cLo: number): number {
  let s = 0;
  let comp = 0;
  for (let i = 0; i < x.length; i++) {
    const xi = x[i];
    const y = xi + c;
    const zy = y - c;
    const yLo = (c - (y - zy)) + (xi - zy) + cLo;
    comp += (2 * y + yLo) * yLo;
    const prod = y * y;
    const split = SPLITTER * y;
    const yh = split - (split - y);
    const yl = y - yh;
    const ep = yl * yl - (((prod - yh * yh) - yl * yh) - yh * yl);
    const t = s + prod;
    const z = t - s;
    comp += (s - (t - z)) + (prod - z) + ep;
    s = t;
  }
  return s + comp;
}
