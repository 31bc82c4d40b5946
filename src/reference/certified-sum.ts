/**
 * Sums whose terms are each known to relative error below 10^(ERROR_EXPONENT − P) at working
 * precision P, with a bound on the relative error of the sum:
 *
 *   |error| ≤ Σ|t_i| · 10^(ERROR_EXPONENT − P) ≤ |Σ t_i| · 10^(c + ERROR_EXPONENT − P),
 *   c = log10(n · max|t_i| / |Σ t_i|)   (the digits lost to cancellation, n terms).
 *
 * The caller asks for relative error ≤ 10^(−target) and receives the number of digits P is short
 * by (`deficit` ≤ 0 when satisfied). An exactly-zero sum of exactly-zero terms is certified;
 * a computed zero from non-zero terms is not (the caller must raise P).
 *
 * Two forms: decimal.js terms (the sum is rounded once more at P, inside the same budget), and
 * exact BigInt terms (./scaled.ts: products of exact inputs with constants rounded to P digits,
 * summed exactly).
 */
import type { Decimal } from 'decimal.js';
import { add, log10Bounds, type Scaled, ZERO } from './scaled.ts';

/**
 * Relative error, in units of 10^−P, allowed for each well-conditioned term: a chain of a few
 * dozen correctly rounded operations (≤ 1 ulp = 10^(1−P) each) and the series of ./series.ts
 * stays far below 10^4 · 10^−P.
 */
export const ERROR_EXPONENT = 4;

export interface Certified<T> {
  readonly value: T;
  /** Digits of working precision missing for the requested accuracy (≤ 0: certified). */
  readonly deficit: number;
}

/** Σ terms (decimal.js values of the working constructor) with its certificate at precision P. */
export function certifiedSum(terms: readonly Decimal[], precision: number, target: number): Certified<Decimal> {
  let value = terms[0];
  for (let i = 1; i < terms.length; i++) value = value.plus(terms[i]);
  let maxExponent = -Infinity;
  for (const t of terms) if (!t.isZero() && t.e > maxExponent) maxExponent = t.e;
  if (maxExponent === -Infinity) return { value, deficit: -Infinity };
  if (value.isZero()) return { value, deficit: precision };
  const cancelled = maxExponent + 1 + Math.ceil(Math.log10(terms.length)) - value.e;
  return { value, deficit: cancelled + ERROR_EXPONENT - precision + target };
}

/** Σ terms (exact BigInt values) with its certificate at precision P. */
export function certifiedScaledSum(terms: readonly Scaled[], precision: number, target: number): Certified<Scaled> {
  let value = ZERO;
  let maxHi = -Infinity;
  for (const t of terms) {
    value = add(value, t);
    const b = log10Bounds(t);
    if (b !== null && b.hi > maxHi) maxHi = b.hi;
  }
  if (maxHi === -Infinity) return { value, deficit: -Infinity };
  const bv = log10Bounds(value);
  if (bv === null) return { value, deficit: precision };
  const cancelled = Math.ceil(maxHi + Math.log10(terms.length) - bv.lo);
  return { value, deficit: cancelled + ERROR_EXPONENT - precision + target };
}
