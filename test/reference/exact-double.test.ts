/**
 * Exact double → decimal conversion (src/reference/exact-double.ts): the bits of a double
 * (mantissa × 2^exponent) become a decimal number without rounding. Example tests first, then
 * a round-trip property over all finite doubles.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { resolveProfile } from '../../src/config/profile.ts';
import { makeReferenceContext } from '../../src/reference/decimal-context.ts';
import {
  decomposeDouble,
  doubleToDecimal,
  doubleToExactString,
  doubleToRoundTripString,
  doubleToScaled,
  parseRoundTripDouble,
} from '../../src/reference/exact-double.ts';

const profile = resolveProfile();
const D = makeReferenceContext(40);
/** A constructor wide enough to hold 2^-1074 exactly (751 significant digits). */
const WIDE = makeReferenceContext(1200);

/** Asserts that `f` throws a RangeError with exactly `message`. */
function expectRangeError(f: () => unknown, message: string): void {
  let error: unknown;
  try {
    f();
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(RangeError);
  expect((error as Error).message).toBe(message);
}

describe('decomposeDouble', () => {
  it('should split 0.1 into an odd mantissa and a binary exponent', () => {
    // 0.1 = 3602879701896397 · 2^-55
    expect(decomposeDouble(0.1)).toEqual({ negative: false, mantissa: 3602879701896397n, exponent: -55 });
  });

  it('should give the smallest subnormal as 1 · 2^-1074', () => {
    expect(decomposeDouble(5e-324)).toEqual({ negative: false, mantissa: 1n, exponent: -1074 });
    expect(decomposeDouble(2 ** -1074)).toEqual({ negative: false, mantissa: 1n, exponent: -1074 });
  });

  it('should strip trailing zero bits (powers of two, integers)', () => {
    expect(decomposeDouble(1)).toEqual({ negative: false, mantissa: 1n, exponent: 0 });
    expect(decomposeDouble(-(2 ** 1023))).toEqual({ negative: true, mantissa: 1n, exponent: 1023 });
    expect(decomposeDouble(96)).toEqual({ negative: false, mantissa: 3n, exponent: 5 });
    expect(decomposeDouble(2 ** 32 + 2 ** 31)).toEqual({ negative: false, mantissa: 3n, exponent: 31 });
  });

  it('should keep the sign of -0', () => {
    expect(decomposeDouble(-0)).toEqual({ negative: true, mantissa: 0n, exponent: 0 });
    expect(decomposeDouble(0)).toEqual({ negative: false, mantissa: 0n, exponent: 0 });
  });

  it('should reject NaN and infinities with a RangeError naming the value', () => {
    expect(() => decomposeDouble(Number.NaN, 'w[3]')).toThrow(new RangeError('w[3] must be a finite double (got NaN)'));
    expect(() => decomposeDouble(Infinity)).toThrow(/got Infinity/);
    expect(() => doubleToDecimal(-Infinity, D)).toThrow(RangeError);
    expect(() => doubleToDecimal(-Infinity, D)).toThrow(/got -Infinity/);
  });
});

describe('error messages', () => {
  it('should name the value "value" by default and the given name otherwise, in every entry point', () => {
    expectRangeError(() => decomposeDouble(Number.NaN), 'value must be a finite double (got NaN)');
    expectRangeError(() => doubleToScaled(Infinity), 'value must be a finite double (got Infinity)');
    expectRangeError(() => doubleToScaled(Number.NaN, 'w[2]'), 'w[2] must be a finite double (got NaN)');
    expectRangeError(() => doubleToDecimal(-Infinity, D), 'value must be a finite double (got -Infinity)');
    expectRangeError(() => doubleToDecimal(Number.NaN, D, 'b'), 'b must be a finite double (got NaN)');
    expectRangeError(() => doubleToExactString(Number.NaN), 'value must be a finite double (got NaN)');
    expectRangeError(() => doubleToExactString(Infinity, 'x[0]'), 'x[0] must be a finite double (got Infinity)');
    expectRangeError(() => doubleToRoundTripString(-Infinity), 'value must be a finite double (got -Infinity)');
    expectRangeError(() => doubleToRoundTripString(Number.NaN, 'y'), 'y must be a finite double (got NaN)');
  });

  it('should reject non-numbers as not finite doubles', () => {
    expectRangeError(() => decomposeDouble('1' as unknown as number, 'v'), 'v must be a finite double (got 1)');
    expectRangeError(() => decomposeDouble(1n as unknown as number), 'value must be a finite double (got 1)');
  });
});

describe('doubleToExactString / doubleToDecimal', () => {
  it('should write +0 as "0" and give it the zero Scaled', () => {
    expect(doubleToExactString(0)).toBe('0');
    expect(doubleToScaled(0)).toEqual({ n: 0n, e: 0 });
    const z = doubleToDecimal(0, D);
    expect(z.isZero() && !z.isNeg()).toBe(true);
  });

  it('should write integers (binary exponent 0 and above) with all their trailing zeros', () => {
    // 1 = 1·2^0, 2^53−1 odd (exponent 0); 100 = 25·2^2; 1e21 = 1e21 exactly.
    expect(doubleToScaled(1)).toEqual({ n: 1n, e: 0 });
    expect(doubleToScaled(-7)).toEqual({ n: -7n, e: 0 });
    expect(doubleToScaled(100)).toEqual({ n: 100n, e: 0 });
    expect(doubleToExactString(1)).toBe('1');
    expect(doubleToExactString(-(2 ** 53 - 1))).toBe('-9007199254740991');
    expect(doubleToExactString(100)).toBe('100');
    expect(doubleToExactString(-1000)).toBe('-1000');
    expect(doubleToExactString(1e21)).toBe('1000000000000000000000');
  });

  it('should write fractions with a leading "0." and no trailing zeros', () => {
    expect(doubleToScaled(0.5)).toEqual({ n: 5n, e: -1 });
    expect(doubleToScaled(-0.375)).toEqual({ n: -375n, e: -3 });
    expect(doubleToExactString(-0.375)).toBe('-0.375');
    expect(doubleToExactString(2 ** -10)).toBe('0.0009765625');
    expect(doubleToExactString(12.5)).toBe('12.5');
    expect(doubleToExactString(1024.0625)).toBe('1024.0625');
  });


  it('should give the double 0.1, not the decimal 0.1', () => {
    expect(doubleToExactString(0.1)).toBe('0.1000000000000000055511151231257827021181583404541015625');
    const x = doubleToDecimal(0.1, D);
    expect(x.eq(new D('0.1000000000000000055511151231257827021181583404541015625'))).toBe(true);
    expect(x.eq(new D(0.1))).toBe(false); // new Decimal(0.1) parses "0.1"
  });

  it('should not round to the constructor precision', () => {
    // 55 significant digits although D has precision 40.
    expect(doubleToDecimal(0.1, D).sd()).toBe(55);
  });

  it('should keep -0 as a negative zero', () => {
    const z = doubleToDecimal(-0, D);
    expect(z.isZero() && z.isNeg()).toBe(true);
    expect(doubleToExactString(-0)).toBe('-0');
    expect(doubleToScaled(-0)).toEqual({ n: 0n, e: 0 });
  });

  it('should convert the smallest subnormal 5e-324 = 2^-1074 exactly (751 digits)', () => {
    const x = doubleToDecimal(5e-324, WIDE);
    const exact = new WIDE(2).pow(-1074);
    expect(exact.sd()).toBe(751);
    expect(x.eq(exact)).toBe(true);
    expect(doubleToExactString(5e-324)).toMatch(/^0\.0{323}49406564584124654417656879286822137236505980/);
    expect(doubleToExactString(5e-324).length).toBe(2 + 323 + 751);
  });

  it('should convert the largest subnormal and the smallest normal exactly', () => {
    const tiny = WIDE.pow(2, -1074);
    expect(doubleToDecimal(2 ** -1022, WIDE).eq(WIDE.pow(2, -1022))).toBe(true);
    const largestSubnormal = 2 ** -1022 - 2 ** -1074;
    expect(doubleToDecimal(largestSubnormal, WIDE).eq(WIDE.pow(2, -1022).minus(tiny))).toBe(true);
  });

  it('should convert large values exactly (integers)', () => {
    expect(doubleToExactString(Number.MAX_VALUE)).toBe(((2n ** 53n - 1n) * 2n ** 971n).toString());
    expect(doubleToExactString(1e300)).toBe(BigInt(1e300).toString());
    expect(doubleToExactString(2 ** 53 + 2)).toBe('9007199254740994');
    expect(doubleToExactString(-1.5)).toBe('-1.5');
  });
});

describe('round-trip strings (fixture inputs)', () => {
  it('should write -0 as "-0" and read it back', () => {
    expect(doubleToRoundTripString(-0)).toBe('-0');
    expect(Object.is(parseRoundTripDouble('-0'), -0)).toBe(true);
  });

  it('should reject strings that are not the round-trip form of a double', () => {
    expect(() => parseRoundTripDouble('0.10000000000000001')).toThrow(RangeError);
    expect(() => parseRoundTripDouble('NaN')).toThrow(RangeError);
    expect(() => parseRoundTripDouble('')).toThrow(RangeError);
  });

  it('should reject empty, blank, non-finite and non-string input as not a finite double string', () => {
    expectRangeError(() => parseRoundTripDouble(''), 'value must be a finite double string (got "")');
    expectRangeError(() => parseRoundTripDouble('   ', 'w[2]'), 'w[2] must be a finite double string (got "   ")');
    expectRangeError(() => parseRoundTripDouble('\t\n'), 'value must be a finite double string (got "\\t\\n")');
    expectRangeError(() => parseRoundTripDouble('NaN'), 'value must be a finite double string (got "NaN")');
    expectRangeError(() => parseRoundTripDouble('1e400'), 'value must be a finite double string (got "1e400")');
    expectRangeError(() => parseRoundTripDouble('-Infinity', 'b'), 'b must be a finite double string (got "-Infinity")');
    expectRangeError(() => parseRoundTripDouble('abc'), 'value must be a finite double string (got "abc")');
    // Number(5) and Number(null) are finite, but they are not strings.
    expectRangeError(() => parseRoundTripDouble(5 as unknown as string), 'value must be a finite double string (got 5)');
    expectRangeError(() => parseRoundTripDouble(null as unknown as string), 'value must be a finite double string (got null)');
  });

  it('should reject finite strings that do not write back identically as not round-trip', () => {
    expectRangeError(() => parseRoundTripDouble(' 1.5 '), 'value is not a round-trip double string (got " 1.5 ")');
    expectRangeError(() => parseRoundTripDouble('0x10', 'w[2]'), 'w[2] is not a round-trip double string (got "0x10")');
    expectRangeError(
      () => parseRoundTripDouble('0.1000000000000000055511151231257827'),
      'value is not a round-trip double string (got "0.1000000000000000055511151231257827")',
    );
    expectRangeError(() => parseRoundTripDouble('0.10000000000000001'), 'value is not a round-trip double string (got "0.10000000000000001")');
    expectRangeError(() => parseRoundTripDouble('1.50'), 'value is not a round-trip double string (got "1.50")');
    expectRangeError(() => parseRoundTripDouble('+0'), 'value is not a round-trip double string (got "+0")');
  });

  it('should read round-trip strings back to their doubles', () => {
    expect(parseRoundTripDouble('1.5')).toBe(1.5);
    expect(parseRoundTripDouble('-2e-7')).toBe(-2e-7);
    expect(parseRoundTripDouble('5e-324')).toBe(5e-324);
    expect(Object.is(parseRoundTripDouble('0'), 0)).toBe(true);
    expect(parseRoundTripDouble('1e+21')).toBe(1e21);
  });

  it('should read back every finite double bit for bit, and its exact string too', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => {
        expect(Object.is(parseRoundTripDouble(doubleToRoundTripString(x)), x)).toBe(true);
        // The exact expansion is within half an ulp of x only if it *is* x: Number() rounds it back.
        expect(Object.is(Number(doubleToExactString(x)), x)).toBe(true);
        const { n, e } = doubleToScaled(x);
        const { negative, mantissa, exponent } = decomposeDouble(x);
        // n · 10^e = ±mantissa · 2^exponent, checked in integers.
        const lhs = e >= 0 ? n * 10n ** BigInt(e) * 2n ** BigInt(Math.max(0, -exponent)) : n * 2n ** BigInt(Math.max(0, -exponent));
        const rhs =
          (negative ? -mantissa : mantissa) *
          2n ** BigInt(Math.max(0, exponent)) *
          (e >= 0 ? 1n : 10n ** BigInt(-e));
        expect(lhs).toBe(rhs);
      }),
      { seed: profile.seed, numRuns: 300 * profile.runsScale },
    );
  });
});
