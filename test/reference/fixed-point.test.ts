/**
 * The BigInt fixed-point kernels of src/reference/fixed-point.ts against their doc comments:
 * round(x·10^F) in and exact x/10^F out, truncating products and quotients, bit lengths,
 * ⌊√n⌋ for integers of every size (both seeding paths: a double estimate up to 1000 bits, a
 * shifted one beyond, with odd and even bit lengths), ⌊√x·10^F⌋ and √ of decimal.js values to
 * within one ulp (exact for exact squares).
 */
import { Decimal } from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { resolveProfile } from '../../src/config/profile.ts';
import { makeReferenceContext, workingContext } from '../../src/reference/decimal-context.ts';
import {
  bitLength,
  divFixed,
  fromFixedPoint,
  isqrt,
  mulFixed,
  sqrtDecimal,
  sqrtFixed,
  toFixedPoint,
} from '../../src/reference/fixed-point.ts';

const profile = resolveProfile();

function isFloorRoot(r: bigint, n: bigint): boolean {
  return r >= 0n && r * r <= n && (r + 1n) * (r + 1n) > n;
}

describe('toFixedPoint / fromFixedPoint', () => {
  const D = workingContext(30);

  it('should give round(x·10^F), half to even, for either sign', () => {
    expect(toFixedPoint(new D('123.456'), 2)).toBe(12346n);
    expect(toFixedPoint(new D('1.25'), 1)).toBe(12n);
    expect(toFixedPoint(new D('1.35'), 1)).toBe(14n);
    expect(toFixedPoint(new D('-0.000123'), 5)).toBe(-12n);
    expect(toFixedPoint(new D('7'), 3)).toBe(7000n);
    expect(toFixedPoint(new D('0.4'), 0)).toBe(0n);
    expect(toFixedPoint(new D('999999.5'), 0)).toBe(1000000n);
  });

  it('should give x/10^F exactly, whatever the constructor precision', () => {
    const tiny = workingContext(3);
    expect(fromFixedPoint(123456789n, 4, tiny).toString()).toBe('12345.6789');
    expect(fromFixedPoint(-5n, 3, tiny).toString()).toBe('-0.005');
    expect(fromFixedPoint(0n, 10, tiny).isZero()).toBe(true);
    expect(fromFixedPoint(42n, 0, tiny).toString()).toBe('42');
  });
});

describe('mulFixed / divFixed', () => {
  it('should truncate x·y/10^F and x·10^F/y toward zero', () => {
    expect(mulFixed(15n, 15n, 1)).toBe(22n); // 1.5 · 1.5 = 2.25 → 2.2
    expect(mulFixed(-15n, 15n, 1)).toBe(-22n);
    expect(mulFixed(10n ** 20n, 3n * 10n ** 20n, 20)).toBe(3n * 10n ** 20n); // 1 · 3 = 3
    expect(divFixed(1n, 3n, 5)).toBe(33333n); // 1/3 → 0.33333 (raw 1·10^5/3)
    expect(divFixed(10n ** 5n, 3n * 10n ** 5n, 5)).toBe(33333n); // 1/3 in fixed point
    expect(divFixed(-2n * 10n ** 5n, 3n * 10n ** 5n, 5)).toBe(-66666n);
  });
});

describe('bitLength', () => {
  it('should give the number of bits of a positive integer', () => {
    for (const [n, bits] of [[1n, 1], [2n, 2], [3n, 2], [15n, 4], [16n, 5], [255n, 8], [256n, 9], [2n ** 100n, 101], [2n ** 100n - 1n, 100]] as const) {
      expect(bitLength(n), String(n)).toBe(bits);
    }
  });
});

describe('isqrt', () => {
  it('should give ⌊√n⌋ at squares and their neighbours, small and beyond 1000 bits', () => {
    // k of 10, 100, 400 and 600 digits: k² below 104 bits (the general path's shift would be
    // negative), within 1000 bits (double estimate) and beyond (shifted estimate)
    const decimalRoots = [10, 100, 400, 600].map((d) => 10n ** BigInt(d - 1) + 7n * 10n ** BigInt(Math.floor(d / 2)) + 3n);
    const roots = [...decimalRoots, 2n, 3n, 1000n, 2n ** 26n + 1n, 2n ** 52n - 1n, 10n ** 40n + 7n, 2n ** 499n + 3n, 2n ** 500n - 1n, 2n ** 501n + 12345n, 3n ** 700n, 2n ** 1500n + 1n];
    for (const m of roots) {
      for (const n of [m * m - 1n, m * m, m * m + 1n, m * m + 2n * m]) {
        expect(isFloorRoot(isqrt(n), n), `n = m² + ${n - m * m}, m = ${m}`).toBe(true);
      }
    }
  });

  it('should give ⌊√n⌋ for random integers of 1 to 3000 bits (odd and even lengths)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 3000 }), fc.bigInt({ min: 0n, max: 2n ** 64n }), (bits, low) => {
        const n = (1n << BigInt(bits - 1)) + (low % (1n << BigInt(bits - 1)));
        expect(isFloorRoot(isqrt(n), n)).toBe(true);
      }),
      { seed: profile.seed, numRuns: 200 * profile.runsScale },
    );
  });

  it('should reject negative n and map 0 and 1 to themselves', () => {
    expect(() => isqrt(-1n)).toThrow(new RangeError('isqrt needs n ≥ 0 (got -1)'));
    expect(isqrt(0n)).toBe(0n);
    expect(isqrt(1n)).toBe(1n);
    expect(isqrt(2n)).toBe(1n);
    expect(isqrt(3n)).toBe(1n);
  });
});

describe('sqrtFixed / sqrtDecimal', () => {
  it('should give ⌊√x·10^F⌋ in fixed point', () => {
    // √2 = 1.41421356237309504880…
    expect(sqrtFixed(2n * 10n ** 20n, 20)).toBe(141421356237309504880n);
    expect(sqrtFixed(625n, 2)).toBe(250n); // √6.25 = 2.50
    expect(sqrtFixed(25000n, 4)).toBe(15811n); // √2.5 = 1.58113883…
  });

  it('should round correctly where the truncated root ends in 500… (sticky digit), for every n ≤ 3000 at 10 digits', () => {
    // √1771 = 42.0832508250016…: truncated to precision + 3 = 13 digits it reads 42.08325082500, which a
    // half-even rounding of the truncation took for a tie (…082); the true value is above it (…083).
    const ctor = workingContext(10);
    const wide = makeReferenceContext(60);
    expect(sqrtDecimal(new ctor(1771), 10, ctor).toString()).toBe('42.08325083');
    // An exact root gets no sticky digit: √6.25 = 2.5 is a true tie at 1 digit, half-even 2 (not 3).
    const one = workingContext(1);
    expect(sqrtDecimal(new one('6.25'), 1, one).toString()).toBe('2');
    expect(sqrtDecimal(new one('12.25'), 1, one).toString()).toBe('4');
    for (let n = 1; n <= 3000; n++) {
      const expected = new wide(n).sqrt().toSignificantDigits(10, Decimal.ROUND_HALF_EVEN).toString();
      expect(sqrtDecimal(new ctor(n), 10, ctor).toString(), `√${n}`).toBe(expected);
    }
  });

  it('should be within one ulp of √x at odd and even exponents, exact for exact squares', () => {
    const N = 40;
    const ctor = workingContext(N);
    const wide = makeReferenceContext(N + 40);
    for (const text of ['2', '10', '0.1', '1e-301', '1e-300', '3.3e77', '9.99999999999999999999999999999999999999999999e99', '123456789012345678901234567890123456789012345678901234567890']) {
      const ours = sqrtDecimal(new ctor(text), N, ctor);
      expect(ours).toBeInstanceOf(ctor);
      expect(ours.precision(), text).toBeLessThanOrEqual(N);
      const exact = new wide(text).sqrt();
      // measured: correctly rounded on these inputs (≤ 0.5 of 10^(1−N) relative); promised < 1 ulp
      expect(ours.minus(exact).abs().div(exact).toNumber(), text).toBeLessThan(10 ** (1 - N));
    }
    expect(sqrtDecimal(new ctor('6.25'), N, ctor).toString()).toBe('2.5');
    expect(sqrtDecimal(new ctor('1e-300'), N, ctor).toString()).toBe('1e-150');
    expect(sqrtDecimal(new ctor(0), N, ctor).isZero()).toBe(true);
    expect(() => sqrtDecimal(new ctor(-2), N, ctor)).toThrow(new RangeError('sqrt needs x ≥ 0 (got -2)'));
  });

  it('should give 0 for a negative zero (−0 ≥ 0)', () => {
    const ctor = workingContext(20);
    const root = sqrtDecimal(new ctor('-0'), 20, ctor);
    expect(root).toBeInstanceOf(ctor);
    expect(root.isZero()).toBe(true);
  });

  it('should reject non-finite values with a RangeError naming them', () => {
    const ctor = workingContext(20);
    expect(() => sqrtDecimal(new ctor(Infinity), 20, ctor)).toThrow(new RangeError('sqrt: unexpected decimal form Infinity'));
    expect(() => sqrtDecimal(new ctor(NaN), 20, ctor)).toThrow(new RangeError('sqrt: unexpected decimal form NaN'));
  });

  it('should reject an exponential form with anything before or after d.ddde±N', () => {
    // decimal.js's toExponential() has exactly this form; the anchored pattern guards against a
    // change of that format (a sign, a suffix) being read as a different number. The stand-ins
    // below imitate such a format change.
    const ctor = workingContext(20);
    const withForm = (text: string): Decimal =>
      ({ isZero: () => false, isNeg: () => false, toExponential: () => text }) as unknown as Decimal;
    expect(() => sqrtDecimal(withForm('+4e+2'), 20, ctor)).toThrow(new RangeError('sqrt: unexpected decimal form +4e+2'));
    expect(() => sqrtDecimal(withForm('4e+2 (rounded)'), 20, ctor)).toThrow(
      new RangeError('sqrt: unexpected decimal form 4e+2 (rounded)'),
    );
    expect(sqrtDecimal(withForm('4e+2'), 20, ctor).toString()).toBe('20');
  });

  it('should give √x when x has more digits than 2·(precision + 3) and an odd exponent', () => {
    // x = 2 + 10^−27 = 2000…001 · 10^−27 (28 digits, 28 ≥ 2·(10 + 3)): no digits are appended,
    // and the odd exponent −27 is made even by appending one: √x = 1.414213562… at 10 digits
    const ctor = workingContext(10);
    expect(sqrtDecimal(new ctor('2.000000000000000000000000001'), 10, ctor).toString()).toBe('1.414213562');
    // 20 + 10^−26 (28 digits, exponent −26 even: the other parity)
    expect(sqrtDecimal(new ctor('20.00000000000000000000000001'), 10, ctor).toString()).toBe('4.472135955');
  });

  it('should use every input digit (no pre-rounding to the output precision)', () => {
    // x = 1 + 1e-50 at 10 output digits: √x = 1 + 5e-51 → "1"; x = (1 + 1e-12)² exactly has 25
    // digits and √x = 1.000000000001 needs all of them.
    const ctor = workingContext(10);
    const x = new Decimal('1.000000000002000000000001');
    expect(sqrtDecimal(x, 13, workingContext(13)).toString()).toBe('1.000000000001');
    expect(sqrtDecimal(new ctor('1.00000000000000000000000000000000000000000000000001'), 10, ctor).toString()).toBe('1');
  });
});
