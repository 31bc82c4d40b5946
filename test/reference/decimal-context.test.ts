/**
 * The private decimal.js contexts of src/reference/decimal-context.ts against their doc comments:
 * makeReferenceContext(digits) is a fresh clone with that precision, ROUND_HALF_EVEN and the
 * reference's notation thresholds (plain notation for exponents in [−6, 20]), accepting digits in
 * [1, MAX_DIGITS] only; workingContext(P) is shared per P; roundTo rounds half-even and turns
 * −0 into +0; formatDecimal gives JSON-safe strings; the global Decimal is never touched.
 */
import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_DIGITS,
  formatDecimal,
  makeReferenceContext,
  MAX_DIGITS,
  MAX_WORKING_PRECISION,
  roundTo,
  workingContext,
} from '../../src/reference/decimal-context.ts';

describe('makeReferenceContext', () => {
  it('should be a fresh clone with the requested precision and half-even rounding', () => {
    const D = makeReferenceContext(7);
    expect(D.precision).toBe(7);
    expect(D.rounding).toBe(Decimal.ROUND_HALF_EVEN);
    expect(makeReferenceContext(7)).not.toBe(D);
    expect(makeReferenceContext().precision).toBe(DEFAULT_DIGITS);
    // half-even on a tie at the 7th digit: 1.0000005 → 1, 1.0000015 → 1.000002
    expect(new D('1.0000005').plus(0).toString()).toBe('1');
    expect(new D('1.0000015').plus(0).toString()).toBe('1.000002');
    // no rounding on construction
    expect(new D('1.23456789012').toString()).toBe('1.23456789012');
  });

  it('should write plain notation for exponents in [−6, 20] and exponential outside', () => {
    const D = makeReferenceContext(30);
    expect(new D('1e-7').toString()).toBe('1e-7');
    expect(new D('1e-6').toString()).toBe('0.000001');
    expect(new D('1e20').toString()).toBe('100000000000000000000');
    expect(new D('1e21').toString()).toBe('1e+21');
    // the exponent range covers the smallest subnormal squared and beyond
    expect(new D('1e-5000').times('1e-5000').toString()).toBe('1e-10000');
    expect(new D('1e5000').times('1e5000').toString()).toBe('1e+10000');
  });

  it('should accept digits in [1, MAX_DIGITS] only', () => {
    expect(makeReferenceContext(1).precision).toBe(1);
    expect(makeReferenceContext(MAX_DIGITS).precision).toBe(MAX_DIGITS);
    for (const digits of [0, MAX_DIGITS + 1, 1.5, Number.NaN, -3]) {
      expect(() => makeReferenceContext(digits)).toThrow(new RangeError(`digits must be an integer in [1, ${MAX_DIGITS}] (got ${digits})`));
    }
  });
});

describe('workingContext', () => {
  it('should share one constructor per precision, up to MAX_WORKING_PRECISION + 64', () => {
    expect(workingContext(33)).toBe(workingContext(33));
    expect(workingContext(33)).not.toBe(workingContext(34));
    expect(workingContext(33).precision).toBe(33);
    expect(workingContext(33).rounding).toBe(Decimal.ROUND_HALF_EVEN);
    expect(workingContext(MAX_WORKING_PRECISION + 64).precision).toBe(MAX_WORKING_PRECISION + 64);
    expect(() => workingContext(MAX_WORKING_PRECISION + 65)).toThrow(
      new RangeError(`working precision must be an integer in [1, ${MAX_WORKING_PRECISION + 64}] (got ${MAX_WORKING_PRECISION + 65})`),
    );
    expect(() => workingContext(0)).toThrow(RangeError);
  });

  it('should not inherit the global Decimal settings it does not set (maxE, minE)', () => {
    const saved = { maxE: Decimal.maxE, minE: Decimal.minE };
    Decimal.set({ maxE: 10, minE: -10 });
    try {
      const D = workingContext(1777); // a precision no other test asks for: a fresh clone
      expect(new D(10).pow(20).toString()).toBe('100000000000000000000');
      expect(new D(10).pow(-20).isZero()).toBe(false);
    } finally {
      Decimal.set(saved);
    }
  });

  it('should still give correct constructors after more than 256 precisions were requested', () => {
    for (let p = 1000; p < 1300; p++) expect(workingContext(p).precision).toBe(p);
    expect(workingContext(40).precision).toBe(40);
  });
});

describe('roundTo / formatDecimal', () => {
  it('should round half to even into the given constructor, and make zeros +0', () => {
    const D = makeReferenceContext(50);
    const out = makeReferenceContext(3);
    expect(roundTo(new D('1.225'), 3, out).toString()).toBe('1.22');
    expect(roundTo(new D('1.235'), 3, out).toString()).toBe('1.24');
    expect(roundTo(new D('-1.2351'), 3, out).toString()).toBe('-1.24');
    expect(roundTo(new D('1.225'), 3, out)).toBeInstanceOf(out);
    const zero = roundTo(new D('-0'), 3, out);
    expect(zero.isZero() && !zero.isNeg()).toBe(true);
  });

  it('should format JSON-safe strings rounded to `digits`, with "0" for zeros', () => {
    const D = makeReferenceContext(50);
    expect(formatDecimal(new D('-0'), 5)).toBe('0');
    expect(formatDecimal(new D('3.14159265358979'), 5)).toBe('3.1416');
    expect(formatDecimal(new D('0.00000012345'), 3)).toBe('1.23e-7');
    expect(formatDecimal(new D('12345678901234567890123'), 4)).toBe('1.235e+22');
    expect(Number(formatDecimal(new D('2.5e-300'), 2))).toBe(2.5e-300);
  });

  it('should never change the global Decimal configuration', () => {
    makeReferenceContext(77);
    workingContext(78);
    expect(Decimal.precision).toBe(20);
    expect(Decimal.rounding).toBe(Decimal.ROUND_HALF_UP);
  });
});
