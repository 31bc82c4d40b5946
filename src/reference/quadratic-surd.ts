/**
 * Exact numbers of the form  x = A + B·s,  s = 1/√p,  with A, B exact decimal fractions
 * (./scaled.ts). Every polynomial in the entries of u = e + w and u* = e + w* (e = s·1) is of
 * this form after multiplying by a power of p, because s² = 1/p. So ‖u‖², uᵀu*, the Gram
 * determinant ‖u‖²‖u*‖² − (uᵀu*)² and the components of ‖u‖²u* − (uᵀu*)u are known exactly, and
 * their zeros and signs are decided exactly (./population-loss.ts, THEORY.md §2).
 *
 * Zero test: if p = m² is a perfect square, s = 1/m and x = 0 ⇔ mA + B = 0. Otherwise s is
 * irrational and x = 0 ⇔ A = B = 0.
 *
 * Evaluation: the only rounding-sensitive step is the one sum A + B·s. It is evaluated in BigInt
 * with adaptive precision (Ziv's strategy): s is rounded to wp digits, A + B·s_wp is exact, the
 * cancellation c = log10(max(|A|, |Bs|)/|A + Bs|) is bounded from bit lengths, and wp is raised
 * by c until the result has the requested relative accuracy. It terminates because x ≠ 0 is
 * decided exactly beforehand. For square p, x = (mA + B)/m is one exact sum and one division.
 */
import type { Decimal } from 'decimal.js';
import { MAX_WORKING_PRECISION, workingContext } from './decimal-context.ts';
import { isqrt } from './fixed-point.ts';
import {
  add,
  digitCount,
  isZero,
  log10Bounds,
  mul,
  mulInt,
  pow10,
  roundScaled,
  type Scaled,
  sign,
  toDecimal,
} from './scaled.ts';

/** The field Q(1/√p): p, and m = √p when p is a perfect square (else 0). */
export interface SurdField {
  readonly p: number;
  readonly m: number;
}

/** The exact number A + B/√p. */
export interface Surd {
  readonly a: Scaled;
  readonly b: Scaled;
}

/** The field for patch dimension p ≥ 1. */
export function makeSurdField(p: number): SurdField {
  const r = Math.round(Math.sqrt(p));
  return { p, m: r * r === p ? r : 0 };
}

/** For square p: the exact value m·x = mA + B. */
function scaledBySqrt(x: Surd, m: number): Scaled {
  return add(mulInt(x.a, BigInt(m)), x.b);
}

/** Exact sign of A + B/√p: −1, 0 or 1. */
export function surdSign(x: Surd, field: SurdField): -1 | 0 | 1 {
  if (field.m > 0) return sign(scaledBySqrt(x, field.m));
  const sa = sign(x.a);
  const sb = sign(x.b);
  if (sb === 0) return sa;
  if (sa === 0 || sa === sb) return sb;
  // Opposite signs: |A| vs |B|/√p, i.e. p·A² vs B².
  const lhs = mulInt(mul(x.a, x.a), BigInt(field.p));
  const rhs = mul(x.b, x.b);
  const c = sign(add(lhs, { n: -rhs.n, e: rhs.e }));
  return c > 0 ? sa : c < 0 ? sb : 0;
}

/** Whether A + B/√p is exactly zero. */
export function surdIsZero(x: Surd, field: SurdField): boolean {
  return surdSign(x, field) === 0;
}

const invSqrtCache = new Map<string, Scaled>();

/** 1/√p with at least `digits` correct significant digits (truncated; cached per (p, digits)). */
export function invSqrtScaled(p: number, digits: number): Scaled {
  const key = `${p}:${digits}`;
  let value = invSqrtCache.get(key);
  if (value === undefined) {
    // 1/√p = √(10^{2F}/p) · 10^{−F}; F makes the integer root have ≥ digits + 2 digits.
    const f = digits + 2 + Math.ceil(Math.log10(Math.sqrt(p)));
    value = { n: isqrt(pow10(2 * f) / BigInt(p)), e: -f };
    if (invSqrtCache.size > 1024) invSqrtCache.clear();
    invSqrtCache.set(key, value);
  }
  return value;
}

/** x / m for a positive integer m, truncated to at least `digits` + 2 significant digits. */
function divideByInteger(x: Scaled, m: number, digits: number): Scaled {
  if (m === 1) return x;
  const have = digitCount(x.n);
  const shift = Math.max(0, digits + 3 + String(m).length - have);
  return { n: (x.n * pow10(shift)) / BigInt(m), e: x.e - shift };
}

/**
 * A + B/√p with relative error below 10^(−1−precision) and about precision + 2 significant
 * digits (exact zeros give exactly 0), in BigInt arithmetic: the rounded s = 1/√p is multiplied
 * exactly, the sum is exact, and the cancellation is bounded from bit lengths.
 * @throws RangeError when the working precision it needs, precision + c + 10 with c the digits
 * cancelled (bounded from above by the terms' and the sum's log10 bounds, plus 1), exceeds
 * MAX_WORKING_PRECISION.
 */
export function evaluateSurdScaled(x: Surd, field: SurdField, precision: number): Scaled {
  if (field.m > 0) return divideByInteger(scaledBySqrt(x, field.m), field.m, precision);
  if (isZero(x.b)) return roundScaled(x.a, precision + 2);
  if (isZero(x.a)) return roundScaled(mul(x.b, invSqrtScaled(field.p, precision + 4)), precision + 2);
  // A, B ≠ 0 and p not a square: A + B/√p is irrational, never 0.
  const boundA = log10Bounds(x.a);
  let wp = precision + 5;
  for (;;) {
    const termB = mul(x.b, invSqrtScaled(field.p, wp));
    const value = add(x.a, termB);
    const boundV = log10Bounds(value);
    const boundB = log10Bounds(termB);
    if (boundV !== null && boundA !== null && boundB !== null) {
      const cancelled = Math.ceil(Math.max(boundA.hi, boundB.hi) - boundV.lo) + 1;
      if (wp >= precision + cancelled + 3) return roundScaled(value, precision + 2);
      wp = precision + cancelled + 10;
    } else {
      wp *= 2;
    }
    if (wp > MAX_WORKING_PRECISION) {
      throw new RangeError(
        `reference: A + B/√p cancels beyond ${MAX_WORKING_PRECISION} digits (p = ${field.p})`,
      );
    }
  }
}

/**
 * A + B/√p rounded to `precision` significant digits (relative error below 10^(1−precision)) as
 * an instance of `workingContext(precision)`. Exact zeros give exactly 0.
 */
export function evaluateSurd(x: Surd, field: SurdField, precision: number): Decimal {
  const ctor = workingContext(precision);
  const value = evaluateSurdScaled(x, field, precision);
  return value.n === 0n ? new ctor(0) : toDecimal(roundScaled(value, precision), ctor);
}
