/**
 * src/model/activations/hermite-dual.ts on polynomial activations, whose Hermite expansions and
 * dual activations are known in closed form (He_n the probabilists' Hermite polynomials,
 * h_n = He_n/√(n!)):
 *
 *   x² + x = 1 + h_1 + √2·h_2:   μ = 1, V = 3,  κ(ρ) = 1 + ρ + 2ρ²,   γ = (1 − ρ) + 2(1 − ρ²),   κ' = 1 + 4ρ;
 *   x³ = 3·h_1 + √6·h_3:        μ = 0, V = 15, κ(ρ) = 9ρ + 6ρ³,      γ = 9(1 − ρ) + 6(1 − ρ³),   κ' = 9 + 18ρ².
 *
 * These check the coefficients (Mehler's formula), the truncation (a polynomial has a finite
 * expansion, so the series stops at the smallest allowed N = 8), the gap on both sides of π/2
 * (even and odd n, ρ < 0) and the slope, against exact values: nothing here depends on a smooth
 * activation's slowly decaying tail.
 */
import { describe, expect, it } from 'vitest';
import type { Activation } from '../../../src/model/activations/activation.ts';
import { dualKernel } from '../../../src/model/activations/dual-activation.ts';
import { hermiteCoefficients, hermiteDual } from '../../../src/model/activations/hermite-dual.ts';
import { leakyRelu } from '../../../src/model/activations/leaky-relu.ts';
import { tanh } from '../../../src/model/activations/tanh.ts';

interface Case {
  readonly sigma: Activation;
  readonly mean: number;
  readonly variance: number;
  readonly coefficients: readonly number[];
  /** E σ(X)² and E σ'(X)². */
  readonly moments: readonly [number, number];
  readonly gap: (rho: number) => number;
  readonly slope: (rho: number) => number;
  readonly kernel: (rho: number) => number;
}

const CASES: readonly Case[] = [
  {
    sigma: { name: 'x²+x', value: (s) => s * s + s, derivative: (s) => 2 * s + 1 },
    mean: 1,
    variance: 3,
    coefficients: [1, 1, Math.SQRT2, 0, 0],
    moments: [4, 5], // E(X² + X)² = E X⁴ + E X² = 4; E(2X + 1)² = 5
    gap: (r) => 1 - r + 2 * (1 - r * r),
    slope: (r) => 1 + 4 * r,
    kernel: (r) => 1 + r + 2 * r * r,
  },
  {
    sigma: { name: 'x³', value: (s) => s * s * s, derivative: (s) => 3 * s * s },
    mean: 0,
    variance: 15,
    coefficients: [0, 3, 0, Math.sqrt(6), 0],
    moments: [15, 27], // E X⁶ = 15; E(3X²)² = 9·3
    gap: (r) => 9 * (1 - r) + 6 * (1 - r * r * r),
    slope: (r) => 9 + 18 * r * r,
    kernel: (r) => 9 * r + 6 * r * r * r,
  },
];

/** Angles on both sides of π/2 (where gapSum switches to r = cos(π − φ)), and both ends. */
const PHIS = [0, 1e-3, 0.4, 1.2, Math.PI / 2, 1.9, 2.7, Math.PI - 1e-3, Math.PI];

describe('hermite-dual on polynomials with a known expansion', () => {
  it('should give the Hermite coefficients d_n = E[σ(X) h_n(X)], even with one term', () => {
    // The trapezoidal rule is spectrally accurate for these integrands: measured worst error
    // 4.9e-15 (absolute, coefficients of size ≤ 3; d_0 with one term: 1.1e-16); tolerance 1e-14.
    for (const c of CASES) {
      const { coefficients } = hermiteCoefficients(c.sigma, 5);
      c.coefficients.forEach((d, n) => expect(Math.abs(coefficients[n] - d), `${c.sigma.name}: d_${n}`).toBeLessThanOrEqual(1e-14));
      // The quadrature's E σ² and E σ'² (for the Parseval checks): measured 9.2e-16 relative at most;
      // tolerance 1e-14.
      const e = hermiteCoefficients(c.sigma, 5);
      expect(Math.abs(e.secondMoment - c.moments[0]) / c.moments[0], `${c.sigma.name}: E σ²`).toBeLessThanOrEqual(1e-14);
      expect(Math.abs(e.derivativeSecondMoment - c.moments[1]) / c.moments[1], `${c.sigma.name}: E σ'²`).toBeLessThanOrEqual(1e-14);
      const one = hermiteCoefficients(c.sigma, 1);
      expect(one.coefficients).toHaveLength(1);
      expect(Math.abs(one.coefficients[0] - c.mean), c.sigma.name).toBeLessThanOrEqual(1e-14);
    }
  });

  it('should give μ, V, γ, κ\' and κ of the closed forms at every angle', () => {
    // Measured worst: μ 1.1e-16 absolute, V 1.3e-15 relative; γ 2.8e-15, κ' 4.7e-15 and κ 1.5e-15
    // of V + μ² (which bounds them all); tolerance 2e-14 of it.
    for (const c of CASES) {
      const dual = hermiteDual(c.sigma);
      const scale = c.variance + c.mean * c.mean;
      expect(dual.name).toBe(c.sigma.name);
      expect(Math.abs(dual.mean - c.mean), c.sigma.name).toBeLessThanOrEqual(1e-14);
      expect(Math.abs(dual.variance - c.variance), c.sigma.name).toBeLessThanOrEqual(2e-14 * c.variance);
      for (const phi of PHIS) {
        const rho = Math.cos(phi);
        const label = `${c.sigma.name} at φ = ${phi}`;
        expect(Math.abs(dual.gap(phi, Math.PI - phi) - c.gap(rho)), label).toBeLessThanOrEqual(2e-14 * scale);
        expect(Math.abs(dual.slope(phi, Math.PI - phi) - c.slope(rho)), label).toBeLessThanOrEqual(2e-14 * scale);
        expect(Math.abs(dualKernel(dual, phi, Math.PI - phi) - c.kernel(rho)), label).toBeLessThanOrEqual(2e-14 * scale);
      }
    }
  });

  it('should keep the gap’s relative accuracy near φ = 0', () => {
    // γ ≈ κ'(1)·(1 − cos φ) = κ'(1)·2 sin²(φ/2) → 0, summed without cancellation: measured 2.6e-15
    // relative against the closed form written in t = 1 − cos φ = 2 sin²(φ/2) (s₂ − κ would keep
    // no digit at φ = 1e-7); tolerance 1e-12.
    for (const c of CASES) {
      const dual = hermiteDual(c.sigma);
      const phi = 1e-7;
      const t = 2 * Math.sin(phi / 2) ** 2; // 1 − cos φ to full precision
      const expected = c.sigma.name === 'x³' ? 9 * t + 6 * t * (1 + (1 - t) + (1 - t) ** 2) : t + 2 * t * (2 - t);
      expect(Math.abs(dual.gap(phi, Math.PI - phi) - expected) / expected, c.sigma.name).toBeLessThanOrEqual(1e-12);
    }
  });
});

describe('hermite-dual: the gap near φ = π and the truncation', () => {
  it('should keep the gap of an even σ accurate near φ = π: σ = x², γ = 2(1 − ρ²) = 2 sin²φ', () => {
    // x² = 1 + √2·h_2: only n = 2, so γ(φ) = 2(1 − cos²φ) = 2 sin²(π − φ) → 0 at φ = π, where
    // 1 + cos φ cancels; the gap must use r = cos(π − φ) and t = 2 sin²((π − φ)/2) there. Measured
    // worst relative error 5.6e-15 over these angles (1 + cos φ formed directly: 8.9e-5 at π − φ = 1e-6,
    // 1 at 1e-9);
    // tolerance 1e-13.
    const square: Activation = { name: 'x²', value: (s) => s * s, derivative: (s) => 2 * s };
    const dual = hermiteDual(square);
    for (const delta of [0.5, 1e-3, 1e-6, 1e-9]) {
      const expected = 2 * Math.sin(delta) ** 2;
      const gap = dual.gap(Math.PI - delta, delta);
      expect(Math.abs(gap - expected) / expected, `π − φ = ${delta}`).toBeLessThanOrEqual(1e-13);
    }
  });

  it('should not depend on the scale of σ: the dual of cσ is c² times the dual of σ', () => {
    // c = 2^±40 scales every quadrature term exactly, so every coefficient is c·d_n and the relative
    // truncation criterion Σ_{n≥N} n d_n² ≤ 1e-17·Σ n d_n² keeps the same N: the results are c²
    // times tanh's, bit for bit (measured: equal).
    const base = hermiteDual(tanh);
    for (const c of [2 ** -40, 2 ** 40]) {
      const scaled: Activation = { name: `${c}·tanh`, value: (s) => c * Math.tanh(s), derivative: (s) => c * tanh.derivative(s) };
      const dual = hermiteDual(scaled);
      expect(dual.variance).toBe(c * c * base.variance);
      for (const phi of [0.3, 1.2, 2.5]) {
        expect(dual.gap(phi, Math.PI - phi), `c = ${c}, φ = ${phi}`).toBe(c * c * base.gap(phi, Math.PI - phi));
        expect(dual.slope(phi, Math.PI - phi), `c = ${c}, φ = ${phi}`).toBe(c * c * base.slope(phi, Math.PI - phi));
      }
    }
  });

  it('should name the activation and the term count when the tail does not converge', () => {
    expect(() => hermiteDual(leakyRelu(0))).toThrow(
      new RangeError('leaky-relu(0): the Hermite tail is not below 1e-17 relative within 500 terms'),
    );
  });
});
