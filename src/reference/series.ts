/**
 * Transcendental functions for the reference, by power series (decimal.js's own trigonometric
 * functions are not used: its π is stored to ~1025 digits and its `atan` takes ~2 ms at 70
 * digits). Inner loops run in BigInt fixed point (./fixed-point.ts) with F = precision + 12
 * digits; arguments and results are decimal.js values.
 *
 * - arctan y = y · Σ_{n≥0} (−1)^n y^{2n}/(2n+1), after the halving reduction
 *   arctan y = 2 arctan(y / (1 + √(1 + y²))) until y ≤ 1/32, and arctan y = π/2 − arctan(1/y)
 *   for y > 1. Writing the series as y times a factor in [0.99, 1] keeps full relative precision
 *   for tiny y (e.g. φ ≈ 1e−300).
 * - π = 16 arctan(1/5) − 4 arctan(1/239) (Machin), cached at the highest precision computed.
 * - q(x) = sin x − x cos x = x³ · Σ_{n≥1} (−1)^{n+1} 2n x^{2n−2}/(2n+1)!  (THEORY.md §2
 *   "Numerics"), used for x < 1/2 where the direct form loses digits to cancellation; the factor
 *   lies in [0.32, 1/3].
 *
 * Every series is alternating with terms decreasing in magnitude, so stopping at the first term
 * that is 0 in fixed point bounds the truncation error by 10^−F. With at most a few hundred
 * truncating operations the absolute error of each factor is below 10^(3−F), i.e. relative error
 * below 10^(5−F) since every factor computed in fixed point is ≥ 1/64.
 */
import type { Decimal } from 'decimal.js';
import { workingContext } from './decimal-context.ts';
import { divFixed, fromFixedPoint, mulFixed, sqrtFixed, toFixedPoint } from './fixed-point.ts';
import { pow10 } from './scaled.ts';

/** Guard digits of the fixed-point inner loops. */
const GUARD = 12;

/** Σ_{n≥0} (−1)^n z^n/(2n+1) in fixed point, for 0 ≤ z ≤ 1/25 (z = y²). */
function atanFactor(z: bigint, f: number): bigint {
  let power = pow10(f);
  let total = power;
  for (let n = 1; ; n++) {
    power = mulFixed(power, z, f);
    if (power === 0n) return total;
    const term = power / BigInt(2 * n + 1);
    total = n % 2 === 1 ? total - term : total + term;
  }
}

/** arctan(1/m) in fixed point for an integer m ≥ 5. */
function atanInverse(m: number, f: number): bigint {
  const one = pow10(f);
  const y = one / BigInt(m);
  return (y * atanFactor(one / BigInt(m * m), f)) / one;
}

let piFixed = 0n;
let piFixedDigits = 0;

/** π to `precision` significant digits (Machin's formula; cached). */
export function piAt(precision: number): Decimal {
  const f = precision + GUARD;
  if (piFixedDigits < f) {
    piFixed = 16n * atanInverse(5, f) - 4n * atanInverse(239, f);
    piFixedDigits = f;
  }
  const ctor = workingContext(precision);
  const scaled = piFixed / pow10(piFixedDigits - f);
  return fromFixedPoint(scaled, f, ctor).toSignificantDigits(precision);
}

/**
 * arctan y for y ≥ 0, to `precision` significant digits (relative error ≲ 1 ulp), as an
 * instance of `workingContext(precision)`.
 */
export function atanNonNegative(y: Decimal, precision: number): Decimal {
  const out = workingContext(precision);
  if (y.isZero()) return new out(0);
  if (y.isNeg()) throw new RangeError(`atanNonNegative needs y ≥ 0 (got ${y.toString()})`);
  const f = precision + GUARD;
  const ctor = workingContext(f);
  const reciprocal = y.gt(1);
  const x = reciprocal ? new ctor(1).div(y) : y;
  let result: Decimal;
  if (x.lte(1 / 32)) {
    // No reduction: arctan x = x · factor(x²) keeps relative precision for tiny x.
    result = x.times(fromFixedPoint(atanFactor(toFixedPoint(x.times(x), f), f), f, ctor));
    if (reciprocal) result = piAt(f).div(2).minus(result);
  } else {
    // 1/32 < x ≤ 1: everything in fixed point (absolute error ≈ relative error here).
    const one = pow10(f);
    let xf = toFixedPoint(x, f);
    let doublings = 0;
    const limit = one / 32n;
    while (xf > limit) {
      xf = divFixed(xf, one + sqrtFixed(one + mulFixed(xf, xf, f), f), f);
      doublings++;
    }
    let atanF = mulFixed(xf, atanFactor(mulFixed(xf, xf, f), f), f) << BigInt(doublings);
    if (reciprocal) atanF = toFixedPoint(piAt(f), f) / 2n - atanF;
    result = fromFixedPoint(atanF, f, ctor);
  }
  return new out(result.toSignificantDigits(precision));
}

/** Σ_{n≥1} (−1)^{n+1} 2n z^{n−1}/(2n+1)! in fixed point, for 0 ≤ z ≤ 1/4 (z = x²). */
function sinMinusXCosFactor(z: bigint, f: number): bigint {
  // power_n = z^{n−1}/(2n+1)!, term_n = 2n · power_n.
  let power = pow10(f) / 6n;
  let total = 2n * power;
  for (let n = 2; ; n++) {
    power = mulFixed(power, z, f) / BigInt(2 * n * (2 * n + 1));
    if (power === 0n) return total;
    const term = BigInt(2 * n) * power;
    total = n % 2 === 0 ? total - term : total + term;
  }
}

/**
 * q(x) = sin x − x cos x for 0 ≤ x ≤ π/2, given sin x and cos x to working precision (they are
 * algebraic in the model, see ./angle.ts). For x < 1/2 the series is used (no cancellation);
 * above, the direct form loses at most log10(25) ≈ 1.4 digits.
 */
export function sinMinusXCos(x: Decimal, sinX: Decimal, cosX: Decimal, precision: number): Decimal {
  const out = workingContext(precision);
  const f = precision + GUARD;
  const ctor = workingContext(f);
  const xw = new ctor(x);
  if (xw.isZero()) return new out(0);
  if (xw.gte(0.5)) {
    return new out(new ctor(sinX).minus(xw.times(cosX)).toSignificantDigits(precision));
  }
  const x2 = xw.times(xw);
  const factor = sinMinusXCosFactor(toFixedPoint(x2, f), f);
  return new out(x2.times(xw).times(fromFixedPoint(factor, f, ctor)).toSignificantDigits(precision));
}
