/**
 * The certificate of src/reference/certified-sum.ts against its doc comment: for n terms each
 * known to relative error 10^(ERROR_EXPONENT − P), the sum's relative error is at most
 * 10^(c + ERROR_EXPONENT − P) with c = log10(n · max|t_i| / |Σ t_i|), so the deficit for a target
 * of `target` digits must be at least c + ERROR_EXPONENT − P + target (sound) and, being c rounded
 * up from bounds on the magnitudes, less than three more (decimal terms) or one more (exact
 * terms): not so pessimistic that P is raised needlessly. Exact zeros: all-zero terms are
 * certified; a zero sum of non-zero terms is not.
 */
import { describe, expect, it } from 'vitest';
import { type Certified, certifiedScaledSum, certifiedSum, ERROR_EXPONENT } from '../../src/reference/certified-sum.ts';
import { workingContext } from '../../src/reference/decimal-context.ts';
import { type Scaled, toDecimal } from '../../src/reference/scaled.ts';

const P = 50;
const TARGET = 40;
const D = workingContext(P);
const WIDE = workingContext(100);

/** c + ERROR_EXPONENT − P + target with c computed at 100 digits from the exact terms. */
function exactDeficit(terms: readonly string[]): number {
  const values = terms.map((t) => new WIDE(t));
  const total = values.reduce((acc, t) => acc.plus(t));
  const max = values.reduce((m, t) => (t.abs().gt(m) ? t.abs() : m), new WIDE(0));
  const c = new WIDE(values.length).times(max).div(total.abs()).log(10).toNumber();
  return c + ERROR_EXPONENT - P + TARGET;
}

/**
 * `slack`: how far above the exact bound the deficit may lie. certifiedSum bounds c from decimal
 * exponents (max|t| < 10^(e+1), |Σ| ≥ 10^e) and rounds log10 n up: three roundings, each < 1
 * (measured on the cases below: at most 2.0). certifiedScaledSum rounds c up once from log10
 * bounds within 1e-9 (measured: at most 1.0).
 */
function expectSoundAndTight(r: Certified<unknown>, terms: readonly string[], slack: number): void {
  const bound = exactDeficit(terms);
  expect(r.deficit, `deficit of ${terms.join(' + ')}`).toBeGreaterThanOrEqual(bound);
  expect(r.deficit, `deficit of ${terms.join(' + ')}`).toBeLessThan(bound + slack);
}

const cases: string[][] = [
  ['1', '2', '3'], // no cancellation: c = log10(3·3/6)
  ['1', '-0.999999999999999999999999999999'], // 30 digits cancel
  ['123.456', '-123.455', '1e-20'], // three terms, mixed magnitudes
  ['-7', '0.5'], // negative sum
  ['5e-30', '5e-30', '5e-30', '5e-30', '5e-30', '5e-30', '5e-30', '5e-30', '5e-30', '5e-30', '5e-30'], // n = 11
  ['9.99', '0.01'], // sum 10: a power of ten, c rounded up exactly there
];

describe('certifiedSum (decimal.js terms)', () => {
  it('should give the exact (P-rounded) sum and a sound, tight deficit', () => {
    for (const terms of cases) {
      const r = certifiedSum(terms.map((t) => new D(t)), P, TARGET);
      expect(r.value.eq(terms.reduce((acc, t) => acc.plus(t), new D(0)))).toBe(true);
      expectSoundAndTight(r, terms, 3);
    }
  });

  it('should certify a sum of exact zeros and refuse a zero sum of non-zero terms', () => {
    const zeros = certifiedSum([new D(0), new D(0)], P, TARGET);
    expect(zeros.value.isZero()).toBe(true);
    expect(zeros.deficit).toBeLessThanOrEqual(0);
    const cancelled = certifiedSum([new D('0.25'), new D('-0.25'), new D(0)], P, TARGET);
    expect(cancelled.value.isZero()).toBe(true);
    expect(cancelled.deficit).toBeGreaterThan(0);
  });

  it('should be certified exactly when P covers the cancellation', () => {
    // 30 digits cancel (c ≈ 30.3): certified iff P ≥ c + ERROR_EXPONENT + target ≈ 74.3
    const terms = ['1', '-0.999999999999999999999999999999'];
    expect(certifiedSum(terms.map((t) => new (workingContext(76))(t)), 76, TARGET).deficit).toBeLessThanOrEqual(0);
    expect(certifiedSum(terms.map((t) => new (workingContext(73))(t)), 73, TARGET).deficit).toBeGreaterThan(0);
  });
});

describe('certifiedScaledSum (exact terms)', () => {
  const s = (text: string): Scaled => {
    const [mantissa, exp = '0'] = text.split('e');
    const [int, frac = ''] = mantissa.split('.');
    return { n: BigInt(int + frac), e: Number(exp) - frac.length };
  };

  it('should give the exact sum and a sound, tight deficit', () => {
    for (const terms of cases) {
      const r = certifiedScaledSum(terms.map(s), P, TARGET);
      expect(toDecimal(r.value, WIDE).eq(terms.reduce((acc, t) => acc.plus(t), new WIDE(0)))).toBe(true);
      expectSoundAndTight(r, terms, 1 + 1e-8);
    }
  });

  it('should certify a sum of exact zeros and refuse a zero sum of non-zero terms', () => {
    const zeros = certifiedScaledSum([{ n: 0n, e: 0 }, { n: 0n, e: -5 }], P, TARGET);
    expect(zeros.value.n).toBe(0n);
    expect(zeros.deficit).toBeLessThanOrEqual(0);
    const cancelled = certifiedScaledSum([s('0.25'), s('-0.25')], P, TARGET);
    expect(cancelled.value.n).toBe(0n);
    expect(cancelled.deficit).toBeGreaterThan(0);
  });
});
