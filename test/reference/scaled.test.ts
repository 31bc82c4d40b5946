/**
 * Exact decimal fractions n·10^e (src/reference/scaled.ts) against decimal.js at a precision wide
 * enough to be exact: sums, differences, products, integer multiples, negation, comparison and
 * Σ are exact for any exponents; fromDecimal reads any finite decimal.js value exactly and
 * rejects non-finite ones; powers of ten beyond the cache; log10 bounds and digit counts for
 * integers beyond the double range (10^400), where the magnitude comes from the top 64 bits.
 */
import type { Decimal } from 'decimal.js';
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
  roundScaled,
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

  it('should return the other operand unchanged when adding zero (n is not rescaled)', () => {
    const x: Scaled = { n: 7n, e: 4 };
    // A zero left by cancellation keeps its exponent: 5e-3 − 5e-3 = 0·10^-3.
    const cancelled = sub({ n: 5n, e: -3 }, { n: 5n, e: -3 });
    expect(cancelled).toEqual({ n: 0n, e: -3 });
    expect(add(ZERO, x)).toEqual(x);
    expect(add(cancelled, x)).toEqual(x);
    expect(add(x, ZERO)).toEqual(x);
    expect(add(x, cancelled)).toEqual(x);
    expect(sum([x])).toEqual(x);
    expect(sub(x, ZERO)).toEqual(x);
  });

  it('should give a zero product as ZERO whatever the exponents of the factors', () => {
    const y: Scaled = { n: 5n, e: -2 };
    const cancelled = sub(y, y); // 0·10^-2
    expect(mul(ZERO, y)).toEqual(ZERO);
    expect(mul(y, ZERO)).toEqual(ZERO);
    expect(mul(cancelled, { n: 3n, e: -7 })).toEqual(ZERO);
    expect(mulInt({ n: 5n, e: -3 }, 0n)).toEqual(ZERO);
    expect(mulInt(cancelled, 4n)).toEqual(ZERO);
    // Non-zero products keep the summed exponent.
    expect(mul(y, { n: 3n, e: -7 })).toEqual({ n: 15n, e: -9 });
    expect(mulInt(y, -4n)).toEqual({ n: -20n, e: -2 });
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

  it('should read zeros of any sign and exponent as ZERO', () => {
    const D = workingContext(10);
    for (const text of ['0', '-0', '0.000', '0e-5', '-0e7']) expect(fromDecimal(new D(text)), text).toEqual(ZERO);
  });

  it('should reject a value whose exponential form is not d.ddde±N instead of misreading it', () => {
    // decimal.js always writes "-d.ddde±N"; the guard protects against any other writer (a stub here).
    const stub = (text: string) =>
      ({ isFinite: () => true, isZero: () => false, toExponential: () => text, toString: () => text }) as unknown as Decimal;
    expect(fromDecimal(stub('-1.25e+3'))).toEqual({ n: -125n, e: 1 });
    expect(() => fromDecimal(stub('1.5e+3x'), 'q[1]')).toThrow(new RangeError('q[1]: unexpected decimal form 1.5e+3x'));
    expect(() => fromDecimal(stub('x1.5e+3'))).toThrow(new RangeError('value: unexpected decimal form x1.5e+3'));
    expect(() => fromDecimal(stub('15'))).toThrow(RangeError);
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

describe('digitCount / roundScaled near powers of ten', () => {
  it('should count digits exactly just below, at and just above 10^m, for negative values and zero', () => {
    for (const m of [1, 15, 16, 22, 23, 300, 308, 309, 400]) {
      const p = 10n ** BigInt(m);
      for (const [n, digits] of [[p - 1n, m], [p, m + 1], [p + 1n, m + 1]] as const) {
        expect(digitCount(n), `${m}`).toBe(digits);
        expect(digitCount(-n), `-${m}`).toBe(digits);
      }
    }
    expect(digitCount(0n)).toBe(0);
    expect(digitCount(-7n)).toBe(1);
  });

  it('should leave x unchanged when it has exactly the requested digits (nothing to drop)', () => {
    expect(roundScaled({ n: -125n, e: -2 }, 3)).toEqual({ n: -125n, e: -2 });
    expect(roundScaled({ n: 125n, e: 7 }, 3)).toEqual({ n: 125n, e: 7 });
    expect(roundScaled(ZERO, 3)).toEqual(ZERO);
    expect(roundScaled({ n: -125n, e: -2 }, 2)).toEqual({ n: -12n, e: -1 });
  });
});
