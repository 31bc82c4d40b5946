/**
 * The norms of src/model/vector-norm.ts: ‖x‖ and ‖x + c·1‖ without overflow or underflow. Inside
 * the normal range of the sum of squares the plain formula is used; outside it (‖x‖² below 1e-280
 * or above 1e280) the vector is scaled by its largest entry m, ‖x‖ = m·‖x/m‖. The examples are
 * Pythagorean triples scaled by powers of two (exact in both paths), so each path must return
 * the exact norm; the random cases check the n·u bound of recursive summation of squares.
 */
import { describe, expect, it } from 'vitest';
import { scaledNorm, shiftedNorm } from '../../src/model/vector-norm.ts';
import { Rng } from '../../src/random/rng.ts';
import { makeReferenceContext } from '../../src/reference/decimal-context.ts';
import { doubleToDecimal } from '../../src/reference/exact-double.ts';

const D = makeReferenceContext(60);
const U = 2 ** -53;

describe('vector norms: exact examples on both paths', () => {
  it('should give ‖(3, 4)‖ = 5 at scales 1, 2⁻⁶⁰⁰ and 2⁶⁰⁰ (squares underflow and overflow at the last two)', () => {
    for (const scale of [1, 2 ** -600, 2 ** 600]) {
      expect(scaledNorm(Float64Array.of(3 * scale, 4 * scale)), `scale ${scale}`).toBe(5 * scale);
      expect(scaledNorm(Float64Array.of(-4 * scale, 0, 3 * scale)), `scale ${scale}`).toBe(5 * scale);
    }
  });

  it('should give ‖x + c·1‖ = 5 for x = (2, 3)·s, c = s at scales 1, 2⁻⁶⁰⁰ and 2⁶⁰⁰', () => {
    for (const scale of [1, 2 ** -600, 2 ** 600]) {
      expect(shiftedNorm(Float64Array.of(2 * scale, 3 * scale), scale), `scale ${scale}`).toBe(5 * scale);
    }
  });

  it('should give ‖e + w‖ = ‖u‖ through the shift: shiftedNorm(w, 1/√p) with w = u − e', () => {
    // p = 4: e = 1/√4 = 1/2 exactly, and e + w = (3, 4, 0, 0).
    expect(shiftedNorm(Float64Array.of(2.5, 3.5, -0.5, -0.5), 0.5)).toBe(5);
  });

  it('should give 0 for zero vectors and a zero-length vector, on the scaled path', () => {
    expect(scaledNorm(Float64Array.of(0, 0, 0))).toBe(0);
    expect(scaledNorm(new Float64Array(0))).toBe(0);
    expect(shiftedNorm(Float64Array.of(-1, -1), 1)).toBe(0);
  });

  it('should give the smallest subnormal its own norm and √2·1e300 without overflow', () => {
    expect(scaledNorm(Float64Array.of(5e-324))).toBe(5e-324);
    expect(scaledNorm(Float64Array.of(1e300, -1e300))).toBe(Math.SQRT2 * 1e300);
  });

  it('should return Infinity for an infinite entry and NaN for a NaN entry', () => {
    expect(scaledNorm(Float64Array.of(1, Infinity))).toBe(Infinity);
    expect(scaledNorm(Float64Array.of(-Infinity, 1))).toBe(Infinity);
    expect(scaledNorm(Float64Array.of(1, NaN))).toBeNaN();
  });
});

describe('vector norms: accuracy against 60-digit decimal.js', () => {
  it('should stay within (n + 2)·u relative on random vectors at scales from 1e-300 to 1e300', () => {
    const rng = new Rng(20191209);
    for (const scale of [1e-300, 1e-160, 1e-140, 1, 1e140, 1e160, 1e300]) {
      for (const n of [1, 2, 5, 50]) {
        const x = Float64Array.from({ length: n }, () => scale * rng.normal());
        let ss = new D(0);
        for (const xi of x) ss = ss.plus(doubleToDecimal(xi, D).pow(2));
        const exact = ss.sqrt();
        const error = doubleToDecimal(scaledNorm(x), D).minus(exact).div(exact).abs().toNumber();
        // Recursive summation of n squares and one square root: (n + 2)·u (the a-priori bound).
        expect(error, `n = ${n}, scale ${scale}`).toBeLessThanOrEqual((n + 2) * U);
      }
    }
  });

  it('should scale by the largest |x_i + c|, not |x_i − c|, when the squares underflow', () => {
    // x_i + c = 2e-200: ‖·‖ = 2√2·1e-200, whose squares (8e-400) underflow; x_i − c = 0 would
    // give a zero scale and a zero norm.
    const norm = shiftedNorm(Float64Array.of(1e-200, 1e-200), 1e-200);
    expect(Math.abs(norm - 2 * Math.SQRT2 * 1e-200)).toBeLessThanOrEqual(4 * U * 2 * Math.SQRT2 * 1e-200);
  });
});
