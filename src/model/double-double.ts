/**
 * Double-double arithmetic (Dekker 1971; the algorithms of Hida, Li & Bailey's QD library): a
 * value is an unevaluated sum hi + lo of two doubles with |lo| ≤ ulp(hi)/2, about 106 bits. Each
 * operation below is accurate to a few units of 2⁻¹⁰⁶ relative (the "accurate" variants: both
 * parts of both operands are added with TwoSum).
 *
 * Used where a double result is the small difference of large terms and must still be correct to
 * its last bit ({@link ./a-gradient-double-double.ts}); the hot kernels use the fused, allocation-free
 * compensated sums of ./compensated-sum.ts instead. These return fresh pairs: clearer, and the
 * callers run rarely.
 */
import { twoProduct } from './compensated-sum.ts';

/** hi + lo, |lo| ≤ ulp(hi)/2. */
export type DoubleDouble = readonly [hi: number, lo: number];

/** [a + b, its rounding error] by Knuth's TwoSum. */
export function twoSum(a: number, b: number): DoubleDouble {
  const s = a + b;
  const z = s - a;
  return [s, (a - (s - z)) + (b - z)];
}

export function add(x: DoubleDouble, y: DoubleDouble): DoubleDouble {
  const [s, e] = twoSum(x[0], y[0]);
  const [t, f] = twoSum(x[1], y[1]);
  const [s2, e2] = twoSum(s, e + t);
  return twoSum(s2, e2 + f);
}

export function negate(x: DoubleDouble): DoubleDouble {
  return [-x[0], -x[1]];
}

export function subtract(x: DoubleDouble, y: DoubleDouble): DoubleDouble {
  return add(x, negate(y));
}

export function multiply(x: DoubleDouble, y: DoubleDouble): DoubleDouble {
  const [p, e] = twoProduct(x[0], y[0]);
  return twoSum(p, e + (x[0] * y[1] + x[1] * y[0]));
}

/** x / y: the quotient of the high parts, then one correction with the remainder x − q·y in double-double. */
export function divide(x: DoubleDouble, y: DoubleDouble): DoubleDouble {
  const q1 = x[0] / y[0];
  const r = subtract(x, multiply([q1, 0], y));
  const q2 = r[0] / y[0];
  const r2 = subtract(r, multiply([q2, 0], y));
  return add(twoSum(q1, q2), [r2[0] / y[0], 0]);
}

/** √x for x ≥ 0: the double root, then one Newton step with the residual x − s² in double-double. */
export function sqrt(x: DoubleDouble): DoubleDouble {
  if (!(x[0] > 0)) return [x[0] === 0 ? 0 : NaN, 0];
  const s = Math.sqrt(x[0]);
  const residual = subtract(x, multiply([s, 0], [s, 0]));
  return twoSum(s, residual[0] / (2 * s));
}

/** x·f for a power of two f: exact, barring overflow and underflow. */
export function scale(x: DoubleDouble, factor: number): DoubleDouble {
  return [x[0] * factor, x[1] * factor];
}

/** π to about 106 bits: fl(π) and π − fl(π). */
export const PI: DoubleDouble = [Math.PI, 1.2246467991473532e-16];

/**
 * sin x and cos x for a double x ∈ [0, 3.2] (which holds [0, π]), by their Taylor series in
 * double-double: sin x = Σ (−1)ⁿ x^{2n+1}/(2n+1)!, cos x = Σ (−1)ⁿ x^{2n}/(2n)!. At x = 3.2 the
 * terms fall below 1e-34 by n = 24 (3.2⁴⁸/48! ≈ 2e-37), and the largest term is 3.2³/6 ≈ 5.5, so
 * the sums are accurate to about 1e-31 absolute.
 */
export function sinCos(x: number): { sin: DoubleDouble; cos: DoubleDouble } {
  if (!(x >= 0 && x <= 3.2)) throw new RangeError(`sinCos needs x in [0, 3.2] (got ${x})`);
  const x2 = multiply([x, 0], [x, 0]);
  let sinTerm: DoubleDouble = [x, 0];
  let cosTerm: DoubleDouble = [1, 0];
  let sin: DoubleDouble = sinTerm;
  let cos: DoubleDouble = cosTerm;
  for (let n = 1; n <= 24; n++) {
    // term_n = −term_{n−1}·x²/((2n)(2n+1)) for sin, /((2n−1)(2n)) for cos.
    sinTerm = divide(multiply(sinTerm, x2), [-(2 * n) * (2 * n + 1), 0]);
    cosTerm = divide(multiply(cosTerm, x2), [-(2 * n - 1) * (2 * n), 0]);
    sin = add(sin, sinTerm);
    cos = add(cos, cosTerm);
  }
  return { sin, cos };
}
