/**
 * Exact decimal fractions n·10^e (src/reference/scaled.ts) against decimal.js at a precision wide
 * enough to be exact: sums, differences, products, integer multiples, negation, comparison and
 * Σ are exact for any exponents; fromDecimal reads any finite decimal.js value exactly and
 * rejects non-finite ones; powers of ten beyond the cache; log10 bounds and digit counts for
 * integers beyond the double range (10^400), where the magnitude comes from the top 64 bits.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { resolveProfile } from '../../src/config/profile.ts';
import { makeReferenceContext, workingContext } from '../../src/reference/decimal-context.ts';
import {
  add,
  compare,
  digitCount,
  fromDecimal,
  fromInteger,
  isZero,
  log10Bounds,
  mul,
  mulInt,
  neg,
  ONE,
  pow10,
  type Scaled,
  sign,
  sub,
  sum,
  toDecimal,
  toDecimalString,
  ZERO,
} from '../../src/reference/scaled.ts';

const profile = resolveProfile();
/** Exact for the operands below: at most 2·60 digits spread over exponents in [−90, 60]. */
const X = makeReferenceContext(1000);
const dec = (x: Scaled) => toDecimal(x, X);

const scaledArb = fc.record({
  n: fc.oneof(fc.constant(0n), fc.bigInt({ min: -(10n ** 60n), max: 10n ** 60n })),
  e: fc.integer({ min: -90, max: 60 }),
});

describe('exact arithmetic', () => {
  it('should give exact sums, differences, products and integer multiples', () => {
    fc.assert(
      fc.property(scaledArb, scaledArb, fc.bigInt({ min: -1000n, max: 1000n }), (x, y, k) => {
        expect(dec(add(x, y)).eq(dec(x).plus(dec(y)))).toBe(true);
        expect(dec(sub(x, y)).eq(dec(x).minus(dec(y)))).toBe(true);
        expect(dec(mul(x, y)).eq(dec(x).times(dec(y)))).toBe(true);
        expect(dec(mulInt(x, k)).eq(dec(x).times(k.toString()))).toBe(true);
        expect(dec(neg(x)).eq(dec(x).neg())).toBe(true);
        expect(compare(x, y)).toBe(dec(x).comparedTo(dec(y)));
        expect(sign(x)).toBe(dec(x).isZero() ? 0 : dec(x).isPos() ? 1 : -1);
        expect(isZero(x)).toBe(x.n === 0n);
        expect(dec(sum([x, y, x])).eq(dec(x).times(2).plus(dec(y)))).toBe(true);
      }),
      { seed: profile.seed, numRuns: 300 * profile.runsScale },
    );
  });

  it('should keep zeros and ones exact and sum the empty list to 0', () => {
    expect(dec(ZERO).isZero()).toBe(true);
    expect(dec(ONE).eq(1)).toBe(true);
    expect(dec(fromInteger(-42)).eq(-42)).toBe(true);
    expect(dec(fromInteger(10n ** 30n)).eq('1e30')).toBe(true);
    expect(dec(sum([])).isZero()).toBe(true);
    expect(toDecimalString(ZERO)).toBe('0');
    expect(toDecimalString({ n: -12n, e: -3 })).toBe('-12e-3');
  });

  it('should give 10^k for k below and beyond the cache', () => {
    for (const k of [0, 1, 17, 511, 512, 513, 900]) expect(pow10(k)).toBe(10n ** BigInt(k));
  });
});

describe('fromDecimal', () => {
  it('should read finite decimal.js values exactly, whatever their precision', () => {
    const small = workingContext(5);
    for (const text of ['0', '-0', '1', '-7.25', '123456789.123456789123456789', '1e-500', '-9.99e400', '100', '0.001']) {
      const x = new small(text);
      const s = fromDecimal(x);
      expect(dec(s).eq(new X(text)), text).toBe(true);
    }
    expect(fromDecimal(new small('-0'))).toEqual(ZERO);
  });

  it('should reject NaN and infinities naming the value', () => {
    const D = workingContext(10);
    expect(() => fromDecimal(new D(Number.NaN), 'a[2]')).toThrow(new RangeError('a[2] must be finite (got NaN)'));
    expect(() => fromDecimal(new D(-Infinity))).toThrow(new RangeError('value must be finite (got -Infinity)'));
  });
});

describe('log10Bounds / digitCount beyond the double range', () => {
  it('should bound log10|x| to within 1e-8 for integers of 300 to 1000 digits', () => {
    for (const n of [10n ** 400n, 10n ** 400n - 1n, 3n * 10n ** 700n + 1n, -(7n ** 1000n), 2n ** 1100n, 2n ** 1024n, 2n ** 1023n * 3n]) {
      const b = log10Bounds({ n, e: -5 })!;
      // log10|n·10^−5| from the decimal digits: (length − 1) + log10(d.ddd…) − 5, to ~1e-15
      const digits = (n < 0n ? -n : n).toString();
      const log = digits.length - 1 + Math.log10(Number(`${digits[0]}.${digits.slice(1, 17)}`)) - 5;
      expect(b.lo, digits.slice(0, 20)).toBeLessThan(log);
      expect(b.hi, digits.slice(0, 20)).toBeGreaterThan(log);
      expect(b.hi - b.lo).toBeLessThan(1e-8);
      expect(digitCount(n)).toBe((n < 0n ? -n : n).toString().length);
    }
    expect(log10Bounds(ZERO)).toBeNull();
  });
});
