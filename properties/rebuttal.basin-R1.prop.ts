/**
 * rebuttal.basin-R1 — rebuttal l. 28–29 (R1: l. 23–24).
 * "GD stays in R_1, and converges to the global optimum": from a start in R1 = {aᵀa* > 0, φ < π/2},
 * every iterate stays in R1 and the run ends global. Refuted: one a-step can turn aᵀa* negative
 * (through −η_a(1ᵀa_0)(1ᵀa*)/2π), after which the angle opens past π/2 (D3). With the region of β
 * per k where no counterexample is found. Formalization: src/claims/rebuttal.basin-R1.ts.
 */
import { describe, expect, it } from 'vitest';
import { runTrainSpec, type TrainSpec } from '../src/io/train-spec.ts';
import { r1Margins } from '../src/claims/rebuttal.basin-R1.ts';
import { protocolStepSizes } from '../src/theory/step-sizes.ts';
import { inR1 } from '../src/theory/regions.ts';
import { itReachesRegistryVerdict } from './claim-harness.ts';

/**
 * v* = e = (1, 1)/√2 (w* = 0), a* = (1, 0); w_0 at φ_0 = π/2 − 0.01 from e; a_0 = (0.01, 10):
 * a_0ᵀa* = 0.01 > 0, and its part ⟂ a* lies along 1. α = β = 1 (k = 2).
 */
function r1Start(): TrainSpec {
  const phi0 = Math.PI / 2 - 0.01;
  const c = Math.cos(phi0) * Math.SQRT1_2;
  const s = Math.sin(phi0) * Math.SQRT1_2;
  const { etaA, etaW } = protocolStepSizes(2, 1, 1);
  return {
    p: 2,
    k: 2,
    w0: [c + s - Math.SQRT1_2, c - s - Math.SQRT1_2],
    a0: [0.01, 10],
    wStar: [0, 0],
    aStar: [1, 0],
    etaW,
    etaA,
    steps: 20_000,
    record: { every: 1 },
  };
}

describe('rebuttal.basin-R1', () => {
  it('should leave R1 after one step and end spurious from a start in R1', () => {
    const result = runTrainSpec(r1Start());
    const [first, second] = result.trajectory ?? [];
    expect(inR1(first.aDotAStar, first.phi)).toBe(true);
    // a_1ᵀa* = a_0ᵀa*(1 − η_a(π−1)/2π) − η_a(1ᵀa_0)(1ᵀa*)/2π + η_a[(g − 1)‖a*‖² + (1ᵀa*)²]/2π ≈ −2.17.
    expect(second.aDotAStar).toBeCloseTo(-2.167, 3);
    expect(result.outcome).toBe('spurious');
    const m = r1Margins(r1Start());
    expect(m.exitStep).toBe(1);
    expect(m.angle).toBeLessThan(0);
  });

  itReachesRegistryVerdict('rebuttal.basin-R1');
});
