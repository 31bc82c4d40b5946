/**
 * The reference's numeric kernels, each against an independent evaluation: BigInt square roots,
 * π (Machin) against decimal.js's stored π, arctan against decimal.js's `atan`, the series of
 * q(x) = sin x − x cos x against decimal.js `sin`/`cos` at higher precision, exact surd signs and
 * zeros, and half-even rounding of exact decimals.
 */
import { Decimal } from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { resolveProfile } from '../../src/config/profile.ts';
import { makeReferenceContext, workingContext } from '../../src/reference/decimal-context.ts';
import { isqrt, sqrtDecimal } from '../../src/reference/fixed-point.ts';
import { evaluateSurd, makeSurdField, surdSign } from '../../src/reference/quadratic-surd.ts';
import { digitCount, formatScaled, log10Bounds, roundScaled, type Scaled, toDecimal } from '../../src/reference/scaled.ts';
import { atanNonNegative, piAt, sinMinusXCos } from '../../src/reference/series.ts';

/** |x − y| / |y| as a number. */
function relErr(x: Decimal, y: Decimal): number {
  return x.minus(y).abs().div(y.abs()).toNumber();
}

const s = (n: bigint, e: number): Scaled => ({ n, e });

describe('isqrt / sqrtDecimal', () => {
  it('should give floor square roots of small and huge integers', () => {
    for (const n of [0n, 1n, 2n, 3n, 4n, 15n, 16n, 17n, 10n ** 40n, 10n ** 40n - 1n, 2n ** 2001n + 12345n]) {
      const r = isqrt(n);
      expect(r * r <= n && (r + 1n) * (r + 1n) > n).toBe(true);
    }
  });

  it('should agree with decimal.js sqrt to within one unit in the last place', () => {
    const ctor = workingContext(70);
    for (const text of ['2', '0.5', '1e-301', '3.999999999999999999999999999999999999999999999', '7.25e300', '1']) {
      const x = new ctor(text);
      const ours = sqrtDecimal(x, 70, ctor);
      const theirs = x.sqrt();
      expect(relErr(ours, theirs)).toBeLessThanOrEqual(1e-69); // 1 ulp at 70 digits
    }
  });
});

describe('piAt', () => {
  it('should match decimal.js π to 1000 digits', () => {
    const ctor = makeReferenceContext(1000);
    const reference = new ctor(-1).acos();
    expect(piAt(1000).eq(reference)).toBe(true);
    expect(piAt(40).toString()).toBe('3.141592653589793238462643383279502884197');
  });
});

describe('atanNonNegative', () => {
  it('should match decimal.js atan at 60 digits across magnitudes', () => {
    const wide = makeReferenceContext(90);
    for (const text of ['1e-300', '1e-12', '0.01', '0.03125', '0.2', '0.5', '1', '1.0000001', '3', '1e5', '1e300']) {
      const ours = atanNonNegative(new wide(text), 60);
      const theirs = new wide(text).atan();
      // correctly rounded to 60 digits ⇒ within half an ulp of the 90-digit value
      expect(relErr(ours, theirs)).toBeLessThan(1e-59);
    }
  });

  it('should return 0 for 0 and reject negative arguments', () => {
    const ctor = workingContext(30);
    expect(atanNonNegative(new ctor(0), 30).isZero()).toBe(true);
    expect(() => atanNonNegative(new ctor(-1), 30)).toThrow(new RangeError('atanNonNegative needs y ≥ 0 (got -1)'));
    expect(() => atanNonNegative(new ctor('-1e-40'), 30)).toThrow(new RangeError('atanNonNegative needs y ≥ 0 (got -1e-40)'));
  });
});

describe('sinMinusXCos', () => {
  it('should match sin x − x cos x evaluated with 200 extra digits, on both sides of the series switch', () => {
    const wide = makeReferenceContext(260);
    for (const text of ['1e-20', '1e-5', '0.1', '0.4999', '0.5', '1', '1.5707963']) {
      const x = new wide(text);
      const sin = x.sin();
      const cos = x.cos();
      const expected = sin.minus(x.times(cos));
      const ours = sinMinusXCos(x, sin, cos, 50);
      expect(relErr(ours, expected)).toBeLessThan(1e-49);
    }
  });
});

describe('quadratic surds A + B/√p', () => {
  it('should decide zeros and signs exactly', () => {
    const f2 = makeSurdField(2);
    const f4 = makeSurdField(4);
    expect(f4.m).toBe(2);
    expect(f2.m).toBe(0);
    // 1 − 2/√4 = 0 exactly; 1 − 2/√2 = 1 − √2 < 0
    expect(surdSign({ a: s(1n, 0), b: s(-2n, 0) }, f4)).toBe(0);
    expect(surdSign({ a: s(1n, 0), b: s(-2n, 0) }, f2)).toBe(-1);
    // 0.7 − 1/√2 < 0 (1/√2 ≈ 0.7071); 0.71 − 1/√2 > 0
    expect(surdSign({ a: s(7n, -1), b: s(-1n, 0) }, f2)).toBe(-1);
    expect(surdSign({ a: s(71n, -2), b: s(-1n, 0) }, f2)).toBe(1);
  });

  it('should evaluate a cancelling surd to full relative precision', () => {
    // A = −7071067811865475244/10^19 (1/√2 truncated to 19 digits), B = 1: A + 1/√2 ≈ 8.4e−21.
    const x = { a: s(-7071067811865475244n, -19), b: s(1n, 0) };
    const value = evaluateSurd(x, makeSurdField(2), 40);
    const wide = makeReferenceContext(120);
    const expected = new wide(1).div(new wide(2).sqrt()).minus(new wide('0.7071067811865475244'));
    expect(relErr(value, expected)).toBeLessThan(1e-39);
  });
});

const profile = resolveProfile();

describe('roundScaled / digitCount / formatScaled', () => {
  it('should format exactly like decimal.js toString (toExpNeg −7, toExpPos 21)', () => {
    const ctor = workingContext(40);
    const scaledArb = fc.record({ n: fc.bigInt({ min: -(10n ** 45n), max: 10n ** 45n }), e: fc.integer({ min: -80, max: 40 }) });
    fc.assert(
      fc.property(scaledArb, (x) => {
        expect(formatScaled(x)).toBe(toDecimal(x, ctor).toString());
        if (x.n !== 0n) {
          const b = log10Bounds(x)!;
          const exact = toDecimal(x, ctor).abs();
          expect(exact.gte(new Decimal(10).pow(b.lo)) && exact.lt(new Decimal(10).pow(b.hi))).toBe(true);
          expect(digitCount(x.n)).toBe((x.n < 0n ? -x.n : x.n).toString().length);
        }
      }),
      { seed: profile.seed, numRuns: 200 * profile.runsScale },
    );
    for (const [n, e] of [[1n, -7], [1n, -6], [15n, -8], [1n, 21], [1n, 20], [-123n, 0], [1200n, -2], [5n, -1]] as const) {
      expect(formatScaled(s(n, e))).toBe(toDecimal(s(n, e), ctor).toString());
    }
  });

  it('should round half to even', () => {
    expect(roundScaled(s(125n, -2), 2)).toEqual(s(12n, -1));
    expect(roundScaled(s(135n, -2), 2)).toEqual(s(14n, -1));
    expect(roundScaled(s(-1251n, -3), 2)).toEqual(s(-13n, -1));
    expect(roundScaled(s(999n, 0), 2)).toEqual(s(100n, 1));
    expect(roundScaled(s(12n, 0), 5)).toEqual(s(12n, 0));
  });

  it('should count decimal digits exactly at powers of ten', () => {
    for (let k = 1; k < 400; k += 7) {
      expect(digitCount(10n ** BigInt(k))).toBe(k + 1);
      expect(digitCount(10n ** BigInt(k) - 1n)).toBe(k);
      expect(digitCount(-(10n ** BigInt(k)))).toBe(k + 1);
    }
    expect(digitCount(0n)).toBe(0);
  });
});

it('should never touch the global Decimal configuration', () => {
  expect(Decimal.precision).toBe(20);
  expect(Decimal.rounding).toBe(Decimal.ROUND_HALF_UP);
});
