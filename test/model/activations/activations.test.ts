/**
 * The pointwise activations of src/model/activations/ against their module comments: leaky ReLU's
 * one-sided derivative at the kink (σ'(0) = λ, so λ = 0 is ReLU with σ'(0) = 0) and its slope
 * checks; softplus's two forms in both tails (no overflow, no lost tail); names for reports.
 */
import { describe, expect, it } from 'vitest';
import { gelu } from '../../../src/model/activations/gelu.ts';
import { assertLeakySlope, leakyRelu } from '../../../src/model/activations/leaky-relu.ts';
import { softplus } from '../../../src/model/activations/softplus.ts';
import { tanh } from '../../../src/model/activations/tanh.ts';
import { leakyReluDual } from '../../../src/model/leaky-relu-population-loss.ts';

describe('leakyRelu', () => {
  it('should be s for s > 0 and λs for s ≤ 0, with σ\'(s) = 1 for s > 0 and λ for s ≤ 0', () => {
    const sigma = leakyRelu(0.25);
    expect(sigma.value(2)).toBe(2);
    expect(sigma.value(-2)).toBe(-0.5);
    expect(sigma.value(0)).toBe(0);
    expect(sigma.derivative(3)).toBe(1);
    expect(sigma.derivative(-3)).toBe(0.25);
    // The kink: the one-sided choice of the comment is the left slope λ.
    expect(sigma.derivative(0)).toBe(0.25);
    expect(sigma.derivative(Number.MIN_VALUE)).toBe(1);
  });

  it('should be ReLU with σ\'(0) = 0 at λ = 0 and the identity at λ = 1', () => {
    const relu = leakyRelu(0);
    expect(relu.value(-3)).toBe(-0); // λs = 0·(−3)
    expect(relu.derivative(0)).toBe(0);
    expect(relu.derivative(-1)).toBe(0);
    const id = leakyRelu(1);
    for (const s of [-2.5, 0, 1.5]) {
      expect(id.value(s)).toBe(s);
      expect(id.derivative(s)).toBe(1);
    }
  });

  it('should accept λ in [0, 1], ends included, and reject anything else by name', () => {
    for (const lambda of [0, 1e-300, 0.5, 1]) expect(() => assertLeakySlope(lambda)).not.toThrow();
    for (const lambda of [-1e-300, 1 + 2 ** -52, 2, Number.NaN, Infinity, -Infinity]) {
      expect(() => assertLeakySlope(lambda)).toThrow(new RangeError(`leaky ReLU slope λ must be in [0, 1] (got ${lambda})`));
      expect(() => leakyRelu(lambda)).toThrow(RangeError);
      expect(() => leakyReluDual(lambda)).toThrow(RangeError);
    }
  });

  it('should name itself leaky-relu(λ), the same name as its dual activation', () => {
    expect(leakyRelu(0.1).name).toBe('leaky-relu(0.1)');
    expect(leakyReluDual(0.1).name).toBe('leaky-relu(0.1)');
    expect(leakyReluDual(0).name).toBe(leakyRelu(0).name);
  });
});

describe('softplus', () => {
  it('should keep the tails: σ(s) = s + log1p(e^{−s}) for large s, log1p(eˢ) for very negative s', () => {
    // σ(−40) = log1p(e^{−40}) = e^{−40}(1 − e^{−40}/2 + …): relative 1e-18 from e^{−40}, below the
    // rounding of either double (measured 0 ulps); tolerance 1 ulp.
    expect(Math.abs(softplus.value(-40) - Math.exp(-40))).toBeLessThanOrEqual(2 ** -52 * Math.exp(-40));
    expect(softplus.value(-700)).toBeGreaterThan(0);
    expect(softplus.value(40)).toBe(40); // e^{−40} is below half an ulp of 40
    expect(softplus.value(1e308)).toBe(1e308);
    // Symmetry σ(s) − σ(−s) = s (log(1 + eˢ) − log(1 + e^{−s}) = s): measured 0 ulps at these s;
    // tolerance 1 ulp of s.
    for (const s of [0.5, 3, 17]) expect(Math.abs(softplus.value(s) - softplus.value(-s) - s)).toBeLessThanOrEqual(2 ** -52 * s);
  });

  it('should give the logistic derivative without overflow in both tails', () => {
    expect(softplus.derivative(800)).toBe(1);
    expect(softplus.derivative(-800)).toBe(0);
    // σ'(−710) = 1/(1 + e^{710}) = e^{−710}/(1 + e^{−710}): e^{710} overflows, so the form for s < 0
    // must be eˢ/(1 + eˢ). Both numbers are the double e^{−710} ≈ 4.5e-309 (subnormal, measured
    // equal); tolerance 1e-12 relative.
    const expected = Math.exp(-710);
    expect(expected).toBeGreaterThan(0);
    expect(Math.abs(softplus.derivative(-710) - expected)).toBeLessThanOrEqual(1e-12 * expected);
    // σ'(s) + σ'(−s) = 1: measured ≤ 0.5 ulp; tolerance 1 ulp.
    for (const s of [0.25, 2, 30]) expect(Math.abs(softplus.derivative(s) + softplus.derivative(-s) - 1)).toBeLessThanOrEqual(2 ** -52);
  });
});

describe('names', () => {
  it('should name the smooth activations for reports', () => {
    expect([softplus.name, tanh.name, gelu.name]).toEqual(['softplus', 'tanh', 'gelu']);
  });

  it('should give tanh\'s derivative 1 − tanh² (σ\'(±1) = sech² 1)', () => {
    const sech2 = 1 / Math.cosh(1) ** 2;
    // Measured 0.6 ulp apart (a few roundings each); tolerance 4 ulps.
    expect(Math.abs(tanh.derivative(1) - sech2)).toBeLessThanOrEqual(4 * 2 ** -52 * sech2);
    expect(Math.abs(tanh.derivative(-1) - sech2)).toBeLessThanOrEqual(4 * 2 ** -52 * sech2);
  });

  it('should give GELU σ(s) = sΦ(s) with σ(s) → s and σ\'(s) → 1 for large s, → 0 for very negative s', () => {
    expect(gelu.value(10)).toBe(10);
    expect(gelu.derivative(10)).toBe(1);
    expect(Math.abs(gelu.value(-10))).toBeLessThan(1e-20);
    expect(Math.abs(gelu.derivative(-10))).toBeLessThan(1e-20);
    // σ(1) = Φ(1) = 0.841344746068542948585…; σ'(1) = Φ(1) + ϕ(1) = 1.083315470587686318…
    // Measured relative errors 0 and 0; tolerance 1e-13 (normalCdf's stated accuracy).
    expect(Math.abs(gelu.value(1) - 0.8413447460685429) / 0.8413447460685429).toBeLessThanOrEqual(1e-13);
    expect(Math.abs(gelu.derivative(1) - 1.0833154705876864) / 1.0833154705876864).toBeLessThanOrEqual(1e-13);
  });
});
