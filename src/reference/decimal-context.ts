/**
 * Private decimal.js contexts for the high-precision reference (CONVENTIONS.md, habit 4).
 *
 * Every constructor used by src/reference/ is a `Decimal.clone({ defaults: true, precision,
 * rounding: ROUND_HALF_EVEN, ... })`: the global `Decimal` configuration is never read or
 * written, so other modules (and mathjs) cannot change our precision and we cannot change theirs.
 *
 * ## Special cases
 * - decimal.js constructors do not round on construction (`new D('1.23456…')` keeps every
 *   digit); only operations round to `precision`. The reference relies on this for exact input
 *   conversion.
 * - The reference never calls decimal.js trigonometric functions (their π is stored to ~1025
 *   digits and `atan` is slow); π and atan come from ./series.ts.
 */
import { Decimal } from 'decimal.js';

/** The constructor type of a decimal.js clone. */
export type DecimalConstructor = Decimal.Constructor;

/** A decimal.js value (of any clone). */
export type { Decimal };

/** Default number of significant digits of reference outputs. */
export const DEFAULT_DIGITS = 40;

/** Largest accepted number of output digits. */
export const MAX_DIGITS = 5000;

/**
 * Largest working precision the adaptive evaluation may escalate to before giving up with a
 * RangeError (only adversarial inputs with thousands of digits of cancellation get there).
 */
export const MAX_WORKING_PRECISION = 20000;

function cloneWithPrecision(precision: number): DecimalConstructor {
  return Decimal.clone({
    defaults: true,
    precision,
    rounding: Decimal.ROUND_HALF_EVEN,
    toExpNeg: -7,
    toExpPos: 21,
    minE: -9e15,
    maxE: 9e15,
  });
}

/** Throws a RangeError naming `name` unless digits is an integer in [1, max]. */
export function checkDigits(digits: number, name: string, max: number): void {
  if (!Number.isSafeInteger(digits) || digits < 1 || digits > max) {
    throw new RangeError(`${name} must be an integer in [1, ${max}] (got ${digits})`);
  }
}

/**
 * A fresh private decimal.js constructor with `precision = digits` and ROUND_HALF_EVEN.
 * Reference outputs at `digits` significant digits are instances of such a constructor.
 */
export function makeReferenceContext(digits: number = DEFAULT_DIGITS): DecimalConstructor {
  checkDigits(digits, 'digits', MAX_DIGITS);
  return cloneWithPrecision(digits);
}

const workingCache = new Map<number, DecimalConstructor>();

/**
 * The shared working constructor of the given precision (cached; never mutated after creation).
 * Internal to the reference: callers must not change its configuration.
 */
export function workingContext(precision: number): DecimalConstructor {
  let ctor = workingCache.get(precision);
  if (ctor === undefined) {
    checkDigits(precision, 'working precision', MAX_WORKING_PRECISION + 64);
    if (workingCache.size > 256) workingCache.clear();
    ctor = cloneWithPrecision(precision);
    workingCache.set(precision, ctor);
  }
  return ctor;
}

/**
 * Rounds `x` to `digits` significant digits (ROUND_HALF_EVEN) as an instance of `ctor`.
 * A zero of either sign becomes +0.
 */
export function roundTo(x: Decimal, digits: number, ctor: DecimalConstructor): Decimal {
  if (x.isZero()) return new ctor(0);
  return new ctor(x.toSignificantDigits(digits, Decimal.ROUND_HALF_EVEN));
}

/**
 * A plain JSON-safe decimal string of `x` rounded to `digits` significant digits:
 * normal notation for exponents in [−6, 20], otherwise `d.ddde±N`; zero is `"0"`.
 * `Number(s)` and `new Decimal(s)` both parse it.
 */
export function formatDecimal(x: Decimal, digits: number): string {
  if (x.isZero()) return '0';
  return roundTo(x, digits, workingContext(digits)).toString();
}
