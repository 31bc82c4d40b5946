/**
 * Exact conversion of IEEE-754 binary64 values to decimal numbers.
 *
 * A finite double is x = (−1)^s · m · 2^q with an integer mantissa m < 2^53 and
 * −1074 ≤ q ≤ 971. For q < 0 this equals (−1)^s · (m · 5^{−q}) · 10^q, a finite decimal with at
 * most 767 significant digits, so the conversion is exact: no rounding, unlike
 * `new Decimal(0.1)`, which parses the shortest round-trip string "0.1" and is not the double
 * 0.1 = 0.1000000000000000055511151231257827021181583404541015625.
 *
 * The bits are read with a DataView: sign (1 bit), biased exponent E (11 bits), fraction f
 * (52 bits); normal numbers (E ≥ 1) have m = 2^52 + f, q = E − 1075; subnormals (E = 0) have
 * m = f, q = −1074.
 *
 * ## Special cases
 * - ±0 give mantissa 0; −0 keeps its sign (`doubleToDecimal(-0)` is a negative zero).
 * - Subnormals down to 2^−1074 (5e-324) are exact.
 * - NaN and ±Infinity throw a RangeError naming the value.
 */
import type { Decimal } from 'decimal.js';
import type { Scaled } from './scaled.ts';

/** |x| = mantissa · 2^exponent with an odd mantissa (or mantissa 0 and exponent 0 for ±0). */
export interface DoubleParts {
  readonly negative: boolean;
  readonly mantissa: bigint;
  readonly exponent: number;
}

const SCRATCH = new DataView(new ArrayBuffer(8));
const TWO_POW_32 = 4294967296;

/**
 * Splits a finite double into sign, odd integer mantissa and binary exponent, exactly.
 * @param name used in the error message, e.g. `w[3]`.
 * @throws RangeError for NaN or ±Infinity: `RangeError: w[3] must be a finite double (got NaN)`.
 */
export function decomposeDouble(x: number, name = 'value'): DoubleParts {
  if (!Number.isFinite(x)) {
    throw new RangeError(`${name} must be a finite double (got ${String(x)})`);
  }
  SCRATCH.setFloat64(0, x);
  const hi = SCRATCH.getUint32(0);
  let lo = SCRATCH.getUint32(4);
  const negative = hi >>> 31 === 1;
  const biased = (hi >>> 20) & 0x7ff;
  // The 53-bit mantissa as (mhi · 2^32 + lo), mhi < 2^21.
  let mhi = biased === 0 ? hi & 0xfffff : (hi & 0xfffff) | 0x100000;
  let exponent = biased === 0 ? -1074 : biased - 1075;
  if (mhi === 0 && lo === 0) return { negative, mantissa: 0n, exponent: 0 };
  if (lo === 0) {
    lo = mhi;
    mhi = 0;
    exponent += 32;
  }
  const trailing = 31 - Math.clz32(lo & -lo);
  if (trailing > 0) {
    lo = ((lo >>> trailing) | (mhi << (32 - trailing))) >>> 0;
    mhi >>>= trailing;
    exponent += trailing;
  }
  return { negative, mantissa: BigInt(mhi * TWO_POW_32 + lo), exponent };
}

const POW5_CACHE: bigint[] = [1n];

/** 5^k as a BigInt (0 ≤ k ≤ 1074 for doubles; cached). */
function pow5(k: number): bigint {
  while (POW5_CACHE.length <= k) POW5_CACHE.push(POW5_CACHE[POW5_CACHE.length - 1] * 5n);
  return POW5_CACHE[k];
}

/**
 * The exact value of a finite double as `n · 10^e` (see ./scaled.ts). −0 maps to 0.
 * @throws RangeError for NaN or ±Infinity.
 */
export function doubleToScaled(x: number, name = 'value'): Scaled {
  const { negative, mantissa, exponent } = decomposeDouble(x, name);
  if (mantissa === 0n) return { n: 0n, e: 0 };
  const n = exponent >= 0 ? mantissa << BigInt(exponent) : mantissa * pow5(-exponent);
  return { n: negative ? -n : n, e: exponent >= 0 ? 0 : exponent };
}

/**
 * The exact value of a finite double as an instance of `ctor` (unrounded, whatever the
 * constructor's precision; −0 stays a negative zero).
 * @throws RangeError for NaN or ±Infinity.
 */
export function doubleToDecimal(x: number, ctor: Decimal.Constructor, name = 'value'): Decimal {
  const { n, e } = doubleToScaled(x, name);
  if (n === 0n) return new ctor(Object.is(x, -0) ? '-0' : '0');
  return new ctor(`${n}e${e}`);
}

/**
 * The exact value of a finite double in plain decimal notation, e.g.
 * `0.1000000000000000055511151231257827021181583404541015625`; `-0` for negative zero.
 * @throws RangeError for NaN or ±Infinity.
 */
export function doubleToExactString(x: number, name = 'value'): string {
  const { n, e } = doubleToScaled(x, name);
  if (n === 0n) return Object.is(x, -0) ? '-0' : '0';
  const negative = n < 0n;
  const digits = (negative ? -n : n).toString();
  let body: string;
  if (e === 0) {
    // doubleToScaled gives e = 0 for integers and e < 0 otherwise.
    body = digits;
  } else {
    // e < 0 only for x = m·2^−j with m odd, where n = m·5^j is odd: no trailing zeros to strip.
    const point = digits.length + e;
    body =
      point > 0
        ? `${digits.slice(0, point)}.${digits.slice(point)}`
        : `0.${'0'.repeat(-point)}${digits}`;
  }
  return negative ? `-${body}` : body;
}

/**
 * A string that reads back bit for bit with `Number(s)`: JavaScript's shortest round-trip
 * representation, except that −0 is written `-0` (String(−0) is `0`).
 * @throws RangeError for NaN or ±Infinity.
 */
export function doubleToRoundTripString(x: number, name = 'value'): string {
  decomposeDouble(x, name);
  return Object.is(x, -0) ? '-0' : String(x);
}

/**
 * Parses a string written by {@link doubleToRoundTripString}, checking that it is a finite
 * double that writes back to the same string (so a fixture cannot hold a lossy value).
 * @throws RangeError otherwise.
 */
export function parseRoundTripDouble(text: string, name = 'value'): number {
  const x = Number(text);
  if (typeof text !== 'string' || text.trim() === '' || !Number.isFinite(x)) {
    throw new RangeError(`${name} must be a finite double string (got ${JSON.stringify(text)})`);
  }
  if (doubleToRoundTripString(x) !== text) {
    throw new RangeError(`${name} is not a round-trip double string (got ${JSON.stringify(text)})`);
  }
  return x;
}
