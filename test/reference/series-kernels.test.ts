/**
 * The power series of src/reference/series.ts against their specification: π correctly rounded at
 * every precision whatever was computed (and cached) before; arctan to within one ulp on both
 * sides of the argument switches (y = 1/32 between the plain series and the halving reduction,
 * y = 1 for the reflection arctan y = π/2 − arctan(1/y)), with the identities
 * arctan 1 = π/4 and arctan y + arctan(1/y) = π/2; and q(x) = sin x − x cos x on both sides of
 * the switch at x = 1/2, against decimal.js's sin and cos at 100 extra digits.
 */
import type { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { makeReferenceContext, workingContext } from '../../src/reference/decimal-context.ts';
import { atanNonNegative, piAt, sinMinusXCos } from '../../src/reference/series.ts';

/** |x − y| / |y| as a number. */
function relErr(x: Decimal, y: Decimal): number {
  return x.minus(y).abs().div(y.abs()).toNumber();
}

/** One unit in the last place of a `precision`-digit value, relative: at most 10^(1 − precision). */
const ulp = (precision: number): number => 10 ** (1 - precision);

const WIDE = makeReferenceContext(1000);
const PI_WIDE = new WIDE(-1).acos(); // decimal.js's stored π, correct to ~1025 digits

describe('piAt', () => {
  it('should be π correctly rounded at every precision, in any order of calls (cache)', () => {
    // A large precision first fills the cache; smaller ones must be cut from it, and a larger one
    // afterwards must recompute, not reuse the shorter cache.
    for (const precision of [900, 1, 2, 15, 16, 60, 333, 950, 30]) {
      const expected = PI_WIDE.toSignificantDigits(precision).toString();
      expect(piAt(precision).toString(), `π at ${precision}`).toBe(expected);
      expect(piAt(precision).precision(), `digits at ${precision}`).toBeLessThanOrEqual(precision);
    }
  });

  it('should be an instance of the working context of its precision', () => {
    expect(piAt(25)).toBeInstanceOf(workingContext(25));
  });
});

describe('atanNonNegative', () => {
  const N = 50;
  const wide = makeReferenceContext(N + 30);

  it('should be within one ulp of arctan on both sides of y = 1/32 and of y = 1', () => {
    const texts = [
      '0.03125', // exactly 1/32: last argument of the plain series
      '0.0312500000000000000000000000000000000000000000001',
      '0.0312499999999999999999999999999999999999999999999',
      '0.04', '0.125', '0.7', '0.9999999999999999999999999999',
      '1', '1.0000000000000000000000000001', '1.5', '31.99', '32', '32.0000000000000001', '33', '1e10',
    ];
    for (const text of texts) {
      const y = new wide(text);
      const ours = atanNonNegative(y, N);
      expect(ours).toBeInstanceOf(workingContext(N));
      expect(ours.precision(), text).toBeLessThanOrEqual(N);
      // measured: at most 0.33 · 10^(1−N) here; the doc promises ≲ 1 ulp
      expect(relErr(ours, y.atan()), text).toBeLessThan(ulp(N));
    }
  });

  it('should satisfy arctan 1 = π/4 and arctan y + arctan(1/y) = π/2', () => {
    const P = 80;
    const D = makeReferenceContext(P + 40);
    const quarter = PI_WIDE.div(4);
    expect(relErr(atanNonNegative(new D(1), P), quarter)).toBeLessThan(ulp(P));
    for (const text of ['0.02', '0.03125', '0.3', '3', '32', '50', '12345.678']) {
      const y = new D(text);
      const sum = atanNonNegative(y, P).plus(atanNonNegative(new D(1).div(y), P));
      // two values within one ulp each of their sum π/2
      expect(relErr(sum, PI_WIDE.div(2)), text).toBeLessThan(2 * ulp(P));
    }
  });

  it('should reject a negative argument with a RangeError naming it', () => {
    expect(() => atanNonNegative(new wide('-0.5'), N)).toThrow(new RangeError('atanNonNegative needs y ≥ 0 (got -0.5)'));
  });

  it('should keep full relative precision for tiny and huge arguments', () => {
    for (const text of ['1e-400', '3e-40', '1e40', '7e300']) {
      const y = new wide(text);
      expect(relErr(atanNonNegative(y, N), y.atan()), text).toBeLessThan(ulp(N));
    }
  });
});

describe('sinMinusXCos', () => {
  const N = 45;
  const wide = makeReferenceContext(N + 100);

  it('should be within one ulp of sin x − x cos x on both sides of x = 1/2', () => {
    for (const text of ['1e-20', '0.001', '0.2', '0.4999999999999999999999999', '0.5', '0.5000000000000000000001', '0.75', '1.2', '1.5']) {
      const x = new wide(text);
      const sin = x.sin();
      const cos = x.cos();
      const expected = sin.minus(x.times(cos));
      const ours = sinMinusXCos(x, sin, cos, N);
      expect(ours).toBeInstanceOf(workingContext(N));
      // measured: at most 0.29 · 10^(1−N) on both sides (the direct side, x ≥ 1/2, loses at most
      // log10(25) digits of the inputs' 145, far from the 45 kept)
      expect(relErr(ours, expected), text).toBeLessThan(ulp(N));
    }
  });

  it('should follow q(x) = x³/3 − x⁵/30 + … for small x (the series itself)', () => {
    // q(x) = x³/3 − x⁵/30 + x⁷/840 − …; at x = 1e-3 the first two terms give 1e-9/3 − 1e-15/30
    // with an error of x⁷/840 ≈ 1.2e-24, relative 3.6e-16 (the three-term sum is tighter still).
    const x = new wide('0.001');
    const three = x.pow(3).div(3).minus(x.pow(5).div(30)).plus(x.pow(7).div(840));
    const ours = sinMinusXCos(x, x.sin(), x.cos(), N);
    // the next term, x⁹/45360 ≈ 2.2e-32, relative 6.6e-23
    expect(relErr(ours, three)).toBeLessThan(1e-22);
    expect(relErr(ours, three)).toBeGreaterThan(1e-24);
  });

  it('should be 0 at x = 0', () => {
    const D = workingContext(N);
    expect(sinMinusXCos(new D(0), new D(0), new D(1), N).isZero()).toBe(true);
  });
});
