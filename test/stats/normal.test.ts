/**
 * Example tests of Φ and Φ⁻¹ (src/stats/normal.ts) against 30-digit values from mpmath
 * (mpmath.ncdf and √2·erfinv(2p − 1) at mp.dps = 30). Tolerances are the smallest powers of ten
 * that pass: Φ's worst measured relative error is 7.6e-14 at x = −3 (1 − erf cancels there); Φ⁻¹'s
 * is 2.4e-15, and the round trip Φ⁻¹(Φ(x)) is within 7e-15.
 */
import { describe, expect, it } from 'vitest';
import { normalCdf, normalQuantile, normalSurvival } from '../../src/stats/normal.ts';
import { expectRelClose } from './expect-close.ts';

describe('normalCdf', () => {
  it('should match 30-digit values in the centre and both tails', () => {
    expectRelClose(normalCdf(1.96), 0.975002104851779563787176307604, 1e-15);
    expectRelClose(normalCdf(-0.5), 0.308537538725986896362295389392, 1e-15);
    expectRelClose(normalCdf(-2), 0.0227501319481792072002826371665, 1e-14);
    expectRelClose(normalCdf(-3), 0.0013498980316300945266518147676, 1e-13);
    expectRelClose(normalCdf(-10), 7.6198530241605260659733432516e-24, 1e-14);
    expectRelClose(normalSurvival(10), 7.6198530241605260659733432516e-24, 1e-14);
  });

  it('should give the exact values at 0 and ±∞', () => {
    expect(normalCdf(0)).toBe(0.5);
    expect(normalCdf(Infinity)).toBe(1);
    expect(normalCdf(-Infinity)).toBe(0);
    expect(normalCdf(NaN)).toBeNaN();
  });
});

describe('normalQuantile', () => {
  it('should match 30-digit values', () => {
    expectRelClose(normalQuantile(0.975), 1.95996398454005423552459443052, 1e-14);
    expectRelClose(normalQuantile(0.995), 2.5758293035489007609785767486, 1e-14);
    expectRelClose(normalQuantile(0.95), 1.64485362695147271486384890799, 1e-14);
    expectRelClose(normalQuantile(1e-10), -6.36134090240405620469535501582, 1e-14);
    expect(normalQuantile(0.5)).toBe(0);
  });

  it('should invert normalCdf where p = Φ(x) is well conditioned (x ≤ 2; near p = 1 rounding of p dominates)', () => {
    for (const x of [-8, -3, -1, -0.1, 0.3, 2]) expectRelClose(normalQuantile(normalCdf(x)), x, 1e-14);
  });

  it('should return ±∞ at 0 and 1 and reject levels outside [0, 1]', () => {
    expect(normalQuantile(0)).toBe(-Infinity);
    expect(normalQuantile(1)).toBe(Infinity);
    expect(() => normalQuantile(1.5)).toThrow('p must be in [0, 1] (got 1.5)');
    expect(() => normalQuantile(NaN)).toThrow(RangeError);
  });
});
