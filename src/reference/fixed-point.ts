/**
 * Decimal fixed-point kernels on BigInt: a value x is held as the integer round(x · 10^F).
 * Used by ./series.ts for the inner loops of power series and by {@link sqrtDecimal}, where
 * decimal.js's general-purpose operations cost microseconds each (its `sqrt` ~85 µs and `atan`
 * ~2 ms at 70 digits). Products and quotients truncate, so each operation adds at most one unit
 * of 10^−F of absolute error; callers keep F well above the digits they need.
 */
import type { Decimal } from 'decimal.js';
import { pow10 } from './scaled.ts';

/** round(x · 10^F) for a decimal.js value x with |x| < 10^6 (uses x's rounding mode). */
export function toFixedPoint(x: Decimal, f: number): bigint {
  const text = x.toFixed(f);
  const point = text.indexOf('.');
  return BigInt(point < 0 ? text : text.slice(0, point) + text.slice(point + 1));
}

/** x / 10^F as an exact instance of `ctor`. */
export function fromFixedPoint(x: bigint, f: number, ctor: Decimal.Constructor): Decimal {
  return new ctor(x === 0n ? '0' : `${x}e-${f}`);
}

/** x·y / 10^F, truncated. */
export function mulFixed(x: bigint, y: bigint, f: number): bigint {
  return (x * y) / pow10(f);
}

/** x·10^F / y, truncated. */
export function divFixed(x: bigint, y: bigint, f: number): bigint {
  return (x * pow10(f)) / y;
}

/** Number of bits of a positive BigInt. */
export function bitLength(n: bigint): number {
  return n.toString(16).length * 4 - (Math.clz32(Number.parseInt(n.toString(16)[0], 16)) - 28);
}

/** ⌊√n⌋ for n ≥ 0 (Newton's iteration from above, seeded by a double estimate). */
export function isqrt(n: bigint): bigint {
  if (n < 0n) throw new RangeError(`isqrt needs n ≥ 0 (got ${n})`);
  if (n < 2n) return n;
  const bits = bitLength(n);
  let x: bigint;
  if (bits <= 1000) {
    // A double estimate, rounded up generously so that the iteration starts above √n.
    x = BigInt(Math.ceil(Math.sqrt(Number(n)) * (1 + 2 ** -40))) + 1n;
  } else {
    const shift = BigInt(bits - 104) & ~1n;
    const top = Math.sqrt(Number(n >> shift)) * (1 + 2 ** -40);
    x = (BigInt(Math.ceil(top)) + 1n) << (shift / 2n);
  }
  for (;;) {
    const y = (x + n / x) >> 1n;
    if (y >= x) return x;
    x = y;
  }
}

/** ⌊√x · 10^F⌋ for a fixed-point x ≥ 0. */
export function sqrtFixed(x: bigint, f: number): bigint {
  return isqrt(x * pow10(f));
}

/**
 * √x for a finite x ≥ 0, correctly rounded to `precision` significant digits in ctor's rounding
 * mode (half-even in every working context), as an instance of `ctor`: the truncated root has at
 * least precision + 3 digits, and a sticky digit 1 is appended when it is inexact, so that a
 * truncated …500 is not taken for a tie. Exact input digits are used (no pre-rounding).
 */
export function sqrtDecimal(x: Decimal, precision: number, ctor: Decimal.Constructor): Decimal {
  if (x.isZero()) return new ctor(0);
  if (x.isNeg()) throw new RangeError(`sqrt needs x ≥ 0 (got ${x.toString()})`);
  const text = x.toExponential();
  const match = /^(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(text);
  if (match === null) throw new RangeError(`sqrt: unexpected decimal form ${text}`);
  const fraction = match[2] ?? '';
  const digits = match[1] + fraction;
  // x = n · 10^e with n = digits.
  const e = Number(match[3]) - fraction.length;
  let shift = Math.max(0, 2 * (precision + 3) - digits.length);
  if ((e - shift) % 2 !== 0) shift += 1;
  const radicand = BigInt(digits) * pow10(shift);
  const root = isqrt(radicand);
  const exponent = (e - shift) / 2;
  const sticky = root * root === radicand ? `${root}e${exponent}` : `${root}1e${exponent - 1}`;
  return new ctor(sticky).toSignificantDigits(precision);
}
