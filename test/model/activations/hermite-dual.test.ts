/**
 * The Hermite duals of the smooth activations (src/model/activations/hermite-dual.ts): Parseval
 * checks of the truncated expansion, the kernel against Monte Carlo on correlated normal pairs,
 * the gap's accuracy near φ = 0 and its value at π/2, the activations' own formulas, and the
 * refusal of a non-smooth σ.
 */
import { describe, expect, it } from 'vitest';
import type { Activation } from '../../../src/model/activations/activation.ts';
import { dualKernel } from '../../../src/model/activations/dual-activation.ts';
import { gelu } from '../../../src/model/activations/gelu.ts';
import { hermiteCoefficients, hermiteDual } from '../../../src/model/activations/hermite-dual.ts';
import { leakyRelu } from '../../../src/model/activations/leaky-relu.ts';
import { softplus } from '../../../src/model/activations/softplus.ts';
import { tanh } from '../../../src/model/activations/tanh.ts';
import { Rng } from '../../../src/random/rng.ts';

const SMOOTH: readonly Activation[] = [softplus, tanh, gelu];

describe('smooth activations', () => {
  it('should evaluate softplus, tanh and GELU and their derivatives', () => {
    expect(softplus.value(0)).toBeCloseTo(Math.LN2, 15);
    expect(softplus.value(800)).toBe(800); // no overflow
    expect(softplus.value(-800)).toBe(0);
    expect(softplus.derivative(0)).toBe(0.5);
    expect(tanh.derivative(0)).toBe(1);
    expect(gelu.value(0)).toBe(0);
    expect(gelu.derivative(0)).toBeCloseTo(0.5, 14);
    // Central differences (h = 1e-6): truncation ~1e-12, rounding ~1e-10.
    for (const s of SMOOTH) {
      for (const x of [-3, -0.7, 0.2, 1.5, 4]) {
        const fd = (s.value(x + 1e-6) - s.value(x - 1e-6)) / 2e-6;
        expect(Math.abs(fd - s.derivative(x)), `${s.name} at ${x}`).toBeLessThan(1e-9);
      }
    }
  });
});

describe('hermite-dual', () => {
  it('should satisfy Parseval: Σ d_n² = E σ² and Σ n d_n² = E σ\'² (measured ≤ 2.6e-15 relative)', () => {
    for (const s of SMOOTH) {
      const e = hermiteCoefficients(s, 600);
      let second = 0;
      let derivative = 0;
      e.coefficients.forEach((d, n) => {
        second += d * d;
        derivative += n * d * d;
      });
      expect(Math.abs(second - e.secondMoment) / Math.abs(e.secondMoment), s.name).toBeLessThan(1e-14);
      expect(Math.abs(derivative - e.derivativeSecondMoment) / Math.abs(e.derivativeSecondMoment), s.name).toBeLessThan(1e-14);
    }
  });

  it('should give tanh mean 0, an odd kernel, γ(π/2) = V and κ\'(1) = E σ\'²', () => {
    const t = hermiteDual(tanh);
    expect(Math.abs(t.mean)).toBeLessThan(1e-16);
    // Relative tolerances in units of 2⁻⁵², the smallest that pass (measured in brackets).
    const close = (x: number, y: number, ulps: number): void => expect(Math.abs(x - y) / Math.abs(y)).toBeLessThanOrEqual(ulps * 2 ** -52);
    for (const phi of [0.3, 1.1]) close(dualKernel(t, Math.PI - phi, phi), -dualKernel(t, phi, Math.PI - phi), 16); // [15]
    for (const s of SMOOTH) {
      const d = hermiteDual(s);
      close(d.gap(Math.PI / 2, Math.PI / 2), d.variance, 4); // [≤ 2.5]
      close(d.slope(0, Math.PI), hermiteCoefficients(s, 8).derivativeSecondMoment, 16); // [≤ 9.7]
    }
  });

  it('should keep the gap accurate near φ = 0: γ(φ) = (1 − cos φ) κ\'(1) + O(φ⁴)', () => {
    for (const s of SMOOTH) {
      const d = hermiteDual(s);
      const phi = 1e-6;
      const expected = 2 * Math.sin(phi / 2) ** 2 * d.slope(0, Math.PI);
      // The O(φ⁴) term is ~1e-12 relative here; naive s₂ − κ would have no correct digit.
      expect(Math.abs(d.gap(phi, Math.PI - phi) - expected) / expected, s.name).toBeLessThan(1e-10);
      expect(d.gap(0, Math.PI)).toBe(0);
    }
  });

  it('should give E[σ(X)σ(Y)] of correlated standard normals within 5 standard errors', () => {
    // N = 2¹⁹ pairs per (σ, φ); z = 5 is 5.7e-7 two-sided per comparison (12 comparisons).
    const rng = new Rng(21);
    const n = 1 << 19;
    for (const s of SMOOTH) {
      const d = hermiteDual(s);
      for (const phi of [0.2, 1, 2, 3]) {
        const c = Math.cos(phi);
        const sn = Math.sin(phi);
        let sum = 0;
        let sumSq = 0;
        for (let i = 0; i < n; i++) {
          const x = rng.normal();
          const f = s.value(x) * s.value(c * x + sn * rng.normal());
          sum += f;
          sumSq += f * f;
        }
        const mean = sum / n;
        const se = Math.sqrt((sumSq / n - mean * mean) / n);
        expect(Math.abs(mean - dualKernel(d, phi, Math.PI - phi)) / se, `${s.name} at φ = ${phi}`).toBeLessThan(5);
      }
    }
  }, 60_000);

  it('should refuse a non-smooth activation, whose Hermite tail decays like n^(−5/2)', () => {
    expect(() => hermiteDual(leakyRelu(0))).toThrow(/Hermite tail is not below/);
    expect(() => hermiteCoefficients(tanh, 0)).toThrow(new RangeError('count must be a positive integer (got 0)'));
  });
});
