/**
 * The a-block quantities of src/theory/a-fixed-point.ts and src/theory/step-sizes.ts (THEORY.md
 * §3 D4, D8; §7), checked against the explicit k×k matrices they summarise:
 *
 *   A = ((π−1)I + 11ᵀ)/2π,   B(φ) = ((g(φ)−1)I + 11ᵀ)/2π,   a(φ) = A⁻¹B(φ)a*,
 *
 * the spectrum of A and the spectral radius of I − η_a A by power iteration, a(φ) by Gaussian
 * elimination. None of the closed forms (eigenvalues on 1 and 1^⊥, Sherman–Morrison) is used to
 * compute the expected values.
 */
import { describe, expect, it } from 'vitest';
import { gFromComplement } from '../../src/model/angle-functions.ts';
import { aContractionFactor, aFixedPoint, aHessianEigenvalues, slowestDirection, wLocalContractionFactor } from '../../src/theory/a-fixed-point.ts';
import { spuriousA } from '../../src/theory/stationary-points.ts';
import { protocolStepSizes, stabilityThresholdA, unitStepA } from '../../src/theory/step-sizes.ts';
import { solve } from '../independent/linear-solve.ts';

const KS = [1, 2, 3, 5, 8];

function matrixA(k: number): number[][] {
  return Array.from({ length: k }, (_, i) => Array.from({ length: k }, (_, j) => ((i === j ? Math.PI - 1 : 0) + 1) / (2 * Math.PI)));
}

function apply(m: number[][], x: number[]): number[] {
  return m.map((row) => row.reduce((s, mij, j) => s + mij * x[j], 0));
}

function norm(x: number[]): number {
  return Math.hypot(...x);
}

/** Spectral radius of a symmetric matrix by power iteration from a generic start. */
function spectralRadius(m: number[][]): number {
  let x = m.map((_, i) => 1 + 0.37 * i - 0.05 * i * i);
  let rho = 0;
  for (let it = 0; it < 2000; it++) {
    const y = apply(m, x);
    rho = norm(y) / norm(x);
    if (rho === 0) return 0;
    x = y.map((v) => v / norm(y));
  }
  return rho;
}

function expectClose(actual: number, expected: number, rel: number, what: string): void {
  expect(Math.abs(actual - expected), `${what}: ${actual} vs ${expected}`).toBeLessThanOrEqual(rel * Math.abs(expected));
}

describe('a-block spectrum (D4, D8)', () => {
  it('should give the eigenvalues of A: (π−1+k)/2π on 1 and (π−1)/2π on 1^⊥', () => {
    for (const k of KS) {
      const { orthogonal, ones } = aHessianEigenvalues(k);
      const a = matrixA(k);
      const one = new Array<number>(k).fill(1);
      apply(a, one).forEach((v) => expectClose(v, ones, 1e-15, `k = ${k}, A·1`));
      if (k >= 2) {
        const perp = one.map((_, i) => (i === 0 ? 1 : i === 1 ? -1 : 0));
        const ap = apply(a, perp);
        expectClose(ap[0], orthogonal, 1e-15, `k = ${k}, A(e₁ − e₂)`);
        expectClose(ap[1], -orthogonal, 1e-15, `k = ${k}, A(e₁ − e₂)`);
      }
      expectClose(spectralRadius(a), ones, 1e-12, `k = ${k}, λ_max(A)`);
    }
  });

  it('should put η_a = 2π/(π−1+k) at 1/λ_max(A) and the stability threshold 4π/(π−1+k) at 2/λ_max(A)', () => {
    for (const k of KS) {
      const lambdaMax = spectralRadius(matrixA(k));
      expectClose(unitStepA(k), 1 / lambdaMax, 1e-12, `k = ${k}, unit step`);
      expectClose(stabilityThresholdA(k), 2 / lambdaMax, 1e-12, `k = ${k}, threshold`);
    }
  });

  it('should scale the protocol steps as η_a = α·2π/(π−1+k), η_w = β·η_a', () => {
    const { etaA, etaW } = protocolStepSizes(5, 0.5, 10);
    expectClose(etaA, (0.5 * 2 * Math.PI) / (Math.PI + 4), 1e-15, 'η_a');
    expectClose(etaW, 10 * etaA, 1e-15, 'η_w');
  });

  it('should give ρ_a = the spectral radius of I − η_a A, on both sides of the threshold, and reject k < 1', () => {
    for (const k of KS) {
      for (const alpha of [0.1, 0.5, 0.9, 1, 1.2, 1.9, 2.1, 3]) {
        const etaA = alpha * unitStepA(k);
        const m = matrixA(k).map((row, i) => row.map((v, j) => (i === j ? 1 : 0) - etaA * v));
        expectClose(aContractionFactor(k, etaA), spectralRadius(m), 1e-9, `k = ${k}, α = ${alpha}`);
      }
    }
    expect(() => aContractionFactor(0, 1)).toThrow(new RangeError('k must be a positive integer (got 0)'));
    expect(() => aContractionFactor(2.5, 1)).toThrow(new RangeError('k must be a positive integer (got 2.5)'));
  });

  it('should give a slowest direction: a unit vector along which ‖(I − η_a A)x‖ = ρ_a', () => {
    for (const k of KS) {
      for (const alpha of [0.1, 0.9, 1.5, 1.9, 2.5]) {
        const etaA = alpha * unitStepA(k);
        const x = Array.from(slowestDirection(k, etaA));
        expectClose(norm(x), 1, 1e-15, `k = ${k}, α = ${alpha}, ‖x‖`);
        const m = matrixA(k).map((row, i) => row.map((v, j) => (i === j ? 1 : 0) - etaA * v));
        expectClose(norm(apply(m, x)), aContractionFactor(k, etaA), 1e-12, `k = ${k}, α = ${alpha}`);
      }
    }
  });

  it('should give ρ_w = |1 − η_w‖a*‖²/(2r²)| (D9)', () => {
    expect(wLocalContractionFactor(1, 2, 1)).toBe(0);
    expectClose(wLocalContractionFactor(3, 2, 1), 2, 1e-15, 'ρ_w beyond the threshold');
    expectClose(wLocalContractionFactor(0.5, 2, 2), 0.875, 1e-15, 'ρ_w at r = 2');
  });
});

describe('a(φ) of D4 against A a = B(φ) a*', () => {
  const aStars = [[1.3], [0.7, -1.1], [1, 2, -0.5], [0.3, -0.2, 0.9, 1.4, -2.2], [1, 1, 1, 1, 1, 1, 1, 1]];

  it('should solve the normal equations of L in a for φ from 0 to π', () => {
    for (const aStar of aStars) {
      const k = aStar.length;
      const sum = aStar.reduce((s, x) => s + x, 0);
      for (const piMinusPhi of [Math.PI, 2.5, Math.PI / 2, 1, 1e-3, 0]) {
        const g = gFromComplement(piMinusPhi);
        const b = aStar.map((_, i) => aStar.reduce((s, x, j) => s + ((i === j ? g - 1 : 0) + 1) * x, 0) / (2 * Math.PI));
        const expected = solve(matrixA(k), b);
        const actual = aFixedPoint(piMinusPhi, Float64Array.from(aStar), sum);
        const scale = norm(aStar);
        expected.forEach((v, j) => {
          expect(Math.abs(actual[j] - v), `k = ${k}, π − φ = ${piMinusPhi}, j = ${j}`).toBeLessThanOrEqual(1e-13 * scale);
        });
      }
    }
  });

  it('should be the spurious a_sp of D5 at φ = π', () => {
    for (const aStar of aStars) {
      const sum = aStar.reduce((s, x) => s + x, 0);
      const atPi = aFixedPoint(0, Float64Array.from(aStar), sum);
      const sp = spuriousA(Float64Array.from(aStar), sum);
      atPi.forEach((v, j) => expect(Math.abs(v - sp[j]), `j = ${j}`).toBeLessThanOrEqual(1e-15 * norm(aStar)));
    }
  });
});
