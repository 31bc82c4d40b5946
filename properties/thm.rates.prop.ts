/**
 * thm.rates — ours (THEORY.md §3 D8, D9); the shape of the bounds behind rebuttal l. 56–58.
 * D8: with w frozen, ‖a_t − a(φ)‖ ≤ ρ_a^t‖a_0 − a(φ)‖ for α ∈ (0, 2), with equality along the
 * slowest eigenvector; D9: near a global optimum ‖a_t − a*‖ contracts asymptotically at ρ_a and φ_t
 * at ρ_w = |1 − η_w‖a*‖²/(2r²)|. The suite finds D9's a-rate to be max(ρ_a, ρ_w²), not ρ_a.
 * Formalization and tolerances: src/claims/thm.rates.ts.
 */
import { describe, expect, it } from 'vitest';
import { makeTeacher } from '../src/model/teacher.ts';
import { aContractionFactor, slowestDirection } from '../src/theory/a-fixed-point.ts';
import { aFixedPointAt } from '../src/theory/a-fixed-point-at.ts';
import { protocolStepSizes } from '../src/theory/step-sizes.ts';
import { D8_TOLERANCE, D9_A_TOLERANCE, D9_W_TOLERANCE, measureRates } from '../src/claims/thm.rates.ts';
import type { TrainSpec } from '../src/io/train-spec.ts';
import { itReachesRegistryVerdict } from './claim-harness.ts';

/** A teacher with v* = e (w* = 0) and a* = (1, 0.5, −0.25). */
const teacher = { p: 2, k: 3, wStar: [0, 0], aStar: [1, 0.5, -0.25] };

/** w with e + w at angle φ from e = (1, 1)/√2, of norm 1. */
function wAtAngle(phi: number): number[] {
  const c = Math.cos(phi) * Math.SQRT1_2;
  const s = Math.sin(phi) * Math.SQRT1_2;
  return [c + s - Math.SQRT1_2, c - s - Math.SQRT1_2];
}

describe('thm.rates', () => {
  it('should attain D8 with equality along the slowest eigenvector (w frozen)', () => {
    const { etaA, etaW } = protocolStepSizes(3, 0.5, 1);
    const w0 = wAtAngle(1.2);
    const aPhi = aFixedPointAt(makeTeacher(Float64Array.from(teacher.wStar), Float64Array.from(teacher.aStar)), w0);
    const slowest = slowestDirection(3, etaA);
    const steps = 40;
    const spec: TrainSpec = {
      ...teacher,
      w0,
      a0: Array.from(aPhi, (x, j) => x + 0.5 * slowest[j]),
      etaA,
      etaW,
      steps,
      schedule: { kind: 'layerwise', switchStep: steps },
    };
    const m = measureRates({ part: 'D8-tight', spec });
    expect(m.predicted).toBeCloseTo(0.5 * aContractionFactor(3, etaA) ** steps, 15);
    expect(Math.abs(m.observed / m.predicted - 1)).toBeLessThanOrEqual(D8_TOLERANCE);
  });

  it('should contract φ_t at ρ_w and ‖a_t − a*‖ at ρ_w² (not ρ_a) when ρ_w² > ρ_a', () => {
    const { etaA } = protocolStepSizes(3, 1.5, 1);
    const rhoA = aContractionFactor(3, etaA); // 0.5
    const aStarNormSq = 1 + 0.25 + 0.0625;
    const etaW = ((1 - 0.95) * 2) / aStarNormSq; // ρ_w ≈ 0.95 at r = 1
    const slowest = slowestDirection(3, etaA);
    const base = { ...teacher, w0: wAtAngle(5e-4), etaA, etaW, steps: 20_000 };
    const aRate = measureRates({
      part: 'D9-a',
      spec: { ...base, a0: teacher.aStar.map((x, j) => x + 0.02 * slowest[j]), record: { every: 1, vectors: true } },
    });
    const rhoW = aRate.rhoW ?? NaN;
    expect(rhoW * rhoW).toBeGreaterThan(1.5 * rhoA);
    expect(Math.abs(aRate.observed / (rhoW * rhoW) - 1)).toBeLessThanOrEqual(D9_A_TOLERANCE);
    expect(aRate.observed / rhoA - 1).toBeGreaterThan(0.5);
    const phiRate = measureRates({ part: 'D9-w', spec: { ...base, a0: teacher.aStar, record: { every: 1 } } });
    expect(Math.abs(phiRate.observed / phiRate.predicted - 1)).toBeLessThanOrEqual(D9_W_TOLERANCE);
  });

  itReachesRegistryVerdict('thm.rates');
});
