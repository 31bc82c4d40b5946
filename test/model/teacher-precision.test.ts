/**
 * The low-order parts of the teacher (src/model/teacher.ts) against a 60-digit decimal.js
 * recomputation from the exact inputs: e + eLo = 1/√p to about 106 bits, vStar + vStarLo =
 * (exact e + w*)/‖u*‖ componentwise to about 106 bits, ‖u*‖ correctly rounded (Dot2), and the
 * teachers whose ‖u*‖² leaves the double range (the scaled norm; no NaN in vStarLo).
 */
import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { makeTeacher, shortcutComponent, shortcutRoundingError } from '../../src/model/teacher.ts';
import { Rng } from '../../src/random/rng.ts';
import { doubleToDecimal } from '../../src/reference/exact-double.ts';

const D = Decimal.clone({ precision: 60, rounding: Decimal.ROUND_HALF_EVEN });
const TWO_POW_M104 = 2 ** -104;

/** 1/√p in 60 digits. */
function exactShortcut(p: number): Decimal {
  return new D(1).div(new D(p).sqrt());
}

describe('shortcutRoundingError: e + eLo = 1/√p to about 106 bits', () => {
  it('should give eLo = 0 where 1/√p is a double (p = 1, 4, 16, 64, 4^10)', () => {
    for (const p of [1, 4, 16, 64, 4 ** 10]) {
      expect(shortcutRoundingError(p, shortcutComponent(p)), `p = ${p}`).toBe(0);
      expect(makeTeacher(new Float64Array(p), Float64Array.of(1)).eLo, `p = ${p}`).toBe(0);
    }
  });

  it('should carry the rounding error of fl(1/√p): |e + eLo − 1/√p| ≤ 2⁻¹⁰⁴·(1/√p)', () => {
    // One Newton step from an error of ≤ 2u relative leaves ≈ (3/2)(2u)² ≈ 2⁻¹⁰³ at worst, plus the
    // roundings of the residual's last terms. Measured worst over these 40 p: 2.8e-32 relative
    // (0.57·2⁻¹⁰⁴); tolerance 2⁻¹⁰⁴ ≈ 4.9e-32. Without eLo the error is up to 2⁻⁵² ≈ 2.2e-16.
    const ps = [2, 3, 5, 6, 7, 8, 10, 11, 12, 13, 17, 31, 99, 100, 127, 128, 1000, 1023, 12345, 999_999];
    for (let i = 0; i < 20; i++) ps.push(2 + Math.floor(1e6 * Rng.derived(77, i).uniform()));
    let worst = 0;
    for (const p of ps) {
      const e = shortcutComponent(p);
      const eLo = shortcutRoundingError(p, e);
      const exact = exactShortcut(p);
      const error = doubleToDecimal(e, D).plus(doubleToDecimal(eLo, D)).minus(exact).abs().div(exact).toNumber();
      worst = Math.max(worst, error);
      expect(error, `p = ${p}`).toBeLessThanOrEqual(TWO_POW_M104);
      // eLo is the error of e = fl(1/fl(√p)), two roundings: |eLo| ≤ 2u·e (measured 1.24u·e at
      // most), and it is non-zero unless 1/√p is a double.
      expect(Math.abs(eLo), `p = ${p}`).toBeLessThanOrEqual(2 ** -52 * e);
      expect(eLo, `p = ${p}`).not.toBe(0);
    }
    expect(worst).toBeGreaterThan(0);
  });

  it('should be the teacher’s eLo', () => {
    for (const p of [2, 3, 7, 50]) {
      const t = makeTeacher(new Float64Array(p), Float64Array.of(1));
      expect(t.eLo).toBe(shortcutRoundingError(p, t.e));
    }
  });
});

describe('makeTeacher: vStar + vStarLo and ‖u*‖ against the exact u* = 1/√p + w*', () => {
  /** max_i |vStar_i + vStarLo_i − u*_i/‖u*‖| with the exact u*_i and the double ‖u*‖, and ‖u*‖'s error. */
  function errors(wStar: Float64Array): { direction: number; withoutLo: number; norm: number } {
    const t = makeTeacher(wStar, Float64Array.of(1));
    const e = exactShortcut(t.p);
    const normU = doubleToDecimal(t.normUStar, D);
    let direction = 0;
    let withoutLo = 0;
    let normSq = new D(0);
    for (let i = 0; i < t.p; i++) {
      const u = e.plus(doubleToDecimal(wStar[i], D));
      // ‖u*‖ is of the double u* = fl(e + w*) (the documented ‖e + w*‖ of the rounded vector).
      const ud = doubleToDecimal(t.uStar[i], D);
      normSq = normSq.plus(ud.times(ud));
      const target = u.div(normU);
      const hi = doubleToDecimal(t.vStar[i], D);
      direction = Math.max(direction, hi.plus(doubleToDecimal(t.vStarLo[i], D)).minus(target).abs().toNumber());
      withoutLo = Math.max(withoutLo, hi.minus(target).abs().toNumber());
    }
    const norm = normU.minus(normSq.sqrt()).abs().div(normSq.sqrt()).toNumber();
    return { direction, withoutLo, norm };
  }

  it('should carry v*’s direction to about 106 bits: |vStar_i + vStarLo_i − u*_i/‖u*‖| ≤ 2⁻¹⁰⁴', () => {
    // Random teachers (p from 1 to 40, w* = s·ξ/√p with s up to 4) and a near-cancelling one.
    // Measured worst: 1.5e-32 (0.31·2⁻¹⁰⁴); tolerance 2⁻¹⁰⁴ ≈ 4.9e-32. Without vStarLo the error is
    // 1.4e-16 at worst (the roundings of e + w* and of the division), which the check tells apart.
    let worst = 0;
    let worstWithout = 0;
    for (let trial = 0; trial < 60; trial++) {
      const rng = Rng.derived(2024, trial);
      const p = 1 + (trial % 40);
      const s = 4 * rng.uniform();
      const wStar = rng.fillNormal(new Float64Array(p)).map((x) => (s * x) / Math.sqrt(p));
      const { direction, withoutLo, norm } = errors(wStar);
      worst = Math.max(worst, direction);
      worstWithout = Math.max(worstWithout, withoutLo);
      // ‖u*‖ by Dot2: ‖u*‖² to u relative, so ‖u*‖ to u/2, plus the square root's rounding u: at
      // most 1.5u ≈ 1.67e-16 (measured 1.11u = 1.23e-16); tolerance 1.5u.
      expect(norm, `trial ${trial}`).toBeLessThanOrEqual(1.5 * 2 ** -53);
    }
    expect(worst).toBeLessThanOrEqual(2 ** -104);
    expect(worstWithout).toBeGreaterThan(1e-18);
    // Near cancellation: e + w* = (1e-9, 2e-9, …) with p = 4 — u* is exact here (e = 1/2), and the
    // correction still has to be right.
    const near = errors(Float64Array.of(-0.5 + 1e-9, -0.5 + 2e-9, -0.5 - 3e-9, -0.5 + 5e-10));
    expect(near.direction).toBeLessThanOrEqual(2 ** -104);
  });

  it('should take ‖u*‖ from the scaled norm when ‖u*‖² overflows, and keep vStarLo finite', () => {
    // ‖u*‖² = 4.5e600 overflows; ‖u*‖ = √2·1.5e300 is representable. The scaled path is exact to
    // a few ulps (measured 0 ulps relative to fl(√2·1.5e300)); tolerance 4 ulps.
    const t = makeTeacher(Float64Array.of(1.5e300, -1.5e300), Float64Array.of(1, 2));
    const expectedNorm = Math.SQRT2 * 1.5e300;
    expect(Math.abs(t.normUStar - expectedNorm)).toBeLessThanOrEqual(4 * 2 ** -52 * expectedNorm);
    expect(Math.abs(t.vStar[0] - Math.SQRT1_2)).toBeLessThanOrEqual(4 * 2 ** -52);
    expect(Math.abs(t.vStar[1] + Math.SQRT1_2)).toBeLessThanOrEqual(4 * 2 ** -52);
    // vStarLo is a correction below an ulp of v* (TwoProduct would overflow at this scale: NaN).
    for (const lo of t.vStarLo) {
      expect(Number.isFinite(lo)).toBe(true);
      expect(Math.abs(lo)).toBeLessThanOrEqual(2 ** -52);
    }
    // Just inside the range (‖u*‖² ≈ 2e278) the plain path gives the same kind of answer.
    const inRange = makeTeacher(Float64Array.of(1e139, -1e139), Float64Array.of(1));
    expect(Math.abs(inRange.normUStar - Math.SQRT2 * 1e139)).toBeLessThanOrEqual(4 * 2 ** -52 * Math.SQRT2 * 1e139);
  });
});
