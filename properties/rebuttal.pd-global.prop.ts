/**
 * rebuttal.pd-global — rebuttal l. 34–37.
 * "there exists one global optimum such that the PD condition holds globally with respect to this
 * optimum": constants c > 0, ε with both blocks (a, and v = (e + w)/‖e + w‖) partially dissipative
 * on the whole space. The a-block is (D6); the v-block is not: by D7 ⟨−∇_w L, v* − v⟩ =
 * (aᵀa*)(π − φ)/(4π‖e + w‖)·‖v − v*‖² is unbounded below. Formalization:
 * src/claims/rebuttal.pd-global.ts.
 */
import { describe, expect, it } from 'vitest';
import { runTrainSpec } from '../src/io/train-spec.ts';
import { pdGlobalMargins } from '../src/claims/rebuttal.pd-global.ts';
import { pointTrainSpec, type ModelPoint } from '../src/claims/model.point.ts';
import { itReachesRegistryVerdict } from './claim-harness.ts';

/** φ = π/2 from v* = e (w* = 0), ‖e + w‖ = 1, a = −λa*. */
function point(lambda: number): ModelPoint {
  const aStar = [1, -0.5, 0.25];
  return { p: 2, k: 3, w: [Math.SQRT1_2 - Math.SQRT1_2, -Math.SQRT1_2 - Math.SQRT1_2], a: aStar.map((x) => -lambda * x), wStar: [0, 0], aStar };
}

describe('rebuttal.pd-global', () => {
  it('should need an ε growing linearly with |aᵀa*| for the v-block (D7), while the a-block holds', () => {
    const required = [1, 10, 100].map((lambda) => pdGlobalMargins(point(lambda)).vRequiredEpsilon);
    // At φ = π/2, ‖v − v*‖² = 2: required ε = c·2 + λ‖a*‖²(π/2)/(4π)·2 = 2c + λ‖a*‖²/4.
    const c = (Math.PI - 1) / (4 * Math.PI);
    for (const [i, lambda] of [1, 10, 100].entries()) {
      expect(required[i]).toBeCloseTo(2 * c + (lambda * 1.3125) / 4, 10);
    }
    expect(pdGlobalMargins(point(100)).vBlock).toBeLessThan(0);
    expect(pdGlobalMargins(point(100)).aBlock).toBeGreaterThanOrEqual(0);
  });

  it('should replay a point through `train` with steps 0 unchanged', () => {
    const x = point(100);
    const result = runTrainSpec(pointTrainSpec(x));
    expect(Array.from(result.w)).toEqual(x.w);
    expect(Array.from(result.a)).toEqual(x.a);
  });

  itReachesRegistryVerdict('rebuttal.pd-global');
});
