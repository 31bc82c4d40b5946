/**
 * rebuttal.basin-R2 — rebuttal l. 31 (R2: l. 23–24).
 * "If (w_0, a_0) falls in R_2, GD will get trapped in the spurious optimum": from a start in
 * R2 = {aᵀa* < 0, φ > π/2}, GD ends at φ_T > π − 0.1. Refuted: a moves towards a(φ) faster than φ
 * opens, aᵀa* turns positive and the angle closes. Formalization: src/claims/rebuttal.basin-R2.ts.
 */
import { describe, expect, it } from 'vitest';
import { evaluate } from '../src/model/population-loss.ts';
import { makeTeacher } from '../src/model/teacher.ts';
import { runTrainSpec, type TrainSpec } from '../src/io/train-spec.ts';
import { inR2 } from '../src/theory/regions.ts';
import { protocolStepSizes } from '../src/theory/step-sizes.ts';
import { itReachesRegistryVerdict } from './claim-harness.ts';

/** The counterexample the ci profile shrank to: φ_0 = π/2 + 1e-6, a_0ᵀa* = −1e-6, α = 0.01, β = 0.1. */
const shrunk: TrainSpec = {
  p: 2,
  k: 1,
  w0: [-0.6363961737786061, -0.777817530015845],
  a0: [0.00001],
  wStar: [-0.35355339059327373, -0.35355339059327373],
  aStar: [-0.1],
  etaW: 0.002,
  etaA: 0.02,
  steps: 20_000,
};

describe('rebuttal.basin-R2', () => {
  it('should let GD escape R2 to the global optimum (a start just inside R2)', () => {
    const t = makeTeacher(Float64Array.from(shrunk.wStar), Float64Array.from(shrunk.aStar));
    const start = evaluate(t, Float64Array.from(shrunk.w0), Float64Array.from(shrunk.a0));
    expect(inR2(shrunk.a0[0] * shrunk.aStar[0], start.phi)).toBe(true);
    const result = runTrainSpec(shrunk);
    expect(result.outcome).toBe('global');
    expect(result.phi).toBeLessThan(0.01);
  });

  it('should escape from deep in R2 when the spurious point is not a local minimum (D5)', () => {
    // a* = 1: (1ᵀa*)² = 16 > ((π−1+k)/π)‖a*‖² ≈ 11.8. φ_0 = 2.5 from v* = e, a_0 = −a*, α = β = 1.
    const phi0 = 2.5;
    const c = Math.cos(phi0) * Math.SQRT1_2;
    const s = Math.sin(phi0) * Math.SQRT1_2;
    const { etaA, etaW } = protocolStepSizes(4, 1, 1);
    const aStar = [1, 1, 1, 1];
    const result = runTrainSpec({
      p: 2,
      k: 4,
      w0: [c + s - Math.SQRT1_2, c - s - Math.SQRT1_2],
      a0: aStar.map((x) => -x),
      wStar: [0, 0],
      aStar,
      etaW,
      etaA,
      steps: 20_000,
    });
    expect(result.outcome).toBe('global');
  });

  itReachesRegistryVerdict('rebuttal.basin-R2');
});
