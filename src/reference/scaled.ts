/**
 * Exact rational arithmetic on decimal fractions `n · 10^e` (n a BigInt, e an integer).
 *
 * Every finite double is such a number (m · 2^q = m · 5^{−q} · 10^q for q < 0), and so is every
 * finite decimal.js value, so the polynomial parts of the model (sums, dot products, the
 * quantities of ./quadratic-surd.ts) are computed here with no rounding at all. Only sums,
 * differences and products are offered: they stay in the set exactly.
 */
import type { Decimal } from 'decimal.js';

/** The exact number `n · 10^e`. */
export interface Scaled {
  readonly n: bigint;
  readonly e: number;
}

export const ZERO: Scaled = { n: 0n, e: 0 };
export const ONE: Scaled = { n: 1n, e: 0 };

const POW10_CACHE: bigint[] = [1n];
const POW10_CACHE_LIMIT = 512;

/** 10^k as a BigInt (k ≥ 0). */
export function pow10(k: number): bigint {
  if (k < POW10_CACHE_LIMIT) {
    while (POW10_CACHE.length <= k) POW10_CACHE.push(POW10_CACHE[POW10_CACHE.length - 1] * 10n);
    return POW10_CACHE[k];
  }
  return 10n ** BigInt(k);
}

/** The integer `k` as a Scaled. */
export function fromInteger(k: number | bigint): Scaled {
  return { n: BigInt(k), e: 0 };
}

/** x + y, exactly. */
export function add(x: Scaled, y: Scaled): Scaled {
  if (x.n === 0n) return y;
  if (y.n === 0n) return x;
  if (x.e === y.e) return { n: x.n + y.n, e: x.e };
  if (x.e < y.e) return { n: x.n + y.n * pow10(y.e - x.e), e: x.e };
  return { n: x.n * pow10(x.e - y.e) + y.n, e: y.e };
}

/** −x. */
export function neg(x: Scaled): Scaled {
  return { n: -x.n, e: x.e };
}

/** x − y, exactly. */
export function sub(x: Scaled, y: Scaled): Scaled {
  return add(x, neg(y));
}

/** x · y, exactly. */
export function mul(x: Scaled, y: Scaled): Scaled {
  if (x.n === 0n || y.n === 0n) return ZERO;
  return { n: x.n * y.n, e: x.e + y.e };
}

/** x · k for an integer k, exactly. */
export function mulInt(x: Scaled, k: bigint): Scaled {
  if (x.n === 0n || k === 0n) return ZERO;
  return { n: x.n * k, e: x.e };
}

/** Sign of x: −1, 0 or 1. */
export function sign(x: Scaled): -1 | 0 | 1 {
  return x.n > 0n ? 1 : x.n < 0n ? -1 : 0;
}

export function isZero(x: Scaled): boolean {
  return x.n === 0n;
}

/** Compares x and y exactly: −1 if x < y, 0 if equal, 1 if x > y. */
export function compare(x: Scaled, y: Scaled): -1 | 0 | 1 {
  return sign(sub(x, y));
}

/** Σ xs, exactly. */
export function sum(xs: readonly Scaled[]): Scaled {
  let acc = ZERO;
  for (const x of xs) acc = add(acc, x);
  return acc;
}

/** The exact decimal string `n e e`, readable by decimal.js without rounding. */
export function toDecimalString(x: Scaled): string {
  return x.n === 0n ? '0' : `${x.n}e${x.e}`;
}

/** x as an exact (unrounded) instance of `ctor`. */
export function toDecimal(x: Scaled, ctor: Decimal.Constructor): Decimal {
  return new ctor(toDecimalString(x));
}

/**
 * The exact value of a finite decimal.js value (of any clone) as a Scaled.
 * @throws RangeError if `x` is NaN or ±Infinity.
 */
export function fromDecimal(x: Decimal, name = 'value'): Scaled {
  if (!x.isFinite()) throw new RangeError(`${name} must be finite (got ${x.toString()})`);
  if (x.isZero()) return ZERO;
  // toExponential() without arguments is unrounded: "-d.ddde±N".
  const text = x.toExponential();
  const match = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(text);
  if (match === null) throw new RangeError(`${name}: unexpected decimal form ${text}`);
  const fraction = match[3] ?? '';
  const digits = BigInt(match[2] + fraction);
  return { n: match[1] === '-' ? -digits : digits, e: Number(match[4]) - fraction.length };
}

/** Number of bits of |n| (0 for 0: hex "0" gives 4 − (clz32(0) − 28) = 0). */
function bitLength(n: bigint): number {
  const hex = (n < 0n ? -n : n).toString(16);
  return hex.length * 4 - (Math.clz32(Number.parseInt(hex[0], 16)) - 28);
}

/** log10|n| to within 1e-12 (n ≠ 0), from the double nearest to n when it is finite. */
function log10Magnitude(n: bigint): number {
  const v = Math.abs(Number(n));
  if (v !== Infinity) return Math.log10(v);
  const bits = bitLength(n);
  const shift = bits - 64;
  return Math.log10(Math.abs(Number(n >> BigInt(shift)))) + shift * LOG10_2;
}

/** Margin covering the error of {@link log10Magnitude}. */
const LOG_MARGIN = 1e-9;

/**
 * Bounds on log10|x| for x ≠ 0: `lo ≤ log10|x| < hi` (hi − lo ≈ 2e−9). Returns null for 0.
 */
export function log10Bounds(x: Scaled): { lo: number; hi: number } | null {
  if (x.n === 0n) return null;
  const m = log10Magnitude(x.n);
  return { lo: m - LOG_MARGIN + x.e, hi: m + LOG_MARGIN + x.e };
}

/** Number of decimal digits of |n| (0 for 0): ⌊log10|n|⌋ + 1, checked exactly near powers of ten. */
export function digitCount(n: bigint): number {
  if (n === 0n) return 0;
  const m = log10Magnitude(n);
  const floor = Math.floor(m);
  if (m - floor > LOG_MARGIN && floor + 1 - m > LOG_MARGIN) return floor + 1;
  const magnitude = n < 0n ? -n : n;
  const k = Math.round(m);
  return magnitude >= pow10(k) ? k + 1 : k;
}

const LOG10_2 = Math.log10(2);

/**
 * A plain decimal string of x, formatted like decimal.js's `toString()` with toExpNeg = −7 and
 * toExpPos = 21 (the reference contexts): normal notation for exponents in [−6, 20], else
 * `d.ddde±N`; trailing zeros removed; zero is "0".
 */
export function formatScaled(x: Scaled): string {
  if (x.n === 0n) return '0';
  const negative = x.n < 0n;
  let digits = (negative ? -x.n : x.n).toString();
  let e = x.e;
  const trimmed = digits.replace(/0+$/, '');
  e += digits.length - trimmed.length;
  digits = trimmed;
  const exponent = e + digits.length - 1;
  let body: string;
  if (exponent <= -7 || exponent >= 21) {
    const mantissa = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    body = `${mantissa}e${exponent < 0 ? '-' : '+'}${Math.abs(exponent)}`;
  } else if (e >= 0) {
    body = digits + '0'.repeat(e);
  } else if (exponent >= 0) {
    body = `${digits.slice(0, exponent + 1)}.${digits.slice(exponent + 1)}`;
  } else {
    body = `0.${'0'.repeat(-exponent - 1)}${digits}`;
  }
  return negative ? `-${body}` : body;
}

/**
 * x rounded half-even to `digits` significant digits (exact if x has no more digits).
 */
export function roundScaled(x: Scaled, digits: number): Scaled {
  const drop = digitCount(x.n) - digits;
  if (drop <= 0) return x;
  const divisor = pow10(drop);
  const negative = x.n < 0n;
  const magnitude = negative ? -x.n : x.n;
  let q = magnitude / divisor;
  const twice = 2n * (magnitude - q * divisor);
  if (twice > divisor || (twice === divisor && (q & 1n) === 1n)) q += 1n;
  return { n: negative ? -q : q, e: x.e + drop };
}
